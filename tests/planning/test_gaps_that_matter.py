"""Gaps that catch what matters: every open high-severity point of the guide, and what the
plan's own records still lack (scope of practice, approved job documents, supervision, the
training a role's template names), each appearing on a plan built to trigger it and going
once the record is there."""

import pytest
from django.urls import reverse

from governance.models import PracticeLevel, ScopeActivity
from planning.models import (
    ChecklistResponse,
    DocumentStatus,
    GoodPracticePoint,
    ImplementationPlan,
    PointStatus,
    RoleDocumentation,
    Severity,
    SupportArrangement,
    TrainingStatus,
)
from planning.records import bump_plan_version
from tests.factories import ImplementationPlanFactory, TrainingActivityFactory
from tests.roles.test_role_templates import start_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle, lead):
    return ImplementationPlanFactory(organisation=organisation, owner=lead)


def changed(plan):
    """Records made here directly raise the plan's version as the services do, so the
    overview's cache (keyed by it) is not served stale."""
    bump_plan_version(plan.pk)


def gap_titles(client, plan) -> list[str]:
    response = client.get(reverse("planning:plan_gaps", args=[plan.pk]))
    assert response.status_code == 200
    return [gap.title for gap in response.context["gaps"]]


def gap_named(client, plan, title):
    gaps = client.get(reverse("planning:plan_gaps", args=[plan.pk])).context["gaps"]
    return next((gap for gap in gaps if gap.title == title), None)


def test_every_open_high_severity_point_is_a_gap_even_without_a_named_risk(lead_client, plan):
    unnamed = GoodPracticePoint.objects.get(code="UA9")  # supervision apart from management
    assert unnamed.severity == Severity.HIGH and not unnamed.risk
    gap = gap_named(lead_client, plan, unnamed.text)
    assert gap is not None
    assert gap.severity == "high"
    assert gap.why == unnamed.severity_reason
    ChecklistResponse.objects.create(plan=plan, point=unnamed, status=PointStatus.DONE)
    changed(plan)
    assert unnamed.text not in gap_titles(lead_client, plan)


def test_all_nine_high_severity_points_without_a_risk_show(lead_client, plan):
    titles = gap_titles(lead_client, plan)
    unnamed = GoodPracticePoint.objects.filter(severity=Severity.HIGH, risk="")
    assert unnamed.count() == 9
    assert all(point.text in titles for point in unnamed)


def test_the_deskilling_risk_is_captured(lead_client, plan):
    point = GoodPracticePoint.objects.get(code="UR8")
    assert "never asked to use" in point.risk
    assert point.text in gap_titles(lead_client, plan)


def test_gaps_come_in_order_of_severity_then_stage(lead_client, plan):
    gaps = lead_client.get(reverse("planning:plan_gaps", args=[plan.pk])).context["gaps"]
    ranks = {"high": 0, "medium": 1, "low": 2}
    keys = [(ranks[g.severity], g.stage_order) for g in gaps]
    assert keys == sorted(keys)


def test_no_scope_of_practice_is_a_gap_until_one_activity_is_set_out(lead_client, plan):
    assert "No scope of practice set out" in gap_titles(lead_client, plan)
    ScopeActivity.objects.create(
        plan=plan,
        activity="Take blood samples",
        level=PracticeLevel.SUPERVISED,
        likelihood=2,
        severity=2,
    )
    changed(plan)
    assert "No scope of practice set out" not in gap_titles(lead_client, plan)


def test_job_documents_not_approved_are_a_gap_naming_what_is_missing(lead_client, plan):
    title = (
        "Not yet approved: the job description, the person specification and the banding "
        "panel's outcome"
    )
    assert title in gap_titles(lead_client, plan)
    documentation = RoleDocumentation.objects.create(
        plan=plan, job_description_status=DocumentStatus.APPROVED
    )
    changed(plan)
    titles = gap_titles(lead_client, plan)
    assert "Not yet approved: the person specification and the banding panel's outcome" in titles
    documentation.person_specification_status = DocumentStatus.APPROVED
    documentation.banding_outcome = "4"
    documentation.save()
    changed(plan)
    assert not [t for t in gap_titles(lead_client, plan) if t.startswith("Not yet approved")]


def test_no_supervision_arrangement_is_a_gap(lead_client, plan):
    assert "No supervision arrangement recorded" in gap_titles(lead_client, plan)
    SupportArrangement.objects.create(plan=plan, supervision_plan="Weekly with the ward sister")
    changed(plan)
    assert "No supervision arrangement recorded" not in gap_titles(lead_client, plan)


def test_a_role_whose_template_names_training_needs_training_planned(lead_client, organisation):
    from django.core.management import call_command

    from roles.models import RoleTemplate

    call_command("load_reference_data", verbosity=0)
    template = RoleTemplate.objects.published().exclude(training=[]).first()
    response = lead_client.post(
        reverse("planning:start_from_template", args=[template.slug]),
        start_data(title="From the template"),
    )
    assert response.status_code == 302
    plan = ImplementationPlan.objects.get(title="From the template")
    # Starting from the template plans its training: no gap.
    assert "No training planned for the role" not in gap_titles(lead_client, plan)
    plan.training_activities.update(status=TrainingStatus.CANCELLED)
    changed(plan)
    gap = gap_named(lead_client, plan, "No training planned for the role")
    assert gap is not None and gap.severity == "high"
    assert "The role's template names its training route" in gap.why
    TrainingActivityFactory(plan=plan, status=TrainingStatus.PLANNED)
    changed(plan)
    assert "No training planned for the role" not in gap_titles(lead_client, plan)


def test_a_plan_not_from_a_template_has_no_training_route_gap(lead_client, plan):
    assert "No training planned for the role" not in gap_titles(lead_client, plan)


def test_a_regulated_roles_postholders_need_their_registration_checked_yearly(
    lead_client, organisation, lead
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from planning.models import PostStatus
    from roles.models import Role
    from tests.factories import PostFactory

    call_command("load_reference_data", verbosity=0)
    role = Role.objects.get(slug="physician-associate")
    plan = ImplementationPlanFactory(organisation=organisation, owner=lead, role=role)
    post = PostFactory(plan=plan, title="Physician associate 1", status=PostStatus.IN_POST)
    PostFactory(plan=plan, title="Physician associate 2", status=PostStatus.RECRUITING)
    changed(plan)
    gap = gap_named(
        lead_client, plan, "Registration not checked in the last year: Physician associate 1"
    )
    assert gap is not None and gap.severity == "high"
    assert "General Medical Council" in gap.why
    assert "12 December 2026" in gap.why  # the GMC's deadline, from the roles catalogue

    post.registration_number = "7654321"
    post.registration_checked_on = timezone.localdate() - timedelta(days=30)
    post.save()
    changed(plan)
    assert not [t for t in gap_titles(lead_client, plan) if t.startswith("Registration")]

    post.registration_checked_on = timezone.localdate() - timedelta(days=400)
    post.save()
    changed(plan)
    assert gap_named(
        lead_client, plan, "Registration not checked in the last year: Physician associate 1"
    )


def test_an_unregulated_role_has_no_registration_gap(lead_client, organisation, lead):
    from django.core.management import call_command

    from planning.models import PostStatus
    from roles.models import Role
    from tests.factories import PostFactory

    call_command("load_reference_data", verbosity=0)
    plan = ImplementationPlanFactory(
        organisation=organisation, owner=lead, role=Role.objects.get(slug="care-navigator")
    )
    PostFactory(plan=plan, status=PostStatus.IN_POST)
    changed(plan)
    assert not [t for t in gap_titles(lead_client, plan) if t.startswith("Registration")]
