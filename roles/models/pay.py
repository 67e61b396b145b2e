"""Pay as published: Agenda for Change pay points, employers' on-costs and the high cost
area supplements. Curators add each year's figures as new rows with their effective date
(in the admin: no code); estimates use the rows in force on the plan's start date."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

PENNY = Decimal("0.01")


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


class DatedTableQuerySet(models.QuerySet):
    """Rows published for a key (a band, a zone) from a date: each pay round adds new rows."""

    key_field = ""

    def current(self, on=None) -> dict:
        """{key: the row in force on a date} (the latest effective_from on or before it)."""
        on = on or timezone.localdate()
        latest = {}
        for row in self.filter(effective_from__lte=on).order_by(self.key_field, "effective_from"):
            latest[getattr(row, self.key_field)] = row
        return latest


class PayPointQuerySet(DatedTableQuerySet):
    key_field = "band"


class PayPoint(models.Model):
    """An Agenda for Change band's pay as published for a pay round (its entry and top pay
    points) and the mid-point estimates use.

    Curators add each pay round's table as new rows with its effective date (in the admin:
    no code); cost estimates use the latest row in force on the plan's start date.
    """

    band = models.CharField(max_length=3, choices=AgendaForChangeBand.choices)
    entry_salary = models.DecimalField(
        "entry pay point",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The band's first pay point as published, in pounds a year.",
    )
    top_salary = models.DecimalField(
        "top pay point",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The band's top pay point as published, in pounds a year.",
    )
    annual_salary = models.DecimalField(
        "salary used in estimates",
        max_digits=9,
        decimal_places=2,
        help_text="The mid-point of the entry and top pay points, in pounds a year.",
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
                condition=Q(entry_salary__isnull=True, top_salary__isnull=True)
                | Q(
                    entry_salary__gt=0,
                    entry_salary__lte=F("annual_salary"),
                    top_salary__gte=F("annual_salary"),
                ),
                name="pay_point_within_band",
                violation_error_message="The salary used in estimates must lie between the "
                "entry and top pay points.",
            ),
            models.CheckConstraint(
                condition=Q(band__in=AgendaForChangeBand.values), name="pay_point_band_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_band_display()} from {self.effective_from:%d %B %Y}"

    @staticmethod
    def mid_point(entry: Decimal, top: Decimal) -> Decimal:
        return ((entry + top) / 2).quantize(Decimal("0.01"))


class EmployerOnCostsQuerySet(models.QuerySet):
    def current(self, on=None):
        """The rates in force on a date, or None when none are recorded."""
        on = on or timezone.localdate()
        return self.filter(effective_from__lte=on).order_by("-effective_from").first()


class EmployerOnCosts(models.Model):
    """What an employer pays on top of pay, as published, from a date.

    National Insurance is charged on pay above the secondary threshold; the pension and the
    apprenticeship levy on all of it. The pension rate is what the employer pays locally:
    for NHS employers part of the scheme's full rate is paid centrally (the note says so).
    """

    effective_from = models.DateField(unique=True)
    national_insurance_rate = models.DecimalField(
        "employer's National Insurance rate",
        max_digits=5,
        decimal_places=4,
        help_text="As a fraction of pay above the threshold, e.g. 0.1500 for 15%.",
    )
    national_insurance_threshold = models.DecimalField(
        "secondary threshold",
        max_digits=9,
        decimal_places=2,
        help_text="Pay a year below which the employer pays no National Insurance, in pounds.",
    )
    pension_rate = models.DecimalField(
        "employer's pension contribution rate",
        max_digits=5,
        decimal_places=4,
        help_text="As a fraction of pensionable pay, e.g. 0.1438 for 14.38%.",
    )
    apprenticeship_levy_rate = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0"),
        help_text="As a fraction of pay, e.g. 0.0050 for 0.5%; 0 if the employer does not pay it.",
    )
    source = models.TextField(help_text="Where each rate is published.")
    note = models.TextField(blank=True)

    objects = EmployerOnCostsQuerySet.as_manager()

    class Meta:
        verbose_name = "employer on-costs"
        verbose_name_plural = "employer on-costs"
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    national_insurance_rate__gte=0,
                    national_insurance_rate__lte=1,
                    pension_rate__gte=0,
                    pension_rate__lte=1,
                    apprenticeship_levy_rate__gte=0,
                    apprenticeship_levy_rate__lte=1,
                    national_insurance_threshold__gte=0,
                ),
                name="employer_on_costs_rates_valid",
            ),
        ]

    def __str__(self):
        return f"Employer on-costs from {self.effective_from:%-d %B %Y}"


class HighCostArea(models.TextChoices):
    NONE = "", "Not in a high cost area"
    INNER_LONDON = "inner_london", "Inner London"
    OUTER_LONDON = "outer_london", "Outer London"
    FRINGE = "fringe", "Fringe"


class HighCostAreaSupplementQuerySet(DatedTableQuerySet):
    key_field = "zone"


class HighCostAreaSupplement(models.Model):
    """Agenda for Change's high cost area supplement for a zone: a share of basic pay,
    no less than the minimum and no more than the maximum."""

    zone = models.CharField(max_length=12, choices=[c for c in HighCostArea.choices if c[0]])
    rate = models.DecimalField(
        max_digits=4, decimal_places=3, help_text="Share of basic pay, e.g. 0.200 for 20%."
    )
    minimum = models.DecimalField(max_digits=8, decimal_places=2)
    maximum = models.DecimalField(max_digits=8, decimal_places=2)
    effective_from = models.DateField()
    source = models.TextField()

    objects = HighCostAreaSupplementQuerySet.as_manager()

    class Meta:
        ordering = ["zone", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "effective_from"], name="hcas_unique"),
            models.CheckConstraint(
                condition=Q(zone__in=[c for c in HighCostArea.values if c]), name="hcas_zone_valid"
            ),
            models.CheckConstraint(
                condition=Q(rate__gt=0, rate__lte=1, minimum__gte=0, maximum__gte=F("minimum")),
                name="hcas_amounts_valid",
                violation_error_message="The maximum must be at least the minimum.",
            ),
        ]

    def __str__(self):
        return f"{self.get_zone_display()} from {self.effective_from:%-d %B %Y}"

    def amount_for(self, basic: Decimal) -> Decimal:
        return _pounds(min(max(basic * self.rate, self.minimum), self.maximum))


def _pounds(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class EmploymentCost:
    """What one whole-time post costs its employer for a year, line by line."""

    basic: Decimal
    supplement: Decimal = Decimal(0)
    national_insurance: Decimal = Decimal(0)
    pension: Decimal = Decimal(0)
    apprenticeship_levy: Decimal = Decimal(0)

    @property
    def pay(self) -> Decimal:
        return self.basic + self.supplement

    @property
    def on_costs(self) -> Decimal:
        return self.national_insurance + self.pension + self.apprenticeship_levy

    @property
    def total(self) -> Decimal:
        return self.pay + self.on_costs


def employment_cost(basic: Decimal, *, on_costs=None, supplement=None) -> EmploymentCost:
    """A whole-time post's yearly cost: basic pay, any high cost area supplement (pensionable,
    so on-costs are charged on it too) and the employer's on-costs on that pay."""
    extra = supplement.amount_for(basic) if supplement else Decimal(0)
    pay = basic + extra
    if on_costs is None:
        return EmploymentCost(basic=_pounds(basic), supplement=extra)
    above_threshold = max(pay - on_costs.national_insurance_threshold, Decimal(0))
    return EmploymentCost(
        basic=_pounds(basic),
        supplement=extra,
        national_insurance=_pounds(above_threshold * on_costs.national_insurance_rate),
        pension=_pounds(pay * on_costs.pension_rate),
        apprenticeship_levy=_pounds(pay * on_costs.apprenticeship_levy_rate),
    )
