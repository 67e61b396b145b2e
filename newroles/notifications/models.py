"""What people are emailed about, what they have turned off, and what has been sent."""

from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", "Something is assigned to you"
    MENTION = "mention", "You are mentioned"
    SIGNOFF_REQUEST = "signoff_request", "Sign-off requested from you"
    SIGNOFF_OUTCOME = "signoff_outcome", "The outcome of a sign-off you asked for"
    DUE_SOON = "due_soon", "Weekly: things due in the next 7 days"
    OVERDUE = "overdue", "Daily: things overdue"


# How a sentence names the emails of a kind: "Stop emails about ...?"
ABOUT = {
    NotificationKind.ASSIGNED: "things assigned to you",
    NotificationKind.MENTION: "mentions of you",
    NotificationKind.SIGNOFF_REQUEST: "sign-offs requested from you",
    NotificationKind.SIGNOFF_OUTCOME: "the outcome of sign-offs you asked for",
    NotificationKind.DUE_SOON: "things due in the next 7 days (weekly)",
    NotificationKind.OVERDUE: "things overdue (daily)",
}

_KIND_IS_KNOWN = models.Q(kind__in=NotificationKind.values)


class NotificationPreference(models.Model):
    """A person's choice for one kind of email. No row: the kind is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_preference_one_per_kind"
            ),
            models.CheckConstraint(
                condition=_KIND_IS_KNOWN, name="notifications_preference_kind_known"
            ),
        ]

    def __str__(self):
        state = "on" if self.enabled else "off"
        return f"{self.get_kind_display()}: {state} for {self.user_id}"


class SentNotification(models.Model):
    """One email sent to one person about one thing on one day (Europe/London). The unique
    constraint decides, in the database, which of two workers or hosts sends it: the row is
    inserted before the email is sent, in the same transaction, and a failed send rolls it
    back so that a later run tries again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    # What it is about, e.g. "planning.planaction:12", or "digest" for a daily or weekly list.
    key = models.CharField(max_length=200)
    day = models.DateField(help_text="The day it was sent for, in Europe/London.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key", "day"], name="notifications_sent_once_a_day"
            ),
            models.CheckConstraint(condition=_KIND_IS_KNOWN, name="notifications_sent_kind_known"),
        ]
        indexes = [models.Index(fields=["day"], name="notifications_sent_day")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.key}) to {self.user_id} on {self.day}"
