from django.db import models
from django.db.models import F, Q

from ..records import LivePlanPartManager, OwnedByMember, PlanPart, PlanPartQuerySet
from .cycle import GoodPracticePoint
from .plans import ImplementationPlan, Stage

HIGH_RISK_SCORE = 15  # 5x5 matrix: 15 and above is high (red) in most NHS risk policies


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    MANAGED = "managed", "Being managed"
    CLOSED = "closed", "Closed"


class RiskQuerySet(PlanPartQuerySet):
    def open(self):
        return self.exclude(status=RiskStatus.CLOSED)

    def high(self):
        return self.filter(score__gte=HIGH_RISK_SCORE)

    def by_score(self):
        return self.order_by("-score", "-impact", "pk")


class Risk(OwnedByMember, PlanPart):
    """An entry in the plan's risk register, scored on a 5x5 likelihood-impact matrix."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="risks")
    description = models.CharField(max_length=500)
    stage = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    likelihood = models.PositiveSmallIntegerField(help_text="1 (rare) to 5 (almost certain).")
    impact = models.PositiveSmallIntegerField(help_text="1 (negligible) to 5 (catastrophic).")
    # Stored so the register sorts in SQL; the constraint keeps it equal to the product.
    score = models.PositiveSmallIntegerField(editable=False)
    mitigation = models.TextField(blank=True)
    owner = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    source_point = models.ForeignKey(
        GoodPracticePoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="The good-practice point whose risk this was suggested from.",
    )

    objects = LivePlanPartManager.from_queryset(RiskQuerySet)()
    all_objects = RiskQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        ordering = ["-score", "pk"]
        verbose_name = "risk"
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5), name="risk_likelihood_range"
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5), name="risk_impact_range"
            ),
            models.CheckConstraint(
                condition=Q(score=F("likelihood") * F("impact")), name="risk_score_is_product"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RiskStatus.values), name="risk_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(stage="") | Q(stage__in=Stage.values), name="risk_stage_valid"
            ),
        ]

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        self.score = (self.likelihood or 0) * (self.impact or 0)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "score"}
        super().save(*args, **kwargs)
