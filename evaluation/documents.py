"""What evaluation adds to the implementation plan document: the "Evaluation plan" section
(objectives and their metrics, the logic model, each metric's chart, the checkpoints).
Registered from apps.py in the document's evaluation band (60-69)."""

from . import selectors
from .charts import metric_chart
from .models import EvaluationCheckpoint, LogicModel
from .presenters import (
    CheckpointPresenter,
    MetricPresenter,
    ObjectivePresenter,
    SkillMixReview,
)

SECTION_KEY = "evaluation"
SECTION_TITLE = "Evaluation plan"
SECTION_TEMPLATE = "evaluation/pdf/sections/evaluation.html"
SECTION_ORDER = 60

# Findings longer than this may make a row taller than a page: let it split (see
# planning.documents, "Tables").
SPLITTABLE_CHARS = 1200

LOGIC_MODEL_ROWS = [
    (name, LogicModel._meta.get_field(name).verbose_name.capitalize())
    for name in LogicModel.TEXT_FIELDS
]


def _logic_model_rows(logic_model) -> list[dict] | None:
    if logic_model is None or logic_model.is_empty:
        return None
    return [
        {"label": label, "text": getattr(logic_model, name).strip()}
        for name, label in LOGIC_MODEL_ROWS
    ]


def _chart(metric: MetricPresenter):
    """The metric with its chart; ids are unique in the document (one per metric)."""
    metric.chart = metric_chart(metric, chart_id=f"doc-metric-{metric.metric.pk}")
    return metric


def evaluation_section(plan) -> dict:
    """The section's context: seven queries, however many objectives, metrics, checkpoints and
    measurements the plan has (objectives, their metrics, the metrics' measurements with
    their checkpoints, the logic model, the checkpoints)."""
    today = selectors.today()
    objectives = [
        ObjectivePresenter(o, [_chart(MetricPresenter(m)) for m in o.live_metrics])
        for o in selectors.objectives_with_metrics(plan)
    ]
    metrics = [metric for objective in objectives for metric in objective.metrics]
    checkpoints = [
        CheckpointPresenter(c, today)
        for c in EvaluationCheckpoint.objects.filter(plan=plan).by_due_date()
    ]
    return {
        "objectives": objectives,
        "metrics": metrics,
        "logic_model": _logic_model_rows(selectors.logic_model_of(plan)),
        "checkpoints": checkpoints,
        "skill_mix": SkillMixReview.of(plan),
        "splittable_chars": SPLITTABLE_CHARS,
    }


def measurement_summary(plan) -> tuple[str, str]:
    """How success will be measured and when the role is reviewed, for the executive
    summary (seven queries)."""
    summary = selectors.evaluation_summary(plan)
    if not summary.metric_count:
        text = "No measures of success are recorded yet."
    else:
        text = (
            f"{summary.metric_count} "
            f"measure{'s show' if summary.metric_count != 1 else ' shows'} whether "
            f"{summary.objective_count} "
            f"objective{'s are' if summary.objective_count != 1 else ' is'} met."
        )
    if summary.next_checkpoint:
        shown = CheckpointPresenter(summary.next_checkpoint)
        text += f" The next review, {summary.next_checkpoint.title}, is due on {shown.due}."
    else:
        text += " No review is planned."
    if summary.overdue_count:
        overdue = summary.overdue_count
        text += f" {overdue} planned review{'s are' if overdue != 1 else ' is'} overdue."
    if skill_mix := SkillMixReview.of(plan).summary:
        text += f" {skill_mix}"
    return ("Measuring success", text)


def register() -> None:
    from planning.documents import DocumentSection, register_section, register_summary_part

    register_summary_part("evaluation", measurement_summary, order=60)
    register_section(
        DocumentSection(
            key=SECTION_KEY,
            title=SECTION_TITLE,
            template=SECTION_TEMPLATE,
            context=evaluation_section,
            order=SECTION_ORDER,
        )
    )
