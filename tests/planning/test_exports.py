"""Spreadsheet and calendar exports, and the private calendar subscription."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from newroles.accounts.models import Membership
from newroles.accounts.permissions import Action, MemberRole
from planning.models import CalendarFeed
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, PlanActionFactory, RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation, title="Peer support")


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_risk_register_downloads_as_a_spreadsheet_sorted_by_score(lead_client, plan):
    RiskFactory(plan=plan, description="Low", likelihood=1, impact=1)
    RiskFactory(plan=plan, description="High", likelihood=5, impact=4, owner="Sam")
    rows = read_csv(lead_client.get(reverse("planning:export_csv", args=[plan.pk, "risks"])))
    assert rows[0][:5] == ["Risk", "Stage", "Likelihood", "Impact", "Score"]
    assert [r[0] for r in rows[1:]] == ["High", "Low"]
    assert rows[1][4] == "20"


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_cells_that_would_run_as_formulas_are_neutralised(lead_client, plan, hostile):
    RiskFactory(plan=plan, description=hostile, owner=hostile)
    rows = read_csv(lead_client.get(reverse("planning:export_csv", args=[plan.pk, "risks"])))
    assert rows[1][0] == "'" + hostile
    assert rows[1][6] == "'" + hostile


def test_an_unknown_export_is_not_found(lead_client, plan):
    assert (
        lead_client.get(reverse("planning:export_csv", args=[plan.pk, "secrets"])).status_code
        == 404
    )


def test_the_calendar_file_holds_dated_open_actions(lead_client, plan):
    PlanActionFactory(plan=plan, description="Banding panel", due_date=date(2027, 5, 4))
    PlanActionFactory(plan=plan, description="No date")
    PlanActionFactory(plan=plan, description="Done", due_date=date(2027, 5, 5), status="done")
    response = lead_client.get(reverse("planning:export_calendar", args=[plan.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Action due: Banding panel (Peer support)"]
    assert events[0].decoded("dtstart") == date(2027, 5, 4)


@pytest.mark.parametrize("name", ["planning:export_calendar"])
def test_exports_follow_the_matrix(client, plan, name):
    assert_access(
        client, reverse(name, args=[plan.pk]), organisation=plan.organisation, action=Action.EXPORT
    )


def test_csv_exports_follow_the_matrix(client, plan):
    assert_access(
        client,
        reverse("planning:export_csv", args=[plan.pk, "risks"]),
        organisation=plan.organisation,
        action=Action.EXPORT,
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_subscription_page_follows_the_matrix(client, organisation, method):
    assert_access(
        client,
        reverse("calendar_feed_manage"),
        organisation=organisation,
        action=Action.EXPORT,
        method=method,
        scoped=False,
    )


def subscribe(client):
    client.post(reverse("calendar_feed_manage"), {"action": "renew"})
    return client.get(reverse("calendar_feed_manage")).context["feed_url"]


def test_a_calendar_app_follows_the_feed_without_signing_in(lead_client, plan):
    PlanActionFactory(plan=plan, description="Review", due_date=date(2027, 1, 10))
    other_org_plan = ImplementationPlanFactory()
    PlanActionFactory(plan=other_org_plan, description="Not ours", due_date=date(2027, 1, 11))
    url = subscribe(lead_client)
    response = Client().get(url)
    assert response.status_code == 200
    titles = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert titles == ["Action due: Review (Peer support)"]


def test_replacing_or_revoking_the_address_stops_the_old_one(lead_client, plan):
    first = subscribe(lead_client)
    second = subscribe(lead_client)
    assert first != second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    lead_client.post(reverse("calendar_feed_manage"), {"action": "revoke"})
    assert Client().get(second).status_code == 404
    assert not CalendarFeed.objects.active().exists()


def test_the_feed_stops_when_the_person_leaves_or_loses_export_rights(lead_client, lead, plan):
    # Changed by hand: the feed itself checks (tests/planning/test_calendar_feed.py has the rest).
    url = subscribe(lead_client)
    membership = Membership.objects.get(user=lead)
    membership.role = MemberRole.VIEWER
    membership.save()
    assert Client().get(url).status_code == 404
    membership.delete()
    assert Client().get(url).status_code == 404


def test_a_made_up_token_is_not_found(client):
    assert client.get(reverse("calendar_feed", args=["guess"])).status_code == 404
