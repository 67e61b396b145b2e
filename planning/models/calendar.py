from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from newroles.accounts.models import Membership, Organisation
from newroles.accounts.permissions import Action, MemberRole, role_can


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def serving(self):
        """Active feeds whose person may still export in the feed's organisation, as a member
        since before the address was issued: an address never outlives the membership it was
        issued in (services revoke it when the right ends; this holds even if they did not)."""
        exporting = Membership.objects.filter(
            user=OuterRef("user"),
            organisation=OuterRef("organisation"),
            role__in=[role for role in MemberRole if role_can(role, Action.EXPORT)],
            created_at__lte=OuterRef("created_at"),
        )
        return self.active().filter(Exists(exporting), user__is_active=True)


class CalendarFeed(models.Model):
    """A person's private calendar subscription to their organisation's checkpoints and
    actions. The token in the URL is the only credential, so it can be revoked and replaced;
    the feed also stops when the person leaves the organisation or loses export rights."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_feed_one_active",
            ),
        ]

    def __str__(self):
        return f"Calendar feed of {self.user} for {self.organisation}"
