"""The overview's content is cached per version of the kinds of record each piece reads, day
and reference data (plan_cache): these tests use the cache as in production, so only the
app's own bookkeeping keeps the page right after a change."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import MemberRole
from tests.factories import ImplementationPlanFactory, PlanActionFactory, RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)


SPONSOR = "No senior leader or sponsor among the stakeholders"


def overview(client, plan):
    return client.get(reverse("planning:plan_detail", args=[plan.pk]))


def gap_titles(client, plan):
    return [g.title for g in overview(client, plan).context["gaps"]]


def add_sponsor(client, plan, name="Chief nurse"):
    response = client.post(
        reverse("governance:stakeholder_create", args=[plan.pk]),
        {
            "name": name,
            "group": "sponsor",
            "influence": "3",
            "interest": "3",
            "current_stance": "supportive",
            "desired_stance": "supportive",
        },
    )
    assert response.status_code == 302


def test_adding_a_stakeholder_removes_the_sponsor_gap_at_once(lead_client, plan, real_plan_cache):
    assert SPONSOR in gap_titles(lead_client, plan)
    assert SPONSOR in gap_titles(lead_client, plan)  # now from the cache
    add_sponsor(lead_client, plan)
    page = overview(lead_client, plan)
    assert SPONSOR not in [g.title for g in page.context["gaps"]]
    assert SPONSOR not in page.content.decode()


READ_RISKS = '"planning_risk"."description"'


def page_and_sql(client, url):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    return page, " ".join(query["sql"] for query in queries)


def test_a_change_to_one_kind_of_record_keeps_what_reads_only_others(
    lead_client, plan, real_plan_cache
):
    RiskFactory(plan=plan, description="Funding withdrawn", likelihood=5, impact=5)
    assert "High-scoring open risk: Funding withdrawn" in gap_titles(lead_client, plan)
    add_sponsor(lead_client, plan)
    page, sql = page_and_sql(lead_client, reverse("planning:plan_detail", args=[plan.pk]))
    titles = [gap.title for gap in page.context["gaps"]]
    assert SPONSOR not in titles  # the stakeholders were read again
    assert "governance_stakeholder" in sql
    assert "High-scoring open risk: Funding withdrawn" in titles  # the risks were not
    assert READ_RISKS not in sql
    assert '"deleted_at" IS NOT NULL' not in sql  # the bin's count: nothing went in or out


READ_ACTIONS = '"planning_planaction"."description"'


def test_a_stakeholder_added_keeps_the_actions_but_a_renamed_one_shows_at_once(
    lead_client, plan, real_plan_cache
):
    from governance.models import Stakeholder

    add_sponsor(lead_client, plan, name="Chief nurse")
    sponsor = Stakeholder.objects.get(plan=plan)
    PlanActionFactory(plan=plan, description="Brief the board", stakeholder=sponsor)
    assert "Chief nurse" in overview(lead_client, plan).content.decode()

    add_sponsor(lead_client, plan, name="Medical director")  # named by no action yet
    page, sql = page_and_sql(lead_client, reverse("planning:plan_detail", args=[plan.pk]))
    assert READ_ACTIONS not in sql
    assert "Brief the board" in page.content.decode()

    url = reverse("governance:stakeholder_update", args=[plan.pk, sponsor.pk])
    form = lead_client.get(url).context["form"]
    data = {**form.initial, "name": "Director of nursing", "lock_version": sponsor.lock_version}
    data = {key: value for key, value in data.items() if value is not None}
    assert lead_client.post(url, data).status_code == 302
    page, sql = page_and_sql(lead_client, reverse("planning:plan_detail", args=[plan.pk]))
    assert READ_ACTIONS in sql
    row = next(a for a in page.context["actions"] if a.description == "Brief the board")
    assert row.stakeholder_name == "Director of nursing"


def test_a_stage_panel_shows_a_change_to_what_it_reads_at_once(lead_client, plan, real_plan_cache):
    url = reverse("planning:stage", args=[plan.pk, "stakeholder-engagement"])
    RiskFactory(plan=plan, description="Union objects to the role", stage="stakeholder-engagement")
    assert "Union objects to the role" in lead_client.get(url).content.decode()
    add_sponsor(lead_client, plan, name="Director of nursing")
    page, sql = page_and_sql(lead_client, url)
    assert "Director of nursing" in page.content.decode()
    assert "Union objects to the role" in page.content.decode()  # the risks panel, kept
    assert READ_RISKS not in sql

    risk_url = reverse("planning:risk_create", args=[plan.pk])
    response = lead_client.post(
        risk_url,
        {
            "description": "Rota gaps while the team trains",
            "stage": "stakeholder-engagement",
            "likelihood": "3",
            "impact": "3",
            "status": "open",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Rota gaps while the team trains" in lead_client.get(url).content.decode()


def test_binning_and_restoring_a_part_shows_at_once(lead_client, plan, real_plan_cache):
    from governance.models import Stakeholder

    add_sponsor(lead_client, plan)
    sponsor = Stakeholder.objects.get(plan=plan)
    assert SPONSOR not in gap_titles(lead_client, plan)
    lead_client.post(reverse("governance:stakeholder_delete", args=[plan.pk, sponsor.pk]))
    page = overview(lead_client, plan)
    assert SPONSOR in [g.title for g in page.context["gaps"]]
    assert page.context["bin_count"] == 1
    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]), {"kind": "stakeholder", "pk": sponsor.pk}
    )
    page = overview(lead_client, plan)
    assert SPONSOR not in [g.title for g in page.context["gaps"]]
    assert page.context["bin_count"] == 0


def test_an_action_falls_overdue_the_next_day(lead_client, plan, real_plan_cache, monkeypatch):
    today = timezone.localdate()
    PlanActionFactory(plan=plan, description="Book the banding panel", due_date=today)
    page = overview(lead_client, plan)
    assert page.context["overdue_actions"] == []
    assert "Overdue actions" not in page.content.decode()
    assert overview(lead_client, plan).context["overdue_actions"] == []  # cached today

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + timedelta(days=1))
    page = overview(lead_client, plan)
    assert [a.description for a in page.context["overdue_actions"]] == ["Book the banding panel"]
    assert "Overdue actions" in page.content.decode()


def test_edit_links_follow_the_permission_not_whoever_filled_the_cache(
    client, plan, member_of, real_plan_cache
):
    action = PlanActionFactory(plan=plan, description="Book the banding panel")
    change = reverse("planning:action_update", args=[plan.pk, action.pk])
    client.force_login(member_of(plan.organisation, MemberRole.LEAD))
    assert change in overview(client, plan).content.decode()
    client.force_login(member_of(plan.organisation, MemberRole.VIEWER))
    page = overview(client, plan).content.decode()
    assert "Book the banding panel" in page
    assert change not in page
    client.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    assert change in overview(client, plan).content.decode()


def test_a_curators_edit_of_reference_data_reaches_cached_overviews(
    lead_client, plan, cycle, real_plan_cache
):
    from planning.models import GoodPracticePoint

    point = GoodPracticePoint.objects.exclude(risk="").first()
    assert point.text in gap_titles(lead_client, plan)
    point.text = "A reworded good-practice point"
    point.save()  # as the admin does: raises the reference generation
    assert "A reworded good-practice point" in gap_titles(lead_client, plan)


def test_the_stakeholder_grid_redraws_a_changed_square_and_links_only_for_editors(
    client, plan, member_of, real_plan_cache
):
    from governance.models import Stakeholder

    url = reverse("planning:stage", args=[plan.pk, "stakeholder-engagement"])
    client.force_login(member_of(plan.organisation, MemberRole.LEAD))
    add_sponsor(client, plan, name="Chief nurse")
    add_sponsor(client, plan, name="Medical director")
    sponsor = Stakeholder.objects.get(name="Chief nurse")
    change = reverse("governance:stakeholder_update", args=[plan.pk, sponsor.pk])
    assert change in client.get(url).content.decode()  # the squares are cached now

    add_sponsor(client, plan, name="Director of finance")  # into the same square
    page = client.get(url).content.decode()
    assert "Director of finance" in page and "Chief nurse" in page

    client.force_login(member_of(plan.organisation, MemberRole.VIEWER))
    page = client.get(url).content.decode()
    assert "Director of finance" in page and "Chief nurse" in page
    assert change not in page
