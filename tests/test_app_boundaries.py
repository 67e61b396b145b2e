"""Which app may import which. Read from the source with `ast`, so nothing is imported.

`roles` is reference data and sits below the plans: it imports nothing from `planning`,
`governance` or `evaluation` (they build on it). `governance` and `evaluation` are parts of a
plan side by side: each reaches the other only through planning's registries
(`planning.records`, `planning.panels`), never by importing it.
"""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

ROOT = Path(__file__).resolve().parents[1]

# Calls whose first argument names a module or a model ("planning.Risk") as a string.
STRING_IMPORTS = {
    "import_module",
    "get_model",
    "__import__",
    "ForeignKey",
    "OneToOneField",
    "ManyToManyField",
}

FORBIDDEN = {
    "roles": {"planning", "governance", "evaluation"},
    "governance": {"evaluation"},
    "evaluation": {"governance"},
}


def _sources(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.relative_to(ROOT).parts:
            yield path


def _names_imported(tree):
    """(line, dotted name) of every import, and of every module or model named as a string."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                name in STRING_IMPORTS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield node.lineno, first.value


def _crossings(app):
    forbidden = FORBIDDEN[app]
    found = []
    for path in _sources(app):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in _names_imported(tree):
            if name.split(".")[0] in forbidden:
                found.append(f"{path.relative_to(ROOT)}:{line} names {name}")
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_apps_import_only_what_sits_below_them(app):
    assert list(_sources(app)), f"no source files found for {app}"
    assert _crossings(app) == [], f"{app} may not import {sorted(FORBIDDEN[app])}"


def test_the_boundary_check_sees_every_kind_of_import():
    tree = ast.parse(
        "import planning\n"
        "import planning.workflow as w\n"
        "from planning.workflow import QUESTIONS\n"
        "def f():\n"
        "    from governance import models\n"
        "apps.get_model('evaluation', 'Metric')\n"
        "models.ForeignKey('planning.ImplementationPlan', on_delete=None)\n"
        "from .models import Role\n"
    )
    assert sorted(name for _, name in _names_imported(tree)) == [
        "evaluation",
        "governance",
        "planning",
        "planning.ImplementationPlan",
        "planning.workflow",
        "planning.workflow",
    ]


def test_the_workflow_still_checks_role_packages_answers():
    """roles cannot import the workflow's questions: planning registers the check instead."""
    from roles.models import RoleTemplate, Stage
    from roles.packages import validate_package

    stage = Stage.UNDERPINNING_APPROACH
    validate_package(RoleTemplate(answers={stage: {"approach": "PDSA cycles"}}))
    with pytest.raises(ValidationError) as raised:
        validate_package(RoleTemplate(answers={stage: {"approach": "PDSA", "made_up": "?"}}))
    assert raised.value.message_dict == {"answers": [f"Unknown questions for {stage}: ['made_up']"]}
