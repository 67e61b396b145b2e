"""Metrics: the numbers that show whether an objective is met, each with its chart."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.models import Metric
from newroles.accounts.permissions import MemberRole
from tests.evaluation.factories import (
    CheckpointFactory,
    MeasurementFactory,
    MetricFactory,
    ObjectiveFactory,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective(plan):
    return ObjectiveFactory(plan=plan, statement="Cut the wait for a crisis assessment")


def metric_data(for_objective, **overrides):
    data = {
        "objective": str(for_objective.pk),
        "name": "Median days to assessment",
        "category": "service",
        "unit": "days",
        "baseline": "20",
        "target": "10",
        "direction": "lower",
        "data_source": "Patient record system",
    }
    data.update(overrides)
    return data


def test_an_editor_adds_a_metric_to_an_objective(client, plan, objective, member_of):
    client.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    url = reverse("evaluation:metric_create", args=[plan.pk])
    form = client.get(f"{url}?objective={objective.pk}").context["form"]
    assert form.initial["objective"] == objective.pk
    response = client.post(url, metric_data(objective))
    assert response["Location"] == reverse("evaluation:objective_list", args=[plan.pk])
    metric = Metric.objects.get()
    assert (metric.plan, metric.objective) == (plan, objective)
    assert (metric.baseline, metric.target, metric.direction) == (
        Decimal("20"),
        Decimal("10"),
        "lower",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Median days to assessment" in page
    assert "20 days" in page and "10 days" in page


def test_a_metric_can_wait_for_its_target_and_the_plan_lists_it_as_a_gap(
    lead_client, plan, objective
):
    lead_client.post(
        reverse("evaluation:metric_create", args=[plan.pk]),
        metric_data(objective, target="", name="Days to assessment"),
    )
    metric = Metric.objects.get()
    assert metric.target is None
    gaps = lead_client.get(reverse("planning:plan_gaps", args=[plan.pk])).content.decode()
    assert "Set a target: Days to assessment" in gaps
    detail = reverse("evaluation:metric_detail", args=[plan.pk, metric.pk])
    assert "No target yet" in lead_client.get(detail).content.decode()


def test_a_metric_can_start_without_a_baseline(lead_client, plan, objective):
    lead_client.post(
        reverse("evaluation:metric_create", args=[plan.pk]), metric_data(objective, baseline="")
    )
    assert Metric.objects.get().baseline is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"baseline": "about twenty"}, "Baseline must be a number, like 12.5"),
        ({"target": "ten"}, "Target must be a number, like 12.5"),
        ({"target": "10.125"}, "Target can have at most 2 decimal places"),
        ({"baseline": "12345678901"}, "Baseline must have 10 digits or fewer"),
        ({"name": ""}, "Enter the name of the metric"),
        ({"category": "vibes"}, "Select what kind of metric it is"),
        ({"direction": ""}, "Select which direction is better"),
        ({"objective": ""}, "Select the objective this metric shows"),
    ],
)
def test_bad_metric_input_shows_the_error_beside_the_field_and_saves_nothing(
    lead_client, plan, objective, overrides, message
):
    response = lead_client.post(
        reverse("evaluation:metric_create", args=[plan.pk]), metric_data(objective, **overrides)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="nhsuk-error-message"' in page
    assert message in page
    assert not Metric.objects.exists()


def test_a_metric_cannot_serve_another_plans_objective(lead_client, plan, other_plan):
    stranger = ObjectiveFactory(plan=other_plan)
    response = lead_client.post(
        reverse("evaluation:metric_create", args=[plan.pk]), metric_data(stranger)
    )
    assert "Select one of this plan&#x27;s objectives" in response.content.decode()
    assert not Metric.objects.exists()


def test_the_model_refuses_a_metric_whose_objective_is_in_another_plan(plan, other_plan):
    with pytest.raises(ValueError, match="own plan"):
        MetricFactory(plan=plan, objective=ObjectiveFactory(plan=other_plan))
    assert not Metric.all_objects.exists()


def test_a_metric_is_changed_and_its_page_follows(lead_client, plan, objective):
    metric = MetricFactory(plan=plan, objective=objective, baseline=None)
    url = reverse("evaluation:metric_update", args=[plan.pk, metric.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["baseline"] = "18.5"
    response = lead_client.post(url, data)
    assert response["Location"] == reverse("evaluation:metric_detail", args=[plan.pk, metric.pk])
    assert Metric.objects.get().baseline == Decimal("18.5")


def test_changing_a_metric_with_bad_input_keeps_the_saved_values(lead_client, plan, objective):
    metric = MetricFactory(plan=plan, objective=objective, baseline=20)
    url = reverse("evaluation:metric_update", args=[plan.pk, metric.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["baseline"] = "twenty-one"
    assert "Baseline must be a number" in lead_client.post(url, data).content.decode()
    assert Metric.objects.get().baseline == Decimal("20")


def test_deleting_a_metric_asks_first_and_restore_brings_back_its_measurements(
    lead_client, plan, objective
):
    metric = MetricFactory(plan=plan, objective=objective, name="Readmissions")
    MeasurementFactory(metric=metric, value=12)
    url = reverse("evaluation:metric_delete", args=[plan.pk, metric.pk])
    assert "Delete metric “Readmissions”?" in lead_client.get(url).content.decode()
    assert Metric.objects.exists()

    lead_client.post(url)
    assert not Metric.objects.exists()
    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]), {"kind": "metric", "pk": metric.pk}
    )
    restored = Metric.objects.get()
    assert [m.value for m in restored.measurements.all()] == [Decimal("12")]


def test_the_metric_page_shows_its_chart_table_and_rating(lead_client, plan, objective):
    metric = MetricFactory(plan=plan, objective=objective, baseline=20, target=10, unit="days")
    first = CheckpointFactory(plan=plan, title="Three months")
    second = CheckpointFactory(
        plan=plan, title="Six months", due_date=first.due_date.replace(year=first.due_date.year + 1)
    )
    MeasurementFactory(metric=metric, checkpoint=first, value=16)
    MeasurementFactory(metric=metric, checkpoint=second, value=13, note="Two workers in post")
    page = lead_client.get(reverse("evaluation:metric_detail", args=[plan.pk, metric.pk]))
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "Amber: moving towards target" in html
    assert "Two workers in post" in html
    for text in ("20 days", "10 days", "16 days", "13 days", "Three months", "Six months"):
        assert text in html


def test_a_metric_of_another_plan_is_not_found_through_this_plan(lead_client, plan, other_plan):
    stranger = MetricFactory(plan=other_plan)
    detail = reverse("evaluation:metric_detail", args=[plan.pk, stranger.pk])
    assert lead_client.get(detail).status_code == 404
    for name in ("evaluation:metric_update", "evaluation:metric_delete"):
        url = reverse(name, args=[plan.pk, stranger.pk])
        assert lead_client.get(url).status_code == 404
        assert lead_client.post(url, metric_data(stranger.objective)).status_code == 404
    assert Metric.objects.get(pk=stranger.pk).deleted_at is None


def test_a_metric_whose_objective_is_binned_is_hidden_with_it(lead_client, plan, objective):
    metric = MetricFactory(plan=plan, objective=objective)
    lead_client.post(reverse("evaluation:objective_delete", args=[plan.pk, objective.pk]))
    url = reverse("evaluation:metric_detail", args=[plan.pk, metric.pk])
    assert lead_client.get(url).status_code == 404
