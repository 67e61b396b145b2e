"""How objectives, metrics and checkpoints read on pages: dates, numbers, tags and the
red-amber-green rating of each metric against its target."""

from functools import cached_property

from django.utils.text import Truncator

from newroles.ui.presenters import EMPTY, Tag, format_date, format_decimal
from planning.presenters.need import signed_wte

from .models import CheckpointStatus, Decision, Direction

# --- The red-amber-green rule -----------------------------------------------------------------

RAG_GREEN = Tag("Green: target met", "green")
RAG_AMBER = Tag("Amber: moving towards target", "orange")
# Nothing measured is not a failure to meet the target: it is said as it is, in grey.
RAG_NOT_MEASURED = Tag("Not measured yet", "grey")
RAG_OFF_TRACK = Tag("Red: not moving towards target", "red")
RAG_NO_BASELINE = Tag("Red: target not met, no baseline", "red")
RAG_NO_TARGET = Tag("No target set", "grey")


def metric_rag(*, baseline, target, higher_is_better: bool, latest) -> Tag:
    """Rate a metric's latest measured value against its target.

    - Green: the latest value meets the target in the better direction (at or above it when
      higher is better, at or below it when lower is better).
    - Amber: not there yet, but the value has moved from the baseline towards the target.
    - Red: the value has not moved from the baseline, or has moved away from the target; or,
      with no baseline, the target is not met (progress cannot be judged without a start).
    - Not measured yet (grey): no value recorded, so no rating.
    - No target set (grey): a value cannot be rated against a target nobody has set.
    """
    if latest is None:
        return RAG_NOT_MEASURED
    if target is None:
        return RAG_NO_TARGET
    better = (lambda a, b: a > b) if higher_is_better else (lambda a, b: a < b)
    if latest == target or better(latest, target):
        return RAG_GREEN
    if baseline is None:
        return RAG_NO_BASELINE
    if better(latest, baseline):
        return RAG_AMBER
    return RAG_OFF_TRACK


# --- Numbers with their unit ------------------------------------------------------------------


def plain_number(value) -> str:
    """A stored decimal as a person would type it: 13 rather than 13.00, never 1E+2."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def with_unit(value, unit: str) -> str:
    """12.5 days, 85%, £4,500 stays as the person typed the unit."""
    if value is None:
        return EMPTY
    number = format_decimal(value)
    if not unit:
        return number
    if unit in ("%", "per cent"):
        return f"{number}%"
    if unit == "£":
        return f"£{number}"
    return f"{number} {unit}"


CHECKPOINT_STATUS_COLOURS = {
    CheckpointStatus.PLANNED: "blue",
    CheckpointStatus.DONE: "green",
    CheckpointStatus.CANCELLED: "grey",
}

DECISION_COLOURS = {
    Decision.CONTINUE: "green",
    Decision.ADAPT: "yellow",
    Decision.SCALE_UP: "aqua-green",
    Decision.STOP: "red",
}


class ObjectivePresenter:
    def __init__(self, objective, metrics=()):
        self.objective = objective
        self.metrics = [
            m if isinstance(m, MetricPresenter) else MetricPresenter(m) for m in metrics
        ]

    def __getattr__(self, name):
        return getattr(self.objective, name)

    @property
    def target(self) -> str:
        return format_date(self.objective.target_date)

    @property
    def short_statement(self) -> str:
        return Truncator(self.objective.statement).chars(90)


class MetricPresenter:
    """A metric with its measurements at live checkpoints (`results`, oldest first)."""

    def __init__(self, metric):
        self.metric = metric

    def __getattr__(self, name):
        return getattr(self.metric, name)

    @cached_property
    def results(self) -> list:
        return list(getattr(self.metric, "results", []))

    @property
    def latest(self):
        return self.results[-1] if self.results else None

    @property
    def latest_value(self):
        return self.latest.value if self.latest else None

    @cached_property
    def rag(self) -> Tag:
        return metric_rag(
            baseline=self.metric.baseline,
            target=self.metric.target,
            higher_is_better=self.metric.higher_is_better,
            latest=self.latest_value,
        )

    def value_label(self, value) -> str:
        return with_unit(value, self.metric.unit)

    @property
    def baseline_label(self) -> str:
        if self.metric.baseline is None:
            return "No baseline yet"
        return self.value_label(self.metric.baseline)

    @property
    def target_label(self) -> str:
        if self.metric.target is None:
            return "No target yet"
        return self.value_label(self.metric.target)

    @property
    def latest_label(self) -> str:
        if not self.latest:
            return "Not measured yet"
        when = format_date(self.latest.checkpoint.due_date)
        return f"{self.value_label(self.latest.value)} ({when})"

    @property
    def direction_label(self) -> str:
        return Direction(self.metric.direction).label

    @property
    def objective_sentence(self) -> str:
        """The objective as a sentence that ends once, however it was typed."""
        return self.metric.objective.statement.strip().rstrip(".") + "."

    @property
    def category_label(self) -> str:
        return self.metric.get_category_display()

    @property
    def result_rows(self) -> list[dict]:
        return [
            {
                "checkpoint": m.checkpoint.title,
                "due": format_date(m.checkpoint.due_date),
                "value": self.value_label(m.value),
                "note": m.note,
            }
            for m in self.results
        ]

    @property
    def summary(self) -> str:
        """One sentence for screen readers and the chart's description."""
        parts = [
            f"Baseline {self.baseline_label}"
            if self.metric.baseline is not None
            else "No baseline recorded",
            f"target {self.target_label} ({self.direction_label.lower()})"
            if self.metric.target is not None
            else "no target set yet",
        ]
        text = ", ".join(parts) + "."
        if self.results:
            measured = "; ".join(
                f"{self.value_label(m.value)} at {m.checkpoint.title} on "
                f"{format_date(m.checkpoint.due_date)}"
                for m in self.results
            )
            return f"{text} Measured: {measured}."
        return f"{text} Nothing measured yet."


class CheckpointPresenter:
    def __init__(self, checkpoint, today=None, metric_count=None):
        self.checkpoint = checkpoint
        self.today = today
        self.metric_count = metric_count

    def __getattr__(self, name):
        return getattr(self.checkpoint, name)

    @property
    def due(self) -> str:
        return format_date(self.checkpoint.due_date)

    @property
    def kind_label(self) -> str:
        return self.checkpoint.get_kind_display()

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.today
            and self.checkpoint.status == CheckpointStatus.PLANNED
            and self.checkpoint.due_date < self.today
        )

    @property
    def status_tag(self) -> Tag:
        if self.is_overdue:
            return Tag("Overdue", "red")
        status = self.checkpoint.status
        return Tag(CheckpointStatus(status).label, CHECKPOINT_STATUS_COLOURS[status])

    @property
    def decision_tag(self) -> Tag | None:
        decision = self.checkpoint.decision
        if not decision:
            return None
        return Tag(Decision(decision).label, DECISION_COLOURS[decision])

    @property
    def reviewer_label(self) -> str:
        return self.checkpoint.reviewer or EMPTY

    @property
    def recorded_label(self) -> str:
        """How many of the plan's metrics were measured at this checkpoint."""
        recorded, total = getattr(self.checkpoint, "recorded_count", 0), self.metric_count
        if not total:
            return "No metrics to measure yet"
        return f"{recorded} of {total} metric{'s' if total != 1 else ''} measured"

    @property
    def days_label(self) -> str:
        if not self.today:
            return ""
        days = (self.checkpoint.due_date - self.today).days
        if days == 0:
            return "Due today"
        if days > 0:
            return f"Due in {days} day{'s' if days != 1 else ''}"
        return f"{-days} day{'s' if days != -1 else ''} overdue"


def rag_counts(metrics) -> dict[str, int]:
    counts = {"green": 0, "orange": 0, "red": 0, "grey": 0}
    for metric in metrics:
        counts[metric.rag.colour] += 1
    return counts


class SkillMixReview:
    """The team's skill mix as intended against the one actually in place at the latest
    review that recorded it: the research found the change made often differs from the one
    planned. Two queries."""

    def __init__(self, lines, checkpoint=None, actuals=None):
        self.checkpoint = checkpoint
        actuals = actuals or {}
        self.rows = [SkillMixReviewRow(line, actuals.get(line.pk)) for line in lines]

    @classmethod
    def of(cls, plan) -> "SkillMixReview":
        from planning.models import SkillMixLine

        from .models import SkillMixActual

        lines = list(SkillMixLine.objects.filter(plan=plan))
        latest = (
            SkillMixActual.objects.filter(line__in=lines, checkpoint__deleted_at__isnull=True)
            .select_related("checkpoint")
            .order_by("-checkpoint__due_date", "-checkpoint_id")
            .first()
        )
        if latest is None:
            return cls(lines)
        actuals = {
            a.line_id: a.wte
            for a in SkillMixActual.objects.filter(checkpoint=latest.checkpoint_id, line__in=lines)
        }
        return cls(lines, latest.checkpoint, actuals)

    @property
    def recorded(self) -> bool:
        return self.checkpoint is not None

    @property
    def when(self) -> str:
        return f"{self.checkpoint.title} ({format_date(self.checkpoint.due_date)})"

    @property
    def differing(self) -> list:
        return [row for row in self.rows if row.differs]

    @property
    def summary(self) -> str:
        if not self.recorded:
            return ""
        differing = self.differing
        if not differing:
            return f"At {self.when} the skill mix in place matched the change intended."
        return (
            f"At {self.when} the skill mix in place differed from the change intended in "
            f"{len(differing)} of {len(self.rows)} lines: "
            + "; ".join(
                f"{row.line} intended {row.intended_change}, actual {row.actual_change}"
                for row in differing
            )
            + "."
        )


class SkillMixReviewRow:
    def __init__(self, line, actual):
        self.line = line
        self.actual = actual  # Decimal WTE, or None when not recorded

    @property
    def before(self) -> str:
        return format_decimal(self.line.wte_before)

    @property
    def intended(self) -> str:
        return format_decimal(self.line.wte_after)

    @property
    def in_place(self) -> str:
        return format_decimal(self.actual) if self.actual is not None else "Not recorded"

    @property
    def intended_change(self) -> str:
        return _signed(self.line.wte_after - self.line.wte_before)

    @property
    def actual_change(self) -> str:
        if self.actual is None:
            return "not recorded"
        return _signed(self.actual - self.line.wte_before)

    @property
    def differs(self) -> bool:
        return self.actual is not None and self.actual != self.line.wte_after

    @property
    def tag(self) -> Tag:
        if self.actual is None:
            return Tag("Not recorded", "grey")
        return Tag("Differs", "orange") if self.differs else Tag("As intended", "green")


def _signed(value) -> str:
    """A change in WTE as the review's sentences read it: "+1.5 WTE", "no change"."""
    return f"{signed_wte(value)} WTE" if value else "no change"
