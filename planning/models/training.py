from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from ..records import OwnedByMember, PlanPart
from .plans import ImplementationPlan


class TrainingKind(models.TextChoices):
    HIGHER_EDUCATION = "higher_education", "Higher-education programme"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    IN_HOUSE = "in_house", "In-house course"
    E_LEARNING = "e_learning", "E-learning"
    SHADOWING = "shadowing", "Shadowing"
    COMPETENCY_SIGN_OFF = "competency_sign_off", "Competency sign-off"


class TrainingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    BOOKED = "booked", "Booked"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class TrainingActivity(OwnedByMember, PlanPart):
    OWNER_TEXT_FIELD = None

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="training_activities"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=TrainingKind.choices)
    provider = models.CharField(max_length=200, blank=True)
    competency_framework = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    cost = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Total cost in pounds, for example 4500.",
    )
    funded_by = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )

    class Meta(PlanPart.Meta):
        ordering = ["start_date", "pk"]
        verbose_name = "training activity"
        verbose_name_plural = "training activities"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=TrainingKind.values), name="training_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=TrainingStatus.values), name="training_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="training_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="training_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title


class Competency(PlanPart):
    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="competencies"
    )
    name = models.CharField(max_length=200)
    framework_reference = models.CharField(max_length=120, blank=True)
    assessed_by = models.CharField(max_length=120, blank=True)
    achieved_date = models.DateField(null=True, blank=True)

    class Meta(PlanPart.Meta):
        ordering = ["name", "pk"]
        verbose_name = "competency"
        verbose_name_plural = "competencies"

    def __str__(self):
        return self.name


class SupportArrangement(PlanPart):
    """How people in the role are supported while they learn it (one per plan)."""

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="support_arrangements"
    )
    clinical_educator = models.CharField(max_length=120, blank=True)
    mentor_or_buddy = models.CharField("mentor or buddy", max_length=120, blank=True)
    supernumerary_weeks = models.PositiveSmallIntegerField(
        "supernumerary period (weeks)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(104)],
        help_text="Weeks before the post counts in the staffing numbers, up to 104.",
    )
    protected_learning_hours = models.DecimalField(
        "protected learning time (hours per week)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(37.5)],
        help_text="From 0 to 37.5.",
    )
    supervision_plan = models.TextField(blank=True)
    induction = models.TextField(blank=True)
    preceptorship = models.TextField(blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "support arrangements"
        verbose_name_plural = "support arrangements"
        constraints = [
            models.UniqueConstraint(fields=["plan"], name="support_one_per_plan"),
            models.CheckConstraint(
                condition=Q(supernumerary_weeks__isnull=True) | Q(supernumerary_weeks__lte=104),
                name="support_supernumerary_range",
            ),
            models.CheckConstraint(
                condition=Q(protected_learning_hours__isnull=True)
                | Q(protected_learning_hours__gte=0, protected_learning_hours__lte=37.5),
                name="support_learning_hours_range",
            ),
        ]

    def __str__(self):
        return "Support arrangements"
