"""Reads about a plan's evaluation. Each runs a fixed number of queries, however large the
plan grows."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from .models import EvaluationCheckpoint, LogicModel, Measurement, Metric, Objective

UPCOMING_DAYS = 90


def today():
    return timezone.localdate()


def objectives_with_metrics(plan) -> list[Objective]:
    """The plan's objectives, each with its live metrics (`live_metrics`) and their results."""
    return list(
        Objective.objects.filter(plan=plan)
        .order_by("target_date", "pk")
        .prefetch_related(
            Prefetch(
                "metrics",
                queryset=Metric.objects.with_results().order_by("name", "pk"),
                to_attr="live_metrics",
            )
        )
    )


def metrics_with_results(plan) -> list[Metric]:
    return list(
        Metric.objects.filter(plan=plan)
        .with_results()
        .order_by("objective__target_date", "objective_id", "name", "pk")
    )


def metric_with_results(plan, pk) -> Metric | None:
    return Metric.objects.filter(plan=plan, pk=pk).with_results().first()


def metric_count(plan, objective=None) -> int:
    metrics = Metric.objects.filter(plan=plan)
    if objective is not None:
        metrics = metrics.filter(objective=objective)
    return metrics.count()


def checkpoints_of(plan):
    return EvaluationCheckpoint.objects.filter(plan=plan).with_recorded_count().by_due_date()


def overdue_checkpoints(plan, on=None):
    return EvaluationCheckpoint.objects.filter(plan=plan).overdue(on or today()).by_due_date()


def upcoming_checkpoints(plan, on=None, days=UPCOMING_DAYS):
    return (
        EvaluationCheckpoint.objects.filter(plan=plan).upcoming(on or today(), days).by_due_date()
    )


def logic_model_of(plan) -> LogicModel | None:
    return LogicModel.objects.filter(plan=plan).first()


def metrics_to_measure(plan) -> list[Metric]:
    """Every live metric of the plan, in the order the measurement form lists them."""
    return list(
        Metric.objects.filter(plan=plan)
        .select_related("objective")
        .order_by("objective__target_date", "objective_id", "name", "pk")
    )


def checkpoints_to_measure(metric) -> list[EvaluationCheckpoint]:
    """The plan's reviews, not cancelled, where this metric has no value yet, by date."""
    return list(
        EvaluationCheckpoint.objects.filter(plan_id=metric.plan_id)
        .not_cancelled()
        .exclude(measurements__metric=metric)
        .by_due_date()
    )


def skill_mix_lines_of(plan) -> list:
    """The team's skill-mix lines, in the order the pages list them."""
    from planning.models import SkillMixLine

    return list(SkillMixLine.objects.filter(plan=plan))


def skill_mix_actuals_at(checkpoint) -> dict:
    """skill-mix line id -> the WTE in place recorded at this checkpoint (one query)."""
    from .models import SkillMixActual

    return {a.line_id: a for a in SkillMixActual.objects.filter(checkpoint=checkpoint)}


def measurements_at(checkpoint) -> dict[int, Measurement]:
    """metric id -> its measurement at this checkpoint (one query)."""
    return {m.metric_id: m for m in Measurement.objects.filter(checkpoint=checkpoint)}


@dataclass(frozen=True)
class EvaluationSummary:
    objective_count: int
    metric_count: int
    next_checkpoint: EvaluationCheckpoint | None
    overdue_count: int
    has_logic_model: bool


def evaluation_summary(plan, on=None) -> EvaluationSummary:
    """What the Monitor and Evaluate stage shows at a glance (five queries)."""
    on = on or today()
    checkpoints = EvaluationCheckpoint.objects.filter(plan=plan)
    return EvaluationSummary(
        objective_count=Objective.objects.filter(plan=plan).count(),
        metric_count=metric_count(plan),
        next_checkpoint=checkpoints.planned().filter(due_date__gte=on).by_due_date().first(),
        overdue_count=checkpoints.overdue(on).count(),
        has_logic_model=LogicModel.objects.filter(plan=plan).exists(),
    )
