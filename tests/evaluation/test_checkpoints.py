"""Evaluation checkpoints, and recording what each metric measured at one."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import EvaluationCheckpoint, Measurement
from newroles.accounts.permissions import MemberRole
from planning.records import EditConflict
from tests.evaluation.factories import CheckpointFactory, MeasurementFactory, MetricFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def checkpoint_data(**overrides):
    data = {
        "title": "First review",
        "kind": "3_month",
        "due_date_0": "30",
        "due_date_1": "9",
        "due_date_2": "2027",
        "reviewer": "Service manager",
        "status": "planned",
        "findings": "",
        "decision": "",
    }
    data.update(overrides)
    return data


def list_url(plan):
    return reverse("evaluation:checkpoint_list", args=[plan.pk])


def test_an_editor_adds_a_checkpoint_and_sees_it_listed(client, plan, member_of):
    client.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    assert "No checkpoints yet" in client.get(list_url(plan)).content.decode()
    response = client.post(
        reverse("evaluation:checkpoint_create", args=[plan.pk]), checkpoint_data()
    )
    assert response["Location"] == list_url(plan)
    checkpoint = EvaluationCheckpoint.objects.get()
    assert (checkpoint.plan, checkpoint.due_date.isoformat()) == (plan, "2027-09-30")
    page = client.get(list_url(plan)).content.decode()
    assert "First review" in page and "30 September 2027" in page and "3-month review" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter a title for the checkpoint"),
        ({"kind": "monthly"}, "Select the kind of checkpoint"),
        ({"status": "postponed"}, "Select the status of the checkpoint"),
        ({"due_date_0": "", "due_date_1": "", "due_date_2": ""}, "Enter the date the checkpoint"),
        ({"due_date_0": "31", "due_date_1": "2"}, "Due date must be a real date"),
        ({"due_date_1": ""}, "Due date must include a month"),
        ({"decision": "continue"}, "Record a decision only once the checkpoint is done"),
        ({"status": "done", "decision": "expand"}, "Select one of the decisions"),
    ],
)
def test_bad_checkpoint_input_shows_the_error_beside_the_field_and_saves_nothing(
    lead_client, plan, overrides, message
):
    response = lead_client.post(
        reverse("evaluation:checkpoint_create", args=[plan.pk]), checkpoint_data(**overrides)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="nhsuk-error-message"' in page
    assert message in page
    assert not EvaluationCheckpoint.objects.exists()


def test_a_review_is_recorded_as_done_with_findings_and_a_decision(lead_client, plan):
    checkpoint = CheckpointFactory(plan=plan)
    url = reverse("evaluation:checkpoint_update", args=[plan.pk, checkpoint.pk])
    data = form_data(lead_client.get(url).context["form"])
    data.update(status="done", findings="Waits fell by a third.", decision="scale_up")
    assert lead_client.post(url, data).status_code == 302
    checkpoint.refresh_from_db()
    assert (checkpoint.status, checkpoint.decision) == ("done", "scale_up")
    page = lead_client.get(list_url(plan)).content.decode()
    assert "Scale up" in page and "Waits fell by a third." in page


def test_two_people_edit_the_same_checkpoint_and_the_first_save_is_kept(plan, member_of):
    checkpoint = CheckpointFactory(plan=plan, reviewer="Nobody yet")
    first, second = Client(), Client()
    first.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    second.force_login(member_of(plan.organisation, MemberRole.LEAD))
    url = reverse("evaluation:checkpoint_update", args=[plan.pk, checkpoint.pk])
    one, two = (form_data(b.get(url).context["form"]) for b in (first, second))

    one["reviewer"] = "Pat Reviewer"
    assert first.post(url, one).status_code == 302
    two["reviewer"] = "Sam Reviewer"
    response = second.post(url, two)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this while you were editing" in page
    assert "Pat Reviewer" in page and "Sam Reviewer" in page
    assert EvaluationCheckpoint.objects.get().reviewer == "Pat Reviewer"


def test_deleting_a_checkpoint_asks_first_and_restore_brings_it_back(lead_client, plan):
    checkpoint = CheckpointFactory(plan=plan, title="Annual review")
    url = reverse("evaluation:checkpoint_delete", args=[plan.pk, checkpoint.pk])
    assert "Delete evaluation checkpoint “Annual review”?" in lead_client.get(url).content.decode()
    assert lead_client.post(url)["Location"] == list_url(plan)
    assert not EvaluationCheckpoint.objects.exists()
    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]),
        {"kind": "evaluationcheckpoint", "pk": checkpoint.pk},
    )
    assert EvaluationCheckpoint.objects.get().title == "Annual review"


def test_a_checkpoint_of_another_plan_is_not_found_through_this_plan(lead_client, plan, other_plan):
    stranger = CheckpointFactory(plan=other_plan)
    for name in (
        "evaluation:checkpoint_update",
        "evaluation:checkpoint_delete",
        "evaluation:measurements",
    ):
        url = reverse(name, args=[plan.pk, stranger.pk])
        assert lead_client.get(url).status_code == 404
        assert lead_client.post(url, checkpoint_data()).status_code == 404
    assert EvaluationCheckpoint.objects.get().title == stranger.title


def test_the_list_marks_overdue_checkpoints_and_counts_measurements(lead_client, plan):
    today = timezone.localdate()
    late = CheckpointFactory(plan=plan, title="Late review", due_date=today - timedelta(days=3))
    metric = MetricFactory(plan=plan)
    MetricFactory(plan=plan, objective=metric.objective)
    MeasurementFactory(metric=metric, checkpoint=late)
    page = lead_client.get(list_url(plan)).content.decode()
    assert "Overdue" in page
    assert "1 of 2 metrics measured" in page


# --- Recording measurements -------------------------------------------------------------------


@pytest.fixture
def checkpoint(plan):
    return CheckpointFactory(plan=plan, title="Six-month review")


@pytest.fixture
def metrics(plan):
    wait = MetricFactory(plan=plan, name="Days to assessment")
    seen = MetricFactory(
        plan=plan, objective=wait.objective, name="Seen within a week", unit="%", direction="higher"
    )
    return wait, seen


def measure_url(plan, checkpoint):
    return reverse("evaluation:measurements", args=[plan.pk, checkpoint.pk])


def test_one_form_records_every_metric_at_a_checkpoint(lead_client, plan, checkpoint, metrics):
    wait, seen = metrics
    url = measure_url(plan, checkpoint)
    form = lead_client.get(url).context["form"]
    assert [m.name for m in form.metrics] == ["Days to assessment", "Seen within a week"]
    data = form_data(form)
    data[f"value_{wait.pk}"] = "14.5"
    data[f"note_{wait.pk}"] = "From the March extract"
    data[f"value_{seen.pk}"] = "72"
    response = lead_client.post(url, data)
    assert response["Location"] == list_url(plan)
    values = {m.metric_id: (m.value, m.note) for m in Measurement.objects.all()}
    assert values == {
        wait.pk: (Decimal("14.5"), "From the March extract"),
        seen.pk: (Decimal("72"), ""),
    }
    assert "2 of 2 metrics measured" in lead_client.get(list_url(plan)).content.decode()


def test_recording_again_changes_and_clears_values(lead_client, plan, checkpoint, metrics):
    wait, seen = metrics
    MeasurementFactory(metric=wait, checkpoint=checkpoint, value=15)
    MeasurementFactory(metric=seen, checkpoint=checkpoint, value=70)
    url = measure_url(plan, checkpoint)
    data = form_data(lead_client.get(url).context["form"])
    assert data[f"value_{wait.pk}"] == "15"
    data[f"value_{wait.pk}"] = "12"
    data[f"value_{seen.pk}"] = ""
    lead_client.post(url, data)
    assert {m.metric_id: m.value for m in Measurement.objects.all()} == {wait.pk: Decimal("12")}
    assert Measurement.history.filter(metric_id=seen.pk, history_type="-").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "fourteen", "Days to assessment must be a number, like 12.5"),
        ("value", "1.234", "Days to assessment can have at most 2 decimal places"),
        ("note", "n" * 501, "Keep the note to 500 characters or fewer"),
    ],
)
def test_bad_measurements_save_nothing(
    lead_client, plan, checkpoint, metrics, field, value, message
):
    wait, seen = metrics
    url = measure_url(plan, checkpoint)
    data = form_data(lead_client.get(url).context["form"])
    data[f"value_{seen.pk}"] = "80"
    data[f"value_{wait.pk}"] = "14"
    data[f"{field}_{wait.pk}"] = value
    response = lead_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_note_without_a_value_is_refused(lead_client, plan, checkpoint, metrics):
    wait, _ = metrics
    url = measure_url(plan, checkpoint)
    data = form_data(lead_client.get(url).context["form"])
    data[f"note_{wait.pk}"] = "Not collected this time"
    response = lead_client.post(url, data)
    assert "Enter the value of Days to assessment, or remove the note" in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_measurement_for_a_metric_of_another_plan_is_never_saved(
    lead_client, plan, other_plan, checkpoint, metrics
):
    stranger = MetricFactory(plan=other_plan)
    url = measure_url(plan, checkpoint)
    data = form_data(lead_client.get(url).context["form"])
    data[f"value_{stranger.pk}"] = "99"
    lead_client.post(url, data)
    assert not Measurement.objects.filter(metric=stranger).exists()

    checkpoint.refresh_from_db()
    before = checkpoint.lock_version
    with pytest.raises(ValueError, match="not metrics of this plan"):
        services.record_measurements(
            checkpoint, {stranger.pk: (Decimal("99"), "")}, based_on_version=checkpoint.lock_version
        )
    with pytest.raises(ValueError, match="one plan"):
        MeasurementFactory(metric=stranger, checkpoint=checkpoint)
    assert not Measurement.objects.exists()
    checkpoint.refresh_from_db()
    assert checkpoint.lock_version == before, "a refused recording leaves the checkpoint as it was"


def test_two_people_recording_one_checkpoint_do_not_overwrite_each_other(
    plan, checkpoint, metrics, member_of
):
    wait, _ = metrics
    first, second = Client(), Client()
    for browser in (first, second):
        browser.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    url = measure_url(plan, checkpoint)
    one, two = (form_data(b.get(url).context["form"]) for b in (first, second))
    one[f"value_{wait.pk}"] = "14"
    two[f"value_{wait.pk}"] = "16"
    assert first.post(url, one).status_code == 302
    response = second.post(url, two)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this while you were editing" in page
    assert "Days to assessment" in page and "14" in page and "16" in page
    assert Measurement.objects.get().value == Decimal("14")

    # Saving again deliberately replaces the first person's value.
    assert second.post(url, form_data(response.context["form"])).status_code == 302
    assert Measurement.objects.get().value == Decimal("16")


def test_the_service_refuses_a_stale_version(checkpoint, metrics):
    wait, _ = metrics
    services.record_measurements(checkpoint, {wait.pk: (Decimal("3"), "")}, based_on_version=1)
    stale = EvaluationCheckpoint.objects.get(pk=checkpoint.pk)
    with pytest.raises(EditConflict):
        services.record_measurements(stale, {wait.pk: (Decimal("4"), "")}, based_on_version=1)
    assert Measurement.objects.get().value == Decimal("3")


def test_without_metrics_the_page_says_what_to_do_first(lead_client, plan, checkpoint):
    page = lead_client.get(measure_url(plan, checkpoint)).content.decode()
    assert "no metrics to measure yet" in page


def test_recording_raises_the_plans_version(lead_client, plan, checkpoint, metrics):
    wait, _ = metrics
    plan.refresh_from_db()
    before = plan.version
    url = measure_url(plan, checkpoint)
    data = form_data(lead_client.get(url).context["form"])
    data[f"value_{wait.pk}"] = "9"
    lead_client.post(url, data)
    plan.refresh_from_db()
    assert plan.version == before + 1


# --- A value recorded from the metric's own page ----------------------------------------------


def value_url(metric):
    return reverse("evaluation:metric_measure", args=[metric.plan_id, metric.pk])


def measure_data(checkpoint="new", **overrides):
    today = timezone.localdate()
    data = {
        "checkpoint": str(checkpoint),
        "review_title": "Quarterly data check",
        "review_date_0": str(today.day),
        "review_date_1": str(today.month),
        "review_date_2": str(today.year),
        "value": "14",
        "note": "From the referral system",
    }
    data.update(overrides)
    return data


def test_a_first_value_is_recorded_from_the_metric_page_with_its_review_made_on_the_way(
    lead_client, plan
):
    metric = MetricFactory(plan=plan, baseline=20, target=10, unit="days")
    detail = reverse("evaluation:metric_detail", args=[plan.pk, metric.pk])
    assert value_url(metric) in lead_client.get(detail).content.decode()
    form = lead_client.get(value_url(metric)).context["form"]
    assert form.initial["checkpoint"] == "new"  # no review yet: a new one is the default
    response = lead_client.post(value_url(metric), measure_data())
    assert response["Location"] == detail
    checkpoint = EvaluationCheckpoint.objects.get()
    assert (checkpoint.title, checkpoint.due_date, checkpoint.status) == (
        "Quarterly data check",
        timezone.localdate(),
        "done",
    )
    measurement = Measurement.objects.get()
    assert (measurement.metric, measurement.value, measurement.note) == (
        metric,
        Decimal("14"),
        "From the referral system",
    )
    page = lead_client.get(detail).content.decode()
    assert "Amber: moving towards target" in page and "14 days" in page


def test_a_value_can_go_to_a_review_already_planned(lead_client, plan):
    metric = MetricFactory(plan=plan)
    review = CheckpointFactory(plan=plan, title="Six-month review")
    measured = CheckpointFactory(plan=plan, title="Already measured")
    MeasurementFactory(metric=metric, checkpoint=measured, value=3)
    CheckpointFactory(plan=plan, title="Called off", status="cancelled")
    choices = dict(lead_client.get(value_url(metric)).context["form"].fields["checkpoint"].choices)
    titles = " ".join(choices.values())
    assert "Six-month review" in titles
    assert "Already measured" not in titles and "Called off" not in titles
    lead_client.post(value_url(metric), measure_data(review.pk, review_title=""))
    assert Measurement.objects.get(checkpoint=review).value == Decimal("14")
    assert EvaluationCheckpoint.objects.count() == 3


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"review_title": ""}, "Enter a name for the new review"),
        (
            {"review_date_0": "", "review_date_1": "", "review_date_2": ""},
            "Enter the date it was measured",
        ),
        ({"review_date_2": "2999"}, "Date it was measured must be today or in the past"),
        ({"value": ""}, "Enter the value measured"),
        ({"value": "fourteen"}, "Value must be a number, like 12.5"),
        ({"checkpoint": ""}, "Select the review it was measured at, or a new review"),
    ],
)
def test_bad_input_when_recording_a_value_changes_nothing(lead_client, plan, overrides, message):
    metric = MetricFactory(plan=plan)
    response = lead_client.post(value_url(metric), measure_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EvaluationCheckpoint.objects.exists() and not Measurement.objects.exists()


def test_a_value_recorded_meanwhile_at_the_same_review_is_never_replaced(lead_client, plan):
    metric = MetricFactory(plan=plan)
    review = CheckpointFactory(plan=plan)
    lead_client.get(value_url(metric))
    MeasurementFactory(metric=metric, checkpoint=review, value=7)  # someone else, meanwhile
    response = lead_client.post(value_url(metric), measure_data(review.pk))
    assert response.status_code == 200
    assert Measurement.objects.get().value == Decimal("7")


def test_recording_a_value_twice_by_a_double_click_makes_one_review(lead_client, plan):
    metric = MetricFactory(plan=plan)
    token = lead_client.get(value_url(metric)).context["form_token"]
    for _ in range(2):
        lead_client.post(value_url(metric), {**measure_data(), "form_token": token})
    assert EvaluationCheckpoint.objects.count() == 1 and Measurement.objects.count() == 1
