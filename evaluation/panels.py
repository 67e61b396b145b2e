"""What evaluation adds to the guided workflow: the Monitor and Evaluate stage's panel and the
gaps on the plan overview (registered in apps.py)."""

from django.urls import reverse

from planning.gaps import Gap
from planning.models import Stage

from . import selectors
from .models import EvaluationCheckpoint, Metric, Objective
from .presenters import CheckpointPresenter

STAGE_ORDER = Stage.values.index(Stage.MONITOR_AND_EVALUATE) + 1


def evaluation_panel(plan) -> dict:
    """The stage panel's context: five queries however many objectives and checkpoints."""
    today = selectors.today()
    summary = selectors.evaluation_summary(plan, today)
    return {
        "summary": summary,
        "next_checkpoint": CheckpointPresenter(summary.next_checkpoint, today)
        if summary.next_checkpoint
        else None,
    }


BASELINE_WHY = (
    "Progress can only be judged against where things started. Record the value from before "
    "the role began, or how you will find it out."
)
TARGET_WHY = (
    "Without a target nobody can say whether the role has done what it was for. Agree the "
    "value that would show the objective is met."
)


def _unset_values(metric) -> tuple[str, str]:
    """A metric missing its baseline, its target or both: one gap, saying which."""
    if metric.baseline is None and metric.target is None:
        return "Set a baseline and a target", f"{BASELINE_WHY} {TARGET_WHY}"
    if metric.target is None:
        return "Set a target", TARGET_WHY
    return "Metric without a baseline", BASELINE_WHY


def evaluation_gaps(plan) -> list[Gap]:
    """Objectives nothing measures, metrics without a baseline, checkpoints missed or
    missing (four queries)."""
    today = selectors.today()
    gaps = [
        Gap(
            title=f"No metric shows whether this objective is met: {objective.statement}",
            why="Without a metric nobody can tell whether the role achieved what it was for. "
            "Add at least one, with a baseline and a target.",
            severity="medium",
            url=reverse("evaluation:metric_create", args=[plan.pk]) + f"?objective={objective.pk}",
            where="Objectives and metrics",
            stage_order=STAGE_ORDER,
            kind="evaluation",
        )
        for objective in Objective.objects.filter(plan=plan).without_metrics().order_by("pk")
    ]
    for metric in Metric.objects.filter(plan=plan).without_baseline_or_target().order_by("pk"):
        title, why = _unset_values(metric)
        gaps.append(
            Gap(
                title=f"{title}: {metric.name}",
                why=why,
                severity="medium",
                url=reverse("evaluation:metric_update", args=[plan.pk, metric.pk])
                + ("#id_baseline" if metric.baseline is None else "#id_target"),
                where="Objectives and metrics",
                stage_order=STAGE_ORDER,
                kind="evaluation",
            )
        )
    checkpoints = EvaluationCheckpoint.objects.filter(plan=plan)
    gaps += [
        Gap(
            title=f"Overdue evaluation checkpoint: {checkpoint.title}",
            why=f"It was due on {CheckpointPresenter(checkpoint).due} and is still planned. "
            "Hold the review and record what it found, or set a new date.",
            severity="high",
            url=reverse("evaluation:checkpoint_update", args=[plan.pk, checkpoint.pk]),
            where="Evaluation checkpoints",
            stage_order=STAGE_ORDER,
            kind="evaluation",
        )
        for checkpoint in checkpoints.overdue(today).by_due_date()
    ]
    if not checkpoints.not_cancelled().exists():
        gaps.append(
            Gap(
                title="No evaluation checkpoint planned",
                why="Without dates to review the role, problems surface late and nobody "
                "decides on evidence whether to continue, adapt, scale up or stop.",
                severity="medium",
                url=reverse("evaluation:checkpoint_create", args=[plan.pk]),
                where="Evaluation checkpoints",
                stage_order=STAGE_ORDER,
                kind="evaluation",
            )
        )
    return gaps


def checkpoint_events(plans) -> list:
    """Planned evaluation checkpoints of these plans, for the calendar export (one query)."""
    from planning.panels import CalendarEvent

    return [
        CalendarEvent(
            uid=f"evaluation-checkpoint-{checkpoint.pk}@newroles",
            title=f"Evaluation checkpoint: {checkpoint.title} ({checkpoint.plan.title})",
            day=checkpoint.due_date,
            path=reverse("evaluation:checkpoint_list", args=[checkpoint.plan_id])
            + f"#checkpoint-{checkpoint.pk}",
            description=f"{checkpoint.get_kind_display()}. "
            f"Reviewer: {checkpoint.reviewer or 'not given'}.",
        )
        for checkpoint in EvaluationCheckpoint.objects.filter(plan__in=plans)
        .planned()
        .select_related("plan")
        .by_due_date()
    ]


def objective_events(plans) -> list:
    """The date by which each objective should be achieved, for the calendar (one query)."""
    from planning.panels import CalendarEvent

    return [
        CalendarEvent(
            uid=f"objective-{objective.pk}@newroles",
            title=f"Objective due: {objective.statement} ({objective.plan.title})",
            day=objective.target_date,
            path=reverse("evaluation:objective_list", args=[objective.plan_id])
            + f"#objective-{objective.pk}",
            description=f"Measured by: {objective.measure}. Responsible: {objective.responsible}.",
        )
        for objective in Objective.objects.filter(plan__in=plans).select_related("plan")
    ]


def checkpoints_owned(plans, user) -> list:
    """Evaluation reviews still planned that the member owns, for "My work" (one query)."""
    from planning.panels import DueWork

    return [
        DueWork(
            kind="Evaluation review",
            title=checkpoint.title,
            due=checkpoint.due_date,
            plan_title=checkpoint.plan.title,
            path=reverse("evaluation:checkpoint_list", args=[checkpoint.plan_id])
            + f"#checkpoint-{checkpoint.pk}",
            key=f"{checkpoint._meta.label_lower}:{checkpoint.pk}",
        )
        for checkpoint in EvaluationCheckpoint.objects.filter(plan__in=plans, owner_member=user)
        .planned()
        .select_related("plan")
    ]


def checkpoints_due(plans, until) -> list:
    """Evaluation reviews of these plans still planned and due on or before `until`, for each
    person's Home page (one query)."""
    from planning.panels import DueWork

    return [
        DueWork(
            kind="Evaluation review",
            title=checkpoint.title,
            due=checkpoint.due_date,
            plan_title=checkpoint.plan.title,
            path=reverse("evaluation:checkpoint_list", args=[checkpoint.plan_id])
            + f"#checkpoint-{checkpoint.pk}",
        )
        for checkpoint in EvaluationCheckpoint.objects.filter(plan__in=plans, due_date__lte=until)
        .planned()
        .select_related("plan")
    ]
