"""What evaluation adds to a plan's spreadsheet exports (registered in apps.py). The export
view neutralises cells a spreadsheet would run as formulas (`planning.exports.neutralise`)."""

from .models import EvaluationCheckpoint

CHECKPOINTS_KEY = "checkpoints"
CHECKPOINTS_TITLE = "Evaluation checkpoints"
CHECKPOINT_HEADER = ["Title", "Due date", "Kind", "Reviewer", "Status", "Decision", "Findings"]


def checkpoint_rows(plan):
    """Every live checkpoint of the plan by due date (one query). Dates are ISO (YYYY-MM-DD)
    so spreadsheets sort them."""
    rows = [
        [
            c.title,
            c.due_date.isoformat(),
            c.get_kind_display(),
            c.reviewer,
            c.get_status_display(),
            c.get_decision_display(),
            c.findings,
        ]
        for c in EvaluationCheckpoint.objects.filter(plan=plan).by_due_date()
    ]
    return list(CHECKPOINT_HEADER), rows


def register() -> None:
    from planning import panels

    panels.register_csv_export(
        panels.CsvExport(CHECKPOINTS_KEY, CHECKPOINTS_TITLE, checkpoint_rows)
    )
