"""The organisation's register of new roles: every plan, counts, and a spreadsheet."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.accounts.permissions import Action
from planning.models import (
    ChecklistResponse,
    GoodPracticePoint,
    ImplementationPlan,
    PointStatus,
)
from roles.models import RoleCategory, SkillMixChange
from tests.access import assert_access
from tests.factories import FundingSourceFactory, ImplementationPlanFactory
from tests.reading import read_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocab(cycle):
    new_to_me = RoleCategory.objects.create(slug="new-to-me", name="New to me", description="d")
    everyone = RoleCategory.objects.create(
        slug="new-to-everyone", name="New to everyone", description="d", order=0
    )
    delegation = SkillMixChange.objects.create(
        slug="delegation", name="Delegation", description="d"
    )
    return new_to_me, everyone, delegation


def test_counts_and_rows_match_the_plans(lead_client, organisation, vocab):
    new_to_me, everyone, delegation = vocab
    first = ImplementationPlanFactory(organisation=organisation, title="A plan", category=new_to_me)
    first.skill_mix_changes.add(delegation)
    ImplementationPlanFactory(organisation=organisation, title="B plan", category=new_to_me)
    ImplementationPlanFactory(organisation=organisation, title="C plan", category=everyone)
    ImplementationPlanFactory(title="Another organisation's", category=everyone)
    response = lead_client.get(reverse("planning:register"))
    by_category = {bar.label: bar.count for bar in response.context["by_category"]}
    assert by_category == {"New to everyone": 1, "New to me": 2}
    by_skill_mix = {bar.label: bar.count for bar in response.context["by_skill_mix"]}
    assert by_skill_mix == {"Delegation": 1}
    assert [row.plan.title for row in response.context["rows"]] == ["A plan", "B plan", "C plan"]


def test_each_row_shows_the_furthest_stage_reached_and_funding_end(
    lead_client, organisation, vocab
):
    plan = ImplementationPlanFactory(organisation=organisation)
    for point in GoodPracticePoint.objects.filter(stage__order=1):
        ChecklistResponse.objects.create(plan=plan, point=point, status=PointStatus.DONE)
    FundingSourceFactory(plan=plan, start_date=date(2027, 4, 1), end_date=date(2029, 3, 31))
    row = lead_client.get(reverse("planning:register")).context["rows"][0]
    assert row.stage_label == "Underpinning Approach"  # tests/planning/test_progress.py has more
    assert row.funding_end == "31 March 2029"
    FundingSourceFactory(plan=plan, start_date=date(2027, 4, 1), end_date=None)
    row = lead_client.get(reverse("planning:register")).context["rows"][0]
    assert row.funding_end == "Ongoing"


def test_the_csv_matches_the_register_and_follows_its_filters(lead_client, organisation, vocab):
    ImplementationPlanFactory(organisation=organisation, title="Live one", status="live")
    ImplementationPlanFactory(organisation=organisation, title="=cmd|' /C calc'!A0", status="draft")
    response = lead_client.get(reverse("planning:register_csv"))
    rows = read_csv(response)
    assert rows[0][0] == "Plan"
    assert sorted(r[0] for r in rows[1:]) == ["'=cmd|' /C calc'!A0", "Live one"]
    response = lead_client.get(reverse("planning:register_csv"), {"status": "live"})
    rows = read_csv(response)
    assert [r[0] for r in rows[1:]] == ["Live one"]


@pytest.mark.parametrize(
    ("name", "action"),
    [("planning:register", Action.VIEW), ("planning:register_csv", Action.EXPORT)],
)
def test_register_access(client, organisation, name, action):
    assert_access(client, reverse(name), organisation=organisation, action=action, scoped=False)


def test_the_register_runs_constant_queries_with_1000_plans(
    lead_client, organisation, vocab, django_assert_max_num_queries
):
    new_to_me, _, delegation = vocab
    ImplementationPlanFactory(organisation=organisation, category=new_to_me)
    url = reverse("planning:register")
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    template = ImplementationPlan.objects.get()
    ImplementationPlan.objects.bulk_create(
        ImplementationPlan(
            organisation=organisation,
            title=f"Plan {n}",
            need="n",
            role_id=template.role_id,
            category=new_to_me,
            horizon_years=3,
        )
        for n in range(999)
    )
    through = ImplementationPlan.skill_mix_changes.through
    through.objects.bulk_create(
        through(implementationplan_id=pk, skillmixchange_id=delegation.pk)
        for pk in ImplementationPlan.objects.values_list("pk", flat=True)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = lead_client.get(url)
    assert response.context["page_obj"].paginator.count == 1000


def test_the_register_shows_each_roles_regulator_and_deadline(lead_client, organisation, cycle):
    from django.core.management import call_command

    from roles.models import Role

    call_command("load_reference_data", verbosity=0)
    for slug in (
        "physician-associate",
        "nursing-associate",
        "care-navigator",
        "mental-health-wellbeing-practitioner",
    ):
        ImplementationPlanFactory(organisation=organisation, role=Role.objects.get(slug=slug))
    page = lead_client.get(reverse("planning:register")).content.decode()
    assert "General Medical Council: registered by 12 December 2026" in page
    assert "Regulator: Nursing and Midwifery Council" in page
    assert (
        "Register: Accredited register (Professional Standards Authority): registered by "
        "30 June 2026" in page
    )
    assert "Not regulated" in page


def test_every_catalogue_role_shows_its_regulator_and_any_deadline_on_the_register(
    lead_client, organisation, cycle
):
    from django.core.management import call_command

    from roles.models import Role

    call_command("load_reference_data", verbosity=0)
    roles = list(Role.objects.all())
    for role in roles:
        ImplementationPlanFactory(organisation=organisation, role=role, title=f"Plan: {role.name}")
    html = lead_client.get(reverse("planning:register")).content.decode()  # 50 to a page
    for role in roles:
        expected = role.regulation_label
        assert expected in html, role.slug
        if role.registration_deadline:
            assert f"registered by {role.registration_deadline.day} " in html, role.slug
