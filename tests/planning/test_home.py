"""Home: after signing in, a member's own page. Where the organisation's live plans stand,
the actions and evaluation reviews due, and how to start a plan (blank or from a role
template); a curator with no organisation lands on the curators' pages."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import MemberRole
from planning import services
from planning.models import ActionStatus
from roles.models import RoleTemplate
from tests.evaluation.factories import CheckpointFactory
from tests.factories import (
    ImplementationPlanFactory,
    OrganisationFactory,
    PlanActionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def visible_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation, title="Peer support workers")


def home_of(client):
    response = client.get(HOME)
    assert response.status_code == 200
    return response


def test_a_member_sees_the_organisations_live_plans_with_their_progress(
    lead_client, organisation, plan
):
    services.archive_plan(
        ImplementationPlanFactory(organisation=organisation, title="Old archived plan")
    )
    ImplementationPlanFactory(organisation=OrganisationFactory(), title="Someone else's plan")
    page = home_of(lead_client)
    text = visible_text(page)
    assert "Peer support workers" in text
    assert "Old archived plan" not in text
    assert "Someone else's plan" not in text
    assert [card.title for card in page.context["plans"]] == ["Peer support workers"]
    assert "Underpinning Approach: not started" in text  # the stage segments, in words


def test_work_due_lists_overdue_first_then_the_next_30_days(lead_client, plan, today):
    PlanActionFactory(
        plan=plan, description="Agree the job description", due_date=today - timedelta(days=1)
    )
    PlanActionFactory(plan=plan, description="Book the panel", due_date=today)
    PlanActionFactory(
        plan=plan, description="Last day in range", due_date=today + timedelta(days=30)
    )
    PlanActionFactory(plan=plan, description="Too far ahead", due_date=today + timedelta(days=31))
    PlanActionFactory(
        plan=plan, description="Already done", due_date=today, status=ActionStatus.DONE
    )
    CheckpointFactory(plan=plan, title="Six-month review", due_date=today + timedelta(days=5))
    page = home_of(lead_client)
    overdue = [row.title for row in page.context["overdue"]]
    due_soon = [row.title for row in page.context["due_soon"]]
    assert overdue == ["Agree the job description"]
    assert due_soon == ["Book the panel", "Six-month review", "Last day in range"]
    text = visible_text(page)
    assert "Overdue" in text and "Due in the next 30 days" in text
    assert "Too far ahead" not in text and "Already done" not in text


def test_work_due_comes_only_from_the_organisations_live_plans(lead_client, plan, today):
    elsewhere = ImplementationPlanFactory(organisation=OrganisationFactory())
    PlanActionFactory(plan=elsewhere, description="Their action", due_date=today)
    CheckpointFactory(plan=elsewhere, title="Their review", due_date=today)
    archived = ImplementationPlanFactory(organisation=plan.organisation)
    PlanActionFactory(plan=archived, description="Archived plan's action", due_date=today)
    services.archive_plan(archived)
    page = home_of(lead_client)
    assert page.context["overdue"] == page.context["due_soon"] == []
    assert "No actions or evaluation reviews are overdue or due" in visible_text(page)


def test_each_piece_of_work_links_to_its_page(lead_client, plan, today):
    action = PlanActionFactory(plan=plan, due_date=today)
    checkpoint = CheckpointFactory(plan=plan, due_date=today)
    urls = {row.kind: row.url for row in home_of(lead_client).context["due_soon"]}
    assert urls["Action"] == reverse("planning:plan_detail", args=[plan.pk]) + "#actions"
    assert urls["Evaluation review"].endswith(f"#checkpoint-{checkpoint.pk}")
    assert action.plan_id == plan.pk


def test_an_editor_can_start_a_blank_plan_or_one_from_a_template_from_home(
    organisation, member_of, client, cycle
):
    call_command("load_reference_data", verbosity=0)
    template = RoleTemplate.objects.published().first()
    assert template is not None
    client.force_login(member_of(organisation, MemberRole.EDITOR))
    html = home_of(client).content.decode()
    assert reverse("planning:plan_create") in html
    assert reverse("planning:start_from_template", args=[template.slug]) in html


def test_a_viewer_is_not_offered_to_start_a_plan(organisation, member_of, client, plan):
    client.force_login(member_of(organisation, MemberRole.VIEWER))
    page = home_of(client)
    assert reverse("planning:plan_create") not in page.content.decode()
    assert "Start a new plan" not in visible_text(page)


def test_home_runs_the_same_queries_for_one_plan_or_many(lead_client, organisation, cycle, today):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            home_of(lead_client)
        return len(captured.captured_queries)

    first = ImplementationPlanFactory(organisation=organisation)
    PlanActionFactory(plan=first, due_date=today)
    CheckpointFactory(plan=first, due_date=today)
    home_of(lead_client)
    few = queries()
    for _ in range(8):
        more = ImplementationPlanFactory(organisation=organisation)
        PlanActionFactory(plan=more, due_date=today)
        CheckpointFactory(plan=more, due_date=today)
    assert queries() == few


def test_a_curator_with_no_organisation_lands_on_the_curators_pages(client, db):
    curator = UserFactory(is_staff=True)
    curator.user_permissions.add(Permission.objects.get(codename="curate"))
    client.force_login(curator)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == reverse("curate:queue")
    queue = client.get(response["Location"])
    assert queue.status_code == 200
    assert "Curate the library" in queue.content.decode()


def test_someone_in_no_organisation_is_told_how_to_join(client, db):
    client.force_login(UserFactory())
    assert client.get(HOME)["Location"] == reverse("accounts:no_organisation")


def test_a_visitor_sees_the_start_page(client, db):
    response = client.get(HOME)
    assert response.status_code == 200
    assert "start.html" in [t.name for t in response.templates]
