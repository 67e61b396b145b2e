"""export_plan and import_plan: a plan and all its parts survive a round trip unchanged."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from evaluation.models import EvaluationCheckpoint, Measurement, Metric, Objective
from newroles.accounts.models import Organisation, User
from planning.models import (
    ChecklistResponse,
    FundingSource,
    GoodPracticePoint,
    ImplementationPlan,
    PlanAction,
    PointStatus,
    Risk,
    StageResponse,
)
from roles.models import SkillMixChange
from tests.factories import ImplementationPlanFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_plan(cycle):
    owner = MembershipFactory(organisation__ods_code="RX1").user
    plan = ImplementationPlanFactory(
        organisation=owner.memberships.get().organisation,
        owner=owner,
        target_start_date=date(2027, 4, 1),
        planned_wte=Decimal("2.50"),
        title="Peer support",
    )
    change = SkillMixChange.objects.create(slug="innovation", name="Innovation", description="d")
    plan.skill_mix_changes.add(change)
    StageResponse.objects.create(
        plan=plan,
        stage="setting-a-foundation",
        answers={"patient_need": "Fewer readmissions — “quoted”"},
    )
    ChecklistResponse.objects.create(
        plan=plan,
        point=GoodPracticePoint.objects.first(),
        status=PointStatus.DONE,
        note="Agreed at board",
    )
    Risk.objects.create(plan=plan, description="Funding stops", likelihood=4, impact=5)
    binned = PlanAction.objects.create(plan=plan, description="Old idea")
    from django.utils import timezone

    PlanAction.all_objects.filter(pk=binned.pk).update(deleted_at=timezone.now())
    FundingSource.objects.create(
        plan=plan,
        name="Pilot",
        kind="non_recurrent",
        amount_per_year=Decimal("120000.00"),
        start_date=date(2027, 4, 1),
        covers_supervision=True,
    )
    objective = Objective.objects.create(
        plan=plan,
        statement="Fewer readmissions",
        need_met="need",
        measure="rate",
        target_date=date(2028, 4, 1),
        responsible="Lead",
    )
    metric = Metric.objects.create(
        plan=plan,
        objective=objective,
        name="Readmissions",
        category="service",
        direction="lower",
        target=10,
        baseline=Decimal("18.5"),
    )
    checkpoint = EvaluationCheckpoint.objects.create(
        plan=plan, title="3-month review", due_date=date(2027, 7, 1), kind="3_month"
    )
    Measurement.objects.create(metric=metric, checkpoint=checkpoint, value=Decimal("15"))
    return plan


def export(plan, tmp_path, name):
    path = tmp_path / name
    call_command("export_plan", plan.pk, output=str(path))
    return path, json.loads(path.read_text())


def test_export_import_export_gives_identical_json(rich_plan, tmp_path):
    first_path, first = export(rich_plan, tmp_path, "first.json")
    assert first["parts"]["evaluation.Measurement"][0]["metric"] == 1

    # Empty the database of everything the plan brought with it.
    ImplementationPlan.objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()

    call_command("import_plan", str(first_path))
    imported = ImplementationPlan.objects.get()
    second_path, second = export(imported, tmp_path, "second.json")
    assert first_path.read_text() == second_path.read_text()
    assert Measurement.objects.get().metric.objective.plan == imported
    assert PlanAction.all_objects.get().deleted_at is not None  # the bin travels too


def test_an_organisation_exports_all_its_plans(rich_plan, tmp_path):
    ImplementationPlanFactory(organisation=rich_plan.organisation, title="Second plan")
    path = tmp_path / "org.json"
    call_command("export_plan", organisation="RX1", output=str(path))
    data = json.loads(path.read_text())
    assert [p["plan"]["title"] for p in data["plans"]] == ["Peer support", "Second plan"]


def test_importing_without_reference_data_is_refused_clearly(rich_plan, tmp_path):
    path, _ = export(rich_plan, tmp_path, "plan.json")
    GoodPracticePoint.objects.filter(pk=ChecklistResponse.objects.get().point_id).update(
        code="GONE"
    )
    with pytest.raises(CommandError, match="load the reference data first"):
        call_command("import_plan", str(path))
    assert ImplementationPlan.objects.count() == 1  # nothing half-imported


def test_a_file_that_is_not_an_export_is_refused(tmp_path, db):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(CommandError, match="not a NewRoles plan export"):
        call_command("import_plan", str(path))


def test_a_time_whose_milliseconds_are_zero_survives_the_round_trip():
    """Django's encoder drops the fraction only at zero microseconds: .000400 and .000000
    would export differently, so an export of an import could differ from the first."""
    import datetime

    from planning.transfer import TransferEncoder

    utc = datetime.UTC
    encoder = TransferEncoder()
    assert encoder.default(datetime.datetime(2026, 12, 3, 16, 29, 46, 400, tzinfo=utc)) == (
        "2026-12-03T16:29:46.000Z"
    )
    assert encoder.default(datetime.datetime(2026, 12, 3, 16, 29, 46, tzinfo=utc)) == (
        "2026-12-03T16:29:46.000Z"
    )
