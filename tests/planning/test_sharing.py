"""Offering a plan to the library: every name the product knows is taken out."""

import json
import re
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
    assert template.status == TemplateStatus.IN_REVIEW
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


# --- Only the names, as whole words (issue 18) ------------------------------------------------


@pytest.fixture
def plan_of_common_words(cycle):
    """People and bodies named with ordinary words: a lead called North Lead, a trust called
    NHS North, a team called ACE."""
    owner = UserFactory(first_name="North", last_name="Lead", email="n.lead@nhs.net")
    membership = MembershipFactory(
        user=owner, organisation__name="NHS North", organisation__ods_code="RX1"
    )
    MembershipFactory(
        organisation=membership.organisation,
        user=UserFactory(first_name="Lena", last_name="Lead", email="lena@nhs.net"),
    )
    plan = ImplementationPlanFactory(
        organisation=membership.organisation,
        owner=owner,
        target_start_date=date(2027, 4, 1),
        need="NHS North needs navigators in the north of the county; North Lead will lead.",
    )
    Stakeholder.objects.create(
        plan=plan,
        name="ACE",
        group="existing_team",
        influence=2,
        interest=3,
        current_stance="neutral",
        desired_stance="supportive",
    )
    StageResponse.objects.create(
        plan=plan,
        stage="setting-a-foundation",
        answers={
            "patient_need": "Carers in the north-east face long waits. The ACE team sees them "
            "first; Lena Lead and North agree the lead nurse should lead the leadership "
            "training, north of the river and in Northallerton.",
        },
    )
    return plan


def test_offering_replaces_only_the_names_and_keeps_the_ordinary_words(
    client, plan_of_common_words
):
    plan = plan_of_common_words
    client.force_login(plan.owner)
    client.post(reverse("planning:plan_offer", args=[plan.pk]))
    template = RoleTemplate.objects.get()
    answer = template.answers["setting-a-foundation"]["patient_need"]
    assert answer == (
        "Carers in the north-east face long waits. The [existing team] team sees them "
        "first; [member of staff] and [plan owner] agree the lead nurse should lead the "
        "leadership training, north of the river and in Northallerton."
    )
    assert template.summary == (
        "[organisation] needs navigators in the north of the county; [plan owner] will lead."
    )
    # What replaced how many names, for the curators' preview (the names are not kept).
    assert template.replacements == {
        "[organisation]": 1,
        "[plan owner]": 2,
        "[member of staff]": 1,
        "[existing team]": 1,
    }
    assert "Lead" not in json.dumps(template.replacements)


def test_the_curator_sees_every_replacement_highlighted_before_publishing(
    client, plan_of_common_words
):
    from tests.url_walk import make_curator

    plan = plan_of_common_words
    client.force_login(plan.owner)
    client.post(reverse("planning:plan_offer", args=[plan.pk]))
    template = RoleTemplate.objects.get()
    client.force_login(make_curator())
    page = client.get(reverse("curate:template", args=[template.pk])).content.decode()
    marked = re.findall(r'<mark class="app-replacement">([^<]*)</mark>', page)
    marked.remove("like this")  # the key above the preview
    assert sorted(marked) == sorted(
        ["[organisation]", "[plan owner]", "[plan owner]", "[member of staff]", "[existing team]"]
    )
    assert "the north of the county" in page and "the lead nurse should lead" in page
    publish = reverse("curate:template_publish", args=[template.pk])
    assert f'href="{publish}"' in page  # publishing is asked for on a page of its own
    template.refresh_from_db()
    assert template.status == TemplateStatus.IN_REVIEW


def test_a_name_is_replaced_across_a_line_break_and_whatever_its_case(client, named_plan):
    StageResponse.objects.filter(plan=named_plan).update(
        answers={"patient_need": "ROSA DELGADO chairs; rosa delgado signs; Rosa\nDelgado agrees."}
    )
    client.force_login(named_plan.owner)
    client.post(reverse("planning:plan_offer", args=[named_plan.pk]))
    answer = RoleTemplate.objects.get().answers["setting-a-foundation"]["patient_need"]
    assert answer == (
        "[accountable executive] chairs; [accountable executive] signs; "
        "[accountable executive] agrees."
    )


def test_stakeholders_a_template_added_name_nobody_and_take_out_no_words(client, named_plan):
    from planning.services import STAKEHOLDER_PLACEHOLDER

    Stakeholder.objects.create(
        plan=named_plan,
        name=STAKEHOLDER_PLACEHOLDER.format("Clinical supervisor"),
        group="clinical_supervisor",
        influence=3,
        interest=3,
        current_stance="neutral",
        desired_stance="supportive",
    )
    StageResponse.objects.filter(plan=named_plan).update(
        answers={"patient_need": "Clinical supervisor time is short; Clinical leads agree."}
    )
    client.force_login(named_plan.owner)
    client.post(reverse("planning:plan_offer", args=[named_plan.pk]))
    answer = RoleTemplate.objects.get().answers["setting-a-foundation"]["patient_need"]
    assert answer == "Clinical supervisor time is short; Clinical leads agree."


def test_a_team_or_body_described_in_words_is_replaced_whole_and_its_words_stay(
    client, plan_of_common_words
):
    plan = plan_of_common_words
    for name, group in [
        ("Finance business partner", "finance"),
        ("Community team", "existing_team"),
        ("NHS England", "partner"),
    ]:
        Stakeholder.objects.create(
            plan=plan,
            name=name,
            group=group,
            influence=2,
            interest=2,
            current_stance="neutral",
            desired_stance="supportive",
        )
    StageResponse.objects.filter(plan=plan).update(
        answers={
            "patient_need": "Community mental health services wait. Finance agreed, as did the "
            "Community team and our Finance business partner; NHS England funds the NHS posts."
        }
    )
    client.force_login(plan.owner)
    client.post(reverse("planning:plan_offer", args=[plan.pk]))
    answer = RoleTemplate.objects.get().answers["setting-a-foundation"]["patient_need"]
    assert answer == (
        "Community mental health services wait. Finance agreed, as did the [existing team] "
        "and our [finance]; [partner organisation] funds the NHS posts."
    )
