"""Governance arrangements, the scope of practice, impact assessments and policies."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import (
    GovernanceArrangement,
    ImpactAssessment,
    PolicyRequirement,
    ScopeActivity,
)
from governance.presenters import rating_tag
from newroles.accounts.permissions import MemberRole
from tests.forms import form_data

from .factories import (
    GovernanceArrangementFactory,
    ImpactAssessmentFactory,
    PolicyRequirementFactory,
    ScopeActivityFactory,
)

pytestmark = pytest.mark.django_db


def page_url(plan):
    return reverse("governance:governance", args=[plan.pk])


def arrangement_url(plan):
    return reverse("governance:arrangement_update", args=[plan.pk])


def stage_url(plan):
    return reverse("planning:stage", args=[plan.pk, "underpinning-approach"])


# --- The page ---------------------------------------------------------------------------------


def test_an_empty_plan_shows_each_section_empty(lead_client, plan):
    page = lead_client.get(page_url(plan)).content.decode()
    assert "No governance arrangements recorded yet" in page
    assert "No activities in the scope of practice yet" in page
    assert "No impact assessments recorded yet" in page
    assert "No policies listed yet" in page
    for name in ("arrangement_update", "scope_create", "assessment_create", "policy_create"):
        assert reverse(f"governance:{name}", args=[plan.pk]) in page


def test_a_viewer_reads_the_page_without_edit_links(client, plan, member_of):
    GovernanceArrangementFactory(plan=plan)
    ScopeActivityFactory(plan=plan, activity="Take blood")
    client.force_login(member_of(plan.organisation, MemberRole.VIEWER))
    page = client.get(page_url(plan)).content.decode()
    assert "Take blood" in page and "Director of nursing" in page
    assert arrangement_url(plan) not in page
    assert reverse("governance:scope_create", args=[plan.pk]) not in page


# --- Governance arrangements ------------------------------------------------------------------


def test_arrangements_are_created_on_first_save_then_changed(lead_client, plan):
    data = form_data(lead_client.get(arrangement_url(plan)).context["form"])
    data.update(
        accountable_executive="Chief nurse",
        line_manager="Jo Team Leader",
        clinical_supervisor="Dr Kim Consultant",
        regulator="hcpc",
        registration_required="on",
    )
    response = lead_client.post(arrangement_url(plan), data)
    assert response["Location"] == page_url(plan) + "#arrangements"
    data = form_data(lead_client.get(arrangement_url(plan)).context["form"])
    data["oversight_group"] = "Advanced practice forum"
    lead_client.post(arrangement_url(plan), data)

    arrangement = GovernanceArrangement.objects.get(plan=plan)
    assert arrangement.oversight_group == "Advanced practice forum"
    assert arrangement.registration_required
    page = lead_client.get(page_url(plan)).content.decode()
    assert "Dr Kim Consultant" in page
    assert "Health and Care Professions Council (HCPC), registration required" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"line_manager": "Jo Smith", "clinical_supervisor": "jo  SMITH "},
            "same_person_reason",
            "Explain why the line manager will also be the clinical supervisor",
        ),
        (
            {
                "line_manager": "Jo Smith",
                "clinical_supervisor": "Jo Smith",
                "same_person_reason": "   ",
            },
            "same_person_reason",
            "Explain why the line manager will also be the clinical supervisor",
        ),
        (
            {"registration_required": "on", "regulator": "none"},
            "regulator",
            "Select the regulator the role registers with",
        ),
        (
            {"registration_required": "on", "regulator": ""},
            "regulator",
            "Select the regulator the role registers with",
        ),
        ({"regulator": "ofsted"}, "regulator", "Select the regulator from the list"),
        ({"line_manager": "x" * 201}, "line_manager", "Line manager must be 200 characters"),
    ],
)
def test_bad_arrangements_show_an_error_by_the_field_and_save_nothing(
    lead_client, plan, overrides, field, message
):
    data = form_data(lead_client.get(arrangement_url(plan)).context["form"])
    data.update(overrides)
    response = lead_client.post(arrangement_url(plan), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'href="#id_{field}"' in page
    assert not GovernanceArrangement.all_objects.exists()


def test_one_person_may_manage_and_supervise_when_the_reason_is_given(lead_client, plan):
    data = form_data(lead_client.get(arrangement_url(plan)).context["form"])
    data.update(
        line_manager="Jo Smith",
        clinical_supervisor="Jo Smith",
        same_person_reason="A small team: the only senior clinician also manages it.",
    )
    assert lead_client.post(arrangement_url(plan), data).status_code == 302
    assert GovernanceArrangement.objects.get().supervisor_is_line_manager


def test_the_model_refuses_the_same_person_without_a_reason(plan):
    arrangement = GovernanceArrangement(
        plan=plan, line_manager="Pat Lee", clinical_supervisor="PAT LEE"
    )
    with pytest.raises(ValidationError) as error:
        arrangement.full_clean()
    assert "same_person_reason" in error.value.error_dict
    # Different people, or one of the two not named yet, need no reason.
    GovernanceArrangement(plan=plan, line_manager="Pat Lee", clinical_supervisor="").full_clean()


def test_the_database_allows_one_arrangement_per_plan_and_registration_needs_a_regulator(plan):
    arrangement = GovernanceArrangementFactory(plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        GovernanceArrangementFactory(plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        GovernanceArrangement.objects.filter(pk=arrangement.pk).update(
            registration_required=True, regulator="none"
        )


def test_two_people_recording_arrangements_at_once_do_not_overwrite(plan, member_of):
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    one, two = (form_data(c.get(arrangement_url(plan)).context["form"]) for c in (first, second))
    one["accountable_executive"] = "Medical director"
    two["accountable_executive"] = "Chief nurse"
    assert first.post(arrangement_url(plan), one).status_code == 302
    assert second.post(arrangement_url(plan), two).status_code == 409
    assert GovernanceArrangement.objects.get().accountable_executive == "Medical director"


# --- Scope of practice ------------------------------------------------------------------------


def scope_data(**overrides):
    data = {
        "activity": "Administer depot injections",
        "level": "supervised",
        "likelihood": "3",
        "severity": "4",
        "delegation_reasoning": "Trained and assessed by the team's nurse.",
        "conditions": "Only after competency sign-off.",
    }
    data.update(overrides)
    return data


def test_an_activity_is_rated_likelihood_times_severity_with_a_rag_tag(lead_client, plan):
    response = lead_client.post(reverse("governance:scope_create", args=[plan.pk]), scope_data())
    assert response["Location"] == page_url(plan) + "#scope"
    assert ScopeActivity.objects.get().risk_rating == 12
    page = lead_client.get(page_url(plan)).content.decode()
    assert "12 amber" in page
    assert "May do under supervision" in page


@pytest.mark.parametrize(
    ("rating", "colour"), [(1, "green"), (4, "green"), (5, "orange"), (12, "orange"), (15, "red")]
)
def test_ratings_are_green_to_4_amber_to_12_red_from_15(rating, colour):
    assert rating_tag(rating).colour == colour


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"likelihood": "6"}, "likelihood", "Select how likely harm is, from 1 to 5"),
        ({"likelihood": "0"}, "likelihood", "Select how likely harm is, from 1 to 5"),
        ({"severity": ""}, "severity", "Select how severe the harm would be, from 1 to 5"),
        ({"activity": ""}, "activity", "Enter the activity"),
        ({"level": "sometimes"}, "level", "Select what the role may do"),
        (
            {"likelihood": "4", "severity": "5", "delegation_reasoning": ""},
            "delegation_reasoning",
            "Explain why the role may do an activity rated red",
        ),
    ],
)
def test_bad_scope_input_shows_an_error_by_the_field_and_saves_nothing(
    lead_client, plan, overrides, field, message
):
    response = lead_client.post(
        reverse("governance:scope_create", args=[plan.pk]), scope_data(**overrides)
    )
    page = response.content.decode()
    assert message in page
    assert f"#id_{field}" in page
    assert not ScopeActivity.all_objects.exists()


def test_a_red_activity_the_role_may_not_do_needs_no_reasoning(lead_client, plan):
    data = scope_data(level="not_permitted", likelihood="5", severity="5", delegation_reasoning="")
    lead_client.post(reverse("governance:scope_create", args=[plan.pk]), data)
    assert ScopeActivity.objects.get().risk_rating == 25


@pytest.mark.parametrize(
    "values", [{"likelihood": 6}, {"severity": 0}, {"risk_rating": 7}, {"level": "maybe"}]
)
def test_the_database_keeps_ratings_in_range_and_equal_to_the_product(plan, values):
    activity = ScopeActivityFactory(plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScopeActivity.objects.filter(pk=activity.pk).update(**values)


def test_an_activity_is_changed_then_binned_and_restored(lead_client, plan):
    activity = ScopeActivityFactory(plan=plan, activity="Triage calls")
    url = reverse("governance:scope_update", args=[plan.pk, activity.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["severity"] = "1"
    lead_client.post(url, data)
    activity.refresh_from_db()
    assert activity.risk_rating == 2

    delete = reverse("governance:scope_delete", args=[plan.pk, activity.pk])
    assert "Triage calls" in lead_client.get(delete).content.decode()
    lead_client.post(delete)
    assert not ScopeActivity.objects.exists()
    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]), {"kind": "scopeactivity", "pk": activity.pk}
    )
    assert ScopeActivity.objects.get().activity == "Triage calls"


# --- Impact assessments -----------------------------------------------------------------------


def assessment_data(**overrides):
    data = {
        "kind": "both",
        "assessed_on_0": "12",
        "assessed_on_1": "3",
        "assessed_on_2": "2027",
        "outcome": "Access improves for evening clinics.",
        "reviewer": "Equality lead",
        "link": "https://intranet.example.nhs.uk/qia/42",
    }
    data.update(overrides)
    return data


def test_an_impact_assessment_is_recorded_with_its_link(lead_client, plan):
    response = lead_client.post(
        reverse("governance:assessment_create", args=[plan.pk]), assessment_data()
    )
    assert response["Location"] == page_url(plan) + "#assessments"
    assessment = ImpactAssessment.objects.get()
    assert str(assessment) == "Quality and equality impact assessment of 12 March 2027"
    page = lead_client.get(page_url(plan)).content.decode()
    assert 'href="https://intranet.example.nhs.uk/qia/42" rel="noopener noreferrer"' in page
    assert "12 March 2027" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"link": "ftp://files.example.nhs.uk/qia"}, "link", "starting with http:// or https://"),
        ({"link": "javascript:alert(1)"}, "link", "starting with http:// or https://"),
        ({"kind": ""}, "kind", "Select the kind of assessment"),
        (
            {"assessed_on_0": "", "assessed_on_1": "", "assessed_on_2": ""},
            "assessed_on_0",
            "Enter the date of the assessment",
        ),
        ({"assessed_on_0": "31", "assessed_on_1": "2"}, "assessed_on_0", "must be a real date"),
    ],
)
def test_bad_assessment_input_saves_nothing(lead_client, plan, overrides, field, message):
    response = lead_client.post(
        reverse("governance:assessment_create", args=[plan.pk]), assessment_data(**overrides)
    )
    page = response.content.decode()
    assert message in page
    assert f"#id_{field}" in page
    assert not ImpactAssessment.all_objects.exists()


def test_a_link_without_a_scheme_is_taken_as_https(lead_client, plan):
    lead_client.post(
        reverse("governance:assessment_create", args=[plan.pk]),
        assessment_data(link="intranet.example.nhs.uk/eqia"),
    )
    assert ImpactAssessment.objects.get().link == "https://intranet.example.nhs.uk/eqia"


def test_the_database_refuses_links_that_are_not_web_addresses(plan):
    assessment = ImpactAssessmentFactory(plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactAssessment.objects.filter(pk=assessment.pk).update(link="javascript:alert(1)")


def test_an_assessment_is_changed_then_binned(lead_client, plan):
    assessment = ImpactAssessmentFactory(plan=plan)
    url = reverse("governance:assessment_update", args=[plan.pk, assessment.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["reviewer"] = "Head of quality"
    lead_client.post(url, data)
    assessment.refresh_from_db()
    assert assessment.reviewer == "Head of quality"
    lead_client.post(reverse("governance:assessment_delete", args=[plan.pk, assessment.pk]))
    assert ImpactAssessment.all_objects.get().deleted_at is not None
    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]),
        {"kind": "impactassessment", "pk": assessment.pk},
    )
    assert ImpactAssessment.objects.exists()


# --- Policies ---------------------------------------------------------------------------------


def test_a_policy_is_added_changed_binned_and_restored(lead_client, plan):
    response = lead_client.post(
        reverse("governance:policy_create", args=[plan.pk]),
        {"title": "Prescribing", "owner": "Chief pharmacist", "status": "drafting"},
    )
    assert response["Location"] == page_url(plan) + "#policies"
    policy = PolicyRequirement.objects.get()
    url = reverse("governance:policy_update", args=[plan.pk, policy.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["status"] = "approved"
    lead_client.post(url, data)
    page = lead_client.get(page_url(plan)).content.decode()
    assert "Prescribing" in page and "nhsuk-tag--green" in page

    lead_client.post(reverse("governance:policy_delete", args=[plan.pk, policy.pk]))
    assert not PolicyRequirement.objects.exists()
    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]),
        {"kind": "policyrequirement", "pk": policy.pk},
    )
    assert PolicyRequirement.objects.get().status == "approved"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter the policy or procedure"),
        ({"status": "lost"}, "Select the status"),
        ({"status": ""}, "Select the status"),
    ],
)
def test_bad_policy_input_saves_nothing(lead_client, plan, overrides, message):
    data = {"title": "Consent", "owner": "", "status": "not_started", **overrides}
    response = lead_client.post(reverse("governance:policy_create", args=[plan.pk]), data)
    assert message in response.content.decode()
    assert not PolicyRequirement.all_objects.exists()


# --- The Underpinning Approach panel and query counts -----------------------------------------


def test_underpinning_approach_shows_the_governance_panel(lead_client, plan):
    GovernanceArrangementFactory(plan=plan, accountable_executive="Medical director")
    ScopeActivityFactory(plan=plan, likelihood=5, severity=4)
    PolicyRequirementFactory(plan=plan, status="approved")
    page = lead_client.get(stage_url(plan)).content.decode()
    assert 'id="panel-governance"' in page
    assert "Medical director" in page
    assert "1 activity in the scope of practice, 1 rated red" in page
    assert "1 policy." in page
    assert page_url(plan) in page
    assert arrangement_url(plan) in page


def test_the_panel_warns_when_the_supervisor_is_the_line_manager_without_a_reason(
    lead_client, plan
):
    GovernanceArrangementFactory(plan=plan, line_manager="Sam", clinical_supervisor="sam")
    page = lead_client.get(stage_url(plan)).content.decode()
    assert "The line manager is also the clinical supervisor and no reason is recorded" in page


def grow(plan):
    GovernanceArrangementFactory(plan=plan)
    ScopeActivityFactory.create_batch(60, plan=plan)
    ImpactAssessmentFactory.create_batch(20, plan=plan)
    PolicyRequirementFactory.create_batch(30, plan=plan)


@pytest.mark.parametrize("which", ["page", "stage"])
def test_governance_pages_run_constant_queries(
    lead_client, plan, which, django_assert_max_num_queries
):
    url = page_url(plan) if which == "page" else stage_url(plan)
    ScopeActivityFactory(plan=plan)
    lead_client.get(url)
    cache.clear()  # both counts with nothing cached: growing the plan empties the cache too
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    grow(plan)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert lead_client.get(url).status_code == 200


def test_copying_a_plan_copies_its_governance(plan, lead):
    from planning.services import copy_plan

    from .factories import CommunicationItemFactory, StakeholderFactory

    GovernanceArrangementFactory(plan=plan)
    StakeholderFactory(plan=plan, name="Sponsor")
    CommunicationItemFactory(plan=plan, audience=["hr", "finance"])
    ScopeActivityFactory(plan=plan, likelihood=4, severity=4)
    copy = copy_plan(plan, title="Copy", user=lead)
    assert GovernanceArrangement.objects.filter(plan=copy).count() == 1
    assert copy.stakeholders.get().name == "Sponsor"
    assert copy.communications.get().audience == ["hr", "finance"]
    assert copy.scope_activities.get().risk_rating == 16


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("governance:stakeholder_create", "Add a stakeholder"),
        ("governance:communication_create", "Add a message to the communication plan"),
        ("governance:scope_create", "Add an activity to the scope of practice"),
        ("governance:assessment_create", "Add an impact assessment"),
        ("governance:policy_create", "Add a policy"),
        ("governance:arrangement_update", "Governance arrangements"),
    ],
)
def test_form_pages_say_what_they_are_for(lead_client, plan, name, title):
    page = lead_client.get(reverse(name, args=[plan.pk])).content.decode()
    assert f"<h1>{title}</h1>" in page
