"""Reference data the whole product uses: kinds of new role, kinds of skill-mix change,
the role catalogue. Curated site-wide by staff with the `roles.curate` permission."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class AgendaForChangeBand(models.TextChoices):
    BAND_1 = "1", "Band 1"
    BAND_2 = "2", "Band 2"
    BAND_3 = "3", "Band 3"
    BAND_4 = "4", "Band 4"
    BAND_5 = "5", "Band 5"
    BAND_6 = "6", "Band 6"
    BAND_7 = "7", "Band 7"
    BAND_8A = "8a", "Band 8a"
    BAND_8B = "8b", "Band 8b"
    BAND_8C = "8c", "Band 8c"
    BAND_8D = "8d", "Band 8d"
    BAND_9 = "9", "Band 9"


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
    typical_bands = models.JSONField(
        default=list, blank=True, help_text='Agenda for Change bands, for example ["4", "5"].'
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
        ]

    def __str__(self):
        return self.name

    @property
    def other_names_list(self) -> list[str]:
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]

    @property
    def is_regulated(self) -> bool:
        return self.regulator != self.Regulator.NONE

    def clean(self):
        valid = set(AgendaForChangeBand.values)
        bands = self.typical_bands
        if not isinstance(bands, list) or any(band not in valid for band in bands):
            raise ValidationError(
                {"typical_bands": 'List Agenda for Change bands, such as ["4", "5", "8a"].'}
            )


class PayPointQuerySet(models.QuerySet):
    def current(self, on=None):
        """The pay point in force for each band on a date (latest effective_from on or before)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        latest = {}
        for point in self.filter(effective_from__lte=on).order_by("band", "effective_from"):
            latest[point.band] = point
        return latest


class PayPoint(models.Model):
    """A typical salary for an Agenda for Change band, with employer on-costs.

    Curators keep this table current each pay round; cost estimates use the latest row in
    force for the plan's band.
    """

    band = models.CharField(max_length=3, choices=AgendaForChangeBand.choices)
    annual_salary = models.DecimalField(
        max_digits=9, decimal_places=2, help_text="A typical point in the band, in pounds a year."
    )
    on_cost_rate = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.300"),
        help_text="Employer on-costs (National Insurance, pension) as a fraction, e.g. 0.300.",
    )
    effective_from = models.DateField()
    source = models.CharField(max_length=200, blank=True)

    objects = PayPointQuerySet.as_manager()

    class Meta:
        ordering = ["band", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["band", "effective_from"], name="pay_point_unique"),
            models.CheckConstraint(condition=Q(annual_salary__gt=0), name="pay_point_positive"),
            models.CheckConstraint(
                condition=Q(on_cost_rate__gte=0, on_cost_rate__lte=1), name="pay_point_on_costs"
            ),
            models.CheckConstraint(
                condition=Q(band__in=AgendaForChangeBand.values), name="pay_point_band_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_band_display()} from {self.effective_from:%d %B %Y}"

    @property
    def annual_cost(self) -> Decimal:
        return self.annual_salary * (1 + self.on_cost_rate)
