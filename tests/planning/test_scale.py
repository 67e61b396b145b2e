"""Every page of a plan runs the same number of queries however large the plan grows.

The pages are found from the URL resolver (every GET page about one plan, each stage and each
spreadsheet), so a new page is covered the day it is added. The plan grows from one record of
each part to the sizes issue 5 names: 200 stakeholders, 100 checkpoints, 50 training activities
and 20 funding sources, with many of everything else besides.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planning import panels
from roles.models import Stage
from tests.evaluation.factories import (
    CheckpointFactory,
    LogicModelFactory,
    MeasurementFactory,
    MetricFactory,
    ObjectiveFactory,
)
from tests.factories import (
    CompetencyFactory,
    FundingSourceFactory,
    ImplementationPlanFactory,
    PlanActionFactory,
    PostFactory,
    RiskFactory,
    TrainingActivityFactory,
)
from tests.governance.factories import (
    CommunicationItemFactory,
    GovernanceArrangementFactory,
    ImpactAssessmentFactory,
    PolicyRequirementFactory,
    ScopeActivityFactory,
    StakeholderFactory,
)
from tests.url_walk import routes

# Typesetting a PDF twice per size takes seconds; the documents' own tests check that building
# them runs constant queries (tests/planning/test_documents.py).
TYPESET = {"documents:pdf", "documents:summary_pdf"}


def plan_pages():
    """(url name, extra kwargs) for every page addressed by a plan alone (and a stage or an
    export key)."""
    pages = []
    for route in routes():
        params = set(route.params)
        if "plan_pk" not in params or route.name in TYPESET:
            continue
        extra = params - {"plan_pk"}
        if not extra:
            pages.append((route.name, {}))
        elif extra == {"stage"}:
            pages.extend((route.name, {"stage": stage}) for stage in Stage.values)
        elif extra == {"key"}:
            pages.extend((route.name, {"key": export.key}) for export in panels.csv_exports())
    return pages


def one_of_everything(plan):
    StakeholderFactory(plan=plan)
    CommunicationItemFactory(plan=plan)
    GovernanceArrangementFactory(plan=plan)
    ScopeActivityFactory(plan=plan)
    ImpactAssessmentFactory(plan=plan)
    PolicyRequirementFactory(plan=plan)
    PlanActionFactory(plan=plan)
    RiskFactory(plan=plan)
    TrainingActivityFactory(plan=plan)
    CompetencyFactory(plan=plan)
    FundingSourceFactory(plan=plan)
    PostFactory(plan=plan)
    LogicModelFactory(plan=plan)
    MeasurementFactory(metric=MetricFactory(plan=plan))


def grow(plan):
    StakeholderFactory.create_batch(200, plan=plan)
    checkpoints = CheckpointFactory.create_batch(100, plan=plan)
    TrainingActivityFactory.create_batch(50, plan=plan)
    FundingSourceFactory.create_batch(20, plan=plan)
    CommunicationItemFactory.create_batch(20, plan=plan)
    ScopeActivityFactory.create_batch(20, plan=plan)
    ImpactAssessmentFactory.create_batch(5, plan=plan)
    PolicyRequirementFactory.create_batch(10, plan=plan)
    PlanActionFactory.create_batch(30, plan=plan)
    RiskFactory.create_batch(30, plan=plan)
    CompetencyFactory.create_batch(20, plan=plan)
    PostFactory.create_batch(10, plan=plan)
    for objective in ObjectiveFactory.create_batch(5, plan=plan):
        for metric in MetricFactory.create_batch(4, plan=plan, objective=objective):
            for checkpoint in checkpoints[:5]:
                MeasurementFactory(metric=metric, checkpoint=checkpoint)


@pytest.fixture
def plan(organisation, cycle, lead):
    plan = ImplementationPlanFactory(organisation=organisation, owner=lead)
    one_of_everything(plan)
    return plan


def query_counts(client, plan, pages):
    counts = {}
    for name, extra in pages:
        url = reverse(name, kwargs={"plan_pk": plan.pk, **extra})
        client.get(url)  # warm: sessions, caches and the like settle first
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(queries.captured_queries)
    return counts


def test_the_walk_finds_the_plans_pages():
    names = {name for name, _ in plan_pages()}
    # A guard that the walk itself works: these must always be among the pages checked.
    assert {
        "planning:plan_detail",
        "planning:stage",
        "planning:export_csv",
        "governance:stakeholder_list",
        "evaluation:checkpoint_list",
        "planning:training",
        "planning:funding",
        "evaluation:monitoring",
    } <= names
    assert len(plan_pages()) > 40


def test_every_plan_page_runs_the_same_queries_with_200_stakeholders_100_checkpoints_50_training_activities_and_20_funding_sources(  # noqa: E501
    lead_client, plan
):
    pages = plan_pages()
    small = query_counts(lead_client, plan, pages)
    grow(plan)
    large = query_counts(lead_client, plan, pages)
    grew = {url: (small[url], large[url]) for url in small if large[url] > small[url]}
    assert not grew, f"pages whose queries grew with the plan (small, large): {grew}"
