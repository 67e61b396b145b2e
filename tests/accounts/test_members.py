"""Leads invite people, change their roles and remove them; removal takes effect at once."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.models import Invitation, Membership, User
from newroles.accounts.permissions import MemberRole
from tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def invite(client, email, role=MemberRole.EDITOR):
    return client.post(reverse("accounts:invite"), {"email": email, "role": role})


def invitation_link(message):
    return re.search(r"https?://[^/]+(/accounts/invitations/\S+/)", message.body)[1]


def test_a_lead_invites_a_new_person_who_creates_an_account_and_joins(lead_client, organisation):
    response = invite(lead_client, "New.Person@nhs.net")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@nhs.net"]
    link = invitation_link(mail.outbox[0])

    lead_client.logout()
    page = lead_client.get(link)
    assert organisation.name in page.content.decode()
    response = lead_client.post(
        link,
        {
            "first_name": "Nia",
            "last_name": "Person",
            "password1": "a-brand-new-password-9",
            "password2": "a-brand-new-password-9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@nhs.net")
    assert Membership.objects.get(user=user, organisation=organisation).role == MemberRole.EDITOR
    assert lead_client.get(reverse("home")).status_code == 200
    assert lead_client.get(link).status_code == 410  # used once


def test_accepting_with_mismatched_passwords_creates_nothing(lead_client):
    invite(lead_client, "someone@nhs.net")
    link = invitation_link(mail.outbox[0])
    lead_client.logout()
    response = lead_client.post(
        link,
        {
            "first_name": "A",
            "last_name": "B",
            "password1": "long-password-one-1",
            "password2": "long-password-two-2",
        },
    )
    assert response.status_code == 200
    assert "The passwords do not match" in response.content.decode()
    assert not User.objects.filter(email="someone@nhs.net").exists()


def test_an_existing_user_signs_in_to_accept(lead_client, organisation, other_client):
    client = other_client
    existing = MembershipFactory().user
    invite(lead_client, existing.email, MemberRole.HR)
    link = invitation_link(mail.outbox[0])

    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.post(reverse("accounts:login"), {"username": existing.email, "password": TEST_PASSWORD})
    response = client.get(link)
    assert response.status_code == 200
    assert "Accept invitation" in response.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.get(user=existing, organisation=organisation).role == MemberRole.HR
    assert client.session["current_organisation_id"] == organisation.pk


def test_opening_an_invitation_link_while_signed_in_only_shows_what_it_is(
    lead_client, organisation, other_client
):
    """Anything can make a browser open a link; accepting takes the page's button (a POST)."""
    client = other_client
    existing = MembershipFactory()
    invite(lead_client, existing.user.email, MemberRole.EDITOR)
    link = invitation_link(mail.outbox[0])
    client.force_login(existing.user)

    for _ in range(2):
        response = client.get(link)
        assert response.status_code == 200
        page = response.content.decode()
        assert f"Join {organisation.name}" in page
        assert "Editor" in page
        assert '<button class="nhsuk-button" type="submit"' in page
    assert not Membership.objects.filter(user=existing.user, organisation=organisation).exists()
    assert Invitation.objects.get(email=existing.user.email).accepted_at is None
    assert client.session.get("current_organisation_id") != organisation.pk

    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.filter(user=existing.user, organisation=organisation).exists()
    assert client.get(link).status_code == 410  # used once


def test_an_invitation_is_only_for_its_address(lead_client, other_client):
    client = other_client
    invite(lead_client, "intended@nhs.net")
    link = invitation_link(mail.outbox[0])
    client.force_login(UserFactory(email="other@nhs.net"))
    response = client.get(link)
    assert response.status_code == 403
    assert "Accept invitation" not in response.content.decode()
    assert client.post(link).status_code == 403
    assert not Membership.objects.filter(user__email="other@nhs.net").exists()


def test_expired_and_withdrawn_invitations_do_not_work(lead_client, other_client):
    client = other_client
    invite(lead_client, "late@nhs.net")
    invitation = Invitation.objects.get(email="late@nhs.net")
    invitation.created_at = timezone.now() - timedelta(days=15)
    invitation.save()
    assert client.get(invitation_link(mail.outbox[0])).status_code == 410

    invite(lead_client, "withdrawn@nhs.net")
    invitation = Invitation.objects.get(email="withdrawn@nhs.net")
    lead_client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))
    assert client.get(invitation_link(mail.outbox[1])).status_code == 410


def test_inviting_an_existing_member_or_a_bad_address_shows_a_field_error(
    lead_client, organisation, member_of
):
    colleague = member_of(organisation, MemberRole.VIEWER)
    response = invite(lead_client, colleague.email)
    assert "already a member" in response.content.decode()
    response = invite(lead_client, "not-an-email")
    page = response.content.decode()
    assert "Enter an email address in the correct format" in page
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_a_lead_changes_a_members_role(lead_client, organisation, member_of):
    viewer = member_of(organisation, MemberRole.VIEWER)
    membership = viewer.memberships.get()
    response = lead_client.post(
        reverse("accounts:member_role", args=[membership.pk]), {"role": MemberRole.EDITOR}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == MemberRole.EDITOR


def test_the_last_lead_cannot_step_down_or_be_removed(lead_client, lead):
    membership = lead.memberships.get()
    response = lead_client.post(
        reverse("accounts:member_role", args=[membership.pk]), {"role": MemberRole.VIEWER}
    )
    assert "at least one lead" in response.content.decode()
    response = lead_client.post(reverse("accounts:member_remove", args=[membership.pk]))
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.role == MemberRole.LEAD


def test_removal_asks_for_confirmation_then_ends_access_at_once(
    lead_client, organisation, member_of, other_client
):
    client = other_client
    editor = member_of(organisation, MemberRole.EDITOR)
    client.force_login(editor)
    assert client.get(reverse("home")).status_code == 200
    membership = editor.memberships.get()

    confirm = lead_client.get(reverse("accounts:member_remove", args=[membership.pk]))
    assert "lose access" in confirm.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()

    lead_client.post(reverse("accounts:member_remove", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    response = client.get(reverse("home"))  # same session, next request
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:no_organisation")
