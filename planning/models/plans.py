from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Subquery, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from newroles.accounts.models import Organisation
from newroles.accounts.querysets import OrganisationScopedQuerySet
from roles.models import (
    AgendaForChangeBand,
    CareSetting,
    HighCostArea,
    Role,
    RoleCategory,
    SkillMixChange,
    Stage,
)

from ..records import (
    LivePlanPartManager,
    OwnedByMember,
    PlanPart,
    PlanPartQuerySet,
    VersionedRecord,
)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_PROGRESS = "in_progress", "In progress"
    LIVE = "live", "Live"
    UNDER_REVIEW = "under_review", "Under review"
    CLOSED = "closed", "Closed"


MIN_WTE = Decimal("0.01")
MAX_WTE = Decimal("500")


class ImplementationPlanQuerySet(OrganisationScopedQuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def live(self):
        return self.filter(status=PlanStatus.LIVE)

    def with_status(self, status):
        return self.filter(status=status) if status else self

    def search(self, query: str):
        query = (query or "").strip()
        if not query:
            return self
        return self.filter(
            Q(title__icontains=query)
            | Q(need__icontains=query)
            | Q(role__name__icontains=query)
            | Q(role__other_names__icontains=query)
            | Q(role_name_other__icontains=query)
            | Q(service__icontains=query)
            | Q(team__icontains=query)
        )

    def for_list(self):
        return self.select_related("role", "category", "owner").order_by("-updated_at", "-pk")

    def with_reference_generation(self):
        """Each plan with `reference_generation`: the curated reference data's generation,
        which planning.plan_cache keys on, read in the same query."""
        from roles.models import ReferenceGeneration

        generation = ReferenceGeneration.objects.filter(pk=1).values("value")
        return self.annotate(reference_generation=Coalesce(Subquery(generation), Value(0)))


class ImplementationPlan(VersionedRecord):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    need = models.TextField(
        "the need the role is to meet",
        help_text="Describe the patient and service need first: the role should follow from it.",
    )
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text="Choose from the catalogue, or name the role below if it is not listed.",
    )
    role_name_other = models.CharField("role not in the catalogue", max_length=120, blank=True)
    category = models.ForeignKey(
        RoleCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name="kind of new role",
    )
    skill_mix_changes = models.ManyToManyField(
        SkillMixChange, blank=True, related_name="plans", verbose_name="kinds of skill-mix change"
    )
    service = models.CharField(max_length=200, blank=True)
    team = models.CharField(max_length=200, blank=True)
    care_setting = models.CharField(max_length=20, choices=CareSetting.choices, blank=True)
    planned_wte = models.DecimalField(
        "planned whole-time equivalent",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_WTE), MaxValueValidator(MAX_WTE)],
        help_text="For example 2.5. More than 0, at most 500.",
    )
    band = models.CharField(
        "Agenda for Change band", max_length=3, choices=AgendaForChangeBand.choices, blank=True
    )
    high_cost_area = models.CharField(
        "high cost area supplement",
        max_length=12,
        choices=HighCostArea.choices,
        blank=True,
        default="",
        help_text="Where the posts are, if Agenda for Change pays a high cost area supplement "
        "there: inner London, outer London or the fringe.",
    )
    target_start_date = models.DateField(null=True, blank=True)
    horizon_years = models.PositiveSmallIntegerField(
        "implementation horizon (years)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How many years the plan covers, from 1 to 10.",
    )
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_plans",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    template_version = models.ForeignKey(
        "roles.RoleTemplateVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        editable=False,
        help_text="The role template version the plan was started from, if any.",
    )
    # The document version: rises with any change to the plan or its parts (in SQL, never
    # written from a stale copy). Shown on exports; keys the PDF cache.
    version = models.PositiveIntegerField(default=1, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ImplementationPlanQuerySet.as_manager()
    # Its own history, so that changes to the skill-mix choices are recorded too.
    history = HistoricalRecords(m2m_fields=[skill_mix_changes])

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            # The plan list: an organisation's active plans, newest first. Partial, because
            # PostgreSQL takes no order from an index whose earlier column is only `IS NULL`.
            models.Index(
                fields=["organisation", "-updated_at", "-id"],
                condition=Q(archived_at__isnull=True),
                name="plan_list_active_idx",
            ),
            models.Index(fields=["organisation", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_wte__isnull=True)
                | (Q(planned_wte__gt=0) & Q(planned_wte__lte=MAX_WTE)),
                name="plan_wte_range",
                violation_error_message="Planned WTE must be more than 0 and at most 500.",
            ),
            models.CheckConstraint(
                condition=Q(horizon_years__gte=1) & Q(horizon_years__lte=10),
                name="plan_horizon_range",
                violation_error_message="The horizon must be from 1 to 10 years.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="plan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(band="") | Q(band__in=AgendaForChangeBand.values),
                name="plan_band_valid",
            ),
            models.CheckConstraint(
                condition=Q(high_cost_area__in=HighCostArea.values),
                name="plan_high_cost_area_valid",
            ),
            models.CheckConstraint(
                condition=Q(care_setting="") | Q(care_setting__in=CareSetting.values),
                name="plan_care_setting_valid",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="plan_title_not_blank"),
        ]

    def __str__(self):
        return self.title

    @property
    def role_name(self) -> str:
        return self.role.name if self.role_id else self.role_name_other

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class PlanActionQuerySet(PlanPartQuerySet):
    def open(self):
        return self.exclude(status=ActionStatus.DONE)


class PlanAction(OwnedByMember, PlanPart):
    """Something someone must do, at any stage of the cycle."""

    OWNER_TEXT_FIELD = "owner_name"

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="actions")
    stage = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    description = models.CharField("what needs doing", max_length=300)
    owner_name = models.CharField(
        "owner", max_length=120, blank=True, help_text="The person responsible."
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    # Engagement actions are actions about a stakeholder.
    stakeholder = models.ForeignKey(
        "governance.Stakeholder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )

    objects = LivePlanPartManager.from_queryset(PlanActionQuerySet)()
    all_objects = PlanActionQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(stage="") | Q(stage__in=Stage.values), name="action_stage_valid"
            ),
        ]

    def __str__(self):
        return self.description
