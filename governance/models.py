"""Stakeholders, the communication plan, governance arrangements and the scope of practice.

Every model here is a plan part (`planning.records.PlanPart`): it has history, a version for
conflict detection, a bin, and is copied with its plan.
"""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Count, F, Q

from planning.records import LivePlanPartManager, OwnedByMember, PlanPart, PlanPartQuerySet

# --- Shared choices ---------------------------------------------------------------------------


class StakeholderGroup(models.TextChoices):
    """Who has a stake in a new role. Also the audiences of the communication plan."""

    SPONSOR = "sponsor", "Senior leadership or sponsor"
    CLINICAL_CHAMPION = "clinical_champion", "Clinical champion"
    LINE_MANAGER = "line_manager", "Line manager"
    CLINICAL_SUPERVISOR = "clinical_supervisor", "Clinical supervisor"
    EXISTING_TEAM = "existing_team", "Existing team"
    HR = "hr", "HR"
    FINANCE = "finance", "Finance"
    EDUCATION_PROVIDER = "education_provider", "Education provider"
    REGULATOR = "regulator", "Regulator or professional body"
    SERVICE_USERS = "service_users", "Service users and carers"
    STAFF_SIDE = "staff_side", "Staff side or trade union"
    PARTNER = "partner", "Partner organisation"
    COMMISSIONER = "commissioner", "Commissioner"


class Level(models.IntegerChoices):
    LOW = 1, "Low"
    MEDIUM = 2, "Medium"
    HIGH = 3, "High"


class Stance(models.TextChoices):
    """Where someone stands on the new role, from most against to most for."""

    OPPOSED = "opposed", "Opposed"
    SCEPTICAL = "sceptical", "Sceptical"
    NEUTRAL = "neutral", "Neutral"
    SUPPORTIVE = "supportive", "Supportive"
    CHAMPION = "champion", "Champion"


STANCE_RANK = {stance: rank for rank, stance in enumerate(Stance.values)}


def validate_group_codes(value):
    """A communication's audience: a non-empty list of distinct stakeholder group codes."""
    if not isinstance(value, list) or not value:
        raise ValidationError("Select at least one audience", code="required")
    unknown = [code for code in value if code not in StakeholderGroup.values]
    if unknown:
        raise ValidationError("Select audiences from the list", code="invalid_choice")
    if len(set(value)) != len(value):
        raise ValidationError("Select each audience once", code="duplicate")


# --- Stakeholders -----------------------------------------------------------------------------


class Approach(models.TextChoices):
    """How closely to engage someone, from their place on the influence and interest grid."""

    MANAGE_CLOSELY = "manage_closely", "Manage closely"
    KEEP_SATISFIED = "keep_satisfied", "Keep satisfied"
    KEEP_INFORMED = "keep_informed", "Keep informed"
    MONITOR = "monitor", "Monitor"


def approach_for(influence: int, interest: int) -> str:
    """Medium counts with high: only people low on both are left to monitor."""
    much_influence = influence >= Level.MEDIUM
    much_interest = interest >= Level.MEDIUM
    if much_influence and much_interest:
        return Approach.MANAGE_CLOSELY
    if much_influence:
        return Approach.KEEP_SATISFIED
    if much_interest:
        return Approach.KEEP_INFORMED
    return Approach.MONITOR


class GridStakeholder(NamedTuple):
    pk: int
    name: str
    influence: int
    interest: int
    group: str
    current_stance: str
    desired_stance: str

    @property
    def to_win_over(self) -> bool:
        return short_of_desired_stance(self.current_stance, self.desired_stance)


class StakeholderQuerySet(PlanPartQuerySet):
    def by_priority(self):
        """Most influential and most interested first, then by name."""
        return self.order_by("-influence", "-interest", "name", "pk")

    def for_grid(self):
        """What the influence and interest grid and its summary show, as plain rows
        (`GridStakeholder`), most influential first."""
        fields = ("pk", "name", "influence", "interest", "group", "current_stance")
        rows = self.by_priority().values_list(*fields, "desired_stance")
        return [GridStakeholder(*row) for row in rows]

    def group_counts(self) -> dict[str, int]:
        return dict(self.order_by().values_list("group").annotate(n=Count("pk")))

    def groups_present(self) -> set[str]:
        return set(self.order_by().values_list("group", flat=True).distinct())


def short_of_desired_stance(current_stance: str, desired_stance: str) -> bool:
    """Whether someone still needs to move closer to supporting the role."""
    return STANCE_RANK[desired_stance] > STANCE_RANK[current_stance]


class Stakeholder(PlanPart):
    """A person or group the new role affects or who can affect it."""

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(max_length=200, help_text="A person, or a group such as a team.")
    job_title = models.CharField(max_length=200, blank=True)
    # Not "organisation": plan parts already answer `organisation_id` with their plan's.
    organisation_name = models.CharField("organisation", max_length=200, blank=True)
    group = models.CharField(max_length=30, choices=StakeholderGroup.choices)
    influence = models.PositiveSmallIntegerField(choices=Level.choices)
    interest = models.PositiveSmallIntegerField(choices=Level.choices)
    current_stance = models.CharField(max_length=12, choices=Stance.choices)
    desired_stance = models.CharField(max_length=12, choices=Stance.choices)
    notes = models.TextField(blank=True)

    objects = LivePlanPartManager.from_queryset(StakeholderQuerySet)()
    all_objects = StakeholderQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        ordering = ["-influence", "-interest", "name", "pk"]
        verbose_name = "stakeholder"
        indexes = [models.Index(fields=["plan", "group"])]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="stakeholder_name_not_blank"),
            models.CheckConstraint(
                condition=Q(group__in=StakeholderGroup.values), name="stakeholder_group_valid"
            ),
            models.CheckConstraint(
                condition=Q(influence__in=Level.values), name="stakeholder_influence_valid"
            ),
            models.CheckConstraint(
                condition=Q(interest__in=Level.values), name="stakeholder_interest_valid"
            ),
            models.CheckConstraint(
                condition=Q(current_stance__in=Stance.values) & Q(desired_stance__in=Stance.values),
                name="stakeholder_stance_valid",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def approach(self) -> str:
        return approach_for(self.influence, self.interest)


# --- Communication plan -----------------------------------------------------------------------


class Channel(models.TextChoices):
    TEAM_MEETING = "team_meeting", "Team meeting"
    BRIEFING = "briefing", "Briefing or presentation"
    EMAIL = "email", "Email or newsletter"
    INTRANET = "intranet", "Intranet or staff bulletin"
    ONE_TO_ONE = "one_to_one", "One-to-one conversation"
    WORKSHOP = "workshop", "Workshop or engagement event"
    COMMITTEE = "committee", "Board or committee paper"
    LEAFLET = "leaflet", "Letter, leaflet or poster"
    OTHER = "other", "Other"


class Frequency(models.TextChoices):
    ONCE = "once", "Once"
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Fortnightly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    MILESTONES = "milestones", "At each milestone"
    AS_NEEDED = "as_needed", "When needed"


class CommunicationItem(OwnedByMember, PlanPart):
    """One message of the communication plan: what, to whom, how, how often and who sends it."""

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="communications"
    )
    message = models.CharField(max_length=300)
    audience = models.JSONField(
        default=list,
        validators=[validate_group_codes],
        help_text="Stakeholder group codes.",
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    owner = models.CharField(max_length=120, blank=True)

    class Meta(PlanPart.Meta):
        ordering = ["pk"]
        verbose_name = "communication"
        constraints = [
            models.CheckConstraint(condition=~Q(message=""), name="communication_message_set"),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="communication_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="communication_frequency_valid"
            ),
        ]

    def __str__(self):
        return self.message


# --- Governance arrangements ------------------------------------------------------------------


class Regulator(models.TextChoices):
    NONE = "none", "Not regulated"
    GMC = "gmc", "General Medical Council (GMC)"
    NMC = "nmc", "Nursing and Midwifery Council (NMC)"
    HCPC = "hcpc", "Health and Care Professions Council (HCPC)"
    GPHC = "gphc", "General Pharmaceutical Council (GPhC)"
    GDC = "gdc", "General Dental Council (GDC)"
    SWE = "swe", "Social Work England"
    ACCREDITED = "accredited", "A voluntary accredited register"
    OTHER = "other", "Another regulator"


def same_person(first: str, second: str) -> bool:
    """True when two names are the same person's, ignoring case and extra spaces."""

    def fold(name):
        return " ".join((name or "").split()).casefold()

    return bool(fold(first)) and fold(first) == fold(second)


SAME_PERSON_MESSAGE = "Explain why the line manager will also be the clinical supervisor"
REGISTRATION_MESSAGE = "Select the regulator the role registers with"


class GovernanceArrangement(PlanPart):
    """Who is accountable for the role, who manages and supervises it, and how concerns rise.

    The guide keeps line management and clinical supervision apart; when one person does both,
    the plan must say why. The form and `clean()` insist on it. The database cannot compare
    names the way people do, so `governance.gaps` also reports records that arrive without a
    reason (copies, imports, the admin).
    """

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="governance"
    )
    accountable_executive = models.CharField(max_length=200, blank=True)
    line_manager = models.CharField(max_length=200, blank=True)
    clinical_supervisor = models.CharField(max_length=200, blank=True)
    same_person_reason = models.TextField(
        "why the line manager is also the clinical supervisor", blank=True
    )
    supervision_frequency = models.CharField(max_length=200, blank=True)
    escalation_route = models.TextField(blank=True)
    oversight_group = models.CharField(max_length=200, blank=True)
    indemnity = models.TextField(blank=True)
    regulator = models.CharField(max_length=12, choices=Regulator.choices, blank=True)
    registration_required = models.BooleanField(default=False)

    class Meta(PlanPart.Meta):
        verbose_name = "governance arrangements"
        verbose_name_plural = "governance arrangements"
        constraints = [
            models.UniqueConstraint(fields=["plan"], name="governance_one_per_plan"),
            models.CheckConstraint(
                condition=Q(regulator="") | Q(regulator__in=Regulator.values),
                name="governance_regulator_valid",
            ),
            models.CheckConstraint(
                condition=Q(registration_required=False) | ~Q(regulator__in=["", Regulator.NONE]),
                name="governance_registration_names_regulator",
                violation_error_message=REGISTRATION_MESSAGE,
            ),
        ]

    def __str__(self):
        return "Governance arrangements"

    @property
    def supervisor_is_line_manager(self) -> bool:
        return same_person(self.line_manager, self.clinical_supervisor)

    @property
    def people_to_name(self) -> list[str]:
        """Who the arrangement does not name yet, as a sentence would list them."""
        named = (
            ("the accountable executive", self.accountable_executive),
            ("the line manager", self.line_manager),
            ("the clinical supervisor", self.clinical_supervisor),
        )
        return [who for who, name in named if not name.strip()]

    @property
    def lacks_same_person_reason(self) -> bool:
        return self.supervisor_is_line_manager and not self.same_person_reason.strip()

    def clean(self):
        super().clean()
        errors = {}
        if self.lacks_same_person_reason:
            errors["same_person_reason"] = SAME_PERSON_MESSAGE
        if self.registration_required and self.regulator in ("", Regulator.NONE):
            errors["regulator"] = REGISTRATION_MESSAGE
        if errors:
            raise ValidationError(errors)


# --- Scope of practice ------------------------------------------------------------------------


class PracticeLevel(models.TextChoices):
    INDEPENDENT = "independent", "May do independently"
    SUPERVISED = "supervised", "May do under supervision"
    NOT_PERMITTED = "not_permitted", "Not permitted"


RED_RATING = 15  # 5x5: 15 and above is red
AMBER_RATING = 5  # 5 to 12 amber, 1 to 4 green


class ScopeActivityQuerySet(PlanPartQuerySet):
    def red(self):
        return self.filter(risk_rating__gte=RED_RATING)

    def permitted(self):
        return self.exclude(level=PracticeLevel.NOT_PERMITTED)

    def by_rating(self):
        return self.order_by("-risk_rating", "activity", "pk")


class ScopeActivity(PlanPart):
    """One task the role might do, how far it may do it, and the harm if it went wrong."""

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="scope_activities"
    )
    activity = models.CharField(max_length=300)
    level = models.CharField(max_length=16, choices=PracticeLevel.choices)
    likelihood = models.PositiveSmallIntegerField(
        "likelihood of harm",
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (rare) to 5 (almost certain), if the role does it.",
    )
    severity = models.PositiveSmallIntegerField(
        "severity of harm",
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (negligible) to 5 (catastrophic).",
    )
    # Stored so the table sorts in SQL; the constraint keeps it equal to the product.
    risk_rating = models.PositiveSmallIntegerField(editable=False)
    delegation_reasoning = models.TextField("why the role may or may not do it", blank=True)
    conditions = models.TextField(blank=True)

    objects = LivePlanPartManager.from_queryset(ScopeActivityQuerySet)()
    all_objects = ScopeActivityQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        ordering = ["-risk_rating", "activity", "pk"]
        verbose_name = "scope of practice activity"
        verbose_name_plural = "scope of practice activities"
        constraints = [
            models.CheckConstraint(condition=~Q(activity=""), name="scope_activity_not_blank"),
            models.CheckConstraint(
                condition=Q(level__in=PracticeLevel.values), name="scope_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5), name="scope_likelihood_range"
            ),
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=5), name="scope_severity_range"
            ),
            models.CheckConstraint(
                condition=Q(risk_rating=F("likelihood") * F("severity")),
                name="scope_rating_is_product",
            ),
        ]

    def __str__(self):
        return self.activity

    def save(self, *args, **kwargs):
        self.risk_rating = (self.likelihood or 0) * (self.severity or 0)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "risk_rating"}
        super().save(*args, **kwargs)


# --- Impact assessments and policies ----------------------------------------------------------


class AssessmentKind(models.TextChoices):
    QUALITY = "quality", "Quality impact assessment"
    EQUALITY = "equality", "Equality impact assessment"
    BOTH = "both", "Quality and equality impact assessment"


LINK_MESSAGE = "Enter a web address starting with http:// or https://"
web_link = URLValidator(schemes=["http", "https"], message=LINK_MESSAGE)


class ImpactAssessment(PlanPart):
    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="impact_assessments"
    )
    kind = models.CharField(max_length=10, choices=AssessmentKind.choices)
    assessed_on = models.DateField("date of the assessment")
    outcome = models.TextField(blank=True)
    reviewer = models.CharField(max_length=200, blank=True)
    link = models.URLField(blank=True, max_length=500, validators=[web_link])

    class Meta(PlanPart.Meta):
        ordering = ["-assessed_on", "pk"]
        verbose_name = "impact assessment"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AssessmentKind.values), name="assessment_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(link="")
                | Q(link__istartswith="http://")
                | Q(link__istartswith="https://"),
                name="assessment_link_is_web",
                violation_error_message=LINK_MESSAGE,
            ),
        ]

    def __str__(self):
        when = self.assessed_on
        return (
            f"{self.get_kind_display()} of {when.day} {when:%B %Y}"
            if when
            else (self.get_kind_display())
        )


class PolicyStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFTING = "drafting", "Drafting"
    APPROVED = "approved", "Approved"
    NOT_NEEDED = "not_needed", "Not needed"


class PolicyRequirementQuerySet(PlanPartQuerySet):
    def outstanding(self):
        return self.filter(status__in=[PolicyStatus.NOT_STARTED, PolicyStatus.DRAFTING])


class PolicyRequirement(OwnedByMember, PlanPart):
    """A policy or procedure the role depends on, such as prescribing, transcribing or consent."""

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="policies"
    )
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        max_length=12, choices=PolicyStatus.choices, default=PolicyStatus.NOT_STARTED
    )

    objects = LivePlanPartManager.from_queryset(PolicyRequirementQuerySet)()
    all_objects = PolicyRequirementQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        ordering = ["title", "pk"]
        verbose_name = "policy"
        verbose_name_plural = "policies"
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="policy_title_not_blank"),
            models.CheckConstraint(
                condition=Q(status__in=PolicyStatus.values), name="policy_status_valid"
            ),
        ]

    def __str__(self):
        return self.title
