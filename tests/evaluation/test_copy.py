"""Copying a plan: evaluation parts follow their copies and results stay with the original.

`planning.services.copy_plan` saves every live part of the plan again, model by model. A
metric points at an objective and a measurement at a metric and a checkpoint, so a naive copy
would leave the copy's metrics serving the original plan's objectives. Instead:
- a copied metric serves the copy of its objective;
- measurements are results, owned by their metric: they stay with the original plan, and the
  copy's checkpoints start again as planned, without findings or a decision.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import EvaluationCheckpoint, LogicModel, Measurement, Metric, Objective
from planning.models import ImplementationPlan
from tests.evaluation.factories import (
    CheckpointFactory,
    LogicModelFactory,
    MeasurementFactory,
    MetricFactory,
    ObjectiveFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(plan):
    objective = ObjectiveFactory(plan=plan, statement="Shorter waits")
    metric = MetricFactory(plan=plan, objective=objective, name="Days to assessment")
    checkpoint = CheckpointFactory(
        plan=plan, status="done", findings="Waits fell.", decision="continue"
    )
    MeasurementFactory(metric=metric, checkpoint=checkpoint, value=12)
    binned = ObjectiveFactory(plan=plan, statement="Dropped objective")
    MetricFactory(plan=plan, objective=binned, name="Hidden with its objective")
    binned.deleted_at = timezone.now()
    binned.save()
    LogicModelFactory(plan=plan, inputs="Two workers")
    return objective, metric, checkpoint


def copy_of(lead_client, plan):
    response = lead_client.post(
        reverse("planning:plan_copy", args=[plan.pk]), {"title": "Second team"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return ImplementationPlan.objects.get(title="Second team")


def test_a_copied_metric_serves_the_copy_of_its_objective(lead_client, plan, evaluated):
    objective, metric, _ = evaluated
    copy = copy_of(lead_client, plan)

    (copied_objective,) = Objective.objects.filter(plan=copy)
    (copied_metric,) = Metric.objects.filter(plan=copy)
    assert copied_objective.statement == "Shorter waits"
    assert copied_objective.copied_from == objective
    assert copied_metric.name == "Days to assessment"
    assert copied_metric.objective == copied_objective
    assert copied_metric.objective.plan == copy

    metric.refresh_from_db()
    assert metric.objective == objective, "the original is untouched"
    assert Metric.all_objects.filter(plan=copy, name="Hidden with its objective").count() == 0


def test_results_stay_with_the_original_plan(lead_client, plan, evaluated):
    _, metric, checkpoint = evaluated
    copy = copy_of(lead_client, plan)

    (copied_checkpoint,) = EvaluationCheckpoint.objects.filter(plan=copy)
    assert (copied_checkpoint.title, copied_checkpoint.due_date) == (
        checkpoint.title,
        checkpoint.due_date,
    )
    assert (copied_checkpoint.status, copied_checkpoint.findings, copied_checkpoint.decision) == (
        "planned",
        "",
        "",
    )
    assert not Measurement.objects.filter(metric__plan=copy).exists()
    assert not Measurement.objects.filter(checkpoint__plan=copy).exists()
    assert [m.value for m in Measurement.objects.filter(metric=metric)] == [Decimal("12")]
    checkpoint.refresh_from_db()
    assert (checkpoint.status, checkpoint.decision) == ("done", "continue")
    assert LogicModel.objects.get(plan=copy).inputs == "Two workers"


def test_the_copy_works_as_a_plan_of_its_own(lead_client, plan, evaluated):
    copy = copy_of(lead_client, plan)
    (copied_metric,) = Metric.objects.filter(plan=copy)
    (copied_checkpoint,) = EvaluationCheckpoint.objects.filter(plan=copy)
    url = reverse("evaluation:measurements", args=[copy.pk, copied_checkpoint.pk])
    form = lead_client.get(url).context["form"]
    assert [m.pk for m in form.metrics] == [copied_metric.pk]
    page = lead_client.get(reverse("evaluation:objective_list", args=[copy.pk])).content.decode()
    assert "Days to assessment" in page and "Dropped objective" not in page
