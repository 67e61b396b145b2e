"""Training and support: activities, competencies and the support arrangements."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.accounts.permissions import Action, MemberRole
from planning.models import Competency, SupportArrangement, TrainingActivity
from tests.access import assert_access
from tests.factories import (
    CompetencyFactory,
    ImplementationPlanFactory,
    TrainingActivityFactory,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)


def training_data(**overrides):
    data = {
        "title": "Peer support apprenticeship",
        "kind": "apprenticeship",
        "provider": "City College",
        "competency_framework": "Peer support competences",
        "start_date_0": "1",
        "start_date_1": "9",
        "start_date_2": "2027",
        "end_date_0": "31",
        "end_date_1": "8",
        "end_date_2": "2028",
        "cost": "4500",
        "funded_by": "Apprenticeship levy",
        "status": "planned",
    }
    data.update(overrides)
    return data


def test_an_editor_adds_training_and_sees_its_total_cost(client, plan, member_of):
    client.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    response = client.post(reverse("planning:training_create", args=[plan.pk]), training_data())
    assert response["Location"] == reverse("planning:training", args=[plan.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Peer support apprenticeship" in page
    assert "£4,500" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter a title for the training"),
        ({"kind": "lecture"}, "Select a valid choice"),
        ({"cost": "-5"}, "Cost cannot be negative"),
        ({"cost": "lots"}, "Cost must be an amount in pounds"),
        ({"end_date_2": "2026"}, "End date must be the same as or after the start date"),
        ({"start_date_0": "32"}, "Start date must be a real date"),
    ],
)
def test_bad_training_input_saves_nothing(lead_client, plan, overrides, message):
    response = lead_client.post(
        reverse("planning:training_create", args=[plan.pk]), training_data(**overrides)
    )
    assert message in response.content.decode()
    assert not TrainingActivity.objects.exists()


def test_support_arrangements_are_recorded_once_and_then_changed(lead_client, plan):
    url = reverse("planning:support_update", args=[plan.pk])
    data = form_data(lead_client.get(url).context["form"])
    data.update(
        clinical_educator="Pat Educator", supernumerary_weeks="8", protected_learning_hours="7.5"
    )
    assert lead_client.post(url, data).status_code == 302
    data = form_data(lead_client.get(url).context["form"])
    data["mentor_or_buddy"] = "Sam Buddy"
    lead_client.post(url, data)
    support = SupportArrangement.objects.get(plan=plan)
    assert (support.clinical_educator, support.mentor_or_buddy) == ("Pat Educator", "Sam Buddy")
    assert support.supernumerary_weeks == 8


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("supernumerary_weeks", "200", "104 weeks or less"),
        ("protected_learning_hours", "40", "37.5 hours a week or less"),
        ("protected_learning_hours", "-1", "cannot be negative"),
    ],
)
def test_bad_support_input_saves_nothing(lead_client, plan, field, value, message):
    url = reverse("planning:support_update", args=[plan.pk])
    data = form_data(lead_client.get(url).context["form"])
    data[field] = value
    assert message in lead_client.post(url, data).content.decode()
    assert not SupportArrangement.objects.exists()


def test_two_people_recording_support_at_once_do_not_overwrite(plan, member_of):
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    url = reverse("planning:support_update", args=[plan.pk])
    one, two = (form_data(c.get(url).context["form"]) for c in (first, second))
    one["clinical_educator"] = "First"
    two["clinical_educator"] = "Second"
    assert first.post(url, one).status_code == 302
    assert second.post(url, two).status_code == 409
    assert SupportArrangement.objects.get(plan=plan).clinical_educator == "First"


def test_competencies_are_added_changed_and_binned(lead_client, plan):
    lead_client.post(
        reverse("planning:competency_create", args=[plan.pk]),
        {
            "name": "Safe medicines handling",
            "framework_reference": "MH3",
            "assessed_by": "",
            "achieved_date_0": "",
            "achieved_date_1": "",
            "achieved_date_2": "",
        },
    )
    competency = Competency.objects.get()
    lead_client.post(reverse("planning:competency_delete", args=[plan.pk, competency.pk]))
    assert not Competency.objects.exists()
    assert Competency.all_objects.get().deleted_at is not None


def test_the_training_stage_shows_a_panel(lead_client, plan):
    TrainingActivityFactory(plan=plan)
    page = lead_client.get(reverse("planning:stage", args=[plan.pk, "training-and-support"]))
    assert "1 training activity" in page.content.decode()


@pytest.mark.parametrize(
    ("name", "action", "method"),
    [
        ("planning:training", Action.VIEW, "get"),
        ("planning:training_create", Action.EDIT, "get"),
        ("planning:training_create", Action.EDIT, "post"),
        ("planning:competency_create", Action.EDIT, "post"),
        ("planning:support_update", Action.EDIT, "get"),
        ("planning:support_update", Action.EDIT, "post"),
    ],
)
def test_training_pages_access(client, plan, name, action, method):
    assert_access(
        client,
        reverse(name, args=[plan.pk]),
        organisation=plan.organisation,
        action=action,
        method=method,
    )


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("planning:training_update", TrainingActivityFactory),
        ("planning:training_delete", TrainingActivityFactory),
        ("planning:competency_update", CompetencyFactory),
        ("planning:competency_delete", CompetencyFactory),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_training_object_pages_access(client, plan, name, factory, method):
    assert_access(
        client,
        lambda: reverse(name, args=[plan.pk, factory(plan=plan).pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method=method,
    )


def test_the_training_page_runs_constant_queries_with_50_activities(
    lead_client, plan, django_assert_max_num_queries
):
    url = reverse("planning:training", args=[plan.pk])
    TrainingActivityFactory(plan=plan)
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    TrainingActivityFactory.create_batch(50, plan=plan)
    CompetencyFactory.create_batch(30, plan=plan)
    with django_assert_max_num_queries(len(small.captured_queries)):
        lead_client.get(url)
