"""Help pages: a page per stage of the cycle saying what it is for, what to do and what its
terms mean, with its sources; linked from each stage page and from every page's footer."""

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from planning.models import Stage
from roles.models import RoleCategory, SkillMixChange
from tests.factories import ImplementationPlanFactory

pytestmark = pytest.mark.django_db

# The terms a workforce lead meets on each stage, and where the help explains them.
TERMS = {
    Stage.UNDERPINNING_APPROACH: [
        "Kinds of new role",
        "Governance and accountability",
        "Clinical supervision and line management",
        "Scope of practice",
    ],
    Stage.SETTING_A_FOUNDATION: [
        "Patient need",
        "Optimise, redesign or introduce",
        "Kinds of skill-mix change",
        "Skills and competencies",
    ],
    Stage.UNDERSTANDING_RESOURCE: [
        "Whole-time equivalent (WTE)",
        "Agenda for Change bands",
        "Additional Roles Reimbursement Scheme (ARRS)",
        "Backfill",
        "Recurrent and non-recurrent funding",
    ],
    Stage.STAKEHOLDER_ENGAGEMENT: ["Stakeholder", "Influence and interest", "Clinical champion"],
    Stage.TRAINING_AND_SUPPORT: [
        "Clinical supervision and line management",
        "Supernumerary period and protected learning time",
        "Preceptorship",
        "Scope of practice",
    ],
    Stage.MONITOR_AND_EVALUATE: [
        "Objectives, metrics, baselines and targets",
        "Logic model",
        "Evaluation checkpoint",
        "Register of new roles",
    ],
}


@pytest.fixture
def reference_data(db):
    call_command("load_reference_data", verbosity=0)


def text_of(response) -> str:
    """What a person reads: the page's text without markup, entities decoded."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def headings(response, level) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", h))).strip()
        for h in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    ]


@pytest.mark.parametrize("stage", Stage.values)
def test_each_stage_has_a_help_page_saying_what_it_is_for_what_to_do_and_its_terms(
    client, reference_data, stage
):
    response = client.get(reverse("help:stage", args=[stage]))

    assert response.status_code == 200
    assert headings(response, 1) == [Stage(stage).label]
    assert {"What this stage is for", "What to do", "Terms used in this stage"} <= set(
        headings(response, 2)
    )
    assert set(TERMS[stage]) <= set(headings(response, 3))


@pytest.mark.parametrize("stage", Stage.values)
def test_each_help_page_cites_its_sources(client, reference_data, stage):
    text = text_of(client.get(reverse("help:stage", args=[stage])))

    assert "Where this comes from" in text
    assert "Health Education England, Good Practice in New Workforce Roles" in text


def test_pay_and_funding_terms_name_their_sources_outside_the_guide(client, reference_data):
    text = text_of(client.get(reverse("help:stage", args=[Stage.UNDERSTANDING_RESOURCE])))

    assert "37.5 hours a week" in text  # what 1.0 WTE means
    assert "NHS Employers" in text  # Agenda for Change and WTE
    assert "NHS England, Network Contract Directed Enhanced Service" in text  # ARRS
    assert "primary care networks" in text


def test_the_kinds_of_skill_mix_change_come_from_the_curated_reference_data(client, reference_data):
    response = client.get(reverse("help:stage", args=[Stage.SETTING_A_FOUNDATION]))
    text = text_of(response)

    kinds = list(SkillMixChange.objects.all())
    assert [k.name for k in kinds] == [
        "Delegation (vertical substitution)",
        "Horizontal substitution",
        "Specialisation",
        "Diversification",
        "Innovation",
    ]
    for kind in kinds:
        assert kind.name in text
        assert kind.description in text


def test_a_curators_change_to_a_kind_of_new_role_shows_in_the_help(client, reference_data):
    kind = RoleCategory.objects.get(slug="new-to-me")
    kind.description = "Established elsewhere, new to this organisation."
    kind.save()

    text = text_of(client.get(reverse("help:stage", args=[Stage.UNDERPINNING_APPROACH])))

    assert "New to everyone" in text
    assert "Established elsewhere, new to this organisation." in text


def test_a_stage_that_does_not_exist_has_no_help(client):
    response = client.get(reverse("help:stage", args=["no-such-stage"]))

    assert response.status_code == 404


def test_help_is_readable_signed_out_and_signed_in(client, lead_client, reference_data):
    for browser in (client, lead_client):
        assert browser.get(reverse("help:index")).status_code == 200
        assert browser.get(reverse("help:stage", args=[Stage.values[0]])).status_code == 200


def test_the_help_index_links_to_every_stage_and_explains_every_term(client, reference_data):
    response = client.get(reverse("help:index"))
    html = response.content.decode()

    for stage in Stage.values:
        assert f'href="{reverse("help:stage", args=[stage])}"' in html
    assert f'href="{reverse("help:stage", args=[Stage.UNDERSTANDING_RESOURCE])}#wte"' in html
    assert "Whole-time equivalent (WTE)" in text_of(response)


def test_every_term_the_index_links_to_is_on_its_stage_page(client, reference_data):
    html = client.get(reverse("help:index")).content.decode()
    links = re.findall(r'href="(/help/stages/[a-z-]+/)#([a-z-]+)"', html)

    assert links
    for page, anchor in links:
        assert f'id="{anchor}"' in client.get(page).content.decode(), (page, anchor)


def test_each_help_page_links_to_the_previous_and_next_stage(client, reference_data):
    html = client.get(reverse("help:stage", args=[Stage.UNDERSTANDING_RESOURCE])).content.decode()

    previous = reverse("help:stage", args=[Stage.SETTING_A_FOUNDATION])
    following = reverse("help:stage", args=[Stage.STAKEHOLDER_ENGAGEMENT])
    assert re.search(rf'href="{previous}" rel="prev"', html)
    assert re.search(rf'href="{following}" rel="next"', html)


@pytest.mark.parametrize("stage", Stage.values)
def test_each_stage_page_links_to_its_help(lead_client, organisation, cycle, stage):
    plan = ImplementationPlanFactory(organisation=organisation)

    html = lead_client.get(reverse("planning:stage", args=[plan.pk, stage])).content.decode()

    link = re.search(rf'<a href="{reverse("help:stage", args=[stage])}"[^>]*>([^<]+)</a>', html)
    assert link, "no link to the stage's help"
    # It opens beside the form, so unsaved answers stay, and says so.
    assert link.group(1) == "Help with this stage (opens in new tab)"
    assert 'target="_blank"' in link.group(0) and "noopener" in link.group(0)


def test_the_footer_links_to_help_signed_out_and_signed_in(client, lead_client):
    for browser in (client, lead_client):
        html = browser.get(reverse("accessibility")).content.decode()
        footer = html[html.index("<footer") :]
        assert f'href="{reverse("help:index")}">Help</a>' in footer
