"""Changes to organisations and people: switching, invitations, roles, removal."""

import secrets

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Invitation, Membership, User
from .permissions import MemberRole
from .selectors import CURRENT_ORGANISATION_SESSION_KEY


def switch_organisation(request, membership: Membership) -> None:
    request.session[CURRENT_ORGANISATION_SESSION_KEY] = membership.organisation_id
    request.membership = membership


def invite(*, organisation, email, role, invited_by, build_absolute_uri) -> Invitation:
    """Create an invitation and email its link. Earlier pending ones for the address lapse."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": "This person is already a member of your organisation."})
    now = timezone.now()
    Invitation.objects.filter(organisation=organisation, email__iexact=email).pending().update(
        revoked_at=now
    )
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=invited_by,
        token=secrets.token_urlsafe(32),
    )
    link = build_absolute_uri(reverse("accounts:accept_invitation", args=[invitation.token]))
    context = {"invitation": invitation, "link": link}
    send_mail(
        subject=f"You are invited to {organisation.name} on NewRoles",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


def revoke_invitation(invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    if not invitation.is_usable:
        raise ValidationError("This invitation has expired or been withdrawn.")
    if user.email.lower() != invitation.email.lower():
        raise ValidationError("This invitation was sent to a different email address.")
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


def _ensure_another_lead(membership: Membership) -> None:
    others = (
        Membership.objects.leads()
        .filter(organisation_id=membership.organisation_id)
        .exclude(pk=membership.pk)
        .select_for_update()
    )
    if membership.role == MemberRole.LEAD and not others.exists():
        raise ValidationError(
            "An organisation needs at least one lead. Make someone else a lead first."
        )


class RoleChanged(Exception):
    """Another lead changed the member's role after this page was loaded."""

    def __init__(self, current: Membership):
        super().__init__("The role changed since the page was loaded.")
        self.current = current


@transaction.atomic
def change_role(membership: Membership, role: str, *, based_on_role: str = "") -> Membership:
    """Change a member's role. With `based_on_role` (the role the page showed), refuse with
    `RoleChanged` if another lead changed it meanwhile instead of overwriting their decision."""
    if role != MemberRole.LEAD:
        _ensure_another_lead(membership)
    rows = Membership.objects.filter(pk=membership.pk)
    if based_on_role:
        rows = rows.filter(role=based_on_role)
    if not rows.update(role=role):
        raise RoleChanged(Membership.objects.get(pk=membership.pk))
    membership.role = role
    return membership


@transaction.atomic
def remove_member(membership: Membership) -> None:
    """Remove a member. Access ends at once: memberships are read on every request."""
    _ensure_another_lead(membership)
    membership.delete()
