"""Reusable reads about plans."""

from collections import Counter, defaultdict
from typing import NamedTuple

from django.db.models import Count
from django.utils import timezone

from . import records
from .models import (
    ChecklistResponse,
    Competency,
    CostAssumptions,
    CycleStage,
    FundingSource,
    GoodPracticePoint,
    PlanAction,
    PointStatus,
    Post,
    Risk,
    RoleDocumentation,
    StageResponse,
    SupportArrangement,
    TrainingActivity,
)

RECENT_CHANGES = 10


def actions_of(plan):
    return (
        PlanAction.objects.filter(plan=plan)
        .select_related("stakeholder")
        .order_by("due_date", "pk")
    )


def overdue_actions(plan):

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
    """The plan's own latest history rows, with who made them, newest first."""
    return list(plan.history.select_related("history_user")[:RECENT_CHANGES])


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


class StageCount(NamedTuple):
    """How far a plan is through one stage of the cycle (`presenters.StageProgress` shows it)."""

    stage: CycleStage
    done: int  # points marked done
    applicable: int  # points not marked not applicable
    marked: int  # points marked at all (in progress, done or not applicable)


def _stage_counts(all_stages, points: Counter, marks: Counter) -> list[StageCount]:
    """From the number of points of each stage id and the number of marks of each
    (stage id, status)."""
    counts = []
    for stage in all_stages:
        done = marks[stage.pk, PointStatus.DONE]
        not_applicable = marks[stage.pk, PointStatus.NOT_APPLICABLE]
        in_progress = marks[stage.pk, PointStatus.IN_PROGRESS]
        counts.append(
            StageCount(
                stage, done, points[stage.pk] - not_applicable, done + not_applicable + in_progress
            )
        )
    return counts


def stage_counts(plan, checklist=None) -> list[StageCount]:
    """A StageCount for each stage, in the cycle's order (three queries at most)."""
    checklist = checklist_of(plan) if checklist is None else checklist
    points, marks = Counter(), Counter()
    for point_id, stage_id in GoodPracticePoint.objects.values_list("pk", "stage_id"):
        points[stage_id] += 1
        if point_id in checklist:
            marks[stage_id, checklist[point_id].status] += 1
    return _stage_counts(stages(), points, marks)


def stage_counts_of_plans(plans) -> dict[int, list[StageCount]]:
    """plan id -> its StageCounts, for a page of plans: three queries however many plans (the
    checklist marks are counted by the database, never loaded one by one)."""
    plan_ids = [plan.pk for plan in plans]
    if not plan_ids:
        return {}
    points = Counter(
        dict(GoodPracticePoint.objects.order_by().values_list("stage_id").annotate(n=Count("pk")))
    )
    marks = defaultdict(Counter)
    rows = (
        ChecklistResponse.objects.filter(plan_id__in=plan_ids)
        .exclude(status=PointStatus.NOT_STARTED)
        .order_by()
        .values_list("plan_id", "point__stage_id", "status")
        .annotate(n=Count("pk"))
    )
    for plan_id, stage_id, status, n in rows:
        marks[plan_id][stage_id, status] = n
    all_stages = stages()
    return {plan_id: _stage_counts(all_stages, points, marks[plan_id]) for plan_id in plan_ids}


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


# --- The parts a plan's pages, stage panels and documents show -----------------------------------


def funding_sources_of(plan):
    return FundingSource.objects.filter(plan=plan)


def cost_assumptions_of(plan):
    """The plan's cost assumptions, or None."""
    return CostAssumptions.objects.filter(plan=plan).first()


def training_activities_of(plan):
    return TrainingActivity.objects.filter(plan=plan).select_related("owner_member")


def competencies_of(plan):
    return Competency.objects.filter(plan=plan)


def support_of(plan):
    """The plan's support arrangements, or None."""
    return SupportArrangement.objects.filter(plan=plan).first()


def posts_of(plan):
    return Post.objects.filter(plan=plan)


def role_documentation_of(plan):
    """The plan's job description and banding, or None."""
    return RoleDocumentation.objects.filter(plan=plan).first()
