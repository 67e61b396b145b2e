"""Objectives: what the role should achieve, written to be SMART, with the logic model."""

import pytest
from django.test import Client
from django.urls import reverse

from evaluation.models import LogicModel, Metric, Objective
from newroles.accounts.permissions import MemberRole
from tests.evaluation.factories import LogicModelFactory, MetricFactory, ObjectiveFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def objective_data(**overrides):
    data = {
        "statement": "Cut the wait for a crisis assessment",
        "need_met": "People in crisis wait days for an assessment",
        "measure": "Median days from referral to assessment",
        "achievable": "Two workers can take a third of the assessments",
        "target_date_0": "31",
        "target_date_1": "3",
        "target_date_2": "2028",
        "responsible": "Crisis team manager",
    }
    data.update(overrides)
    return data


def list_url(plan):
    return reverse("evaluation:objective_list", args=[plan.pk])


def test_an_editor_adds_an_objective_and_sees_it_listed(client, plan, member_of):
    client.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    response = client.post(reverse("evaluation:objective_create", args=[plan.pk]), objective_data())
    assert response["Location"] == list_url(plan)
    objective = Objective.objects.get()
    assert (objective.plan, objective.responsible) == (plan, "Crisis team manager")
    assert objective.target_date.isoformat() == "2028-03-31"
    page = client.get(list_url(plan)).content.decode()
    assert "Cut the wait for a crisis assessment" in page
    assert "31 March 2028" in page
    assert "No metric yet" in page


def test_the_form_offers_the_plans_need_as_a_reminder(lead_client, plan):
    page = lead_client.get(reverse("evaluation:objective_create", args=[plan.pk]))
    assert "People in crisis wait days for an assessment." in page.content.decode()
    assert page.context["page_title"] == "Add an objective"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"statement": ""}, "Describe what the role should achieve"),
        ({"statement": "x" * 301}, "Keep the objective to 300 characters or fewer"),
        ({"need_met": ""}, "Say which need this objective answers"),
        ({"measure": ""}, "Say how you will measure it"),
        ({"responsible": ""}, "Enter who is responsible for the objective"),
        ({"target_date_0": "", "target_date_1": "", "target_date_2": ""}, "Enter the date it"),
        ({"target_date_1": "13"}, "Target date must be a real date"),
        ({"target_date_2": "28"}, "Year must include 4 numbers"),
    ],
)
def test_bad_objective_input_shows_the_error_beside_the_field_and_saves_nothing(
    lead_client, plan, overrides, message
):
    response = lead_client.post(
        reverse("evaluation:objective_create", args=[plan.pk]), objective_data(**overrides)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'class="nhsuk-error-message"' in page
    assert message in page
    assert not Objective.objects.exists()


def test_an_objective_is_changed(lead_client, plan):
    objective = ObjectiveFactory(plan=plan, statement="Old")
    url = reverse("evaluation:objective_update", args=[plan.pk, objective.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["statement"] = "New"
    assert lead_client.post(url, data).status_code == 302
    assert Objective.objects.get().statement == "New"


def test_deleting_an_objective_asks_first_bins_it_with_its_metrics_and_restore_brings_all_back(
    lead_client, plan
):
    objective = ObjectiveFactory(plan=plan, statement="Fewer readmissions")
    metric = MetricFactory(plan=plan, objective=objective)
    url = reverse("evaluation:objective_delete", args=[plan.pk, objective.pk])

    confirm = lead_client.get(url).content.decode()
    assert "Delete objective “Fewer readmissions”?" in confirm
    assert "with its 1 metric" in confirm
    assert Objective.objects.exists()

    assert lead_client.post(url)["Location"] == list_url(plan)
    assert not Objective.objects.exists()
    assert not Metric.objects.exists(), "a metric goes with its objective"
    assert Metric.all_objects.get().deleted_at is None, "but it is not deleted itself"
    bin_url = reverse("planning:plan_bin", args=[plan.pk])
    assert "Fewer readmissions" in lead_client.get(bin_url).content.decode()

    lead_client.post(bin_url, {"kind": "objective", "pk": objective.pk})
    assert Objective.objects.get() == objective
    assert Metric.objects.get() == metric


def test_the_list_shows_each_objective_with_its_metrics_and_an_empty_state(lead_client, plan):
    assert "No objectives yet" in lead_client.get(list_url(plan)).content.decode()
    objective = ObjectiveFactory(plan=plan)
    MetricFactory(plan=plan, objective=objective, name="Median wait in days")
    MetricFactory(name="Someone else's metric")
    page = lead_client.get(list_url(plan)).content.decode()
    assert "Median wait in days" in page
    assert "Someone else&#x27;s metric" not in page
    assert f"?objective={objective.pk}" in page


def test_a_viewer_reads_objectives_without_change_links(client, plan, member_of):
    objective = ObjectiveFactory(plan=plan)
    client.force_login(member_of(plan.organisation, MemberRole.VIEWER))
    page = client.get(list_url(plan)).content.decode()
    assert objective.statement in page
    assert reverse("evaluation:objective_update", args=[plan.pk, objective.pk]) not in page
    assert "Add an objective" not in page


def test_an_objective_of_another_plan_is_not_found_through_this_plan(lead_client, plan, other_plan):
    stranger = ObjectiveFactory(plan=other_plan)
    for name in ("evaluation:objective_update", "evaluation:objective_delete"):
        url = reverse(name, args=[plan.pk, stranger.pk])
        assert lead_client.get(url).status_code == 404
        assert lead_client.post(url, objective_data()).status_code == 404
    assert Objective.objects.get(pk=stranger.pk).statement == stranger.statement


def test_two_people_editing_one_objective_do_not_overwrite_each_other(plan, member_of):
    objective = ObjectiveFactory(plan=plan, responsible="Original")
    first, second = Client(), Client()
    for browser in (first, second):
        browser.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    url = reverse("evaluation:objective_update", args=[plan.pk, objective.pk])
    one, two = (form_data(b.get(url).context["form"]) for b in (first, second))
    one["responsible"] = "Pat"
    two["responsible"] = "Sam"
    assert first.post(url, one).status_code == 302
    response = second.post(url, two)
    assert response.status_code == 409
    assert Objective.objects.get().responsible == "Pat"


# --- The logic model --------------------------------------------------------------------------


def test_the_logic_model_is_set_out_once_then_changed(lead_client, plan):
    url = reverse("evaluation:logic_model", args=[plan.pk])
    assert "No logic model recorded yet" in lead_client.get(list_url(plan)).content.decode()
    data = form_data(lead_client.get(url).context["form"])
    data.update(inputs="Two workers", outcomes_long="Fewer crises")
    response = lead_client.post(url, data)
    assert response["Location"] == list_url(plan) + "#logic-model"
    data = form_data(lead_client.get(url).context["form"])
    data["activities"] = "Follow-up calls"
    lead_client.post(url, data)
    model = LogicModel.objects.get(plan=plan)
    assert (model.inputs, model.activities, model.outcomes_long) == (
        "Two workers",
        "Follow-up calls",
        "Fewer crises",
    )
    page = lead_client.get(list_url(plan)).content.decode()
    assert "Follow-up calls" in page and "Fewer crises" in page


def test_two_people_editing_the_logic_model_get_a_conflict(plan, member_of):
    LogicModelFactory(plan=plan, outputs="")
    first, second = Client(), Client()
    for browser in (first, second):
        browser.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    url = reverse("evaluation:logic_model", args=[plan.pk])
    one, two = (form_data(b.get(url).context["form"]) for b in (first, second))
    one["outputs"] = "Clinics held"
    two["outputs"] = "Patients seen"
    assert first.post(url, one).status_code == 302
    assert second.post(url, two).status_code == 409
    assert LogicModel.objects.get().outputs == "Clinics held"


def test_two_people_creating_the_logic_model_at_once_do_not_overwrite(plan, member_of):
    first, second = Client(), Client()
    for browser in (first, second):
        browser.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    url = reverse("evaluation:logic_model", args=[plan.pk])
    one, two = (form_data(b.get(url).context["form"]) for b in (first, second))
    one["inputs"] = "First"
    two["inputs"] = "Second"
    assert first.post(url, one).status_code == 302
    assert second.post(url, two).status_code == 409
    assert LogicModel.objects.get().inputs == "First"
