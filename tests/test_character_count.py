"""Long answers are never cut short without a word (issue 18).

A browser's ``maxlength`` counts a line break as one character, but a form sends it as CR LF,
two: a stage answer with many paragraphs was cut at about 4,850 characters of its 5,000. Every
long answer (a textarea) now shows the NHS.UK character count with the limit the server
applies, both sides count a line break once, and an answer over the limit is refused with the
message next to it, never cut.
"""

import re

import pytest
from django.urls import reverse

from newroles.ui.forms import LONG_TEXT_MAX_LENGTH
from planning.models import Risk, Stage, StageResponse
from planning.workflow import ANSWER_MAX_LENGTH, NOTE_MAX_LENGTH
from tests.factories import ImplementationPlanFactory
from tests.forms import form_data
from tests.test_hostile_input import error_next_to, snapshot

pytestmark = pytest.mark.django_db

STAGE = Stage.TRAINING_AND_SUPPORT
QUESTION = "training_route"


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)


def stage_url(plan):
    return reverse("planning:stage", args=[plan.pk, STAGE])


def paragraphs(length: int) -> str:
    """An answer of `length` characters as the person sees them: lines of about sixty
    characters, each line break one line feed (as the textarea and the character count hold
    it), ending in text."""
    line = "Supervision and training for the new role, planned with care"
    text = ""
    while len(text) + len(line) + 2 <= length:
        text += line + "\n"
    return text + "x" * (length - len(text))


def as_sent(text: str) -> str:
    """What the browser sends: every line break as CR LF."""
    return text.replace("\n", "\r\n")


def textarea(page: str, name: str) -> str:
    return re.search(rf'<textarea name="{name}"[^>]*>', page).group(0)


def form_group(page: str, name: str) -> str:
    """The opening tag of the form group that holds the field's control."""
    before = page[: page.index(f'<textarea name="{name}"')]
    return re.findall(r'<div class="nhsuk-form-group[^>]*>', before)[-1]


def test_a_full_answer_with_many_line_breaks_is_stored_whole(lead_client, plan):
    answer = paragraphs(ANSWER_MAX_LENGTH)
    assert answer.count("\n") > 80  # the old browser limit would have cut it by as many
    assert len(as_sent(answer)) > ANSWER_MAX_LENGTH
    data = form_data(lead_client.get(stage_url(plan)).context["form"])
    data[QUESTION] = as_sent(answer)

    response = lead_client.post(stage_url(plan), data)

    assert response.status_code == 302
    stored = StageResponse.objects.get(plan=plan).answers[QUESTION]
    assert stored == answer  # whole, with one line feed per line break


def test_a_ten_thousand_character_long_answer_with_line_breaks_is_stored_whole(lead_client, plan):
    url = reverse("planning:risk_create", args=[plan.pk])
    mitigation = paragraphs(LONG_TEXT_MAX_LENGTH)
    data = {
        **form_data(lead_client.get(url).context["form"]),
        "description": "Supervisors leave",
        "likelihood": "3",
        "impact": "3",
        "mitigation": as_sent(mitigation),
    }

    response = lead_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    assert Risk.objects.get(plan=plan).mitigation == mitigation


def test_one_character_over_is_refused_next_to_the_field_and_changes_nothing(lead_client, plan):
    data = form_data(lead_client.get(stage_url(plan)).context["form"])
    data[QUESTION] = as_sent(paragraphs(ANSWER_MAX_LENGTH + 1))
    before = snapshot()

    response = lead_client.post(stage_url(plan), data)

    assert response.status_code == 200
    page = response.content.decode()
    message = error_next_to(page, response.context["form"][QUESTION])
    assert message.strip() == f"Answer must be {ANSWER_MAX_LENGTH:,} characters or fewer"
    assert f'href="#id_{QUESTION}"' in page  # in the error summary too, linked to the field
    assert snapshot() == before
    # What they typed is kept, whole, to shorten.
    assert response.context["form"][QUESTION].value() == paragraphs(ANSWER_MAX_LENGTH + 1)


def test_every_long_answer_on_a_stage_page_shows_the_servers_limit_and_no_maxlength(
    lead_client, plan
):
    response = lead_client.get(stage_url(plan))
    page, form = response.content.decode(), response.context["form"]
    limits = {q.code: ANSWER_MAX_LENGTH for q in form.questions if not q.is_choice}
    limits.update({f"note_{p.code}": NOTE_MAX_LENGTH for p in form.points})
    assert len(limits) > 3
    for name, limit in limits.items():
        group, control = form_group(page, name), textarea(page, name)
        assert 'data-module="nhsuk-character-count"' in group, name
        assert f'data-maxlength="{limit}"' in group, name
        assert "nhsuk-js-character-count" in control, name
        assert "maxlength" not in control, name  # the browser must not cut it short
        info = f"id_{name}-info"
        assert f'aria-describedby="{info}' in control, name
        assert f'id="{info}">You can enter up to {limit:,} characters</div>' in page, name


def test_a_long_answer_of_a_form_page_counts_to_its_limit(lead_client, plan):
    page = lead_client.get(reverse("planning:risk_create", args=[plan.pk])).content.decode()
    # The risk itself is a model CharField of 500 shown as a textarea; how to reduce it is a
    # TextField with the rules' limit.
    assert 'data-maxlength="500"' in form_group(page, "description")
    assert f'data-maxlength="{LONG_TEXT_MAX_LENGTH}"' in form_group(page, "mitigation")
    assert "maxlength" not in textarea(page, "description")
