"""Reusable reads about plans."""

from dataclasses import dataclass
from typing import NamedTuple

from django.utils import timezone

from . import records
from .models import (
    ActionStatus,
    ChecklistResponse,
    CycleStage,
    GoodPracticePoint,
    PlanAction,
    PointStatus,
    Post,
    Risk,
    StageResponse,
)

RECENT_CHANGES = 10


def actions_of(plan):
    return (
        PlanAction.objects.filter(plan=plan)
        .select_related("stakeholder")
        .order_by("due_date", "pk")
    )


def overdue_actions(plan):
    from django.utils import timezone

    return (
        PlanAction.objects.filter(plan=plan, due_date__lt=timezone.localdate())
        .open()
        .order_by("due_date", "pk")
    )


def bin_count(plan) -> int:
    """How many of the plan's records are in the bin, every kind together, in one query."""
    binned = [
        model.all_objects.filter(plan=plan).in_bin().values_list("pk").order_by()
        for model in records.plan_part_models()
    ]
    return binned[0].union(*binned[1:], all=True).count()


def recent_changes(plan):
    """The plan's own latest changes, with who made them (every one raised its version)."""
    from .presenters import RecentChange

    return [
        RecentChange.of(change)
        for change in plan.history.select_related("history_user")[:RECENT_CHANGES]
    ]


def stages():
    return list(CycleStage.objects.all())


def points_of_stage(stage_slug):
    return list(GoodPracticePoint.objects.filter(stage__slug=stage_slug).order_by("order"))


def stage_response(plan, stage_slug):
    return StageResponse.objects.filter(plan=plan, stage=stage_slug).first()


def checklist_of(plan) -> dict:
    """point id -> ChecklistResponse, for the whole plan (one query)."""
    return {r.point_id: r for r in ChecklistResponse.objects.filter(plan=plan)}


class PointAnswer(NamedTuple):
    """Where a plan stands on one good-practice point, as a stage page shows it."""

    status: str
    note: str


def stage_checklist(plan, points) -> dict[int, PointAnswer]:
    """point id -> PointAnswer for these points (one query; points never answered are left out)."""
    rows = ChecklistResponse.objects.filter(plan=plan, point_id__in=[point.pk for point in points])
    return {
        point_id: PointAnswer(status, note)
        for point_id, status, note in rows.values_list("point_id", "status", "note")
    }


def stage_progress(plan, checklist=None):
    """Progress per stage: done out of applicable points. Three queries at most."""
    from .presenters import StageProgress

    checklist = checklist_of(plan) if checklist is None else checklist
    counts = {}
    for point_id, stage_id in GoodPracticePoint.objects.values_list("pk", "stage_id"):
        status = checklist[point_id].status if point_id in checklist else PointStatus.NOT_STARTED
        done, applicable = counts.get(stage_id, (0, 0))
        if status != PointStatus.NOT_APPLICABLE:
            applicable += 1
            done += status == PointStatus.DONE
        counts[stage_id] = (done, applicable)
    return [StageProgress(plan, stage, *counts.get(stage.pk, (0, 0))) for stage in stages()]


def stage_counts(plan, checklist=None) -> list:
    """(CycleStage, done, applicable) for each stage, in the cycle's order: plain data to cache
    (`StageProgress` makes it presentable)."""
    return [(p.stage, p.done, p.applicable) for p in stage_progress(plan, checklist)]


def risk_register(plan):
    return Risk.objects.filter(plan=plan).by_score()


def guide_risk_suggestions(plan):
    """Risks the guide names for this plan's open checklist points, not yet in the register."""
    settled = ChecklistResponse.objects.filter(
        plan=plan, status__in=[PointStatus.DONE, PointStatus.NOT_APPLICABLE]
    ).values("point_id")
    accepted = Risk.objects.filter(plan=plan, source_point__isnull=False).values("source_point_id")
    return (
        GoodPracticePoint.objects.exclude(risk="")
        .exclude(pk__in=settled)
        .exclude(pk__in=accepted)
        .select_related("stage")
        .order_by("stage__order", "order")
    )


@dataclass(frozen=True)
class OverviewContent:
    """What the plan overview derives from the plan's content, as plain data cached per plan
    version and day (`planning.plan_cache`). Nothing here depends on who asks."""

    skill_mix_changes: list  # names
    actions: list  # ActionRow, by due date
    overdue_actions: list  # ActionRow, open and due before today
    bin_count: int
    stage_counts: list  # (CycleStage, done, applicable), in the cycle's order
    gaps: list  # Gap, highest severity first
    post_summary: str
    recent_changes: list  # RecentChange, newest first


def overview_content(plan) -> OverviewContent:
    """Everything the overview shows of the plan's parts, in a fixed number of queries."""
    from .gaps import gaps_for
    from .presenters import ActionRow, PostPosition

    checklist = checklist_of(plan)
    today = timezone.localdate()
    actions = list(actions_of(plan))
    overdue = [
        a for a in actions if a.due_date and a.due_date < today and a.status != ActionStatus.DONE
    ]
    return OverviewContent(
        skill_mix_changes=[change.name for change in plan.skill_mix_changes.all()],
        actions=ActionRow.all_of(actions, plan.pk),
        overdue_actions=ActionRow.all_of(overdue, plan.pk),
        bin_count=bin_count(plan),
        stage_counts=stage_counts(plan, checklist),
        gaps=gaps_for(plan, checklist),
        post_summary=PostPosition(list(Post.objects.filter(plan=plan))).summary,
        recent_changes=recent_changes(plan),
    )
