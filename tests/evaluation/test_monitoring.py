"""The monitoring view, the Monitor and Evaluate stage panel, and evaluation's gaps."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from planning import records
from planning.models import Stage
from tests.evaluation.factories import (
    CheckpointFactory,
    LogicModelFactory,
    MeasurementFactory,
    MetricFactory,
    ObjectiveFactory,
)

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + timedelta(days=n)


def monitoring_url(plan):
    return reverse("evaluation:monitoring", args=[plan.pk])


def stage_url(plan):
    return reverse("planning:stage", args=[plan.pk, Stage.MONITOR_AND_EVALUATE])


def test_monitoring_lists_overdue_and_upcoming_checkpoints(lead_client, plan, other_plan):
    CheckpointFactory(plan=plan, title="Missed review", due_date=days(-10))
    CheckpointFactory(plan=plan, title="Cancelled review", due_date=days(-5), status="cancelled")
    CheckpointFactory(plan=plan, title="Held review", due_date=days(-3), status="done")
    CheckpointFactory(plan=plan, title="Review today", due_date=days(0))
    CheckpointFactory(plan=plan, title="Review in 90 days", due_date=days(90))
    CheckpointFactory(plan=plan, title="Review next year", due_date=days(91))
    CheckpointFactory(plan=other_plan, title="Other plan's review", due_date=days(-1))
    context = lead_client.get(monitoring_url(plan)).context
    assert [c.title for c in context["overdue"]] == ["Missed review"]
    assert context["overdue"][0].days_label == "10 days overdue"
    assert [c.title for c in context["upcoming"]] == ["Review today", "Review in 90 days"]
    assert context["upcoming"][0].days_label == "Due today"


def test_monitoring_rates_each_metric_against_its_target(lead_client, plan):
    objective = ObjectiveFactory(plan=plan)
    checkpoint = CheckpointFactory(plan=plan, status="done", due_date=days(-1))
    met = MetricFactory(plan=plan, objective=objective, name="Met", baseline=20, target=10)
    moving = MetricFactory(plan=plan, objective=objective, name="Moving", baseline=20, target=10)
    worse = MetricFactory(plan=plan, objective=objective, name="Worse", baseline=20, target=10)
    MetricFactory(plan=plan, objective=objective, name="Unmeasured")
    for metric, value in ((met, 9), (moving, 15), (worse, 22)):
        MeasurementFactory(metric=metric, checkpoint=checkpoint, value=value)
    response = lead_client.get(monitoring_url(plan))
    ratings = {m.name: m.rag.colour for m in response.context["metrics"]}
    assert ratings == {"Met": "green", "Moving": "orange", "Worse": "red", "Unmeasured": "grey"}
    assert response.context["rag"] == {"green": 1, "orange": 1, "red": 1, "grey": 1}
    page = response.content.decode()
    assert "Green: target met" in page and "Amber: moving towards target" in page
    assert "Not measured yet" in page
    assert "1 green, 1 amber, 1 red, 1 not rated yet (nothing measured, or no target set)." in page


def test_the_latest_measurement_decides_the_rating(lead_client, plan):
    metric = MetricFactory(plan=plan, baseline=20, target=10)
    MeasurementFactory(
        metric=metric, value=9, checkpoint=CheckpointFactory(plan=plan, due_date=days(-60))
    )
    MeasurementFactory(
        metric=metric, value=21, checkpoint=CheckpointFactory(plan=plan, due_date=days(-5))
    )
    (shown,) = lead_client.get(monitoring_url(plan)).context["metrics"]
    assert shown.latest_value == 21 and shown.rag.colour == "red"


def test_monitoring_has_empty_states(lead_client, plan):
    page = lead_client.get(monitoring_url(plan)).content.decode()
    assert "No checkpoint is overdue" in page
    assert "No checkpoint is due in the next 90 days" in page
    assert "No metrics yet" in page


def test_the_monitor_and_evaluate_stage_shows_the_evaluation_panel(lead_client, plan, cycle):
    objective = ObjectiveFactory(plan=plan)
    MetricFactory(plan=plan, objective=objective)
    MetricFactory(plan=plan, objective=objective)
    CheckpointFactory(plan=plan, title="Missed review", due_date=days(-2))
    CheckpointFactory(plan=plan, title="Later review", due_date=days(40))
    CheckpointFactory(plan=plan, title="Next review", due_date=days(20))
    page = lead_client.get(stage_url(plan)).content.decode()
    assert "Objectives, metrics and checkpoints" in page
    assert "1 objective and 2 metrics." in page
    assert "Next checkpoint: Next review" in page
    assert "1 overdue" in page
    for name in ("monitoring", "objective_list", "checkpoint_list"):
        assert reverse(f"evaluation:{name}", args=[plan.pk]) in page


def test_the_panel_on_an_empty_plan(lead_client, plan, cycle):
    page = lead_client.get(stage_url(plan)).content.decode()
    assert "0 objectives and 0 metrics. No logic model yet." in page
    assert "No checkpoint planned ahead." in page


# --- Gaps -------------------------------------------------------------------------------------


def evaluation_gaps(client, plan):
    gaps = client.get(reverse("planning:plan_detail", args=[plan.pk])).context["gaps"]
    return {g.title: g for g in gaps if g.kind == "evaluation"}


def test_a_new_plan_has_no_evaluation_checkpoint(lead_client, plan, cycle):
    gaps = evaluation_gaps(lead_client, plan)
    gap = gaps["No evaluation checkpoint planned"]
    assert gap.severity == "medium"
    assert gap.url == reverse("evaluation:checkpoint_create", args=[plan.pk])
    CheckpointFactory(plan=plan, status="cancelled")
    assert "No evaluation checkpoint planned" in evaluation_gaps(lead_client, plan)
    CheckpointFactory(plan=plan)
    assert "No evaluation checkpoint planned" not in evaluation_gaps(lead_client, plan)


def test_an_objective_without_a_metric_is_a_gap_until_one_is_added(lead_client, plan, cycle):
    objective = ObjectiveFactory(plan=plan, statement="Fewer crisis readmissions")
    title = "No metric shows whether this objective is met: Fewer crisis readmissions"
    gap = evaluation_gaps(lead_client, plan)[title]
    assert gap.severity == "medium"
    assert gap.url.endswith(f"?objective={objective.pk}")
    assert lead_client.get(gap.url).context["form"].initial["objective"] == objective.pk
    metric = MetricFactory(plan=plan, objective=objective)
    assert title not in evaluation_gaps(lead_client, plan)
    lead_client.post(reverse("evaluation:metric_delete", args=[plan.pk, metric.pk]))
    assert title in evaluation_gaps(lead_client, plan), "a binned metric does not count"


def test_a_metric_without_a_baseline_is_a_gap_until_it_has_one(lead_client, plan, cycle):
    metric = MetricFactory(plan=plan, name="Days to assessment", baseline=None)
    title = "Metric without a baseline: Days to assessment"
    gap = evaluation_gaps(lead_client, plan)[title]
    assert gap.severity == "medium"
    assert gap.url == reverse("evaluation:metric_update", args=[plan.pk, metric.pk]) + (
        "#id_baseline"
    )
    metric.baseline = 20
    records.save_edit(metric, based_on_version=metric.lock_version)
    assert title not in evaluation_gaps(lead_client, plan)


def test_a_metric_missing_its_baseline_and_target_is_one_gap_saying_both(lead_client, plan, cycle):
    MetricFactory(plan=plan, name="Days to assessment", baseline=None, target=None)
    titles = [t for t in evaluation_gaps(lead_client, plan) if "Days to assessment" in t]
    assert titles == ["Set a baseline and a target: Days to assessment"]


def test_an_overdue_checkpoint_is_a_high_gap_until_it_is_held(lead_client, plan, cycle):
    checkpoint = CheckpointFactory(plan=plan, title="Three-month review", due_date=days(-1))
    title = "Overdue evaluation checkpoint: Three-month review"
    gap = evaluation_gaps(lead_client, plan)[title]
    assert gap.severity == "high"
    assert gap.url == reverse("evaluation:checkpoint_update", args=[plan.pk, checkpoint.pk])
    checkpoint.status = "done"
    records.save_edit(checkpoint, based_on_version=checkpoint.lock_version)
    assert title not in evaluation_gaps(lead_client, plan)


def test_gaps_show_on_the_plans_gaps_page_and_link_to_where_they_are_fixed(
    lead_client, plan, cycle
):
    checkpoint = CheckpointFactory(plan=plan, title="Missed review", due_date=days(-1))
    page = lead_client.get(reverse("planning:plan_gaps", args=[plan.pk])).content.decode()
    assert "Overdue evaluation checkpoint: Missed review" in page
    assert reverse("evaluation:checkpoint_update", args=[plan.pk, checkpoint.pk]) in page


def test_another_plans_records_make_no_gaps_here(lead_client, plan, other_plan, cycle):
    ObjectiveFactory(plan=other_plan)
    MetricFactory(plan=other_plan, baseline=None)
    CheckpointFactory(plan=other_plan, due_date=days(-1))
    assert list(evaluation_gaps(lead_client, plan)) == ["No evaluation checkpoint planned"]


# --- Constant queries -------------------------------------------------------------------------


def grow(plan, checkpoints=100, metrics=20):
    """Many checkpoints, past and future, and metrics measured at every past one."""
    objectives = ObjectiveFactory.create_batch(5, plan=plan)
    due = CheckpointFactory.create_batch(checkpoints // 2, plan=plan, due_date=days(-5))
    CheckpointFactory.create_batch(checkpoints - checkpoints // 2, plan=plan, due_date=days(30))
    for n in range(metrics):
        metric = MetricFactory(
            plan=plan, objective=objectives[n % 5], baseline=None if n % 3 else 5
        )
        for checkpoint in due[:10]:
            MeasurementFactory(metric=metric, checkpoint=checkpoint, value=n)
    ObjectiveFactory.create_batch(3, plan=plan)  # without metrics: gaps
    LogicModelFactory(plan=plan)


def seed(plan):
    """The smallest plan that still runs every query: one of everything."""
    metric = MetricFactory(plan=plan)
    MeasurementFactory(metric=metric, checkpoint=CheckpointFactory(plan=plan, due_date=days(-5)))


@pytest.mark.parametrize(
    "url_for",
    [
        monitoring_url,
        lambda plan: reverse("evaluation:objective_list", args=[plan.pk]),
        lambda plan: reverse("evaluation:checkpoint_list", args=[plan.pk]),
        lambda plan: reverse(
            "evaluation:measurements",
            args=[plan.pk, plan.checkpoints.order_by("pk").first().pk],
        ),
        stage_url,
        lambda plan: reverse("planning:plan_detail", args=[plan.pk]),
    ],
    ids=[
        "monitoring",
        "objectives-and-metrics",
        "checkpoints",
        "measurements",
        "stage",
        "overview",
    ],
)
def test_pages_run_constant_queries_with_100_checkpoints_and_20_measured_metrics(
    lead_client, plan, cycle, url_for, django_assert_max_num_queries
):
    seed(plan)
    url = url_for(plan)
    lead_client.get(url)
    cache.clear()  # both counts without the plan cache: computing must not grow
    with CaptureQueriesContext(connection) as small:
        assert lead_client.get(url).status_code == 200
    grow(plan)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert lead_client.get(url).status_code == 200


def test_the_metric_page_runs_constant_queries_as_measurements_grow(
    lead_client, plan, django_assert_max_num_queries
):
    metric = MetricFactory(plan=plan)
    MeasurementFactory(metric=metric)
    url = reverse("evaluation:metric_detail", args=[plan.pk, metric.pk])
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    for n in range(40):
        MeasurementFactory(metric=metric, value=n)
    with django_assert_max_num_queries(len(small.captured_queries)):
        lead_client.get(url)


def test_planned_checkpoints_appear_in_the_plans_calendar_file(lead_client, plan):
    plan.title = "Peer support"
    plan.save()
    CheckpointFactory(plan=plan, title="Six-month review", due_date=days(10), reviewer="Pat")
    CheckpointFactory(plan=plan, title="Held already", due_date=days(-10), status="done")
    response = lead_client.get(reverse("planning:export_calendar", args=[plan.pk]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    summaries = [str(e["summary"]) for e in events]
    assert "Evaluation checkpoint: Six-month review (Peer support)" in summaries
    assert not any("Held already" in s for s in summaries)
    event = next(e for e in events if "Six-month review" in str(e["summary"]))
    assert event.decoded("dtstart") == days(10)
    assert "Reviewer: Pat" in str(event["description"])
