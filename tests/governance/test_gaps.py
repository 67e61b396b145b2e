"""Stakeholder and governance gaps on the plan overview: shown until fixed, linked to the fix."""

import pytest
from django.urls import reverse

from governance.models import GovernanceArrangement
from tests.forms import form_data

from .factories import GovernanceArrangementFactory, ScopeActivityFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

SPONSOR = "No senior leader or sponsor among the stakeholders"
CHAMPION = "No clinical champion among the stakeholders"
SERVICE_USERS = "No service users or carers among the stakeholders"
NO_ARRANGEMENTS = "No governance arrangements recorded"
SAME_PERSON = "The line manager is also the clinical supervisor, with no reason given"
NO_SCOPE = "No scope of practice set out"


def governance_gaps(client, plan):
    gaps = client.get(reverse("planning:plan_detail", args=[plan.pk])).context["gaps"]
    return {g.title: g for g in gaps if g.kind in ("stakeholders", "governance")}


def test_a_new_plan_lists_every_missing_group_and_the_missing_arrangements(lead_client, plan):
    gaps = governance_gaps(lead_client, plan)
    assert set(gaps) == {SPONSOR, CHAMPION, SERVICE_USERS, NO_ARRANGEMENTS, NO_SCOPE}
    assert gaps[SPONSOR].severity == "high"
    assert gaps[CHAMPION].severity == "medium"
    assert gaps[SERVICE_USERS].severity == "medium"
    assert gaps[NO_ARRANGEMENTS].severity == "high"
    assert gaps[NO_SCOPE].severity == "high"
    listed = lead_client.get(reverse("planning:plan_gaps", args=[plan.pk])).content.decode()
    assert SPONSOR in listed


@pytest.mark.parametrize(
    ("group", "title"),
    [("sponsor", SPONSOR), ("clinical_champion", CHAMPION), ("service_users", SERVICE_USERS)],
)
def test_a_group_gap_links_to_adding_that_group_and_goes_when_added(
    lead_client, plan, group, title
):
    gap = governance_gaps(lead_client, plan)[title]
    assert gap.url == reverse("governance:stakeholder_create", args=[plan.pk]) + f"?group={group}"
    form = lead_client.get(gap.url).context["form"]
    assert form["group"].value() == group
    lead_client.post(
        gap.url,
        {
            "name": "Someone",
            "group": group,
            "influence": "2",
            "interest": "2",
            "current_stance": "neutral",
            "desired_stance": "supportive",
        },
    )
    assert title not in governance_gaps(lead_client, plan)


def test_a_binned_stakeholder_no_longer_fills_the_gap(lead_client, plan):
    sponsor = StakeholderFactory(plan=plan, group="sponsor")
    assert SPONSOR not in governance_gaps(lead_client, plan)
    lead_client.post(reverse("governance:stakeholder_delete", args=[plan.pk, sponsor.pk]))
    assert SPONSOR in governance_gaps(lead_client, plan)


def test_recording_the_arrangements_fixes_that_gap(lead_client, plan):
    gap = governance_gaps(lead_client, plan)[NO_ARRANGEMENTS]
    assert gap.url == reverse("governance:arrangement_update", args=[plan.pk])
    data = form_data(lead_client.get(gap.url).context["form"])
    data["accountable_executive"] = "Chief operating officer"
    lead_client.post(gap.url, data)
    assert NO_ARRANGEMENTS not in governance_gaps(lead_client, plan)


def test_same_supervisor_and_manager_arriving_without_a_reason_is_a_high_gap(lead_client, plan):
    # Imports and copies bypass the form; the gap catches them.
    arrangement = GovernanceArrangementFactory(
        plan=plan, line_manager="Chris Doe", clinical_supervisor="  chris   DOE"
    )
    gap = governance_gaps(lead_client, plan)[SAME_PERSON]
    assert gap.severity == "high"
    assert gap.url.startswith(reverse("governance:arrangement_update", args=[plan.pk]))
    assert NO_ARRANGEMENTS not in governance_gaps(lead_client, plan)

    data = form_data(lead_client.get(gap.url).context["form"])
    data["same_person_reason"] = "Interim, until the new supervisor starts in May."
    assert lead_client.post(gap.url, data).status_code == 302
    assert GovernanceArrangement.objects.get(pk=arrangement.pk).same_person_reason
    assert SAME_PERSON not in governance_gaps(lead_client, plan)


def test_different_people_are_no_gap(lead_client, plan):
    GovernanceArrangementFactory(plan=plan, line_manager="Chris Doe", clinical_supervisor="Dr Roe")
    assert SAME_PERSON not in governance_gaps(lead_client, plan)


def test_a_plan_with_everything_in_place_has_no_governance_gaps(lead_client, plan):
    for group in ("sponsor", "clinical_champion", "service_users"):
        StakeholderFactory(plan=plan, group=group)
    GovernanceArrangementFactory(plan=plan)
    ScopeActivityFactory(plan=plan)
    assert governance_gaps(lead_client, plan) == {}
