"""Reusable reads about plans."""

from typing import NamedTuple

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


def stage_counts(plan, checklist=None) -> list:
    """(CycleStage, done, applicable) for each stage, in the cycle's order (three queries at
    most; `presenters.StageProgress.all_of` makes them presentable)."""
    checklist = checklist_of(plan) if checklist is None else checklist
    counts = {}
    for point_id, stage_id in GoodPracticePoint.objects.values_list("pk", "stage_id"):
        status = checklist[point_id].status if point_id in checklist else PointStatus.NOT_STARTED
        done, applicable = counts.get(stage_id, (0, 0))
        if status != PointStatus.NOT_APPLICABLE:
            applicable += 1
            done += status == PointStatus.DONE
        counts[stage_id] = (done, applicable)
    return [(stage, *counts.get(stage.pk, (0, 0))) for stage in stages()]


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
    return TrainingActivity.objects.filter(plan=plan)


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
