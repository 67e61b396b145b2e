"""Changes to organisations and people: switching, invitations, roles, removal."""

import re
import secrets

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from newroles.ui.text import WEB_ADDRESS, one_line

from .models import Invitation, Membership, Organisation, User
from .permissions import MemberRole
from .selectors import CURRENT_ORGANISATION_SESSION_KEY
from .signals import membership_changed


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
    context = {
        "invitation": invitation,
        "inviter": _named_in_email(invited_by),
        "organisation_name": one_line(organisation.name),
        "link": link,
    }
    send_mail(
        # On one line: a line break in a subject is refused (BadHeaderError).
        subject=f"You are invited to {one_line(organisation.name)} on NewRoles",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


# What a mail client would make a link of: a web address, a domain ("evil.example") or an
# email address.
_LINKABLE = re.compile(rf"{WEB_ADDRESS.pattern}|\w\.[a-z]{{2,}}\b|@", re.IGNORECASE)


def _named_in_email(user) -> str:
    """How an email we send names a person: their name on one line (text emails cannot be
    escaped), or their email address when the name could become a link ("" for nobody).
    Forms refuse such names; this covers names set another way."""
    if user is None:
        return ""
    name = one_line(user.get_full_name())
    return name if name and not _LINKABLE.search(name) else one_line(user.email)


def revoke_invitation(invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def check_can_accept(invitation: Invitation, user: User) -> None:
    """Raise ValidationError, saying why, when this person cannot accept the invitation."""
    if not invitation.is_usable:
        raise ValidationError("This invitation has expired or been withdrawn.")
    if user.email.lower() != invitation.email.lower():
        raise ValidationError("This invitation was sent to a different email address.")


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    check_can_accept(invitation, user)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if created:
        announce_membership(membership, joined=True)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


def announce_membership(membership: Membership, *, joined=False, ended=False) -> None:
    """Tell the apps built on accounts (accounts.signals), in the change's transaction. The
    services here call it; so does the admin, which saves memberships itself."""
    membership_changed.send(
        sender=Membership,
        user_id=membership.user_id,
        organisation_id=membership.organisation_id,
        role=None if ended else membership.role,
        joined=joined,
    )


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
    announce_membership(membership)
    return membership


@transaction.atomic
def remove_member(membership: Membership) -> None:
    """Remove a member. Access ends at once: memberships are read on every request."""
    _ensure_another_lead(membership)
    membership.delete()
    announce_membership(membership, ended=True)


@transaction.atomic
def set_single_sign_on(*, organisation: Organisation, required: bool) -> Organisation:
    organisation.require_single_sign_on = required
    organisation.save(update_fields=["require_single_sign_on"])
    return organisation
