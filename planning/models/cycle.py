from django.db import models
from django.db.models import Q

from ..records import PlanPart
from .plans import ImplementationPlan, Stage

# --- The guided workflow: the cycle's stages, their good-practice points, a plan's answers ---


class CycleStage(models.Model):
    """One of the six parts of the cycle, with our summary of it (curated in the admin)."""

    slug = models.CharField(max_length=30, choices=Stage.choices, unique=True)
    title = models.CharField(max_length=80)
    order = models.PositiveSmallIntegerField(unique=True)
    summary = models.TextField(help_text="What this stage is for, in two or three sentences.")
    why_it_matters = models.TextField(blank=True)
    source = models.CharField(
        max_length=200, default="Health Education England, Good Practice in New Workforce Roles"
    )

    class Meta:
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__in=Stage.values), name="cycle_stage_valid"),
        ]

    def __str__(self):
        return self.title


class Severity(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


SEVERITY_RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


class GoodPracticePoint(models.Model):
    """A point of the guide's good practice, in our words, with the risk of skipping it."""

    stage = models.ForeignKey(CycleStage, on_delete=models.PROTECT, related_name="points")
    code = models.CharField(max_length=8, unique=True, help_text="For example SF3.")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField("good practice", max_length=300)
    guidance = models.TextField(blank=True)
    risk = models.TextField(
        "risk of skipping it", blank=True, help_text="Only where the guide names one."
    )
    severity = models.CharField(
        max_length=6,
        choices=Severity.choices,
        default=Severity.MEDIUM,
        help_text="Ours, not the guide's. High: patient safety, regulation or governance, or the "
        "role failing outright. Medium: delay, poor uptake or wasted money. Low: a missed "
        "improvement.",
    )
    severity_reason = models.TextField(
        "why this severity", blank=True, help_text="One sentence explaining the severity."
    )

    class Meta:
        ordering = ["stage__order", "order"]
        verbose_name = "good-practice point"
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="point_severity_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.text}"


class StageResponse(PlanPart):
    """A plan's answers to one stage's questions (see planning/workflow.py for the questions).

    Also the version token for the whole stage page: saving the page raises it, so two people
    saving the same stage at once cannot silently overwrite each other's answers or checklist.
    """

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="stage_responses"
    )
    stage = models.CharField(max_length=30, choices=Stage.choices)
    answers = models.JSONField(default=dict, blank=True)

    class Meta(PlanPart.Meta):
        ordering = ["plan", "stage"]
        verbose_name = "stage answers"
        verbose_name_plural = "stage answers"
        constraints = [
            models.UniqueConstraint(fields=["plan", "stage"], name="stage_response_unique"),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="stage_response_stage_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} answers"


class PointStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class ChecklistResponse(PlanPart):
    """Where a plan stands on one good-practice point."""

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="checklist_responses"
    )
    point = models.ForeignKey(GoodPracticePoint, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=PointStatus.choices, default=PointStatus.NOT_STARTED
    )
    note = models.TextField(blank=True)

    class Meta(PlanPart.Meta):
        ordering = ["plan", "point"]
        verbose_name = "checklist answer"
        constraints = [
            models.UniqueConstraint(fields=["plan", "point"], name="checklist_response_unique"),
            models.CheckConstraint(
                condition=Q(status__in=PointStatus.values), name="checklist_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.point.code}: {self.get_status_display()}"
