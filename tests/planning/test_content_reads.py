"""Stage panels and gap sources are cached for the versions of the kinds of record they say they
read (`reads`, see planning.panels and planning.plan_cache). A kind read but not declared would
leave a page showing what was there before a change, so these tests run every registered
panel and gap source on a plan with every part filled, and check that each table its queries
touch is one it declared, the plan's own, or reference data and people (tracked otherwise)."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planning import panels, plan_cache
from planning.management.commands.bench import build_large_plan
from planning.models import ImplementationPlan
from planning.records import models_of_kind
from roles.models import Stage

pytestmark = pytest.mark.django_db

SMALL = {
    "stakeholders": 4,
    "checkpoints": 3,
    "metrics": 2,
    "training": 2,
    "risks": 3,
    "actions": 2,
    "posts": 2,
    "competencies": 2,
}
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"([^"]+)"', re.IGNORECASE)


@pytest.fixture
def plan():
    plan, _ = build_large_plan(SMALL)
    return ImplementationPlan.objects.get(pk=plan.pk)


def tables_read(call) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        call()
    return {table for query in queries for table in TABLE.findall(query["sql"])}


def tables_of(model) -> set[str]:
    """A model's table, its history's and its many-to-many tables."""
    tables = {model._meta.db_table}
    tables |= {field.remote_field.through._meta.db_table for field in model._meta.many_to_many}
    history = getattr(model, "history", None)
    if history is not None and hasattr(history, "model"):
        tables.add(history.model._meta.db_table)
    return tables


def free_tables() -> set[str]:
    """Read without declaring: the plan itself (its lock_version is in every key), reference
    data (the reference generation is) and people."""
    free = tables_of(ImplementationPlan)
    for model in plan_cache.reference_models():
        free |= tables_of(model)
    for app in ("roles", "accounts"):
        for model in apps.get_app_config(app).get_models():
            free |= tables_of(model)
    return free


def undeclared(call, reads) -> set[str]:
    allowed = free_tables()
    for kind in reads:
        for model in models_of_kind(kind):
            allowed |= tables_of(model)
    return tables_read(call) - allowed


PANELS = [(stage, panel) for stage in Stage.values for panel in panels.panels_for(stage)]


@pytest.mark.parametrize(
    ("stage", "panel"), PANELS, ids=[f"{stage}-{panel.key}" for stage, panel in PANELS]
)
def test_each_panel_declares_every_kind_of_record_it_reads(plan, stage, panel):
    assert panel.reads is not None, f"panel {panel.key} does not say what it reads"
    assert undeclared(lambda: panel.context(plan), panel.reads) == set()


SOURCES = panels.gap_sources()


@pytest.mark.parametrize("source", SOURCES, ids=[source.name for source in SOURCES])
def test_each_gap_source_declares_every_kind_of_record_it_reads(plan, source):
    assert source.reads is not None, f"gap source {source.name} does not say what it reads"
    assert undeclared(lambda: source.report(plan), source.reads) == set()


def test_the_overview_pieces_declare_what_they_read(plan):
    from planning import selectors

    cache = plan_cache.PlanCache(plan)
    reads = []
    original = cache.get

    def recording_get(name, compute, reads_=None, **kwargs):
        declared = kwargs.get("reads", reads_)
        reads.append((name, declared, undeclared(compute, declared or ())))
        return compute()

    cache.get = recording_get
    selectors.overview_content(plan, cache)
    cache.get = original
    assert reads, "the overview caches nothing"
    assert [(name, extra) for name, declared, extra in reads if extra] == []
    assert all(declared is not None for _, declared, _ in reads)


def test_the_checker_sees_a_kind_that_is_not_declared(plan):
    from governance.models import Stakeholder

    assert undeclared(lambda: list(Stakeholder.objects.filter(plan=plan)), ()) == {
        Stakeholder._meta.db_table
    }
    assert undeclared(lambda: list(Stakeholder.objects.filter(plan=plan)), (Stakeholder,)) == set()
