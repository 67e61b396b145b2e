"""Leads and editors create, find, edit, copy, archive and restore plans."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from newroles.accounts.permissions import MemberRole
from planning.models import ImplementationPlan, PlanAction, PlanStatus
from roles.models import SkillMixChange
from tests.factories import ImplementationPlanFactory, PlanActionFactory, RoleFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def plan_data(**overrides):
    role = overrides.pop("role") if "role" in overrides else RoleFactory()
    data = {
        "need": "People leaving hospital are readmitted within weeks.",
        "title": "Peer support on discharge",
        "role": getattr(role, "pk", role),
        "role_name_other": "",
        "service": "Adult mental health",
        "team": "",
        "care_setting": "mental_health",
        "planned_wte": "2.5",
        "band": "4",
        "target_start_date_0": "1",
        "target_start_date_1": "4",
        "target_start_date_2": "2027",
        "horizon_years": "3",
        "owner": "",
    }
    data.update(overrides)
    return data


def test_the_need_is_the_first_question(lead_client):
    page = lead_client.get(reverse("planning:plan_create")).content.decode()
    assert page.index('name="need"') < page.index('name="title"') < page.index('name="role"')


def test_a_lead_creates_a_plan_and_owns_it_by_default(lead_client, lead, organisation):
    response = lead_client.post(reverse("planning:plan_create"), plan_data())
    plan = ImplementationPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:plan_detail", args=[plan.pk])
    assert plan.organisation == organisation
    assert plan.owner == lead
    assert plan.planned_wte == Decimal("2.5")
    assert plan.status == PlanStatus.DRAFT


def test_a_role_not_in_the_catalogue_can_be_named(lead_client):
    lead_client.post(
        reverse("planning:plan_create"),
        plan_data(role="", role_name_other="Family liaison practitioner"),
    )
    assert ImplementationPlan.objects.get().role_name == "Family liaison practitioner"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("need", "", "Describe the need the role is meant to meet"),
        ("title", "", "Enter a title for the plan"),
        ("planned_wte", "0", "Planned WTE must be more than 0"),
        ("planned_wte", "500.5", "Planned WTE must be 500 or less"),
        ("planned_wte", "two", "Planned WTE must be a number"),
        ("band", "12", "Select a band from the list"),
        ("horizon_years", "0", "The horizon must be at least 1 year"),
        ("horizon_years", "11", "The horizon must be 10 years or less"),
        ("target_start_date_0", "30", "Target start date must be a real date"),
        ("target_start_date_2", "1899", "Target start date must be the same as or after"),
        ("target_start_date_1", "", "Target start date must include a month"),
        ("role", "", "Choose a role from the catalogue, or name a role"),
    ],
)
def test_bad_input_gets_a_field_error_and_saves_nothing(lead_client, field, value, message):
    data = plan_data(**{field: value})
    if field == "target_start_date_0":
        data["target_start_date_1"] = "2"  # 30 February
    response = lead_client.post(reverse("planning:plan_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "nhsuk-error-summary" in page
    assert f'href="#id_{field.rstrip("_012")}' in page  # the summary links to the field
    assert ImplementationPlan.objects.count() == 0


@pytest.mark.parametrize(
    "values",
    [
        {"planned_wte": Decimal("0")},
        {"planned_wte": Decimal("501")},
        {"horizon_years": 11},
        {"band": "12"},
        {"status": "abandoned"},
        {"title": ""},
    ],
)
def test_the_database_refuses_what_the_forms_refuse(values):
    plan = ImplementationPlanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ImplementationPlan.objects.filter(pk=plan.pk).update(**values)


def test_the_owner_must_be_a_member_of_the_organisation(lead_client, member_of):
    stranger = ImplementationPlanFactory().organisation
    outsider = member_of(stranger)
    response = lead_client.post(reverse("planning:plan_create"), plan_data(owner=outsider.pk))
    assert "Select a valid choice" in response.content.decode()
    assert ImplementationPlan.objects.filter(owner=outsider).count() == 0


def test_an_editor_changes_the_details_and_the_version_rises(client, organisation, member_of):
    plan = ImplementationPlanFactory(organisation=organisation)
    client.force_login(member_of(organisation, MemberRole.EDITOR))
    url = reverse("planning:plan_update", args=[plan.pk])
    delegation = SkillMixChange.objects.create(
        slug="delegation", name="Delegation", description="d"
    )
    data = form_data(client.get(url).context["form"])
    data.update(title="New title", skill_mix_changes=[delegation.pk])
    response = client.post(url, data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "New title"
    assert plan.version == 2
    assert list(plan.skill_mix_changes.all()) == [delegation]


def test_search_and_filters(lead_client, organisation):
    pa = RoleFactory(name="Physician associate", other_names="Physician assistant")
    ImplementationPlanFactory(
        organisation=organisation, title="Acute PAs", role=pa, status=PlanStatus.LIVE
    )
    ImplementationPlanFactory(
        organisation=organisation, title="Crisis peers", care_setting="mental_health"
    )
    url = reverse("planning:plan_list")

    def titles(**params):
        return [p.title for p in lead_client.get(url, params).context["plans"]]

    assert titles(q="physician assistant") == ["Acute PAs"]
    assert titles(status="live") == ["Acute PAs"]
    assert titles(care_setting="mental_health") == ["Crisis peers"]
    assert titles(role=pa.pk) == ["Acute PAs"]
    assert "No plans match your search" in lead_client.get(url, {"q": "zzz"}).content.decode()


def test_an_empty_organisation_sees_how_to_start(lead_client):
    page = lead_client.get(reverse("planning:plan_list")).content.decode()
    assert "no plans yet" in page
    assert reverse("planning:plan_create") in page


def test_the_list_is_paginated_and_keeps_filters(lead_client, organisation):
    ImplementationPlanFactory.create_batch(30, organisation=organisation, status=PlanStatus.DRAFT)
    response = lead_client.get(reverse("planning:plan_list"), {"status": "draft", "page": 2})
    assert len(response.context["plans"]) == 5
    assert "?status=draft&amp;page=1" in response.content.decode()


def test_archive_asks_first_then_hides_the_plan_and_restore_brings_it_back(
    lead_client, organisation
):
    plan = ImplementationPlanFactory(organisation=organisation, title="To archive")
    archive = reverse("planning:plan_archive", args=[plan.pk])
    assert "Archive plan" in lead_client.get(archive).content.decode()
    assert ImplementationPlan.objects.get(pk=plan.pk).archived_at is None

    lead_client.post(archive)
    listing = reverse("planning:plan_list")

    def titles(**params):
        return [p.title for p in lead_client.get(listing, params).context["plans"]]

    assert titles() == []
    assert titles(archived="on") == ["To archive"]

    lead_client.post(reverse("planning:plan_unarchive", args=[plan.pk]))
    assert titles() == ["To archive"]


def test_a_lead_changes_the_status(lead_client, organisation):
    plan = ImplementationPlanFactory(organisation=organisation)
    url = reverse("planning:plan_status", args=[plan.pk])
    lead_client.post(url, {"status": "live", "lock_version": plan.lock_version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.LIVE
    response = lead_client.post(url, {"status": "finished", "lock_version": plan.lock_version})
    assert "Select a valid choice" in response.content.decode()


def test_copying_makes_a_draft_with_the_same_answers_and_parts(lead_client, organisation):
    plan = ImplementationPlanFactory(organisation=organisation, status=PlanStatus.LIVE)
    PlanActionFactory(plan=plan, description="Recruit supervisors")
    binned = PlanActionFactory(plan=plan, description="Old idea")
    lead_client.post(reverse("planning:action_delete", args=[plan.pk, binned.pk]))

    lead_client.post(reverse("planning:plan_copy", args=[plan.pk]), {"title": "Second cohort"})
    copy = ImplementationPlan.objects.get(title="Second cohort")
    assert copy.organisation == organisation
    assert copy.status == PlanStatus.DRAFT
    assert (copy.need, copy.role_id, copy.band) == (plan.need, plan.role_id, plan.band)
    assert list(PlanAction.objects.filter(plan=copy).values_list("description", flat=True)) == [
        "Recruit supervisors"
    ]
    assert PlanAction.objects.filter(plan=plan).count() == 1  # the original keeps its own


def test_the_list_runs_the_same_queries_for_10_and_500_plans(
    lead_client, organisation, django_assert_max_num_queries
):
    url = reverse("planning:plan_list")
    ImplementationPlanFactory.create_batch(10, organisation=organisation)
    lead_client.get(url)
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # both counts without the cached filters
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    ImplementationPlanFactory.create_batch(490, organisation=organisation)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = lead_client.get(url)
    assert response.context["page_obj"].paginator.count == 500


def test_an_engagement_action_names_one_of_the_plans_stakeholders(lead_client, organisation):
    from governance.models import Stakeholder
    from planning.models import PlanAction

    plan = ImplementationPlanFactory(organisation=organisation)
    ours = Stakeholder.objects.create(
        plan=plan,
        name="Dr Ada Champion",
        group="clinical_champion",
        influence=3,
        interest=3,
        current_stance="neutral",
        desired_stance="champion",
    )
    theirs = Stakeholder.objects.create(
        plan=ImplementationPlanFactory(),
        name="Elsewhere",
        group="sponsor",
        influence=3,
        interest=3,
        current_stance="neutral",
        desired_stance="champion",
    )
    url = reverse("planning:action_create", args=[plan.pk])
    data = {
        "description": "Meet the champion",
        "stage": "stakeholder-engagement",
        "owner_name": "",
        "due_date_0": "",
        "due_date_1": "",
        "due_date_2": "",
        "status": "not_started",
    }
    response = lead_client.post(url, {**data, "stakeholder": theirs.pk})
    assert "Select a valid choice" in response.content.decode()
    lead_client.post(url, {**data, "stakeholder": ours.pk})
    assert PlanAction.objects.get().stakeholder == ours
    page = lead_client.get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
    assert "with Dr Ada Champion" in page

    lead_client.post(reverse("planning:plan_copy", args=[plan.pk]), {"title": "Copy"})
    copied = PlanAction.objects.get(plan__title="Copy")
    assert copied.stakeholder.plan.title == "Copy"  # points at the copy's stakeholder


def test_the_filters_show_what_was_asked_and_a_curators_new_role_at_once(lead_client, organisation):
    url = reverse("planning:plan_list")
    first = RoleFactory(name="Care navigator")
    assert "Care navigator" in lead_client.get(url).content.decode()
    asked = lead_client.get(url, {"role": first.pk, "q": "ward"}).content.decode()
    assert f'<option value="{first.pk}" selected>Care navigator</option>' in asked
    assert 'value="ward"' in asked
    RoleFactory(name="Mental health wellbeing practitioner")  # as a curator adds one
    assert "Mental health wellbeing practitioner" in lead_client.get(url).content.decode()


def test_a_plan_changed_shows_its_new_card_on_the_list_at_once(lead_client, organisation):
    plans = ImplementationPlanFactory.create_batch(3, organisation=organisation)
    url = reverse("planning:plan_list")
    assert plans[0].title in lead_client.get(url).content.decode()
    edit = reverse("planning:plan_update", args=[plans[0].pk])
    data = form_data(lead_client.get(edit).context["form"])
    data["title"] = "Advanced clinical practitioners in urgent care"
    assert lead_client.post(edit, data).status_code == 302
    page = lead_client.get(url).content.decode()
    assert "Advanced clinical practitioners in urgent care" in page
    assert plans[1].title in page and plans[2].title in page
