"""The guided workflow: six stages, their questions and checklists, progress, gaps and risks."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.accounts.permissions import Action, MemberRole
from planning.models import (
    ChecklistResponse,
    CycleStage,
    GoodPracticePoint,
    PointStatus,
    Severity,
    Stage,
    StageResponse,
)
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, PlanActionFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def stage_url(plan, stage):
    return reverse("planning:stage", args=[plan.pk, stage])


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)


def test_the_cycle_has_six_stages_in_the_guides_order(cycle):
    assert [s.title for s in CycleStage.objects.all()] == [
        "Underpinning Approach",
        "Setting a Foundation",
        "Understanding Resource",
        "Stakeholder Engagement",
        "Training and Support",
        "Monitor and Evaluate",
    ]
    for stage in CycleStage.objects.all():
        assert stage.points.exists(), stage
    texts = list(GoodPracticePoint.objects.values_list("text", flat=True))
    assert len(texts) == len(set(texts)), "a point is repeated"
    assert GoodPracticePoint.objects.exclude(risk="").exists()


def test_the_need_analysis_asks_about_evidence_options_skills_benefits_and_time(lead_client, plan):
    page = lead_client.get(stage_url(plan, Stage.SETTING_A_FOUNDATION)).content.decode()
    for phrase in (
        "What evidence shows this need?",
        "What does the organisation need?",
        "redesigned",
        "Which option have you chosen?",
        "Why this option?",
        "skills and competencies",
        "What benefits do you expect",
        "time and commitment",
    ):
        assert phrase in page


def test_understanding_resource_asks_what_the_role_needs_and_what_can_be_shared(lead_client, plan):
    page = lead_client.get(stage_url(plan, Stage.UNDERSTANDING_RESOURCE)).content.decode()
    for word in ("people", "money", "time", "space", "equipment", "systems", "partner"):
        assert word in page.lower()


def test_the_happy_path_through_all_six_stages_ends_at_full_progress(lead_client, plan):
    url = stage_url(plan, Stage.UNDERPINNING_APPROACH)
    for stage in Stage.values:
        assert url == stage_url(plan, stage)
        data = form_data(lead_client.get(url).context["form"])
        for name in data:
            if name.startswith("status_"):
                data[name] = PointStatus.DONE
        first_question = next(n for n in data if not n.startswith(("status_", "note_", "lock")))
        data[first_question] = "Our answer for " + stage
        data["continue"] = "1"
        response = lead_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:500]
        url = response["Location"]
    assert url == reverse("planning:plan_detail", args=[plan.pk])

    overview = lead_client.get(url)
    assert all(p.complete for p in overview.context["progress"])
    assert [g for g in overview.context["gaps"] if g.kind == "checklist"] == []
    assert StageResponse.objects.filter(plan=plan).count() == 6
    assert ChecklistResponse.objects.filter(plan=plan, status=PointStatus.DONE).count() == (
        GoodPracticePoint.objects.count()
    )


def test_save_and_come_back_later_stays_on_the_stage(lead_client, plan):
    url = stage_url(plan, Stage.TRAINING_AND_SUPPORT)
    page = lead_client.get(url)
    # Named for what they do, not "Save as draft", which read as the plan's status Draft.
    buttons = re.findall(r'<button [^>]*name="(\w+)"[^>]*>([^<]+)</button>', page.content.decode())
    assert buttons == [("continue", "Save and continue"), ("later", "Save and come back later")]
    data = form_data(page.context["form"])
    data["training_route"] = "Apprenticeship with the local university"
    data["later"] = "1"
    response = lead_client.post(url, data)
    assert response["Location"] == url
    assert StageResponse.objects.get(plan=plan).answers == {
        "training_route": "Apprenticeship with the local university"
    }
    assert "You can come back to this stage at any time" in lead_client.get(url).content.decode()


def test_the_last_stage_says_where_saving_leads(lead_client, plan):
    page = lead_client.get(stage_url(plan, Stage.MONITOR_AND_EVALUATE)).content.decode()
    assert ">Save and go to the plan overview</button>" in page
    assert "Save and finish" not in page  # read as finishing the plan


@pytest.mark.parametrize("stage", Stage.values)
def test_bad_input_on_every_stage_shows_a_field_error_and_saves_nothing(lead_client, plan, stage):
    url = stage_url(plan, stage)
    form = lead_client.get(url).context["form"]
    data = form_data(form)
    question = form.questions[0].code
    point = form.points[0].code
    data[question] = "x" * 5001
    data[f"status_{point}"] = "finished"
    data[f"note_{point}"] = "n" * 2001
    response = lead_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Answer must be 5,000 characters or fewer" in page
    assert "Select where this point stands" in page
    assert "Note must be 2,000 characters or fewer" in page
    assert f'href="#id_{question}"' in page
    assert not StageResponse.objects.exists()
    assert not ChecklistResponse.objects.exists()


def test_a_viewer_sees_the_stage_but_no_form(client, plan, member_of):
    client.force_login(member_of(plan.organisation, MemberRole.VIEWER))
    response = client.get(stage_url(plan, Stage.STAKEHOLDER_ENGAGEMENT))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stakeholder Engagement" in page
    assert 'name="continue"' not in page
    assert "Not answered yet" in page


@pytest.mark.parametrize(("method", "action"), [("get", Action.VIEW), ("post", Action.EDIT)])
def test_stage_pages_are_isolated_and_follow_the_matrix(client, plan, method, action):
    assert_access(
        client,
        stage_url(plan, Stage.MONITOR_AND_EVALUATE),
        organisation=plan.organisation,
        action=action,
        method=method,
    )


def test_an_unknown_stage_is_not_found(lead_client, plan):
    assert lead_client.get(stage_url(plan, "making-it-up")).status_code == 404


def test_two_people_saving_one_stage_do_not_overwrite_each_other(plan, member_of):
    first, second = Client(), Client()
    first.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    second.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    url = stage_url(plan, Stage.SETTING_A_FOUNDATION)
    first_data = form_data(first.get(url).context["form"])
    second_data = form_data(second.get(url).context["form"])

    first_data["patient_need"] = "Faster assessment"
    assert first.post(url, first_data).status_code == 302
    second_data["patient_need"] = "Continuity of care"
    response = second.post(url, second_data)
    assert response.status_code == 409
    assert "Faster assessment" in response.content.decode()
    assert StageResponse.objects.get(plan=plan).answers["patient_need"] == "Faster assessment"


def test_gaps_list_open_risky_points_highest_first_and_shrink_as_work_is_done(lead_client, plan):
    overview = reverse("planning:plan_detail", args=[plan.pk])

    def checklist_gaps():
        gaps = lead_client.get(overview).context["gaps"]
        return [g for g in gaps if g.kind == "checklist"]

    gaps = checklist_gaps()
    # Every point whose risk the guide names, and every high-severity point.
    risky = GoodPracticePoint.objects.filter(~Q(risk="") | Q(severity=Severity.HIGH))
    assert len(gaps) == risky.count()
    ranks = {"high": 0, "medium": 1, "low": 2}
    assert [ranks[g.severity] for g in gaps] == sorted(ranks[g.severity] for g in gaps)

    top = risky.get(text=gaps[0].title)
    assert gaps[0].url.endswith(f"#point-{top.code}")
    url = stage_url(plan, top.stage.slug)
    data = form_data(lead_client.get(url).context["form"])
    data[f"status_{top.code}"] = PointStatus.DONE
    lead_client.post(url, data)
    after = checklist_gaps()
    assert len(after) == len(gaps) - 1
    assert top.text not in [g.title for g in after]


def mark(plan, stage_order, statuses):
    """Mark the points of a stage, in order, with these statuses (the rest stay unmarked), as
    the product records them (the plan's version rises)."""
    from planning import records

    points = GoodPracticePoint.objects.filter(stage__order=stage_order).order_by("order")
    for point, status in zip(points, statuses, strict=False):
        records.create_part(ChecklistResponse(plan=plan, point=point, status=status))


def shown_statuses(client, plan) -> list[str]:
    progress = client.get(reverse("planning:plan_detail", args=[plan.pk])).context["progress"]
    return [item.status_tag.label for item in progress]


def test_a_stage_nobody_has_touched_is_not_started_and_each_status_says_what_it_means(
    lead_client, plan
):
    page = lead_client.get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
    assert page.count("Not started") == 6
    assert "Red" not in page and "Amber" not in page and "Green" not in page
    points = GoodPracticePoint.objects.filter(stage__order=2).count()
    mark(plan, 1, [PointStatus.IN_PROGRESS])  # one point begun
    mark(plan, 2, [PointStatus.DONE] * points)  # every point done
    mark(plan, 3, [PointStatus.NOT_APPLICABLE])  # one point ruled out: a decision made
    mark(plan, 4, [PointStatus.NOT_STARTED] * 3)  # saved, but nothing marked
    mark(plan, 5, [PointStatus.DONE, PointStatus.NOT_STARTED])
    assert shown_statuses(lead_client, plan) == [
        "In progress",
        "Complete",
        "In progress",
        "Not started",
        "In progress",
        "Not started",
    ]
    # The stage page says the same of its own stage.
    stage = lead_client.get(stage_url(plan, Stage.STAKEHOLDER_ENGAGEMENT))
    assert stage.context["current_progress"].status_tag.label == "Not started"


def test_a_stage_whose_points_are_all_done_or_ruled_out_is_complete(lead_client, plan):
    points = GoodPracticePoint.objects.filter(stage__order=6).count()
    mark(plan, 6, [PointStatus.DONE] + [PointStatus.NOT_APPLICABLE] * (points - 1))
    assert shown_statuses(lead_client, plan)[5] == "Complete"


def test_not_applicable_points_do_not_count(lead_client, plan):
    url = stage_url(plan, Stage.MONITOR_AND_EVALUATE)
    data = form_data(lead_client.get(url).context["form"])
    codes = [n.removeprefix("status_") for n in data if n.startswith("status_")]
    data[f"status_{codes[0]}"] = PointStatus.DONE
    for code in codes[1:]:
        data[f"status_{code}"] = PointStatus.NOT_APPLICABLE
    lead_client.post(url, data)
    progress = lead_client.get(url).context["current_progress"]
    assert (progress.done, progress.applicable, progress.complete) == (1, 1, True)


def grow(plan):
    """Fill every checklist point and add many actions."""
    for point in GoodPracticePoint.objects.all():
        ChecklistResponse.objects.create(plan=plan, point=point, status=PointStatus.IN_PROGRESS)
    for stage in Stage.values:
        StageResponse.objects.create(plan=plan, stage=stage, answers={"x": "y"})
    PlanActionFactory.create_batch(50, plan=plan)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda plan: reverse("planning:plan_detail", args=[plan.pk]),
        lambda plan: stage_url(plan, Stage.SETTING_A_FOUNDATION),
    ],
    ids=["overview", "stage"],
)
def test_overview_and_stage_pages_run_constant_queries_as_the_plan_grows(
    lead_client, plan, url_for, django_assert_max_num_queries
):
    lead_client.get(url_for(plan))
    cache.clear()  # both counts without the plan cache: computing must not grow
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url_for(plan))
    grow(plan)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert lead_client.get(url_for(plan)).status_code == 200


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "tools" / "seed_overlap.py").exists(),
    reason="the source documents are not beside the repository",
)
def test_the_checklist_and_questions_are_in_our_own_words():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT.parent / "shared" / "tools" / "seed_overlap.py"),
            "planning/data",
            "planning/workflow.py",
            "roles/data",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout
