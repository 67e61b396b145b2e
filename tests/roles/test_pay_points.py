"""Agenda for Change pay as published: each band's entry and top pay points for the pay
round in force, its source named; estimates use the mid-point, worked by hand here."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from planning import costing
from roles.models import EmployerOnCosts, PayPoint, employment_cost
from tests.factories import ImplementationPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pay(db):
    call_command("load_reference_data", verbosity=0)
    return PayPoint.objects.current(date(2026, 1, 1))


@pytest.mark.parametrize(
    ("band", "entry", "top"),
    [
        # NHS Employers, Agenda for Change pay scales 2025/26 (England), from 1 April 2025.
        ("2", "24465.00", "24465.00"),
        ("3", "24937.00", "26598.00"),
        ("5", "31049.00", "37796.00"),
        ("8a", "55690.00", "62682.00"),
        ("9", "109179.00", "125637.00"),
    ],
)
def test_the_2025_26_pay_points_are_held_as_published(pay, band, entry, top):
    point = pay[band]
    assert point.effective_from == date(2025, 4, 1)
    assert (point.entry_salary, point.top_salary) == (Decimal(entry), Decimal(top))
    assert point.annual_salary == (Decimal(entry) + Decimal(top)) / 2
    assert "NHS Employers" in point.source and "2025/26" in point.source


def test_band_3_is_the_mid_point_of_its_own_points(pay):
    # The old table gave 26,211 for band 3: neither point nor the mid-point.
    assert pay["3"].annual_salary == Decimal("25767.50")


def test_a_salary_estimate_worked_by_hand(pay, organisation, cycle):
    plan = ImplementationPlanFactory(
        organisation=organisation, band="4", planned_wte=2, target_start_date=date(2026, 1, 1)
    )
    # Band 4: (27,485 + 30,162) / 2 = 28,823.50 basic pay.
    # Employer's NI: 15% of (28,823.50 - 5,000) = 3,573.53; pension: 14.38% = 4,144.82;
    # apprenticeship levy: 0.5% = 144.12. One post: 36,685.97; two WTE: 73,371.94 a year.
    estimate = costing.estimate(plan)
    post = estimate.pay.post
    assert (post.basic, post.national_insurance, post.pension, post.apprenticeship_levy) == (
        Decimal("28823.50"),
        Decimal("3573.53"),
        Decimal("4144.82"),
        Decimal("144.12"),
    )
    assert post.total == Decimal("36685.97")
    assert estimate.years[0].salary == Decimal("73371.94")


def test_inner_london_adds_a_fifth_of_basic_pay_and_on_costs_on_it(pay, organisation, cycle):
    plan = ImplementationPlanFactory(
        organisation=organisation,
        band="4",
        planned_wte=1,
        high_cost_area="inner_london",
        target_start_date=date(2026, 1, 1),
    )
    # 20% of 28,823.50 = 5,764.70 (between the £5,415 minimum and £8,465 maximum); pay
    # 34,588.20; NI 15% of 29,588.20 = 4,438.23; pension 4,973.78; levy 172.94.
    post = costing.estimate(plan).pay.post
    assert post.supplement == Decimal("5764.70")
    assert post.total == Decimal("44173.15")


@pytest.mark.parametrize(
    ("zone", "band", "supplement"),
    [
        ("fringe", "2", Decimal("1258.00")),  # 5% of 24,465 is 1,223.25: the minimum applies
        ("inner_london", "9", Decimal("8465.00")),  # 20% of 117,408 is over the maximum
        ("outer_london", "5", Decimal("5163.38")),  # 15% of 34,422.50, rounded up
        ("outer_london", "4", Decimal("4552.00")),  # 15% of 28,823.50 is under the minimum
    ],
)
def test_the_supplement_keeps_within_its_published_minimum_and_maximum(
    pay, organisation, cycle, zone, band, supplement
):
    plan = ImplementationPlanFactory(
        organisation=organisation,
        band=band,
        planned_wte=1,
        high_cost_area=zone,
        target_start_date=date(2026, 1, 1),
    )
    assert costing.estimate(plan).pay.post.supplement == supplement


def test_pay_below_the_national_insurance_threshold_attracts_none(pay):
    rates = EmployerOnCosts.objects.current(date(2026, 1, 1))
    assert employment_cost(Decimal("4000"), on_costs=rates).national_insurance == 0
    assert employment_cost(Decimal("5100"), on_costs=rates).national_insurance == Decimal("15.00")


def test_the_on_cost_rates_are_held_as_published_with_their_sources(pay):
    rates = EmployerOnCosts.objects.current(date(2026, 1, 1))
    assert rates.national_insurance_rate == Decimal("0.15")
    assert rates.national_insurance_threshold == Decimal("5000")
    assert rates.pension_rate == Decimal("0.1438")
    assert "HMRC" in rates.source and "NHS Business Services Authority" in rates.source
    assert "9.4%" in rates.note  # the centrally paid part of the pension rate is explained


def test_next_years_on_costs_are_added_as_a_row_and_used_from_its_date(pay, organisation, cycle):
    EmployerOnCosts.objects.create(
        effective_from=date(2027, 4, 1),
        national_insurance_rate=Decimal("0.15"),
        national_insurance_threshold=Decimal("5000"),
        pension_rate=Decimal("0.2378"),
        source="A later year",
    )
    plan = ImplementationPlanFactory(
        organisation=organisation, band="4", planned_wte=1, target_start_date=date(2027, 4, 1)
    )
    # 23.78% of 28,823.50 = 6,854.23
    assert costing.estimate(plan).pay.post.pension == Decimal("6854.23")


def test_the_funding_page_shows_how_the_salary_is_worked_out(pay, lead_client, organisation, cycle):
    plan = ImplementationPlanFactory(
        organisation=organisation,
        band="4",
        planned_wte=2,
        high_cost_area="outer_london",
        target_start_date=date(2026, 1, 1),
    )
    page = lead_client.get(reverse("planning:funding", args=[plan.pk])).content.decode()
    assert "How the salary is worked out" in page
    assert "Band 4 mid-point (£27,485 to £30,162)" in page
    assert "Outer London: 15% of basic pay, at least £4,552, at most £5,941" in page
    assert "15% of pay above £5,000 a year" in page
    assert "14.38% of pay" in page
    assert "Times 2 WTE" in page
    assert "HMRC" in page


def test_a_plan_without_a_high_cost_area_has_no_supplement_line(
    pay, lead_client, organisation, cycle
):
    plan = ImplementationPlanFactory(
        organisation=organisation, band="4", planned_wte=1, target_start_date=date(2026, 1, 1)
    )
    page = lead_client.get(reverse("planning:funding", args=[plan.pk])).content.decode()
    assert "High cost area supplement</td>" not in page
    assert "set the plan's high cost area" in page


def test_next_years_table_is_added_as_rows_and_used_from_its_date(pay, organisation, cycle):
    PayPoint.objects.create(
        band="4",
        entry_salary=Decimal("28500.00"),
        top_salary=Decimal("31300.00"),
        annual_salary=Decimal("29900.00"),
        effective_from=date(2026, 4, 1),
        source="A later pay round",
    )
    assert PayPoint.objects.current(date(2026, 3, 31))["4"].annual_salary == Decimal("28823.50")
    assert PayPoint.objects.current(date(2026, 4, 1))["4"].annual_salary == Decimal("29900.00")


def test_the_database_keeps_the_estimate_within_the_band(pay):
    with pytest.raises(IntegrityError), transaction.atomic():
        PayPoint.objects.create(
            band="5",
            entry_salary=Decimal("31049.00"),
            top_salary=Decimal("37796.00"),
            annual_salary=Decimal("40000.00"),
            effective_from=date(2026, 4, 1),
        )


def test_loading_the_reference_data_again_changes_nothing(pay):
    before = list(
        PayPoint.objects.values_list("band", "entry_salary", "top_salary", "annual_salary")
    )
    call_command("load_reference_data", verbosity=0)
    after = list(
        PayPoint.objects.values_list("band", "entry_salary", "top_salary", "annual_salary")
    )
    assert before == after


def test_a_curator_adds_next_years_on_costs_and_supplements_in_the_admin(client, pay):
    from tests.url_walk import make_curator

    client.force_login(make_curator())
    response = client.post(
        reverse("admin:roles_employeroncosts_add"),
        {
            "effective_from": "2027-04-06",
            "national_insurance_rate": "0.1500",
            "national_insurance_threshold": "5000.00",
            "pension_rate": "0.2378",
            "apprenticeship_levy_rate": "0.0050",
            "source": "A later year's published rates",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EmployerOnCosts.objects.current(date(2027, 4, 6)).pension_rate == Decimal("0.2378")
    response = client.post(
        reverse("admin:roles_highcostareasupplement_add"),
        {
            "zone": "fringe",
            "rate": "0.050",
            "minimum": "3000",
            "maximum": "2000",
            "effective_from": "2026-04-01",
            "source": "Wrong way round",
        },
    )
    assert response.status_code == 200
    assert "The maximum must be at least the minimum." in response.content.decode()
