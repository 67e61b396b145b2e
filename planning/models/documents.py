"""A plan's documents: the PDF cache and the sign-offs that freeze a version's PDF.

Neither is a `PlanPart`: approvals are a record of a decision about one version and are never
binned, edited or copied with a plan; cached PDFs are derived data, thrown away at will.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .plans import ImplementationPlan


class DocumentKind(models.TextChoices):
    FULL = "full", "Implementation plan"
    SUMMARY = "summary", "Plan on a page"
    WORD = "word", "Board paper (Word)"


class RenderedDocument(models.Model):
    """A built document (a PDF, or the Word file) of one version of a plan, so that
    downloading it again is instant.

    Keyed by plan, version and kind. `fingerprint` covers what the document shows that is
    not part of the plan (organisation name, owner's name, the library's case studies, the
    layout's own revision), so a change there is not served from a stale copy either. It is
    a table rather than Django's cache so that every gunicorn worker shares it.
    """

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="rendered_documents"
    )
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    fingerprint = models.CharField(max_length=64)
    content = models.BinaryField()
    page_count = models.PositiveIntegerField(default=0)
    render_seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "version", "kind"], name="rendered_document_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="rendered_document_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of plan {self.plan_id}, version {self.version}"


class DocumentBuild(models.Model):
    """One row per plan and kind of document: the task building it (`task_id`, a
    django-tasks result, for the version and fingerprint it was asked for), so that people
    asking meanwhile follow the same build instead of queueing another; and a lock
    (`select_for_update`) held while the document is typeset, so that a request that must
    have it at once (an approval) waits for that build and then uses what it stored."""

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="document_builds"
    )
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    task_id = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="document_build_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_build_kind_valid"
            ),
        ]

    def __str__(self):
        return f"Builds of the {self.get_kind_display()} of plan {self.plan_id}"


class ApprovalDecision(models.TextChoices):
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", "Approved with conditions"
    NOT_APPROVED = "not_approved", "Not approved"


class PlanApprovalQuerySet(models.QuerySet):
    def for_list(self):
        """Without the PDF bytes, newest first."""
        return self.defer("pdf").select_related("created_by").order_by("-created_at", "-pk")


class PlanApproval(models.Model):
    """A decision by a board, committee or person on one version of a plan, with the PDF
    they decided on, frozen: downloading it later returns exactly these bytes whatever has
    happened to the plan since. Recorded by a lead; never edited."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.PROTECT, related_name="approvals")
    version = models.PositiveIntegerField(editable=False)
    approver = models.CharField(
        "approving body or person",
        max_length=200,
        help_text="For example, Trust Board, Workforce Committee, or the Director of Nursing.",
    )
    decided_on = models.DateField("date of the decision")
    decision = models.CharField(max_length=30, choices=ApprovalDecision.choices)
    notes = models.TextField(blank=True, help_text="Conditions, reasons or the minute reference.")
    pdf = models.BinaryField(editable=False)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "approval"
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=ApprovalDecision.values), name="approval_decision_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="approval_version_valid"),
            models.CheckConstraint(condition=~Q(approver=""), name="approval_approver_given"),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.approver} (version {self.version})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("An approval is a record of a decision: it is never changed.")
        super().save(*args, **kwargs)
