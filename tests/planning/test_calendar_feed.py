"""A private calendar address ends with the right to export it was issued under (issue 24).

The address in a calendar app is a secret that works without signing in. When its person
moves to a role without exports, or leaves the organisation, it stops for good: getting the
right back, or being invited back, never revives it; they make a new address.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.accounts.models import Membership
from newroles.accounts.permissions import MemberRole
from planning.models import CalendarFeed
from tests.factories import ImplementationPlanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MANAGE = "calendar_feed_manage"


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)


@pytest.fixture
def lead_client(lead_client, organisation):
    lead_client.organisation = organisation  # where this lead manages members
    return lead_client


@pytest.fixture
def colleague(organisation, member_of):
    return member_of(organisation, MemberRole.HR)


@pytest.fixture
def colleague_client(colleague):
    client = Client()
    client.force_login(colleague)
    return client


def subscribe(client):
    client.post(reverse(MANAGE), {"action": "renew"})
    return address(client)


def address(client):
    return client.get(reverse(MANAGE)).context["feed_url"]


def follows(url) -> bool:
    """Whether a calendar app, which never signs in, gets the feed at this address."""
    status = Client().get(url).status_code
    assert status in (200, 404)
    return status == 200


def change_role(lead_client, user, role):
    membership = Membership.objects.get(user=user, organisation=lead_client.organisation)
    url = reverse("accounts:member_role", args=[membership.pk])
    assert lead_client.post(url, {"role": role}).status_code == 302


def remove(lead_client, user):
    membership = Membership.objects.get(user=user, organisation=lead_client.organisation)
    url = reverse("accounts:member_remove", args=[membership.pk])
    assert lead_client.post(url).status_code == 302


def invite_back(lead_client, client, user, role=MemberRole.HR):
    lead_client.post(reverse("accounts:invite"), {"email": user.email, "role": role})
    link = re.search(r"https?://[^/]+(/accounts/invitations/\S+/)", mail.outbox[-1].body)[1]
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=user, organisation=lead_client.organisation).role == role


def test_moving_to_a_role_without_exports_ends_the_address_for_good(
    lead_client, colleague, colleague_client, plan
):
    url = subscribe(colleague_client)
    assert follows(url)

    change_role(lead_client, colleague, MemberRole.VIEWER)
    assert not follows(url)
    assert not CalendarFeed.objects.active().filter(user=colleague).exists()

    change_role(lead_client, colleague, MemberRole.HR)
    assert not follows(url)
    assert address(colleague_client) == ""
    fresh = subscribe(colleague_client)
    assert fresh != url
    assert follows(fresh)


def test_a_new_role_that_still_exports_keeps_the_address(
    lead_client, colleague, colleague_client, plan
):
    url = subscribe(colleague_client)
    change_role(lead_client, colleague, MemberRole.EDITOR)
    assert follows(url)
    assert address(colleague_client) == url


def test_removal_ends_the_address_and_being_invited_back_does_not_revive_it(
    lead_client, colleague, colleague_client, plan
):
    url = subscribe(colleague_client)

    remove(lead_client, colleague)
    assert not follows(url)
    assert not CalendarFeed.objects.active().filter(user=colleague).exists()

    invite_back(lead_client, colleague_client, colleague)
    assert not follows(url)
    assert address(colleague_client) == ""
    fresh = subscribe(colleague_client)
    assert fresh != url
    assert follows(fresh)


def test_removal_from_one_organisation_keeps_the_address_for_another(
    lead_client, colleague, colleague_client, plan
):
    elsewhere = MembershipFactory(user=colleague, role=MemberRole.HR).organisation
    ImplementationPlanFactory(organisation=elsewhere)
    colleague_client.post(reverse("accounts:choose_organisation"), {"organisation": elsewhere.pk})
    other_url = subscribe(colleague_client)

    remove(lead_client, colleague)

    assert follows(other_url)


# --- The feed itself refuses, whatever the records say (defence in depth) ----------------------


def test_the_feed_refuses_a_person_without_the_export_right_there(lead_client, lead, plan):
    url = subscribe(lead_client)
    # Changed by hand (the admin), so no service revoked the address.
    Membership.objects.filter(user=lead).update(role=MemberRole.VIEWER)
    with CaptureQueriesContext(connection) as queries:
        assert not follows(url)
    reads = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1


def test_the_feed_refuses_an_address_from_an_earlier_membership(lead_client, lead, plan):
    url = subscribe(lead_client)
    CalendarFeed.objects.update(
        created_at=CalendarFeed.objects.get().created_at - timedelta(days=1)
    )
    # Removed and added again by hand (the admin), so no service revoked the address.
    Membership.objects.filter(user=lead).delete()
    MembershipFactory(user=lead, organisation=plan.organisation, role=MemberRole.LEAD)
    assert not follows(url)


def test_the_feed_refuses_a_deactivated_account(lead_client, lead, plan):
    url = subscribe(lead_client)
    lead.is_active = False
    lead.save()
    assert not follows(url)


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_role_changed_in_the_admin_ends_the_address(admin_client, colleague, colleague_client):
    url = subscribe(colleague_client)
    membership = Membership.objects.get(user=colleague)
    change = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = admin_client.post(change, {"role": MemberRole.VIEWER})
    assert response.status_code == 302, response.context["adminform"].errors
    membership.refresh_from_db()
    assert membership.role == MemberRole.VIEWER
    assert not follows(url)


def test_a_membership_deleted_in_the_admin_ends_the_address(
    admin_client, colleague, colleague_client
):
    url = subscribe(colleague_client)
    membership = Membership.objects.get(user=colleague)
    delete = reverse("admin:accounts_membership_delete", args=[membership.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not follows(url)


def test_memberships_deleted_in_bulk_in_the_admin_end_their_addresses(
    admin_client, colleague, colleague_client
):
    url = subscribe(colleague_client)
    membership = Membership.objects.get(user=colleague)
    changelist = reverse("admin:accounts_membership_changelist")
    data = {"action": "delete_selected", "_selected_action": [membership.pk], "post": "yes"}
    assert admin_client.post(changelist, data).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not follows(url)


def test_the_organisation_page_in_the_admin_lists_members_to_read(admin_client, colleague):
    membership = Membership.objects.get(user=colleague)
    page = admin_client.get(
        reverse("admin:accounts_organisation_change", args=[membership.organisation_id])
    )
    assert page.status_code == 200
    assert str(colleague) in page.content.decode()
    assert "memberships-0-role" not in page.content.decode()  # no field to change it there
