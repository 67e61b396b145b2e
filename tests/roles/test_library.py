"""The case-study library: curated by curators, read by everyone signed in, shown in the
workflow where it helps."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import Action, MemberRole
from roles.models import CaseStudy, CaseStudyStatus
from tests.access import assert_access
from tests.factories import (
    CaseStudyFactory,
    ImplementationPlanFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_shipped_library_has_over_twenty_published_case_studies(cycle):
    call_command("load_reference_data", verbosity=0)
    published = CaseStudy.objects.published()
    assert published.count() >= 20
    assert all(c.source_title and c.summary and c.stages for c in published)


def test_reloading_keeps_curators_changes(cycle):
    call_command("load_reference_data", verbosity=0)
    case_study = CaseStudy.objects.first()
    case_study.status = CaseStudyStatus.RETIRED
    case_study.save()
    call_command("load_reference_data", verbosity=0)
    assert CaseStudy.objects.get(pk=case_study.pk).status == CaseStudyStatus.RETIRED


def test_visitors_must_sign_in_to_read_the_library(client):
    response = client.get(reverse("roles:library"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_signed_in_people_read_published_case_studies_only(client):
    published = CaseStudyFactory(title="Published one")
    draft = CaseStudyFactory(title="Draft one", status=CaseStudyStatus.DRAFT)
    client.force_login(UserFactory())
    page = client.get(reverse("roles:library")).content.decode()
    assert "Published one" in page and "Draft one" not in page
    assert client.get(reverse("roles:case_study", args=[published.slug])).status_code == 200
    assert client.get(reverse("roles:case_study", args=[draft.slug])).status_code == 404


def test_the_detail_page_cites_its_source(client):
    case_study = CaseStudyFactory(
        source_title="Good Practice in New Workforce Roles",
        source_publisher="Health Education England",
    )
    client.force_login(UserFactory())
    page = client.get(reverse("roles:case_study", args=[case_study.slug])).content.decode()
    assert "Good Practice in New Workforce Roles. Health Education England." in page


def test_search_and_filters(client):
    navigator = RoleFactory(slug="care-navigator", name="Care navigator")
    CaseStudyFactory(
        title="Cumbria navigators",
        organisation_name="Cumbria",
        with_roles=[navigator],
        care_setting="integrated",
    )
    CaseStudyFactory(title="Acute triage", care_setting="acute", stages=["underpinning-approach"])
    client.force_login(UserFactory())
    url = reverse("roles:library")

    def titles(**params):
        return [c.title for c in client.get(url, params).context["case_studies"]]

    assert titles(q="cumbria") == ["Cumbria navigators"]
    assert titles(role=navigator.pk) == ["Cumbria navigators"]
    assert titles(care_setting="acute") == ["Acute triage"]
    assert titles(stage="underpinning-approach") == ["Acute triage"]


def test_only_curators_change_case_studies_and_a_lead_cannot_publish(
    client, organisation, member_of
):
    draft = CaseStudyFactory(status=CaseStudyStatus.DRAFT)
    change = reverse("admin:roles_casestudy_changelist")
    lead = member_of(organisation, MemberRole.LEAD)
    client.force_login(lead)
    assert client.get(change).status_code == 302  # not staff: sent to the admin sign-in
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(change).status_code == 403
    response = client.post(change, {"action": "publish", "_selected_action": [draft.pk]})
    assert response.status_code == 403
    assert CaseStudy.objects.get(pk=draft.pk).status == CaseStudyStatus.DRAFT


def test_a_curator_previews_sends_for_review_publishes_and_retires(client):
    draft = CaseStudyFactory(status=CaseStudyStatus.DRAFT, title="To curate")
    curator = UserFactory(is_staff=True)
    curator.user_permissions.add(Permission.objects.get(codename="curate"))
    client.force_login(curator)
    preview = client.get(reverse("admin:roles_casestudy_preview", args=[draft.pk]))
    assert "To curate" in preview.content.decode()
    changelist = reverse("admin:roles_casestudy_changelist")
    for action, status in [
        ("send_for_review", CaseStudyStatus.IN_REVIEW),
        ("publish", CaseStudyStatus.PUBLISHED),
        ("retire", CaseStudyStatus.RETIRED),
    ]:
        client.post(changelist, {"action": action, "_selected_action": [draft.pk]})
        draft.refresh_from_db()
        assert draft.status == status
    assert draft.curator == curator
    assert draft.last_reviewed == timezone.localdate()


def test_a_case_study_is_due_for_review_after_twelve_months():
    fresh = CaseStudyFactory(last_reviewed=timezone.localdate())
    stale = CaseStudyFactory(last_reviewed=timezone.localdate() - timedelta(days=366))
    assert list(CaseStudy.objects.review_due()) == [stale]
    assert stale.is_review_due and not fresh.is_review_due


def test_stage_panels_show_published_matching_case_studies_best_match_first(
    lead_client, organisation, cycle
):
    role = RoleFactory()
    plan = ImplementationPlanFactory(
        organisation=organisation, role=role, care_setting="mental_health"
    )
    stage = "training-and-support"
    CaseStudyFactory(
        title="Z same role and setting",
        with_roles=[role],
        care_setting="mental_health",
        stages=[stage],
    )
    CaseStudyFactory(title="Y same role", with_roles=[role], stages=[stage])
    CaseStudyFactory(title="A same setting", care_setting="mental_health", stages=[stage])
    CaseStudyFactory(title="B nothing in common", stages=[stage])
    CaseStudyFactory(
        title="Draft same role", with_roles=[role], stages=[stage], status=CaseStudyStatus.DRAFT
    )
    CaseStudyFactory(title="Other stage", with_roles=[role], stages=["monitor-and-evaluate"])
    response = lead_client.get(reverse("planning:stage", args=[plan.pk, stage]))
    panel = next(p for p in response.context["panels"] if p.panel.key == "case-studies")
    shown = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', panel.html)
    assert shown == ["Z same role and setting", "Y same role", "A same setting"]


def test_a_lead_proposes_a_case_study_which_arrives_in_review(lead_client, organisation):
    response = lead_client.post(
        reverse("roles:propose_case_study"),
        {
            "title": "Our peer support pilot",
            "care_setting": "mental_health",
            "summary": "We trialled peer support on discharge.",
            "source_title": "Board paper",
            "stages": ["training-and-support"],
            "role_names": "Peer support worker",
        },
    )
    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    assert case_study.status == CaseStudyStatus.IN_REVIEW  # in the curators' queue
    assert case_study.proposed_by == organisation
    assert case_study.stages == ["training-and-support"]


def test_a_proposal_with_missing_answers_saves_nothing(lead_client):
    response = lead_client.post(reverse("roles:propose_case_study"), {"title": ""})
    page = response.content.decode()
    assert "Enter a title" in page and "Select at least one stage" in page
    assert not CaseStudy.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_proposing_follows_the_matrix(client, organisation, method):
    assert_access(
        client,
        reverse("roles:propose_case_study"),
        organisation=organisation,
        action=Action.MANAGE_PLAN,
        method=method,
        scoped=False,
    )


def test_the_library_runs_constant_queries_with_500_case_studies(
    client, django_assert_max_num_queries
):
    client.force_login(UserFactory())
    url = reverse("roles:library")
    CaseStudyFactory()
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    CaseStudyFactory.create_batch(499)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 500
