"""Every date comparison that raises a gap or a warning, at its boundary (issue 18).

Each is checked the day before, on the day and the day after, through the overview's gaps and
warnings: funding's end against the plan's last day and against the last evaluation checkpoint,
a funding source's first and last day against each year's cost, a training activity's start
against the year it is costed in, and checkpoints and actions falling overdue.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from roles.models import PayPoint
from tests.evaluation.factories import CheckpointFactory
from tests.factories import (
    FundingSourceFactory,
    ImplementationPlanFactory,
    PlanActionFactory,
    TrainingActivityFactory,
    flat_on_costs,
)

pytestmark = pytest.mark.django_db

START = date(2027, 9, 1)
LAST_DAY = date(2029, 8, 31)  # of a two-year plan from START
ONE_DAY = timedelta(days=1)
# Two WTE at band 4: 30,000 salary with 25% on-costs, twice.
COST_PER_YEAR = Decimal("75000")


@pytest.fixture
def plan(organisation, cycle, lead):
    flat_on_costs("0.25")
    PayPoint.objects.create(band="4", annual_salary=30000, effective_from=date(2025, 4, 1))
    return ImplementationPlanFactory(
        organisation=organisation,
        owner=lead,
        band="4",
        planned_wte=2,
        target_start_date=START,
        horizon_years=2,
    )


def fund(plan, *, start=START, end=LAST_DAY, amount=COST_PER_YEAR):
    return FundingSourceFactory(
        plan=plan,
        start_date=start,
        end_date=end,
        amount_per_year=amount,
        covers_salary=True,
        covers_supervision=True,
        covers_backfill=True,
    )


def overview(client, plan):
    return client.get(reverse("planning:plan_detail", args=[plan.pk]))


def gap_titles(client, plan) -> list[str]:
    return [gap.title for gap in overview(client, plan).context["gaps"]]


def funding_gaps(client, plan) -> list[str]:
    return [t for t in gap_titles(client, plan) if t.startswith("Funding")]


def test_a_two_year_plan_from_1_september_2027_is_covered_by_funding_to_31_august_2029(
    lead_client, plan
):
    fund(plan, end=LAST_DAY)
    assert funding_gaps(lead_client, plan) == []


@pytest.mark.parametrize(
    ("funding_ends", "gap"),
    [
        (LAST_DAY - ONE_DAY, True),
        (LAST_DAY, False),
        (LAST_DAY + ONE_DAY, False),
    ],
)
def test_funding_ends_before_the_plan_only_when_it_stops_before_the_plans_last_day(
    lead_client, plan, funding_ends, gap
):
    # Paid generously, so that no year falls short and only the end date is in question.
    fund(plan, end=funding_ends, amount=COST_PER_YEAR * 2)
    gaps = {g.title: g for g in overview(lead_client, plan).context["gaps"]}
    title = f"Funding ends on {funding_ends.day} {funding_ends:%B %Y}, before the plan's horizon"
    assert (title in gaps) is gap
    if gap:
        assert gaps[title].why.startswith("The plan runs to 31 August 2029.")


@pytest.mark.parametrize(
    ("start", "horizon", "last_day"),
    [
        (date(2028, 2, 29), 1, date(2029, 2, 28)),  # from 29 February, to 28 February
        (date(2028, 3, 1), 1, date(2029, 2, 28)),
        (date(2027, 3, 1), 1, date(2028, 2, 29)),  # a leap year's last day
    ],
)
def test_the_plans_last_day_around_29_february(lead_client, plan, start, horizon, last_day):
    plan.target_start_date, plan.horizon_years = start, horizon
    plan.save()
    source = fund(plan, start=start, end=last_day - ONE_DAY, amount=COST_PER_YEAR * 2)
    assert any(t.startswith("Funding ends on") for t in funding_gaps(lead_client, plan))
    source.end_date = last_day
    source.save()
    plan.save()  # a new version, so the overview is worked out afresh
    assert funding_gaps(lead_client, plan) == []


@pytest.mark.parametrize(
    ("funding_ends", "short"),
    [
        (LAST_DAY - ONE_DAY, True),  # a day of the second year unpaid
        (LAST_DAY, False),
        (LAST_DAY + ONE_DAY, False),
    ],
)
def test_a_source_pays_to_its_end_date_inclusive(lead_client, plan, funding_ends, short):
    fund(plan, end=funding_ends)
    titles = funding_gaps(lead_client, plan)
    assert ("Funding falls short of the estimated cost in year 2" in titles) is short
    assert not any("in year 1" in t or "years 1" in t for t in titles)


@pytest.mark.parametrize(
    ("funding_starts", "short"),
    [
        (START - ONE_DAY, False),
        (START, False),
        (START + ONE_DAY, True),  # the first day of the first year unpaid
    ],
)
def test_a_source_pays_from_its_start_date_inclusive(lead_client, plan, funding_starts, short):
    fund(plan, start=funding_starts)
    titles = funding_gaps(lead_client, plan)
    assert ("Funding falls short of the estimated cost in year 1" in titles) is short


@pytest.mark.parametrize(
    ("training_starts", "short_year"),
    [
        (date(2028, 8, 31), 1),  # the last day of year 1
        (date(2028, 9, 1), 2),  # the first day of year 2
        (date(2028, 9, 2), 2),
        (LAST_DAY, 2),
        (LAST_DAY + ONE_DAY, None),  # after the plan: not costed in it
    ],
)
def test_training_is_costed_in_the_year_it_starts(lead_client, plan, training_starts, short_year):
    fund(plan)
    TrainingActivityFactory(plan=plan, cost=1000, start_date=training_starts)
    titles = funding_gaps(lead_client, plan)
    shortfalls = [t for t in titles if t.startswith("Funding falls short")]
    expected = [f"Funding falls short of the estimated cost in year {short_year}"]
    assert shortfalls == (expected if short_year else [])


@pytest.mark.parametrize(
    ("checkpoint_due", "gap"),
    [
        (LAST_DAY - ONE_DAY, False),
        (LAST_DAY, False),  # held on the last funded day: the evaluation can still inform
        (LAST_DAY + ONE_DAY, True),
    ],
)
def test_funding_ends_before_the_last_checkpoint_only_when_it_is_due_after_the_money_stops(
    lead_client, plan, checkpoint_due, gap
):
    fund(plan, end=LAST_DAY)
    CheckpointFactory(plan=plan, due_date=checkpoint_due)
    title = "Funding ends before the last evaluation checkpoint"
    assert (title in funding_gaps(lead_client, plan)) is gap


def test_a_cancelled_checkpoint_after_the_funding_is_no_gap(lead_client, plan):
    fund(plan, end=LAST_DAY)
    CheckpointFactory(plan=plan, due_date=LAST_DAY + ONE_DAY, status="cancelled")
    CheckpointFactory(plan=plan, due_date=LAST_DAY)
    assert funding_gaps(lead_client, plan) == []


@pytest.fixture
def today(monkeypatch):
    """Fix today's date for the product (the plan's cache is keyed on it too)."""
    day = date(2028, 6, 15)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return day


@pytest.mark.parametrize(("due", "overdue"), [(-1, True), (0, False), (1, False)])
def test_a_checkpoint_is_overdue_only_after_its_due_date(lead_client, plan, today, due, overdue):
    CheckpointFactory(plan=plan, title="Six-month review", due_date=today + timedelta(days=due))
    title = "Overdue evaluation checkpoint: Six-month review"
    assert (title in gap_titles(lead_client, plan)) is overdue


@pytest.mark.parametrize(("due", "overdue"), [(-1, True), (0, False), (1, False)])
def test_an_action_is_overdue_only_after_its_due_date(lead_client, plan, today, due, overdue):
    PlanActionFactory(plan=plan, description="Book the panel", due_date=today + timedelta(days=due))
    shown = overview(lead_client, plan).context["overdue_actions"]
    assert bool(shown) is overdue
