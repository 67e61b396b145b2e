"""Sign-off, asked for: a lead asks named members to sign off the current version; each
reads that version's board paper and approves it or sends it back with a comment. When all
approve, the version is approved and its PDF frozen. A change to the plan after the request
puts it out of date, and nobody can then sign it off."""

import pytest
from django.urls import reverse

from newroles.accounts.permissions import MemberRole
from planning.models import PlanApproval, SignOffRequest
from tests.factories import ImplementationPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle, lead):
    return ImplementationPlanFactory(organisation=organisation, owner=lead, title="PA plan")


@pytest.fixture
def hr_director(organisation, member_of):
    user = member_of(organisation, MemberRole.HR)
    user.first_name, user.last_name = "Helen", "Ross"
    user.save()
    return user


@pytest.fixture
def clinical_director(organisation, member_of):
    user = member_of(organisation, MemberRole.VIEWER)
    user.first_name, user.last_name = "Kofi", "Mensah"
    user.save()
    return user


def ask(client, plan, *approvers, message="Please sign off before the board."):
    response = client.post(
        reverse("documents:sign_off_request", args=[plan.pk]),
        {"approvers": [a.pk for a in approvers], "message": message},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return SignOffRequest.objects.latest("pk")


def respond(client, person, request, decision, comment=""):
    client.force_login(person)
    return client.post(
        reverse("documents:sign_off", args=[request.plan_id, request.pk]),
        {"decision": decision, "comment": comment},
    )


def test_when_everyone_asked_approves_the_version_is_approved_and_its_pdf_kept(
    lead_client, client, plan, hr_director, clinical_director
):
    request = ask(lead_client, plan, hr_director, clinical_director)
    assert request.version == plan.version

    client.force_login(hr_director)
    home = client.get(reverse("home")).content.decode()
    assert "Sign-off asked of you" in home and "PA plan: version" in home

    assert respond(client, hr_director, request, "approved").status_code == 302
    request.refresh_from_db()
    assert request.status == "open" and not PlanApproval.objects.exists()

    assert respond(client, clinical_director, request, "approved", "Fine by me").status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"
    approval = PlanApproval.objects.get()
    assert approval.version == request.version and approval.decision == "approved"
    assert approval.approver == "Helen Ross, Kofi Mensah"
    assert bytes(approval.pdf).startswith(b"%PDF")
    assert request.approval == approval


def test_sending_back_needs_a_comment_and_closes_the_request(
    lead_client, client, plan, hr_director, clinical_director
):
    request = ask(lead_client, plan, hr_director, clinical_director)
    response = respond(client, hr_director, request, "sent_back")
    assert response.status_code == 200
    assert "Say what should change before it can be signed off" in response.content.decode()

    assert (
        respond(client, hr_director, request, "sent_back", "Cost the backfill").status_code == 302
    )
    request.refresh_from_db()
    assert request.status == "sent_back"
    page = client.get(reverse("documents:sign_off", args=[plan.pk, request.pk])).content.decode()
    assert "Cost the backfill" in page and "Sent back" in page

    response = respond(client, clinical_director, request, "approved")
    assert response.status_code == 200
    assert "This request is closed: sent back." in response.content.decode()
    assert not PlanApproval.objects.exists()


def test_a_change_to_the_plan_puts_the_request_out_of_date(lead_client, client, plan, hr_director):
    request = ask(lead_client, plan, hr_director)
    lead_client.post(
        reverse("planning:risk_create", args=[plan.pk]),
        {"description": "New risk", "likelihood": "2", "impact": "2", "status": "open"},
    )
    plan.refresh_from_db()
    assert plan.version != request.version

    client.force_login(hr_director)
    page = client.get(reverse("documents:sign_off", args=[plan.pk, request.pk])).content.decode()
    assert "Out of date" in page and "The plan has changed" in page
    assert "Send my decision" not in page
    response = respond(client, hr_director, request, "approved")
    assert response.status_code == 200
    assert "The plan has changed since sign-off was asked for" in response.content.decode()
    assert not PlanApproval.objects.exists()


def test_only_the_people_asked_can_respond(
    lead_client, client, plan, hr_director, organisation, member_of
):
    request = ask(lead_client, plan, hr_director)
    bystander = member_of(organisation, MemberRole.EDITOR)
    client.force_login(bystander)
    assert client.get(reverse("documents:sign_off", args=[plan.pk, request.pk])).status_code == 200
    assert respond(client, bystander, request, "approved").status_code == 403
    assert not PlanApproval.objects.exists()


def test_asking_needs_someone_to_ask(lead_client, plan):
    response = lead_client.post(reverse("documents:sign_off_request", args=[plan.pk]), {})
    assert response.status_code == 200
    assert "Choose at least one person to sign it off" in response.content.decode()
    assert not SignOffRequest.objects.exists()


def test_only_leads_ask_for_sign_off(client, plan, organisation, member_of):
    client.force_login(member_of(organisation, MemberRole.EDITOR))
    assert client.get(reverse("documents:sign_off_request", args=[plan.pk])).status_code == 403


def test_the_people_asked_and_the_asker_are_emailed(
    lead_client, client, plan, hr_director, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(lead_client, plan, hr_director)
    (asked,) = mailoutbox
    assert asked.to == [hr_director.email]
    assert asked.subject.startswith("Sign-off asked of you: PA plan, version")
    assert f"/plans/{plan.pk}/approvals/sign-off/{request.pk}/" in asked.body
    assert "List-Unsubscribe" in asked.extra_headers
    with django_capture_on_commit_callbacks(execute=True):
        respond(client, hr_director, request, "sent_back", "Cost the backfill")
    outcome = mailoutbox[-1]
    assert outcome.to == [lead.email]
    assert "Helen Ross: Cost the backfill" in outcome.body


def test_a_lead_who_asks_themselves_is_not_emailed(
    lead_client, plan, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(lead_client, plan, lead)
    assert mailoutbox == []
