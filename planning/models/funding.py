from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from roles.models import AgendaForChangeBand

from ..records import PlanPart
from .plans import ImplementationPlan


class FundingKind(models.TextChoices):
    RECURRENT = "recurrent", "Recurrent baseline budget"
    NON_RECURRENT = "non_recurrent", "Non-recurrent or pilot money"
    ARRS = "arrs", "Additional Roles Reimbursement Scheme (primary care)"
    EDUCATION = "education", "Education funding"
    # Levy-paying employers' apprenticeship service account: it pays for apprenticeship
    # training and assessment only, never wages or backfill.
    APPRENTICESHIP_LEVY = "levy", "Apprenticeship levy (training and assessment only)"
    PARTNER = "partner", "Partner or pooled budget"
    OTHER = "other", "Other"


# What a source pays for; the research found supervision and backfill are often left out.
COVERAGE_FIELDS = {
    "covers_salary": "salary",
    "covers_training": "training",
    "covers_backfill": "backfill",
    "covers_supervision": "supervision",
    "covers_ongoing_support": "ongoing support",
}


class FundingSource(PlanPart):
    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="funding_sources"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=FundingKind.choices)
    amount_per_year = models.DecimalField(
        "amount per year (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    start_date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="Leave empty if the funding is recurrent with no end."
    )
    covers_salary = models.BooleanField("salary", default=False)
    covers_training = models.BooleanField("training", default=False)
    covers_backfill = models.BooleanField("backfill", default=False)
    covers_supervision = models.BooleanField("supervision", default=False)
    covers_ongoing_support = models.BooleanField("ongoing support", default=False)

    class Meta(PlanPart.Meta):
        ordering = ["start_date", "pk"]
        verbose_name = "funding source"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FundingKind.values), name="funding_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount_per_year__gte=0), name="funding_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="funding_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def covers(self) -> list[str]:
        return [label for field, label in COVERAGE_FIELDS.items() if getattr(self, field)]


class CostAssumptions(PlanPart):
    """The figures behind the cost estimate that the plan's own answers do not give."""

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="cost_assumptions"
    )
    supervision_hours_per_week = models.DecimalField(
        "supervisors' time (hours per week, in total)",
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(37.5)],
    )
    supervisor_band = models.CharField(
        "supervisors' Agenda for Change band",
        max_length=3,
        choices=AgendaForChangeBand.choices,
        blank=True,
    )
    backfill_cost_per_year = models.DecimalField(
        "backfill (£ per year)",
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="Cover for staff released to train or supervise.",
    )

    class Meta(PlanPart.Meta):
        verbose_name = "cost assumptions"
        verbose_name_plural = "cost assumptions"
        constraints = [
            models.UniqueConstraint(fields=["plan"], name="cost_assumptions_one_per_plan"),
            models.CheckConstraint(
                condition=Q(
                    supervision_hours_per_week__gte=0, supervision_hours_per_week__lte=37.5
                ),
                name="cost_supervision_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(backfill_cost_per_year__gte=0), name="cost_backfill_not_negative"
            ),
        ]

    def __str__(self):
        return "Cost assumptions"
