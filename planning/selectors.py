"""Reusable reads about plans."""

import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.utils import timezone

from newroles.prepared import PreparedRead

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
    from django.db import connection

    sql, kinds = _bin_count_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk] * kinds)
        return cursor.fetchone()[0]


@functools.cache
def _bin_count_sql() -> tuple[str, int]:
    """One sum of counts, one per kind of record; written once per process, because building
    the same query through the ORM for every kind cost more than running it."""
    from django.db import connection

    quote = connection.ops.quote_name
    # Only table and column names from the models go in, quoted; the plan is a parameter.
    counts = [
        f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)} "  # noqa: S608
        f"WHERE {quote(m._meta.get_field('plan').column)} = %s "
        f"AND {quote(m._meta.get_field('deleted_at').column)} IS NOT NULL)"
        for m in records.plan_part_models()
    ]
    return f"SELECT {' + '.join(counts)}", len(counts)


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


# On every stage page: its SQL written once (newroles.prepared).
STAGE_RESPONSE = PreparedRead(
    lambda plan_id, stage: StageResponse.objects.filter(plan_id=plan_id, stage=stage).order_by(
        "pk"
    )[:1]
)


def stage_response(plan, stage_slug):
    found = STAGE_RESPONSE(plan.pk, stage_slug)
    return found[0] if found else None


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


def cached_stage_checklist(plan, stage_slug, points, cache) -> dict[int, PointAnswer]:
    """`stage_checklist` of a stage's points from the request's `plan_cache.PlanCache`, kept
    while the plan's checklist is: saving a stage's answers alone keeps it."""
    return cache.get(
        f"stage-checklist-{stage_slug}",
        lambda: stage_checklist(plan, points),
        reads=[ChecklistResponse],
    )


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


def cached_stage_progress(plan, cache):
    """`stage_progress(plan)` from the request's `plan_cache.PlanCache`, kept while the
    checklist is."""
    from .presenters import StageProgress

    counts = cache.get(
        "stage-progress",
        lambda: [(p.stage, p.done, p.applicable) for p in stage_progress(plan)],
        reads=[ChecklistResponse],
    )
    return [StageProgress(plan, *stage_counts) for stage_counts in counts]


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
    """What the plan overview derives from the plan's content, as plain data whose pieces
    `planning.plan_cache` keeps per version of what they read, and day. Nothing here depends
    on who asks."""

    skill_mix_changes: list  # names
    actions: list  # ActionRow, by due date
    overdue_actions: list  # ActionRow, open and due before today
    bin_count: int
    stage_counts: list  # (CycleStage, done, applicable), in the cycle's order
    gaps: list  # Gap, highest severity first
    post_summary: str
    recent_changes: list  # RecentChange, newest first


# Actions name their stakeholders: a stakeholder added is named by no action yet.
ACTIONS_READ = (PlanAction, records.existing("governance.stakeholder"))


def overview_content(plan, cache) -> OverviewContent:
    """Everything the overview shows of the plan's parts, in a fixed number of queries.

    `cache` is the request's `plan_cache.PlanCache`: each piece is kept while the kinds of
    record it reads are unchanged, so a stage saved leaves the actions, funding gaps and the
    rest where they are."""
    from .gaps import by_severity, checklist_gaps, reported_gaps
    from .presenters import ActionRow, PostPosition

    def checklist_part():
        checklist = checklist_of(plan)
        counts = [(p.stage, p.done, p.applicable) for p in stage_progress(plan, checklist)]
        return counts, checklist_gaps(plan, checklist)

    def actions_part():
        today = timezone.localdate()
        actions = list(actions_of(plan))
        overdue = [
            a
            for a in actions
            if a.due_date and a.due_date < today and a.status != ActionStatus.DONE
        ]
        return ActionRow.all_of(actions, plan.pk), ActionRow.all_of(overdue, plan.pk)

    stage_counts, open_points = cache.get(
        "overview-checklist", checklist_part, reads=[ChecklistResponse]
    )
    actions, overdue = cache.get("overview-actions", actions_part, reads=ACTIONS_READ)
    return OverviewContent(
        skill_mix_changes=cache.get(
            "overview-skill-mix",
            lambda: [change.name for change in plan.skill_mix_changes.all()],
            reads=[],
        ),
        actions=actions,
        overdue_actions=overdue,
        bin_count=cache.get("overview-bin", lambda: bin_count(plan), reads=[records.BIN]),
        stage_counts=stage_counts,
        gaps=by_severity(open_points + reported_gaps(plan, cache)),
        post_summary=cache.get(
            "overview-posts",
            lambda: PostPosition(list(Post.objects.filter(plan=plan))).summary,
            reads=[Post],
        ),
        recent_changes=cache.get("overview-changes", lambda: recent_changes(plan), reads=[]),
    )
