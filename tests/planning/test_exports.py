"""Spreadsheet and calendar exports, and the private calendar subscription."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from newroles.accounts.models import Membership
from newroles.accounts.permissions import Action, MemberRole
from planning.models import CalendarFeed
from tests import reading
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, PlanActionFactory, RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation, title="Peer support")


def read_csv(response):
    assert "attachment" in response["Content-Disposition"]
    return reading.read_csv(response)


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


# --- The calendar holds every dated thing of a plan (issue 18) ---------------------------------


@pytest.fixture
def dated_plan(plan):
    """A plan with one of each dated thing, and things that are not in the calendar."""
    from planning.models import RoleDocumentation
    from tests.evaluation.factories import CheckpointFactory, ObjectiveFactory
    from tests.factories import FundingSourceFactory, PostFactory, TrainingActivityFactory

    type(plan).objects.filter(pk=plan.pk).update(target_start_date=date(2027, 9, 1))
    PlanActionFactory(plan=plan, description="Agree supervision", due_date=date(2027, 5, 4))
    PlanActionFactory(
        plan=plan, description="Done already", due_date=date(2027, 5, 5), status="done"
    )
    CheckpointFactory(plan=plan, title="Six-month review", due_date=date(2028, 3, 1))
    CheckpointFactory(plan=plan, title="Dropped", due_date=date(2028, 4, 1), status="cancelled")
    ObjectiveFactory(plan=plan, statement="Fewer missed visits", target_date=date(2028, 8, 31))
    TrainingActivityFactory(
        plan=plan,
        title="Care certificate",
        start_date=date(2027, 10, 4),
        end_date=date(2028, 1, 28),
    )
    TrainingActivityFactory(
        plan=plan, title="Induction day", start_date=date(2027, 9, 6), end_date=date(2027, 9, 6)
    )
    TrainingActivityFactory(
        plan=plan, title="Cancelled course", start_date=date(2027, 11, 1), status="cancelled"
    )
    FundingSourceFactory(plan=plan, name="Pilot money", end_date=date(2029, 8, 31))
    FundingSourceFactory(plan=plan, name="Baseline budget", end_date=None)
    PostFactory(plan=plan, title="Peer support worker 1", start_date=date(2027, 9, 1))
    RoleDocumentation.objects.create(plan=plan, banding_date=date(2027, 6, 15))
    return plan


EVERY_DATED_THING = {
    "Target start: Peer support": date(2027, 9, 1),
    "Action due: Agree supervision (Peer support)": date(2027, 5, 4),
    "Evaluation checkpoint: Six-month review (Peer support)": date(2028, 3, 1),
    "Objective due: Fewer missed visits (Peer support)": date(2028, 8, 31),
    "Training starts: Care certificate (Peer support)": date(2027, 10, 4),
    "Training ends: Care certificate (Peer support)": date(2028, 1, 28),
    "Training: Induction day (Peer support)": date(2027, 9, 6),
    "Funding ends: Pilot money (Peer support)": date(2029, 8, 31),
    "Starts in post: Peer support worker 1 (Peer support)": date(2027, 9, 1),
    "Banding panel (Peer support)": date(2027, 6, 15),
}
HOST = "plans.trust.example"


def read_with_vobject(response) -> dict:
    """summary -> (day, url) of each event, read with vobject: a second iCalendar parser,
    not the icalendar library that writes the files."""
    import vobject

    assert response.status_code == 200, response.status_code
    calendar = vobject.readOne(response.content.decode("utf-8"))
    events = calendar.contents.get("vevent", [])
    found = {e.summary.value: (e.dtstart.value, e.url.value) for e in events}
    assert len(found) == len(events), "two events with the same title"
    return found


def test_the_calendar_holds_every_dated_thing_each_linking_to_its_page(
    client, dated_plan, member_of, settings
):
    settings.ALLOWED_HOSTS = [HOST]
    client.force_login(member_of(dated_plan.organisation, MemberRole.HR))
    url = reverse("planning:export_calendar", args=[dated_plan.pk])
    events = read_with_vobject(client.get(url, HTTP_HOST=HOST))

    assert {title: day for title, (day, _) in events.items()} == EVERY_DATED_THING
    for title, (_, link) in events.items():
        # Absolute, on the host the file was fetched from, to a page HR can read that has
        # the part the event is about.
        assert link.startswith(f"http://{HOST}/"), (title, link)
        path, anchor = link.removeprefix(f"http://{HOST}").split("#")
        page = client.get(path, HTTP_HOST=HOST)
        assert page.status_code == 200, (title, link)
        assert f'id="{anchor}"' in page.content.decode(), (title, link)


def test_the_subscription_holds_the_same_dates_of_every_plan(client, dated_plan, member_of):
    client.force_login(member_of(dated_plan.organisation, MemberRole.HR))
    other = ImplementationPlanFactory(organisation=dated_plan.organisation, title="Navigators")
    PlanActionFactory(plan=other, description="Book rooms", due_date=date(2027, 2, 1))
    feed_url = subscribe(client)
    events = read_with_vobject(Client().get(feed_url))
    assert {title: day for title, (day, _) in events.items()} == EVERY_DATED_THING | {
        "Action due: Book rooms (Navigators)": date(2027, 2, 1)
    }
    assert all(link.startswith("http://testserver/") for _, link in events.values())
