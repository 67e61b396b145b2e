"""Funding sources, the cost estimate per year, and the warnings trusts asked for."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.accounts.permissions import Action
from planning import costing
from planning.models import CostAssumptions, FundingSource, TrainingActivity
from roles.models import PayPoint
from tests.access import assert_access
from tests.factories import FundingSourceFactory, ImplementationPlanFactory, flat_on_costs

pytestmark = pytest.mark.django_db

START = date(2027, 4, 1)


@pytest.fixture
def pay(db):
    flat_on_costs("0.25")
    PayPoint.objects.create(band="4", annual_salary=30000, effective_from=date(2025, 4, 1))
    PayPoint.objects.create(band="7", annual_salary=50000, effective_from=date(2025, 4, 1))


@pytest.fixture
def plan(organisation, cycle, pay):
    return ImplementationPlanFactory(
        organisation=organisation, band="4", planned_wte=2, target_start_date=START, horizon_years=3
    )


def funding_data(**overrides):
    data = {
        "name": "Trust baseline",
        "kind": "recurrent",
        "amount_per_year": "80000",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2027",
        "end_date_0": "",
        "end_date_1": "",
        "end_date_2": "",
        "covers_salary": "on",
        "covers_supervision": "on",
    }
    data.update(overrides)
    return data


def test_the_estimate_costs_salary_training_supervision_and_backfill_per_year(plan):
    TrainingActivity.objects.create(
        plan=plan, title="Course", kind="in_house", cost=3000, start_date=date(2028, 5, 1)
    )
    CostAssumptions.objects.create(
        plan=plan,
        supervision_hours_per_week=Decimal("2"),
        supervisor_band="7",
        backfill_cost_per_year=5000,
    )
    FundingSourceFactory(
        plan=plan, amount_per_year=60000, start_date=START, end_date=date(2028, 3, 31)
    )
    estimate = costing.estimate(plan)
    first, second, third = estimate.years
    assert first.salary == Decimal("75000.00")  # 30,000 x 1.25 on-costs x 2 WTE
    assert (first.training, second.training) == (0, 3000)
    # 50,000 x 1.25 / 1,950 hours x 2 hours x 52 weeks
    assert first.supervision == Decimal("3333.33")
    assert first.backfill == 5000
    assert first.funding == Decimal("60000.00")  # to 31 March 2028 inclusive: the whole year
    assert third.funding == 0
    assert [y.number for y in estimate.shortfall_years] == [1, 2, 3]


def test_a_plan_without_band_says_salary_is_not_estimated(plan):
    plan.band = ""
    plan.save()
    assert "the plan's band or planned WTE is not given" in costing.estimate(plan).notes[0]


def test_funding_page_shows_the_estimate_and_the_balance(lead_client, plan):
    lead_client.post(reverse("planning:funding_create", args=[plan.pk]), funding_data())
    page = lead_client.get(reverse("planning:funding", args=[plan.pk])).content.decode()
    assert "Trust baseline" in page
    assert "£75,000" in page
    assert "Covered, £5,000 to spare" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the name of the funding source"),
        ({"amount_per_year": "-1"}, "The amount cannot be negative"),
        ({"amount_per_year": "plenty"}, "Enter an amount in pounds"),
        ({"start_date_0": ""}, "Start date must include a day"),
        (
            {"end_date_0": "1", "end_date_1": "1", "end_date_2": "2027"},
            "End date must be the same as or after the start date",
        ),
        ({"kind": "lottery"}, "Select a valid choice"),
    ],
)
def test_bad_funding_input_saves_nothing(lead_client, plan, overrides, message):
    response = lead_client.post(
        reverse("planning:funding_create", args=[plan.pk]), funding_data(**overrides)
    )
    assert message in response.content.decode()
    assert not FundingSource.objects.exists()


def gap_titles(client, plan):
    return [
        g.title for g in client.get(reverse("planning:plan_detail", args=[plan.pk])).context["gaps"]
    ]


def test_no_funding_is_a_gap(lead_client, plan):
    assert "No funding recorded" in gap_titles(lead_client, plan)


def test_funding_that_ends_early_or_skips_supervision_and_backfill_is_flagged(lead_client, plan):
    FundingSourceFactory(
        plan=plan, start_date=START, end_date=date(2028, 3, 31), covers_salary=True
    )
    titles = gap_titles(lead_client, plan)
    assert any(t.startswith("Funding ends on 31 March 2028, before the plan") for t in titles)
    assert "No funding covers supervision" in titles
    assert "No funding covers backfill" in titles

    FundingSourceFactory(
        plan=plan,
        start_date=START,
        end_date=None,
        covers_supervision=True,
        covers_backfill=True,
        amount_per_year=100000,
    )
    titles = gap_titles(lead_client, plan)
    assert not any(t.startswith("Funding ends") for t in titles)
    assert "No funding covers supervision" not in titles
    assert "No funding covers backfill" not in titles


def test_a_shortfall_in_a_year_is_a_gap(lead_client, plan):
    FundingSourceFactory(
        plan=plan,
        start_date=START,
        amount_per_year=1000,
        covers_supervision=True,
        covers_backfill=True,
    )
    assert "Funding falls short of the estimated cost in years 1, 2, 3" in gap_titles(
        lead_client, plan
    )


def test_cost_assumptions_are_validated(lead_client, plan):
    url = reverse("planning:cost_assumptions", args=[plan.pk])
    response = lead_client.post(
        url,
        {
            "supervision_hours_per_week": "40",
            "supervisor_band": "7",
            "backfill_cost_per_year": "0",
            "lock_version": "0",
        },
    )
    assert "37.5 hours a week or less" in response.content.decode()
    assert not CostAssumptions.objects.exists()


@pytest.mark.parametrize(
    ("name", "action", "method"),
    [
        ("planning:funding", Action.VIEW, "get"),
        ("planning:funding_create", Action.EDIT, "get"),
        ("planning:funding_create", Action.EDIT, "post"),
        ("planning:cost_assumptions", Action.EDIT, "get"),
        ("planning:cost_assumptions", Action.EDIT, "post"),
    ],
)
def test_funding_pages_access(client, plan, name, action, method):
    assert_access(
        client,
        reverse(name, args=[plan.pk]),
        organisation=plan.organisation,
        action=action,
        method=method,
    )


@pytest.mark.parametrize("name", ["planning:funding_update", "planning:funding_delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_funding_object_pages_access(client, plan, name, method):
    assert_access(
        client,
        lambda: reverse(name, args=[plan.pk, FundingSourceFactory(plan=plan).pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method=method,
    )


@pytest.mark.parametrize("page", ["planning:funding", "planning:plan_detail"])
def test_constant_queries_with_20_funding_sources(
    lead_client, plan, page, django_assert_max_num_queries
):
    url = reverse(page, args=[plan.pk])
    FundingSourceFactory(plan=plan)
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    FundingSourceFactory.create_batch(20, plan=plan)
    with django_assert_max_num_queries(len(small.captured_queries)):
        lead_client.get(url)
