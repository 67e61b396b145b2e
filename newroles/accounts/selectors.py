"""Reusable reads about organisations and people."""

from .models import Invitation, Membership, User

CURRENT_ORGANISATION_SESSION_KEY = "current_organisation_id"


def memberships_of(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).select_related("organisation"))


def current_membership(request) -> Membership | None:
    """The membership for the organisation this person is working in, if any.

    A person in exactly one organisation is always working in it; a person in several
    picks one (stored in the session). A removed member loses it at once, because the
    membership is read afresh on every request.
    """
    memberships = list(request.memberships)
    chosen = request.session.get(CURRENT_ORGANISATION_SESSION_KEY)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership
    if len(memberships) == 1:
        return memberships[0]
    return None


def membership_for(request, organisation_id) -> Membership | None:
    for membership in request.memberships:
        if membership.organisation_id == organisation_id:
            return membership
    return None


def active_people_in(organisation_id):
    """The organisation's active members as people (users), in name order: whom a form
    offers to mention, ask for sign-off or make owner."""
    return User.objects.filter(
        memberships__organisation_id=organisation_id, is_active=True
    ).order_by("first_name", "last_name", "email")


def members_of(organisation):
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__email")
    )


def pending_invitations(organisation):
    return (
        Invitation.objects.filter(organisation=organisation).usable().select_related("invited_by")
    )
