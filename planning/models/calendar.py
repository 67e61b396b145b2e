from django.conf import settings
from django.db import models
from django.db.models import Q

from newroles.accounts.models import Organisation


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


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
