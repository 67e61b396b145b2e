"""What the overview and the stage panels derive from a plan is cached per plan version, day
and reference data generation (plan_cache). The whole suite runs with the cache as production
configures it; these tests pin what must show at once."""

from datetime import timedelta

import pytest
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


def test_adding_a_stakeholder_removes_the_sponsor_gap_at_once(lead_client, plan):
    assert SPONSOR in gap_titles(lead_client, plan)
    assert SPONSOR in gap_titles(lead_client, plan)  # now from the cache
    add_sponsor(lead_client, plan)
    page = overview(lead_client, plan)
    assert SPONSOR not in [g.title for g in page.context["gaps"]]
    assert SPONSOR not in page.content.decode()


def test_a_stage_panel_shows_a_change_at_once(lead_client, plan):
    url = reverse("planning:stage", args=[plan.pk, "stakeholder-engagement"])
    RiskFactory(plan=plan, description="Union objects to the role", stage="stakeholder-engagement")
    assert "Union objects to the role" in lead_client.get(url).content.decode()
    add_sponsor(lead_client, plan, name="Director of nursing")
    page = lead_client.get(url).content.decode()
    assert "Director of nursing" in page
    assert "Union objects to the role" in page

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


def test_binning_and_restoring_a_part_shows_at_once(lead_client, plan):
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


def test_an_action_falls_overdue_the_next_day(lead_client, plan, monkeypatch):
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


def test_edit_links_follow_the_permission_not_whoever_filled_the_cache(client, plan, member_of):
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


def test_a_curators_edit_of_reference_data_reaches_cached_overviews(lead_client, plan, cycle):
    from planning.models import GoodPracticePoint

    point = GoodPracticePoint.objects.exclude(risk="").first()
    assert point.text in gap_titles(lead_client, plan)
    point.text = "A reworded good-practice point"
    point.save()  # as the admin does: raises the reference generation
    assert "A reworded good-practice point" in gap_titles(lead_client, plan)


def test_the_stakeholder_grid_shows_a_new_stakeholder_and_links_only_for_editors(
    client, plan, member_of
):
    from governance.models import Stakeholder

    url = reverse("planning:stage", args=[plan.pk, "stakeholder-engagement"])
    client.force_login(member_of(plan.organisation, MemberRole.LEAD))
    add_sponsor(client, plan, name="Chief nurse")
    add_sponsor(client, plan, name="Medical director")
    sponsor = Stakeholder.objects.get(name="Chief nurse")
    change = reverse("governance:stakeholder_update", args=[plan.pk, sponsor.pk])
    assert change in client.get(url).content.decode()  # the panel is cached now

    add_sponsor(client, plan, name="Director of finance")  # into the same square
    page = client.get(url).content.decode()
    assert "Director of finance" in page and "Chief nurse" in page

    client.force_login(member_of(plan.organisation, MemberRole.VIEWER))
    page = client.get(url).content.decode()
    assert "Director of finance" in page and "Chief nurse" in page
    assert change not in page
