"""Offering a plan to the library: every name the product knows is taken out."""

import json
from datetime import date

import pytest
from django.urls import reverse

from evaluation.models import EvaluationCheckpoint, Metric, Objective
from governance.models import GovernanceArrangement, ScopeActivity, Stakeholder
from newroles.accounts.permissions import Action
from planning.models import PlanAction, Risk, StageResponse, SupportArrangement
from roles.models import RoleTemplate, TemplateStatus
from roles.packages import snapshot, validate_package
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NAMES = [
    "Priya Shah",
    "Tom Okafor",
    "Grace Lindqvist",
    "Dr Hamid Rahman",
    "Rosa Delgado",
    "Marek Nowak",
    "Ffion Pryce",
    "Bartholomew Quist",
    "Northmoor NHS Trust",
    "NMT99",
    "Oakfield Council",
    "priya.shah@nhs.net",
]


@pytest.fixture
def named_plan(cycle):
    owner = UserFactory(first_name="Priya", last_name="Shah", email="priya.shah@nhs.net")
    membership = MembershipFactory(
        user=owner, organisation__name="Northmoor NHS Trust", organisation__ods_code="NMT99"
    )
    organisation = membership.organisation
    MembershipFactory(
        organisation=organisation, user=UserFactory(first_name="Tom", last_name="Okafor")
    )
    plan = ImplementationPlanFactory(
        organisation=organisation,
        owner=owner,
        target_start_date=date(2027, 4, 1),
        need="Northmoor NHS Trust patients wait; Priya Shah and Tom found the gap.",
    )
    StageResponse.objects.create(
        plan=plan,
        stage="setting-a-foundation",
        answers={
            "patient_need": "Grace Lindqvist from Oakfield Council says carers are lost; "
            "Tom Okafor agrees. Ask Hamid.",
        },
    )
    Stakeholder.objects.create(
        plan=plan,
        name="Grace Lindqvist",
        group="partner",
        organisation_name="Oakfield Council",
        influence=3,
        interest=2,
        current_stance="neutral",
        desired_stance="supportive",
    )
    Stakeholder.objects.create(
        plan=plan,
        name="Dr Hamid Rahman",
        group="clinical_champion",
        influence=3,
        interest=3,
        current_stance="champion",
        desired_stance="champion",
    )
    GovernanceArrangement.objects.create(
        plan=plan,
        accountable_executive="Rosa Delgado",
        line_manager="Marek Nowak",
        clinical_supervisor="Ffion Pryce",
    )
    ScopeActivity.objects.create(
        plan=plan,
        activity="Triage calls",
        level="supervised",
        likelihood=2,
        severity=3,
        delegation_reasoning="Ffion Pryce signs off each month.",
    )
    Risk.objects.create(
        plan=plan,
        description="Marek Nowak may leave",
        likelihood=2,
        impact=3,
        owner="Rosa Delgado",
        mitigation="Rosa to find cover",
        stage="",
    )
    PlanAction.objects.create(
        plan=plan, description="Brief Bartholomew Quist", owner_name="Bartholomew Quist"
    )
    SupportArrangement.objects.create(plan=plan, clinical_educator="Ffion Pryce")
    objective = Objective.objects.create(
        plan=plan,
        statement="Fewer readmissions, as Priya proposed",
        need_met="need",
        measure="rate",
        target_date=date(2028, 4, 1),
        responsible="Tom Okafor",
    )
    Metric.objects.create(
        plan=plan,
        objective=objective,
        name="Readmissions (Hamid's audit)",
        category="service",
        direction="lower",
        target=10,
    )
    EvaluationCheckpoint.objects.create(
        plan=plan,
        title="Review with Rosa Delgado",
        due_date=date(2027, 7, 1),
        kind="3_month",
        reviewer="Rosa Delgado",
    )
    return plan


def test_offering_replaces_every_known_name_with_a_role(client, named_plan):
    client.force_login(named_plan.owner)
    response = client.post(reverse("planning:plan_offer", args=[named_plan.pk]))
    assert response.status_code == 302
    template = RoleTemplate.objects.get()
    assert template.status == TemplateStatus.DRAFT
    assert template.offered_by == named_plan.organisation
    text = json.dumps(snapshot(template)) + template.summary
    for name in NAMES:
        assert name.lower() not in text.lower(), name
    for fragment in ("Priya", "Okafor", "Hamid", "Rosa", "Pryce", "Bartholomew"):
        assert fragment.lower() not in text.lower(), fragment
    assert "[clinical supervisor]" in text
    assert "[organisation]" in text
    validate_package(template)  # a curator can publish it as it is


def test_a_plan_without_a_catalogue_role_cannot_be_offered(lead_client, organisation, cycle):
    plan = ImplementationPlanFactory(
        organisation=organisation, role=None, role_name_other="Our own role"
    )
    response = lead_client.post(reverse("planning:plan_offer", args=[plan.pk]))
    assert response.status_code == 400
    assert not RoleTemplate.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_offering_is_for_leads(client, named_plan, method):
    assert_access(
        client,
        reverse("planning:plan_offer", args=[named_plan.pk]),
        organisation=named_plan.organisation,
        action=Action.MANAGE_PLAN,
        method=method,
    )
