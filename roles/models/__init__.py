"""Reference data the whole product uses: kinds of new role, kinds of skill-mix change,
the role catalogue. Curated site-wide by staff with the `roles.curate` permission."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .pay import (  # noqa: F401 (pay lives in its own module; imported from here)
    AgendaForChangeBand,
    EmployerOnCosts,
    EmploymentCost,
    HighCostArea,
    HighCostAreaSupplement,
    PayPoint,
    employment_cost,
)


class Stage(models.TextChoices):
    """The six parts of HEE's cycle for new roles, in the guide's order."""

    UNDERPINNING_APPROACH = "underpinning-approach", "Underpinning Approach"
    SETTING_A_FOUNDATION = "setting-a-foundation", "Setting a Foundation"
    UNDERSTANDING_RESOURCE = "understanding-resource", "Understanding Resource"
    STAKEHOLDER_ENGAGEMENT = "stakeholder-engagement", "Stakeholder Engagement"
    TRAINING_AND_SUPPORT = "training-and-support", "Training and Support"
    MONITOR_AND_EVALUATE = "monitor-and-evaluate", "Monitor and Evaluate"


class CareSetting(models.TextChoices):
    ACUTE = "acute", "Acute"
    MENTAL_HEALTH = "mental_health", "Mental health"
    COMMUNITY = "community", "Community"
    PRIMARY_CARE = "primary_care", "Primary care"
    AMBULANCE = "ambulance", "Ambulance"
    SOCIAL_CARE = "social_care", "Social care"
    INTEGRATED = "integrated", "Integrated care"


class ReferenceEntry(models.Model):
    """Common shape of the small curated vocabularies."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField()
    example = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the facts come from.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class RoleCategory(ReferenceEntry):
    """HEE's three kinds of new role: new to everyone, new to me, new ways of working."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "kind of new role"
        verbose_name_plural = "kinds of new role"


class SkillMixChange(ReferenceEntry):
    """The five kinds of skill-mix change (Sibbald et al.; Nancarrow and Borthwick)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "kind of skill-mix change"
        verbose_name_plural = "kinds of skill-mix change"


class RoleQuerySet(models.QuerySet):
    def search(self, query: str):
        """Find roles by any of their names, so a renamed role is found by either."""
        query = (query or "").strip()
        if not query:
            return self
        return self.filter(
            Q(name__icontains=query)
            | Q(other_names__icontains=query)
            | Q(description__icontains=query)
        )


class ProfessionGroup(models.TextChoices):
    MEDICAL_ASSOCIATE = "medical_associate", "Medical associate professions"
    NURSING = "nursing", "Nursing and nursing support"
    ALLIED_HEALTH = "allied_health", "Allied health professions"
    PHARMACY = "pharmacy", "Pharmacy"
    PSYCHOLOGICAL = "psychological", "Psychological professions and mental health"
    CLINICAL_SUPPORT = "clinical_support", "Clinical support"
    PERSONALISED_CARE = "personalised_care", "Personalised care and care coordination"
    ADVANCED_PRACTICE = "advanced_practice", "Advanced practice"
    SOCIAL_CARE = "social_care", "Social care and wellbeing"


class Regulator(models.TextChoices):
    GMC = "GMC", "General Medical Council"
    NMC = "NMC", "Nursing and Midwifery Council"
    HCPC = "HCPC", "Health and Care Professions Council"
    GPHC = "GPhC", "General Pharmaceutical Council"
    # No statutory regulator, but NHS-commissioned services require registration on a
    # register the Professional Standards Authority accredits (wellbeing practitioners).
    ACCREDITED = "accredited", "Accredited register (Professional Standards Authority)"
    NONE = "none", "Not regulated"


class Role(models.Model):
    ProfessionGroup = ProfessionGroup
    Regulator = Regulator

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120, unique=True)
    other_names = models.TextField(
        blank=True, help_text="Other names for the role, one per line. Search finds these too."
    )
    profession_group = models.CharField(max_length=30, choices=ProfessionGroup.choices)
    regulator = models.CharField(max_length=10, choices=Regulator.choices, default=Regulator.NONE)
    registration_deadline = models.DateField(
        null=True,
        blank=True,
        help_text="The date by which people in the role must be registered to practise, "
        "where a regulator has set one.",
    )
    regulation_note = models.TextField(
        blank=True, help_text="What registration means for this role, in a sentence or two."
    )
    regulation_source = models.CharField(
        max_length=300, blank=True, help_text="Where the regulator and any deadline come from."
    )
    regulation_checked_on = models.DateField(
        null=True, blank=True, help_text="When a curator last checked the regulation facts."
    )
    typical_bands = models.JSONField(
        default=list, blank=True, help_text='Agenda for Change bands, for example ["4", "5"].'
    )
    arrs_reimbursable = models.BooleanField(
        "reimbursable under the Additional Roles Reimbursement Scheme",
        default=False,
        help_text="Whether primary care networks can claim the role's pay back under the scheme.",
    )
    description = models.TextField()
    source = models.CharField(max_length=300, blank=True)
    curator_check = models.TextField(
        blank=True, help_text="Facts from outside the source documents, for a curator to confirm."
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("curate", "Can curate the reference library")]
        constraints = [
            models.CheckConstraint(
                condition=Q(profession_group__in=ProfessionGroup.values),
                name="role_profession_group_valid",
            ),
            models.CheckConstraint(
                condition=Q(regulator__in=Regulator.values), name="role_regulator_valid"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True) | ~Q(regulator="none"),
                name="role_deadline_needs_regulator",
                violation_error_message="Only a role that must be registered can have a "
                "registration deadline.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_regulated(self) -> bool:
        """People in the role must be registered: with a statutory regulator, or on an
        accredited register the NHS requires."""
        return self.regulator != self.Regulator.NONE

    @property
    def regulation_label(self) -> str:
        """'General Medical Council: registered by 12 December 2026', or 'Not regulated'."""
        if not self.is_regulated:
            return "Not regulated"
        label = self.get_regulator_display()
        if self.registration_deadline:
            when = self.registration_deadline
            label += f": registered by {when.day} {when:%B %Y}"
        return label

    def clean(self):
        valid = set(AgendaForChangeBand.values)
        bands = self.typical_bands
        if not isinstance(bands, list) or any(band not in valid for band in bands):
            raise ValidationError(
                {"typical_bands": 'List Agenda for Change bands, such as ["4", "5", "8a"].'}
            )


# --- The library: case studies of new roles in practice --------------------------------


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


REVIEW_INTERVAL_DAYS = 365


class CaseStudyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CaseStudyStatus.PUBLISHED)

    def review_due(self, today=None):
        from django.utils import timezone

        today = today or timezone.localdate()
        cutoff = today - timedelta(days=REVIEW_INTERVAL_DAYS)
        return self.filter(status=CaseStudyStatus.PUBLISHED).filter(
            Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff)
        )

    def for_stage(self, stage):
        return self.filter(stage_links__stage=stage)

    def search(self, query):
        query = (query or "").strip()
        if not query:
            return self
        return self.filter(
            Q(title__icontains=query)
            | Q(organisation_name__icontains=query)
            | Q(role_names__icontains=query)
            | Q(summary__icontains=query)
            | Q(what_they_did__icontains=query)
            | Q(outcomes__icontains=query)
            | Q(lessons__icontains=query)
        )


class CaseStudy(models.Model):
    """A real example of a new role in practice, summarised in our words with its source."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    organisation_name = models.CharField("organisation", max_length=200, blank=True)
    region = models.CharField(max_length=80, blank=True)
    roles = models.ManyToManyField(Role, blank=True, related_name="case_studies")
    role_names = models.CharField("roles as named in the source", max_length=300, blank=True)
    care_setting = models.CharField(max_length=20, choices=CareSetting.choices)
    skill_mix_change = models.ForeignKey(
        SkillMixChange,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_studies",
    )
    summary = models.TextField()
    what_they_did = models.TextField(blank=True)
    outcomes = models.TextField(blank=True, help_text="With figures where the source gives them.")
    lessons = models.TextField(blank=True)
    source_title = models.CharField(max_length=300)
    source_publisher = models.CharField(max_length=200, blank=True)
    source_year = models.PositiveSmallIntegerField(null=True, blank=True)
    source_url = models.URLField(blank=True)
    status = models.CharField(
        max_length=10, choices=CaseStudyStatus.choices, default=CaseStudyStatus.DRAFT
    )
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_reviewed = models.DateField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_case_studies",
        help_text="The organisation that proposed it from its own experience, if any.",
    )
    curator_comment = models.TextField(
        blank=True,
        help_text="What the curators asked the proposer to change, if they sent it back.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "case studies"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CaseStudyStatus.values), name="case_study_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(care_setting__in=CareSetting.values),
                name="case_study_setting_valid",
            ),
            models.CheckConstraint(
                condition=Q(source_year__isnull=True)
                | Q(source_year__gte=1948, source_year__lte=2100),
                name="case_study_source_year_range",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def stages(self) -> list[str]:
        return [link.stage for link in self.stage_links.all()]

    @property
    def is_review_due(self) -> bool:
        from django.utils import timezone

        if self.status != CaseStudyStatus.PUBLISHED:
            return False
        if self.last_reviewed is None:
            return True
        return self.last_reviewed < timezone.localdate() - timedelta(days=REVIEW_INTERVAL_DAYS)


class CaseStudyStage(models.Model):
    """A stage of the cycle a case study illustrates."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="stage_links")
    stage = models.CharField(max_length=30, choices=Stage.choices)

    class Meta:
        ordering = ["case_study", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["case_study", "stage"], name="case_study_stage_unique"),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="case_study_stage_valid"
            ),
        ]

    def __str__(self):
        return self.get_stage_display()


# --- Off-the-shelf role packages ---------------------------------------------------------


class TemplateStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"  # offered from a plan, awaiting the curators
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class RoleTemplateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=TemplateStatus.PUBLISHED, current_version__isnull=False)


class RoleTemplate(models.Model):
    """An off-the-shelf package for introducing a catalogue role, curated by admins.

    Curators edit these fields; publishing freezes them as a new `RoleTemplateVersion`, which
    is what plans start from and record. Editing a published template therefore never changes
    a plan, and the next publication is a new version.
    """

    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="templates")
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    category = models.ForeignKey(
        RoleCategory, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    skill_mix_changes = models.ManyToManyField(SkillMixChange, blank=True, related_name="+")
    care_setting = models.CharField(max_length=20, choices=CareSetting.choices, blank=True)
    typical_bands = models.JSONField(default=list, blank=True)
    regulation = models.TextField(blank=True)
    registration_required = models.BooleanField(default=False)
    job_description_points = models.TextField(blank=True, help_text="One point per line.")
    training_route = models.TextField(blank=True)
    competency_framework = models.CharField(max_length=300, blank=True)
    supervision_model = models.TextField(blank=True)
    career_pathway = models.TextField(blank=True)
    # Structured parts copied into a plan; their shapes are checked in clean().
    answers = models.JSONField(
        default=dict, blank=True, help_text="Stage slug → question code → draft answer."
    )
    scope_of_practice = models.JSONField(default=list, blank=True)
    stakeholders = models.JSONField(default=list, blank=True)
    risks = models.JSONField(default=list, blank=True)
    metrics = models.JSONField(default=list, blank=True)
    checkpoints = models.JSONField(default=list, blank=True)
    training = models.JSONField(
        default=list, blank=True, help_text='Training to plan: [{"title": ..., "kind": ...}].'
    )
    sources = models.TextField(blank=True)
    curator_check = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=TemplateStatus.choices, default=TemplateStatus.DRAFT
    )
    current_version = models.ForeignKey(
        "RoleTemplateVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    offered_by = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offered_templates",
        help_text="The organisation whose plan this was made from, if any.",
    )
    # Offered from a plan: each placeholder that took the place of names ("[line manager]")
    # and how many times, so that curators see every replacement before publishing. The
    # names themselves are not kept.
    replacements = models.JSONField(default=dict, blank=True, editable=False)
    curator_comment = models.TextField(
        blank=True, help_text="What the curators told the offering organisation, if sent back."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoleTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TemplateStatus.values), name="role_template_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from ..packages import validate_package

        validate_package(self)


class RoleTemplateVersion(models.Model):
    """A published, frozen version of a role template. Plans record which one they used."""

    template = models.ForeignKey(RoleTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="role_template_version_unique"
            ),
        ]

    def __str__(self):
        return f"{self.template} (version {self.number})"


class ReferenceGeneration(models.Model):
    """One row counting changes to the curated reference data that plans' derived pages use
    (pay points, the cycle's stages and points, skill-mix changes).

    `planning.plan_cache` keys cached plan content on it; every app server reads the same row,
    so an edit in the admin on one host is seen by the caches of all of them.
    """

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "reference data generation"
        constraints = [
            # One counter for the whole site: every host must read the same row.
            models.CheckConstraint(condition=models.Q(pk=1), name="reference_generation_one_row")
        ]

    def __str__(self):
        return f"Reference data generation {self.value}"
