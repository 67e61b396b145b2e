"""A plan's money, ready for the funding page, the Understanding Resource panel and the
board paper: funding sources, cost assumptions, the estimate per year and how its pay is
built up."""

from dataclasses import dataclass

from newroles.ui.presenters import EMPTY, Tag, format_date, format_decimal, format_money

from .. import costing, selectors


def _percent(fraction) -> str:
    """0.1438 -> '14.38%'"""
    return f"{(fraction * 100).normalize():f}%"


@dataclass(frozen=True)
class PayLine:
    label: str
    basis: str
    amount: str


class PayBuildUp:
    """What one whole-time post costs its employer a year, line by line with each rate, and
    the sources the rates come from: what a finance business partner checks first."""

    def __init__(self, basis: costing.PayBasis):
        self.basis = basis

    @property
    def lines(self) -> list[PayLine]:
        point, post = self.basis.point, self.basis.post
        if point.entry_salary:
            what = (
                f"{point.get_band_display()} mid-point (£{point.entry_salary:,.0f} to "
                f"£{point.top_salary:,.0f})"
            )
        else:
            what = f"{point.get_band_display()}, typical pay point"
        lines = [PayLine("Basic pay", what, format_money(post.basic))]
        if supplement := self.basis.supplement:
            lines.append(
                PayLine(
                    "High cost area supplement",
                    f"{supplement.get_zone_display()}: {_percent(supplement.rate)} of basic pay, "
                    f"at least £{supplement.minimum:,.0f}, at most £{supplement.maximum:,.0f}",
                    format_money(post.supplement),
                )
            )
        if rates := self.basis.on_costs:
            lines += [
                PayLine(
                    "Employer's National Insurance",
                    f"{_percent(rates.national_insurance_rate)} of pay above "
                    f"£{rates.national_insurance_threshold:,.0f} a year",
                    format_money(post.national_insurance),
                ),
                PayLine(
                    "Employer's pension contribution",
                    f"{_percent(rates.pension_rate)} of pay",
                    format_money(post.pension),
                ),
            ]
            if rates.apprenticeship_levy_rate:
                lines.append(
                    PayLine(
                        "Apprenticeship levy",
                        f"{_percent(rates.apprenticeship_levy_rate)} of pay",
                        format_money(post.apprenticeship_levy),
                    )
                )
        return lines

    @property
    def post_total(self) -> str:
        return format_money(self.basis.post.total)

    @property
    def wte(self) -> str:
        return format_decimal(self.basis.wte)

    @property
    def yearly(self) -> str:
        return format_money(self.basis.yearly)

    @property
    def sources(self) -> list[str]:
        found = [self.basis.point.source]
        if self.basis.supplement:
            found.append(self.basis.supplement.source)
        if self.basis.on_costs:
            found.append(self.basis.on_costs.source)
        return [source for source in found if source]

    @property
    def note(self) -> str:
        return self.basis.on_costs.note if self.basis.on_costs else ""


class FundingPresenter:
    def __init__(self, source):
        self.source = source

    def __getattr__(self, name):
        return getattr(self.source, name)

    @property
    def amount(self) -> str:
        return f"{format_money(self.source.amount_per_year)} a year"

    @property
    def period(self) -> str:
        start = format_date(self.source.start_date)
        if self.source.end_date:
            return f"{start} to {format_date(self.source.end_date)}"
        return f"From {start}, no end date"

    @property
    def covers_label(self) -> str:
        return ", ".join(self.source.covers).capitalize() or "Nothing stated"


class CostYearPresenter:
    def __init__(self, year):
        self.year = year

    @property
    def label(self) -> str:
        return f"Year {self.year.number} (from {format_date(self.year.starts)})"

    def __getattr__(self, name):
        value = getattr(self.year, name)
        return format_money(value)

    @property
    def balance_tag(self) -> Tag:
        balance = self.year.balance
        if balance < 0:
            return Tag(f"Short by {format_money(-balance)}", "red")
        return Tag(f"Covered, {format_money(balance)} to spare", "green")


class CostAssumptionsPresenter:
    def __init__(self, assumptions):
        self.assumptions = assumptions

    @property
    def supervision(self) -> str:
        hours = format_decimal(self.assumptions.supervision_hours_per_week)
        return f"{hours} hours a week in total"

    @property
    def band(self) -> str:
        return self.assumptions.get_supervisor_band_display() or EMPTY

    @property
    def backfill(self) -> str:
        return f"{format_money(self.assumptions.backfill_cost_per_year)} a year"


def _year_numbers(numbers) -> str:
    """year 2, years 1, 3"""
    return f"year{'s' if len(numbers) > 1 else ''} {', '.join(str(n) for n in numbers)}"


class PlanFunding:
    """A plan's money: its funding sources, the cost assumptions, the estimated cost against
    the funding in each year of the plan, and one status for it all.

    The funding page, the Understanding Resource panel, the document's executive summary and
    funding section, and the plan on a page all show this, so they cannot disagree. Money is
    given year by year, so a surplus in one year does not pay for a shortfall in another: the
    plan is covered only if every year is, and its shortfall is the sum of the years' shortfalls.
    """

    def __init__(self, estimate, sources, assumptions=None):
        self.estimate = estimate
        self.sources = [FundingPresenter(s) for s in sources]
        self.assumptions = CostAssumptionsPresenter(assumptions) if assumptions else None
        self.years = [CostYearPresenter(y) for y in estimate.years]
        self.notes = estimate.notes
        self.pay = PayBuildUp(estimate.pay) if estimate.pay else None

    @classmethod
    def of(cls, plan) -> "PlanFunding":
        """Seven queries: the sources, the assumptions, and the estimate's other five."""
        sources = list(selectors.funding_sources_of(plan))
        assumptions = selectors.cost_assumptions_of(plan)
        return cls(
            costing.estimate(plan, sources=sources, assumptions=assumptions),
            sources,
            assumptions,
        )

    @property
    def source_count(self) -> int:
        return len(self.sources)

    @property
    def horizon(self) -> str:
        years = len(self.years)
        return f"{years} year{'s' if years != 1 else ''}"

    @property
    def total_cost(self) -> str:
        return format_money(self.estimate.total_cost)

    @property
    def is_estimated(self) -> bool:
        """False while nothing can be costed (no band, WTE or training costs): say so, not £0."""
        return bool(self.estimate.total_cost)

    @property
    def total_funding(self) -> str:
        return format_money(self.estimate.total_funding)

    @property
    def short_years(self) -> list[int]:
        return [year.number for year in self.estimate.shortfall_years]

    @property
    def shortfall(self) -> str:
        return format_money(sum((-y.balance for y in self.estimate.shortfall_years), 0))

    @property
    def status(self) -> Tag:
        """The one-line verdict every place that shows the money gives."""
        if not self.sources:
            return Tag("No funding recorded", "red")
        if self.short_years:
            return Tag(f"Short by {self.shortfall} in {_year_numbers(self.short_years)}", "red")
        return Tag("Covered in every year", "green")
