"""The audit log: who viewed, exported and approved which plan, for the organisation's leads.

Not a `PlanPart`: an event is a record of something a person did, never binned, edited,
restored, copied with a plan or moved with it by `planning/transfer.py`. Rows are only ever
added (`planning/audit.py` writes them); the model refuses to change or delete one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from newroles.accounts.models import Organisation

from .plans import ImplementationPlan


class AuditAction(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    EXPORTED = "exported", "Exported"
    APPROVED = "approved", "Approved"


class AppendOnly(Exception):
    """An audit event was about to be changed or deleted."""


class PlanAuditEventQuerySet(models.QuerySet):
    def with_action(self, action):
        return self.filter(action=action) if action else self

    def for_log(self):
        """Newest first; who did it is frozen on the row, so no join is needed for people."""
        return self.order_by("-occurred_at", "-pk")

    def update(self, **kwargs):
        raise AppendOnly("Audit events are never changed.")

    def delete(self):
        raise AppendOnly("Audit events are never deleted.")


class PlanAuditEvent(models.Model):
    """One person viewing, exporting or approving one plan, at one moment.

    `user` goes when the account is deleted; `user_email` and `user_name` keep who it was.
    `organisation` is the plan's, copied so the organisation's log needs no join. The plan is
    protected: plans are archived, never deleted, and their events stay with them.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.PROTECT, related_name="audit_events", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user_email = models.EmailField("email address", blank=True)
    user_name = models.CharField("name", max_length=300, blank=True)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    detail = models.CharField(
        max_length=300, blank=True, help_text="What was exported, or the decision recorded."
    )
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PlanAuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = "audit event"
        # The two logs' queries (these also serve the foreign keys, hence db_index=False).
        indexes = [
            models.Index(fields=["plan", "-occurred_at"], name="audit_plan_occurred"),
            models.Index(fields=["organisation", "-occurred_at"], name="audit_org_occurred"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="audit_action_valid"
            ),
        ]

    def __str__(self):
        who = self.user_name or self.user_email or "Someone"
        return f"{who} {self.get_action_display().lower()} plan {self.plan_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit events are never deleted.")
