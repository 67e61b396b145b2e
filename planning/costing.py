"""The cost estimate: what the role costs each year of the plan, against its funding.

Salary is what a whole-time post at the plan's band costs its employer (the curated pay
point's mid-point, any high cost area supplement, and the published employer's National
Insurance, pension and apprenticeship levy on that pay) times the planned WTE; training comes
from the training activities that start in the year; supervisors' time from the cost
assumptions, costed the same way; backfill likewise. Funding sources count in proportion to
the days of the year they cover. Seven queries, however large the plan.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from roles.models import (
    EmployerOnCosts,
    EmploymentCost,
    HighCostAreaSupplement,
    PayPoint,
    employment_cost,
)

from .models import CostAssumptions, FundingSource, TrainingActivity
from .models.training import TrainingStatus

HOURS_PER_YEAR = Decimal("1950")  # 37.5 hours x 52 weeks: the AfC full-time year
WEEKS_PER_YEAR = Decimal("52")
PENNY = Decimal("0.01")


def add_years(day: date, years: int) -> date:
    """The anniversary: a year from 29 February is 1 March when there is no 29 February, so
    that year runs to 28 February inclusive."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


@dataclass
class CostYear:
    number: int
    starts: date
    ends: date  # exclusive
    salary: Decimal = Decimal(0)
    training: Decimal = Decimal(0)
    supervision: Decimal = Decimal(0)
    backfill: Decimal = Decimal(0)
    funding: Decimal = Decimal(0)

    @property
    def last_day(self) -> date:
        """The year's last day (`ends` is the day after it)."""
        return self.ends - timedelta(days=1)

    @property
    def total_cost(self) -> Decimal:
        return self.salary + self.training + self.supervision + self.backfill

    @property
    def balance(self) -> Decimal:
        """Funding less cost: negative is a shortfall."""
        return self.funding - self.total_cost


@dataclass
class PayBasis:
    """Where the salary line comes from: the pay point, the supplement and on-costs applied,
    and what one whole-time post costs as a result."""

    point: PayPoint
    post: EmploymentCost
    wte: Decimal
    on_costs: EmployerOnCosts | None = None
    supplement: HighCostAreaSupplement | None = None

    @property
    def yearly(self) -> Decimal:
        """The salary line a year: one whole-time post's cost times the WTE, to the penny."""
        return (self.post.total * self.wte).quantize(PENNY)


@dataclass
class CostEstimate:
    years: list[CostYear]
    notes: list[str] = field(default_factory=list)
    pay: PayBasis | None = None

    @property
    def total_cost(self) -> Decimal:
        return sum((y.total_cost for y in self.years), Decimal(0))

    @property
    def total_funding(self) -> Decimal:
        return sum((y.funding for y in self.years), Decimal(0))

    @property
    def shortfall_years(self) -> list[CostYear]:
        return [y for y in self.years if y.balance < 0]


def _overlap_days(start, end, year: CostYear) -> int:
    """Days of the year a source covers; its end date is the last day it pays for."""
    first = max(start, year.starts)
    last = min(end + timedelta(days=1), year.ends) if end else year.ends
    return max((last - first).days, 0)


NOT_READ = object()  # the plan's cost assumptions were not passed in (None: it has none)


def estimate(plan, *, sources=None, assumptions=NOT_READ) -> CostEstimate:
    """The estimate per year. Pages that have read the plan's funding sources or its cost
    assumptions already pass them in, so they are not read twice."""
    start = plan.target_start_date or timezone.localdate()
    years = []
    for number in range(plan.horizon_years):
        years.append(CostYear(number + 1, add_years(start, number), add_years(start, number + 1)))
    notes = []
    pay = PayPoint.objects.current(start)
    on_costs = EmployerOnCosts.objects.current(start)
    supplement = HighCostAreaSupplement.objects.current(start).get(plan.high_cost_area)
    if not on_costs:
        notes.append("Employer on-costs are not included: none are recorded for the start date.")
    if plan.high_cost_area and not supplement:
        notes.append(
            "The high cost area supplement is not included: none is recorded for the start date."
        )
    if assumptions is NOT_READ:
        assumptions = CostAssumptions.objects.filter(plan=plan).first()

    def post_cost(point):
        return employment_cost(point.annual_salary, on_costs=on_costs, supplement=supplement)

    salary_point = pay.get(plan.band)
    basis = None
    if plan.band and plan.planned_wte and salary_point:
        basis = PayBasis(
            salary_point, post_cost(salary_point), plan.planned_wte, on_costs, supplement
        )
        yearly = basis.yearly
        for year in years:
            year.salary = yearly
    else:
        notes.append("Salary is not estimated: the plan's band or planned WTE is not given.")

    for activity in TrainingActivity.objects.filter(plan=plan).exclude(
        status=TrainingStatus.CANCELLED
    ):
        when = activity.start_date or start
        for year in years:
            if year.starts <= when < year.ends:
                year.training += activity.cost or 0
                break
        else:
            if when < start and years:
                years[0].training += activity.cost or 0

    if assumptions:
        supervisor = pay.get(assumptions.supervisor_band)
        if assumptions.supervision_hours_per_week and supervisor:
            hourly = post_cost(supervisor).total / HOURS_PER_YEAR
            yearly = (hourly * assumptions.supervision_hours_per_week * WEEKS_PER_YEAR).quantize(
                PENNY
            )
            for year in years:
                year.supervision = yearly
        elif assumptions.supervision_hours_per_week:
            notes.append("Supervisors' time is not costed: the supervisors' band is not given.")
        for year in years:
            year.backfill = assumptions.backfill_cost_per_year
    else:
        notes.append(
            "Supervision and backfill are not costed yet: no cost assumptions are recorded."
        )

    if sources is None:
        sources = FundingSource.objects.filter(plan=plan)
    for source in sources:
        for year in years:
            days = _overlap_days(source.start_date, source.end_date, year)
            if days:
                length = (year.ends - year.starts).days
                year.funding += (source.amount_per_year * days / length).quantize(PENNY)
    return CostEstimate(years, notes, basis)
