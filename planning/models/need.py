"""The need analysis: the options compared before choosing a new role, and the team's skill
mix before and after the change it intends."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from roles.models import AgendaForChangeBand

from ..records import LivePlanPartManager, PlanPart
from .plans import ImplementationPlan

MAX_MONTHS_TO_EFFECT = 120
MAX_TEAM_WTE = 9999


class OptionKind(models.TextChoices):
    """The options HEE's guide asks a trust to weigh before deciding a new role is the answer,
    and any other the lead adds."""

    EXISTING_TEAM = "existing_team", "Make better use of the existing team"
    REDESIGN = "redesign", "Redesign the service"
    NEW_ROLE = "new_role", "Introduce a new role"
    OTHER = "other", "Another option"


class AppraisedOption(PlanPart):
    """One way of meeting the plan's need, appraised: cost, time to effect, benefits, risks,
    a score; one of a plan's options is the chosen one, with the reason."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="options")
    kind = models.CharField(max_length=20, choices=OptionKind.choices)
    title = models.CharField("option", max_length=200)
    cost_per_year = models.DecimalField(
        "cost a year",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="In pounds, the extra cost each year once in place. Leave empty if not known.",
    )
    months_to_effect = models.PositiveSmallIntegerField(
        "time to effect (months)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_MONTHS_TO_EFFECT)],
        help_text="How many months until it makes a difference to patients, up to 120.",
    )
    benefits = models.TextField()
    risks = models.TextField(blank=True)
    score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How well it meets the need, from 1 (poorly) to 5 (fully).",
    )
    chosen = models.BooleanField("this is the option chosen", default=False)
    reason_chosen = models.TextField("why it was chosen", blank=True)

    objects = LivePlanPartManager()

    class Meta(PlanPart.Meta):
        ordering = ["-chosen", "pk"]
        verbose_name = "option"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OptionKind.values), name="option_kind"),
            models.CheckConstraint(
                condition=Q(cost_per_year__isnull=True) | Q(cost_per_year__gte=0),
                name="option_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(months_to_effect__isnull=True)
                | Q(months_to_effect__lte=MAX_MONTHS_TO_EFFECT),
                name="option_months_range",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="option_score_range",
            ),
            models.CheckConstraint(
                condition=Q(chosen=False) | ~Q(reason_chosen=""),
                name="option_chosen_with_reason",
                violation_error_message="Say why this option was chosen.",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(chosen=True, deleted_at__isnull=True),
                name="option_one_chosen_per_plan",
                violation_error_message="Only one option can be the chosen one.",
            ),
        ]

    def __str__(self):
        return self.title


class SkillMixLine(PlanPart):
    """One profession and band in the team: its WTE before the change, and the WTE intended
    after it. Reviews record the WTE actually in place (evaluation's SkillMixActual)."""

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="skill_mix_lines"
    )
    profession = models.CharField(
        max_length=120, help_text="For example registered nurses, or peer support workers."
    )
    band = models.CharField(
        "Agenda for Change band",
        max_length=3,
        choices=AgendaForChangeBand.choices,
        blank=True,
        help_text="Leave empty for staff not on Agenda for Change, such as doctors.",
    )
    wte_before = models.DecimalField(
        "WTE before",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_TEAM_WTE)],
        help_text="Whole-time equivalent in the team now. 0 for a role new to the team.",
    )
    wte_after = models.DecimalField(
        "WTE intended after",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_TEAM_WTE)],
        help_text="Whole-time equivalent once the change is made. 0 if it goes.",
    )

    objects = LivePlanPartManager()

    class Meta(PlanPart.Meta):
        ordering = ["profession", "band", "pk"]
        verbose_name = "skill mix line"
        constraints = [
            models.CheckConstraint(
                condition=Q(band="") | Q(band__in=AgendaForChangeBand.values),
                name="skill_mix_band_valid",
            ),
            models.CheckConstraint(
                condition=Q(wte_before__gte=0, wte_after__gte=0), name="skill_mix_wte_not_negative"
            ),
            models.UniqueConstraint(
                fields=["plan", "profession", "band"],
                condition=Q(deleted_at__isnull=True),
                name="skill_mix_line_unique",
                violation_error_message="The team already has a line for this profession and band.",
            ),
        ]

    def __str__(self):
        band = f", {self.get_band_display()}" if self.band else ""
        return f"{self.profession}{band}"

    @property
    def intended_change(self):
        return self.wte_after - self.wte_before
