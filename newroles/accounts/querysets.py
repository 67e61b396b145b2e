from django.db import models


class OrganisationScopedQuerySet(models.QuerySet):
    """A queryset of records that belong to an organisation, directly or through a parent.

    Subclasses say how to reach the organisation with `organisation_lookup` (for example
    "plan__organisation"). Every view reaches records through `for_user` or
    `for_organisation`, so nobody reads another organisation's data by guessing a URL.
    """

    organisation_lookup = "organisation"

    def for_organisation(self, organisation):
        return self.filter(**{self.organisation_lookup: organisation})

    def for_memberships(self, memberships):
        """Records of the organisations of these memberships: the request's, read afresh on
        every request (`request.memberships`). The same as `for_user`, without joining the
        memberships again."""
        return self.for_organisation_ids(membership_organisation_ids(memberships))

    def for_organisation_ids(self, ids):
        return self.filter(**{f"{self.organisation_lookup}__in": ids})

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(**{f"{self.organisation_lookup}__memberships__user": user})


def membership_organisation_ids(memberships) -> tuple[int, ...]:
    """The organisations of these memberships, in order."""
    return tuple(sorted({membership.organisation_id for membership in memberships}))
