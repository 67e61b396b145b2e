"""The bench (`bench/`, run by `make bench`) stays outside the site, and the helpers its
figures rely on do what they say. The bench itself runs in CI: `make bench BENCH_ARGS=--quick`.
"""

import ast
from pathlib import Path

import pytest

from bench.htmlforms import form_with
from bench.plans import OWN_PLAN_SIZES, build_plan, make_cold

ROOT = Path(__file__).resolve().parents[2]
APPS = ("newroles", "roles", "planning", "governance", "evaluation")


def _modules_imported(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_no_app_imports_the_bench():
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            found += [
                f"{path.relative_to(ROOT)}:{line} imports {name}"
                for line, name in _modules_imported(tree)
                if name.split(".")[0] == "bench"
            ]
    assert found == []


def test_form_with_reads_a_post_form_as_a_browser_would_send_it():
    html = """
        <form method="get"><input name="q"></form>
        <form method="post" action="/save/">
          <input type="hidden" name="csrfmiddlewaretoken" value="token">
          <input type="submit" name="go" value="Save">
          <textarea name="answer">
Kept as written</textarea>
          <select name="band">
            <option value="">Choose</option><option value="4">4</option>
            <option value="5" selected>5</option>
          </select>
          <input type="radio" name="stance" value="a"><input type="radio" name="stance" value="b">
          <input type="checkbox" name="draft" value="1">
        </form>
    """
    form = form_with(html, "answer")
    assert form["action"] == "/save/"
    # No submit button, the newline after <textarea> dropped, the selected option, a required
    # choice's first radio, an unticked box left out.
    assert form["fields"] == {
        "csrfmiddlewaretoken": "token",
        "answer": "Kept as written",
        "band": "5",
        "stance": "a",
    }
    assert form_with(html, "q") is None  # only POST forms are read


@pytest.mark.django_db
def test_a_load_users_plan_has_its_sizes_and_a_change_makes_it_cold():
    plan, built = build_plan(OWN_PLAN_SIZES)
    assert plan.stakeholders.count() == built["stakeholders"] == 30
    assert plan.risks.count() == 20
    assert plan.training_activities.count() == 10
    assert plan.checkpoints.count() == built["checkpoints"] == 10
    assert plan.funding_sources.count() == 5
    version = plan.version
    make_cold(plan.pk)
    plan.refresh_from_db()
    assert plan.version == version + 1  # what the plan's cache is keyed on
