"""The risk register: scored 5x5, sorted by score, seeded from the guide's named risks."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from newroles.accounts.permissions import Action
from planning.models import ChecklistResponse, GoodPracticePoint, PointStatus, Risk
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, RiskFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)


def risk_data(**overrides):
    data = {
        "description": "Supervisors leave",
        "stage": "",
        "likelihood": "4",
        "impact": "5",
        "mitigation": "Train two more",
        "owner": "Head of nursing",
        "status": "open",
    }
    data.update(overrides)
    return data


def test_a_risk_is_scored_as_likelihood_times_impact(lead_client, plan):
    response = lead_client.post(reverse("planning:risk_create", args=[plan.pk]), risk_data())
    assert response["Location"] == reverse("planning:risk_list", args=[plan.pk])
    assert Risk.objects.get().score == 20


def test_the_register_is_sorted_by_score(lead_client, plan):
    RiskFactory(plan=plan, description="Middling", likelihood=3, impact=3)
    RiskFactory(plan=plan, description="Worst", likelihood=5, impact=5)
    RiskFactory(plan=plan, description="Least", likelihood=1, impact=2)
    page = lead_client.get(reverse("planning:risk_list", args=[plan.pk]))
    assert [r.description for r in page.context["records"]] == ["Worst", "Middling", "Least"]
    assert "25 extreme" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", "", "Describe the risk"),
        ("likelihood", "6", "Select how likely the risk is"),
        ("impact", "0", "Select how serious the impact would be"),
        ("stage", "nowhere", "Select a valid choice"),
    ],
)
def test_bad_input_saves_nothing(lead_client, plan, field, value, message):
    response = lead_client.post(
        reverse("planning:risk_create", args=[plan.pk]), risk_data(**{field: value})
    )
    assert message in response.content.decode()
    assert not Risk.objects.exists()


@pytest.mark.parametrize("values", [{"likelihood": 6}, {"impact": 0}, {"score": 7}])
def test_the_database_keeps_scores_in_range_and_equal_to_the_product(plan, values):
    risk = RiskFactory(plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=risk.pk).update(**values)


def test_the_guides_risks_for_open_points_are_offered_and_accepted(lead_client, plan):
    risky = list(GoodPracticePoint.objects.exclude(risk="").order_by("stage__order", "order"))
    done, offered = risky[0], risky[1:]
    ChecklistResponse.objects.create(plan=plan, point=done, status=PointStatus.DONE)
    url = reverse("planning:risk_suggestions", args=[plan.pk])
    choices = lead_client.get(url).context["form"].fields["points"].queryset
    assert list(choices) == offered

    lead_client.post(url, {"points": [offered[0].pk]})
    risk = Risk.objects.get()
    assert risk.description == offered[0].risk
    assert risk.source_point == offered[0]
    assert offered[0] not in lead_client.get(url).context["form"].fields["points"].queryset


def test_choosing_no_suggestion_is_an_error(lead_client, plan):
    response = lead_client.post(reverse("planning:risk_suggestions", args=[plan.pk]), {})
    assert "Select at least one risk to add" in response.content.decode()


def test_high_scoring_open_risks_are_gaps_until_closed(lead_client, plan):
    risk = RiskFactory(plan=plan, description="No supervisor", likelihood=5, impact=4)
    overview = reverse("planning:plan_detail", args=[plan.pk])
    titles = [g.title for g in lead_client.get(overview).context["gaps"]]
    assert "High-scoring open risk: No supervisor" in titles
    url = reverse("planning:risk_update", args=[plan.pk, risk.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["status"] = "closed"
    lead_client.post(url, data)
    titles = [g.title for g in lead_client.get(overview).context["gaps"]]
    assert "High-scoring open risk: No supervisor" not in titles


def test_stage_pages_show_that_stages_open_risks(lead_client, plan):
    RiskFactory(plan=plan, description="Team resists the role", stage="stakeholder-engagement")
    url = reverse("planning:stage", args=[plan.pk, "stakeholder-engagement"])
    assert "Team resists the role" in lead_client.get(url).content.decode()


@pytest.mark.parametrize(
    ("name", "action", "method"),
    [
        ("planning:risk_list", Action.VIEW, "get"),
        ("planning:risk_create", Action.EDIT, "get"),
        ("planning:risk_create", Action.EDIT, "post"),
        ("planning:risk_suggestions", Action.EDIT, "get"),
        ("planning:risk_suggestions", Action.EDIT, "post"),
    ],
)
def test_risk_pages_access(client, plan, name, action, method):
    assert_access(
        client,
        reverse(name, args=[plan.pk]),
        organisation=plan.organisation,
        action=action,
        method=method,
        data=risk_data(),
    )


@pytest.mark.parametrize("name", ["planning:risk_update", "planning:risk_delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_risk_object_pages_access(client, plan, name, method):
    assert_access(
        client,
        lambda: reverse(name, args=[plan.pk, RiskFactory(plan=plan).pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method=method,
        data={**risk_data(), "lock_version": 1},  # edits the new risk's first version
    )


def test_the_register_runs_constant_queries(lead_client, plan, django_assert_max_num_queries):
    url = reverse("planning:risk_list", args=[plan.pk])
    RiskFactory(plan=plan)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    RiskFactory.create_batch(60, plan=plan)
    with django_assert_max_num_queries(len(small.captured_queries)):
        lead_client.get(url)
