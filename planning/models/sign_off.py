"""Sign-off, asked for: a lead asks named members to sign off one version of the plan; when
every one approves, the version is approved and its PDF frozen (a `PlanApproval`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .documents import PlanApproval
from .plans import ImplementationPlan


class SignOffStatus(models.TextChoices):
    OPEN = "open", "Waiting for sign-off"
    APPROVED = "approved", "Signed off"
    SENT_BACK = "sent_back", "Sent back"


class SignOffRequest(models.Model):
    """Sign-off of one version of a plan, asked of one or more members."""

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="sign_off_requests"
    )
    version = models.PositiveIntegerField()
    message = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=SignOffStatus.choices, default=SignOffStatus.OPEN
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approval = models.OneToOneField(
        PlanApproval, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SignOffStatus.values), name="sign_off_status_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="sign_off_version_valid"),
            models.CheckConstraint(
                condition=Q(status="approved", approval__isnull=False)
                | (~Q(status="approved") & Q(approval__isnull=True)),
                name="sign_off_approved_has_approval",
            ),
        ]

    def __str__(self):
        return f"Sign-off of version {self.version}"

    @property
    def organisation_id(self):
        return self.plan.organisation_id


class SignOffDecision(models.TextChoices):
    WAITING = "waiting", "Waiting"
    APPROVED = "approved", "Approved"
    SENT_BACK = "sent_back", "Sent back"


class SignOff(models.Model):
    """One member's part in a sign-off request: their decision and any comment."""

    request = models.ForeignKey(SignOffRequest, on_delete=models.CASCADE, related_name="sign_offs")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_offs"
    )
    decision = models.CharField(
        max_length=10, choices=SignOffDecision.choices, default=SignOffDecision.WAITING
    )
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "approver"], name="sign_off_once_each"),
            models.CheckConstraint(
                condition=Q(decision__in=SignOffDecision.values), name="sign_off_decision_valid"
            ),
            models.CheckConstraint(
                condition=~Q(decision="sent_back") | ~Q(comment=""),
                name="sign_off_sent_back_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.approver}: {self.get_decision_display()}"
