"""The plan's history page: who changed what across all parts, and restoring versions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.accounts.permissions import Action
from planning.models import ImplementationPlan, Risk
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, RiskFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation, title="First title")


def edit_title(client, plan, title):
    url = reverse("planning:plan_update", args=[plan.pk])
    data = form_data(client.get(url).context["form"])
    data["title"] = title
    assert client.post(url, data).status_code == 302


def test_the_history_lists_changes_across_parts_with_who_and_what(lead_client, lead, plan):
    edit_title(lead_client, plan, "Second title")
    lead_client.post(
        reverse("planning:risk_create", args=[plan.pk]),
        {
            "description": "Funding stops",
            "stage": "",
            "likelihood": "3",
            "impact": "4",
            "mitigation": "",
            "owner": "",
            "status": "open",
        },
    )
    response = lead_client.get(reverse("planning:plan_history", args=[plan.pk]))
    entries = response.context["entries"]
    assert [e.action for e in entries[:2]] == ["Added", "Changed"]
    assert entries[0].kind == "Risk" and entries[0].who == lead
    assert ("Title", "First title", "Second title") in entries[1].changes
    assert "Second title" in response.content.decode()


def test_binning_and_restoring_show_in_the_history(lead_client, plan):
    risk = RiskFactory(plan=plan, description="Staff leave")
    lead_client.post(reverse("planning:risk_delete", args=[plan.pk, risk.pk]))
    entries = lead_client.get(reverse("planning:plan_history", args=[plan.pk])).context["entries"]
    assert entries[0].action == "Moved to the bin"


def test_restoring_an_earlier_version_makes_a_new_version(lead_client, plan):
    edit_title(lead_client, plan, "Second title")
    url = reverse("planning:plan_history", args=[plan.pk])
    first = plan.history.order_by("history_date").first()
    response = lead_client.post(url, {"kind": "implementationplan", "history_id": first.history_id})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "First title"
    assert plan.history.count() == 3


def test_a_version_of_another_plan_cannot_be_restored_here(lead_client, plan):
    other = ImplementationPlanFactory(organisation=plan.organisation)
    row = other.history.first()
    lead_client.post(
        reverse("planning:plan_history", args=[plan.pk]),
        {"kind": "implementationplan", "history_id": row.history_id},
    )
    assert ImplementationPlan.objects.get(pk=other.pk).lock_version == 1


@pytest.mark.parametrize(("method", "action"), [("get", Action.VIEW), ("post", Action.EDIT)])
def test_history_access(client, plan, method, action):
    assert_access(
        client,
        reverse("planning:plan_history", args=[plan.pk]),
        organisation=plan.organisation,
        action=action,
        method=method,
        data={"kind": "risk", "history_id": "0"},
    )


def test_the_history_page_runs_constant_queries(lead_client, plan, django_assert_max_num_queries):
    url = reverse("planning:plan_history", args=[plan.pk])
    RiskFactory(plan=plan)
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    for risk in RiskFactory.create_batch(80, plan=plan):
        risk.likelihood = 5
        risk.save()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = lead_client.get(url)
    assert len(response.context["entries"]) == 50
    assert Risk.objects.count() == 81
