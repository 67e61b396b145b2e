"""Evaluation in the plan's PDF and spreadsheets: the evaluation plan section (objectives,
metrics with their charts, the logic model, the checkpoints) and the checkpoints CSV."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import Metric
from newroles.accounts.permissions import Action
from planning import documents
from tests.access import assert_access
from tests.evaluation.factories import (
    CheckpointFactory,
    LogicModelFactory,
    MeasurementFactory,
    MetricFactory,
    ObjectiveFactory,
)
from tests.reading import pdf_text, read_csv, squashed

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(plan, cycle):
    objective = ObjectiveFactory(plan=plan, statement="Assess people within two days")
    metric = MetricFactory(plan=plan, objective=objective, name="Days to assessment")
    checkpoint = CheckpointFactory(plan=plan, title="Six-month review of the pilot")
    MeasurementFactory(metric=metric, checkpoint=checkpoint, value=12)
    LogicModelFactory(plan=plan, inputs="Two peer support workers and a supervisor")
    return plan


def test_the_pdf_has_the_evaluation_plan_with_its_content(lead_client, evaluated):
    assert "Evaluation plan" in documents.section_titles(evaluated)
    response = lead_client.get(reverse("documents:pdf", args=[evaluated.pk]))
    text = squashed(pdf_text(response.content))
    for expected in (
        "Evaluation plan",
        "Assess people within two days",
        "Days to assessment",
        "Six-month review of the pilot",
        "Two peer support workers and a supervisor",
    ):
        assert squashed(expected) in text, expected


def test_each_metric_is_charted_as_svg_in_the_document(lead_client, evaluated):
    preview = lead_client.get(reverse("documents:preview", args=[evaluated.pk])).content.decode()
    metric = Metric.objects.get(plan=evaluated)
    assert "<svg" in preview
    assert "Days to assessment: measured values against the baseline and target" in preview
    assert f'id="doc-metric-{metric.pk}' in preview


def test_an_empty_evaluation_says_so(lead_client, plan, cycle):
    preview = lead_client.get(reverse("documents:preview", args=[plan.pk])).content.decode()
    assert "No objectives recorded yet." in preview
    assert "No evaluation checkpoints planned yet." in preview


def test_hostile_text_is_escaped_in_the_preview_and_its_charts(lead_client, plan, cycle):
    hostile = '<img src="file:///etc/passwd"><script>alert(1)</script>'
    objective = ObjectiveFactory(plan=plan, statement=hostile)
    metric = MetricFactory(plan=plan, objective=objective, name=hostile)
    checkpoint = CheckpointFactory(plan=plan, title=hostile, findings=hostile)
    MeasurementFactory(metric=metric, checkpoint=checkpoint)
    page = lead_client.get(reverse("documents:preview", args=[plan.pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert '<img src="file:///etc/passwd">' not in page
    assert "&lt;script&gt;alert(1)" in page


def test_the_section_runs_the_same_queries_however_much_is_measured(plan, cycle):
    MeasurementFactory(metric=MetricFactory(plan=plan))
    section = next(s for s in documents.registered_sections() if s.key == "evaluation")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            section.context(plan)
        return len(captured.captured_queries)

    small = queries()
    checkpoints = CheckpointFactory.create_batch(30, plan=plan)
    for objective in ObjectiveFactory.create_batch(4, plan=plan):
        for metric in MetricFactory.create_batch(3, plan=plan, objective=objective):
            for checkpoint in checkpoints[:4]:
                MeasurementFactory(metric=metric, checkpoint=checkpoint)
    assert queries() == small


def test_the_checkpoints_download_as_a_spreadsheet_by_due_date(lead_client, plan):
    CheckpointFactory(plan=plan, title="Annual review", due_date=datetime.date(2028, 4, 1))
    CheckpointFactory(plan=plan, title="3-month review", due_date=datetime.date(2027, 7, 1))
    rows = read_csv(lead_client.get(reverse("planning:export_csv", args=[plan.pk, "checkpoints"])))
    assert rows[0] == ["Title", "Due date", "Kind", "Reviewer", "Status", "Decision", "Findings"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("3-month review", "2027-07-01"),
        ("Annual review", "2028-04-01"),
    ]


def test_checkpoint_cells_that_would_run_as_formulas_are_neutralised(lead_client, plan):
    CheckpointFactory(plan=plan, title="-1+2", findings='=HYPERLINK("http://x")')
    rows = read_csv(lead_client.get(reverse("planning:export_csv", args=[plan.pk, "checkpoints"])))
    assert rows[1][0] == "'-1+2"
    assert rows[1][-1] == '\'=HYPERLINK("http://x")'


def test_the_checkpoints_spreadsheet_follows_the_matrix(client, plan):
    assert_access(
        client,
        reverse("planning:export_csv", args=[plan.pk, "checkpoints"]),
        organisation=plan.organisation,
        action=Action.EXPORT,
    )
