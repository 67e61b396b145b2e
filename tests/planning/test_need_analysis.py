"""The need analysis: the options HEE's guide asks a trust to weigh against a new role,
appraised and one chosen with its reason; the team's skill mix before and after, with the
size of the change; and, at each review, the skill mix actually in place against the one
intended. The board paper draws on all three."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from evaluation.models import SkillMixActual
from planning import records, selectors
from planning.documents.content import document_html
from planning.documents.summary import executive_summary
from planning.gaps import gaps_for
from planning.models import AppraisedOption, SkillMixLine
from planning.presenters import PlanFunding, PlanRisks
from planning.presenters.need import SkillMix
from roles.models import SkillMixChange
from tests.evaluation.factories import CheckpointFactory
from tests.factories import AppraisedOptionFactory, ImplementationPlanFactory, SkillMixLineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(
        organisation=organisation, need="Crisis team patients lack lived-experience support."
    )


def option_data(**overrides):
    data = {
        "kind": "new_role",
        "title": "Two peer support workers",
        "cost_per_year": "64000",
        "months_to_effect": "9",
        "benefits": "Lived experience in every crisis plan.",
        "risks": "Recruitment may be slow.",
        "score": "4",
        "reason_chosen": "",
    }
    data.update(overrides)
    return data


def line_data(**overrides):
    data = {"profession": "Peer support workers", "band": "3", "wte_before": "0", "wte_after": "2"}
    data.update(overrides)
    return data


def page(client, plan) -> str:
    return client.get(reverse("planning:need_analysis", args=[plan.pk])).content.decode()


# --- Options ---------------------------------------------------------------------------------


def test_a_lead_appraises_an_option_and_sees_it_compared(lead_client, plan):
    response = lead_client.post(reverse("planning:option_create", args=[plan.pk]), option_data())
    assert response["Location"] == reverse("planning:need_analysis", args=[plan.pk]) + "#options"
    shown = page(lead_client, plan)
    assert "Two peer support workers" in shown
    assert "£64,000" in shown and "9 months" in shown and "4 of 5" in shown


def test_the_guides_options_not_yet_appraised_are_offered_and_start_the_form(lead_client, plan):
    AppraisedOptionFactory(plan=plan, kind="new_role")
    shown = page(lead_client, plan)
    assert "Appraise: make better use of the existing team" in shown
    assert "Appraise: redesign the service" in shown
    assert "Appraise: introduce a new role" not in shown
    form = lead_client.get(
        reverse("planning:option_create", args=[plan.pk]) + "?kind=redesign"
    ).context["form"]
    assert form.initial["kind"] == "redesign"
    assert form.initial["title"] == "Redesign the service"


def test_choosing_an_option_needs_a_reason(lead_client, plan):
    response = lead_client.post(
        reverse("planning:option_create", args=[plan.pk]), option_data(chosen="on")
    )
    assert response.status_code == 200
    assert "Say why this option was chosen" in response.content.decode()
    assert not AppraisedOption.objects.exists()


def test_a_plan_has_one_chosen_option(lead_client, plan):
    AppraisedOptionFactory(
        plan=plan, title="Extend the nurses hours", chosen=True, reason_chosen="Cheap"
    )
    response = lead_client.post(
        reverse("planning:option_create", args=[plan.pk]),
        option_data(chosen="on", reason_chosen="Lived experience"),
    )
    assert response.status_code == 200
    assert "“Extend the nurses hours” is the chosen option now" in response.content.decode()
    assert AppraisedOption.objects.count() == 1
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        AppraisedOptionFactory(plan=plan, chosen=True, reason_chosen="Also")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Describe the option"),
        ({"benefits": ""}, "Describe the option&#x27;s benefits"),
        ({"cost_per_year": "-5"}, "The cost cannot be negative"),
        ({"cost_per_year": "lots"}, "Enter the cost in pounds, like 45000"),
        ({"months_to_effect": "200"}, "The time to effect must be 120 months or less"),
        ({"score": "9"}, "Select a score from 1 to 5"),
        ({"kind": "magic"}, "Select a valid choice"),
    ],
)
def test_bad_option_input_is_explained_and_changes_nothing(lead_client, plan, overrides, message):
    response = lead_client.post(
        reverse("planning:option_create", args=[plan.pk]), option_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AppraisedOption.objects.exists()


def test_no_options_and_no_choice_are_gaps_until_one_is_chosen(plan):
    def titles():
        return {gap.title for gap in gaps_for(plan, selectors.checklist_of(plan))}

    assert "No options appraised for the need" in titles()
    option = AppraisedOptionFactory(plan=plan)
    assert "No option chosen for the need" in titles()
    option.chosen, option.reason_chosen = True, "Best fit"
    option.save()
    assert not {"No options appraised for the need", "No option chosen for the need"} & titles()


def test_a_binned_chosen_option_cannot_come_back_over_a_new_choice(lead_client, lead, plan):
    first = AppraisedOptionFactory(plan=plan, title="First", chosen=True, reason_chosen="A")
    records.move_to_bin(first, lead)
    AppraisedOptionFactory(plan=plan, title="Second", chosen=True, reason_chosen="B")
    response = lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]),
        {"kind": "appraisedoption", "pk": first.pk},
        follow=True,
    )
    assert "“First” cannot be restored" in response.content.decode()
    first.refresh_from_db()
    assert first.deleted_at is not None


def test_the_board_papers_summary_gives_the_choice_and_the_alternatives(plan):
    AppraisedOptionFactory(
        plan=plan,
        kind="new_role",
        title="Two peer support workers",
        cost_per_year=Decimal("64000"),
        months_to_effect=9,
        score=4,
        chosen=True,
        reason_chosen="Only lived experience closes the gap patients describe.",
    )
    AppraisedOptionFactory(
        plan=plan, kind="existing_team", title="Extend the nurses hours", score=2
    )
    paragraphs = {
        p.heading: p.text
        for p in executive_summary(
            plan, paper=_paper(plan), funding=PlanFunding.of(plan), risks=PlanRisks.of(plan)
        )
    }
    text = paragraphs["Options considered"]
    assert text.startswith("2 options were appraised.")
    assert (
        "Chosen: Two peer support workers (scored 4 of 5, £64,000 a year, time to effect "
        "9 months), because only lived experience closes the gap patients describe." in text
    )
    assert "Also considered: Extend the nurses hours (2 of 5)." in text
    assert "Not appraised: redesign the service." in text


def _paper(plan):
    from planning.board_paper import BoardPaperPresenter

    return BoardPaperPresenter.of(plan, PlanFunding.of(plan))


# --- Skill mix -----------------------------------------------------------------------------


def test_the_skill_mix_shows_the_kind_and_size_of_the_change_worked_by_hand(lead_client, plan):
    plan.skill_mix_changes.set(
        [SkillMixChange.objects.create(slug="new", name="New role", description="x")]
    )
    for data in (
        line_data(),  # 0 -> 2
        line_data(profession="Registered nurses", band="5", wte_before="8", wte_after="7"),
        line_data(profession="Healthcare support workers", band="3", wte_before="2", wte_after="2"),
    ):
        response = lead_client.post(reverse("planning:skill_mix_create", args=[plan.pk]), data)
        assert response.status_code == 302
    mix = SkillMix.of(plan)
    assert (mix.total_before, mix.total_after, mix.total_change) == ("10", "11", "+1")
    # 2 WTE added and 1 taken away touch 30% of the 10 WTE team; bands 1 to 4 go from 2 of
    # 10 (20%) to 4 of 11 (36%).
    assert mix.size == (
        "The team goes from 10 to 11 WTE: 2 WTE added and 1 WTE taken away, a change touching "
        "30% of the team's WTE. The share at bands 1 to 4 goes from 20% to 36%."
    )
    shown = page(lead_client, plan)
    assert "Kind of skill-mix change: New role." in shown
    assert "+2" in shown and "−1" in shown and "No change" in shown


def test_a_profession_and_band_is_one_line(lead_client, plan):
    SkillMixLineFactory(plan=plan, profession="Peer support workers", band="3")
    response = lead_client.post(
        reverse("planning:skill_mix_create", args=[plan.pk]),
        line_data(profession="peer support workers"),
    )
    assert response.status_code == 200
    assert "The team already has a line for Peer support workers, Band 3" in (
        response.content.decode()
    )
    assert SkillMixLine.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"profession": ""}, "Enter the profession or staff group"),
        ({"wte_before": "-1"}, "The WTE before cannot be negative"),
        ({"wte_after": "two"}, "Enter the WTE intended after as a number, like 2.5"),
        ({"wte_after": ""}, "Enter the WTE intended after, or 0"),
    ],
)
def test_bad_skill_mix_input_is_explained_and_changes_nothing(
    lead_client, plan, overrides, message
):
    response = lead_client.post(
        reverse("planning:skill_mix_create", args=[plan.pk]), line_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SkillMixLine.objects.exists()


def test_a_review_records_the_skill_mix_in_place_against_the_one_intended(lead_client, plan):
    recruited = SkillMixLineFactory(
        plan=plan, profession="Peer support workers", band="3", wte_before=0, wte_after=2
    )
    nurses = SkillMixLineFactory(
        plan=plan, profession="Registered nurses", band="5", wte_before=8, wte_after=8
    )
    review = CheckpointFactory(plan=plan, title="Six-month review")
    url = reverse("evaluation:measurements", args=[plan.pk, review.pk])
    form = lead_client.get(url).context["form"]
    assert f"wte_{recruited.pk}" in form.fields
    response = lead_client.post(
        url,
        {"lock_version": review.lock_version, f"wte_{recruited.pk}": "1", f"wte_{nurses.pk}": "8"},
    )
    assert response.status_code == 302
    assert SkillMixActual.objects.get(line=recruited).wte == Decimal("1")

    monitoring = lead_client.get(reverse("evaluation:monitoring", args=[plan.pk])).content.decode()
    assert "1 of 2 lines differ from the change intended" in monitoring
    assert "Intended +2 WTE, actual +1 WTE" in monitoring
    assert "As intended" in monitoring

    paragraphs = {
        p.heading: p.text
        for p in executive_summary(
            plan, paper=_paper(plan), funding=PlanFunding.of(plan), risks=PlanRisks.of(plan)
        )
    }
    assert (
        "the skill mix in place differed from the change intended in 1 of 2 lines: "
        "Peer support workers, Band 3 intended +2 WTE, actual +1 WTE."
        in paragraphs["Measuring success"]
    )


def test_a_negative_wte_in_place_is_refused(lead_client, plan):
    line = SkillMixLineFactory(plan=plan)
    review = CheckpointFactory(plan=plan)
    response = lead_client.post(
        reverse("evaluation:measurements", args=[plan.pk, review.pk]),
        {"lock_version": review.lock_version, f"wte_{line.pk}": "-2"},
    )
    assert response.status_code == 200
    assert "cannot be negative" in response.content.decode()
    assert not SkillMixActual.objects.exists()


def test_the_board_paper_has_the_need_analysis_section(plan):
    AppraisedOptionFactory(
        plan=plan, title="Two peer support workers", chosen=True, reason_chosen="Fit"
    )
    SkillMixLineFactory(
        plan=plan, profession="Peer support workers", band="3", wte_before=0, wte_after=2
    )
    html = document_html(plan)
    assert "Need analysis: options and skill mix" in html
    assert "Why “Two peer support workers” was chosen:" in html
    assert "Whole team" in html


def test_copying_a_plan_copies_its_options_and_skill_mix(lead_client, plan):
    AppraisedOptionFactory(plan=plan, chosen=True, reason_chosen="Fit")
    SkillMixLineFactory(plan=plan)
    from planning import services

    copy = services.copy_plan(plan, title="Copy", user=None)
    assert AppraisedOption.objects.filter(plan=copy, chosen=True).count() == 1
    assert SkillMixLine.objects.filter(plan=copy).count() == 1
