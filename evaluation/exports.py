"""What evaluation adds to a plan's spreadsheet exports (registered in apps.py). The export
view neutralises cells a spreadsheet would run as formulas (`planning.exports.neutralise`)."""

from .models import EvaluationCheckpoint, Metric

CHECKPOINTS_KEY = "checkpoints"
CHECKPOINTS_TITLE = "Evaluation checkpoints"
CHECKPOINT_HEADER = ["Title", "Due date", "Kind", "Reviewer", "Status", "Decision", "Findings"]


def checkpoint_rows(plan):
    """Every live checkpoint of the plan by due date (one query). Dates are written as ISO
    dates (YYYY-MM-DD), which spreadsheets read as dates and sort."""
    rows = [
        [
            c.title,
            c.due_date,
            c.get_kind_display(),
            c.reviewer,
            c.get_status_display(),
            c.get_decision_display(),
            c.findings,
        ]
        for c in EvaluationCheckpoint.objects.filter(plan=plan).by_due_date()
    ]
    return list(CHECKPOINT_HEADER), rows


METRICS_KEY = "metrics"
METRICS_TITLE = "Metrics and measurements"
METRIC_HEADER = [
    "Objective",
    "Metric",
    "Category",
    "Unit",
    "Which direction is better",
    "Baseline",
    "Target",
    "Data source",
    "Checkpoint",
    "Checkpoint due date",
    "Measured value",
    "Note",
]


def metric_rows(plan):
    """One row per measurement, in checkpoint order under each metric, and one row for a
    metric not measured yet, with the checkpoint and value empty (two queries). One value to
    a row, so a spreadsheet can filter, sort and chart them."""
    rows = []
    for metric in Metric.objects.filter(plan=plan).with_results():
        about = [
            metric.objective.statement,
            metric.name,
            metric.get_category_display(),
            metric.unit,
            metric.get_direction_display(),
            metric.baseline,
            metric.target,
            metric.data_source,
        ]
        for m in metric.results:
            rows.append([*about, m.checkpoint.title, m.checkpoint.due_date, m.value, m.note])
        if not metric.results:
            rows.append([*about, "", None, None, ""])
    return list(METRIC_HEADER), rows


def register() -> None:
    from planning import panels

    panels.register_csv_export(
        panels.CsvExport(CHECKPOINTS_KEY, CHECKPOINTS_TITLE, checkpoint_rows)
    )
    panels.register_csv_export(panels.CsvExport(METRICS_KEY, METRICS_TITLE, metric_rows))
