"""Agenda for Change pay as published: each band's entry and top pay points for the pay
round in force, its source named; estimates use the mid-point, worked by hand here."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from planning import costing
from roles.models import PayPoint
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
    # Band 4: (27,485 + 30,162) / 2 = 28,823.50; with on-costs of 30%: 37,470.55; for 2 WTE:
    # 74,941.10 a year.
    estimate = costing.estimate(plan)
    assert estimate.years[0].salary == Decimal("74941.10")
    assert estimate.pay_basis == (
        "Band 4 at £28,823.50 a year (the mid-point of its pay points) plus 30% employer "
        "on-costs; source: NHS Employers, Agenda for Change pay scales 2025/26 (England), in "
        "force from 1 April 2025."
    )


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
