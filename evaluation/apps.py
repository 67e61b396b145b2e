from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Objectives, metrics and evaluation checkpoints."""

    name = "evaluation"
    verbose_name = "Monitoring and evaluation"

    def ready(self):
        from planning import panels
        from planning.models import Stage

        from . import documents, exports
        from .panels import (
            checkpoint_events,
            checkpoints_due,
            checkpoints_owned,
            evaluation_gaps,
            evaluation_panel,
            objective_events,
        )

        panels.register_panel(
            Stage.MONITOR_AND_EVALUATE,
            panels.StagePanel(
                key="evaluation",
                title="Objectives, metrics and checkpoints",
                template="evaluation/panels/evaluation.html",
                context=evaluation_panel,
                order=40,
            ),
        )
        panels.register_gap_source(evaluation_gaps)
        panels.register_calendar_source(checkpoint_events)
        panels.register_calendar_source(objective_events)
        panels.register_due_work(checkpoints_due)  # on each person's Home page
        panels.register_owned_work(checkpoints_owned)  # "My work"
        documents.register()  # the "Evaluation plan" section of the plan's PDF
        exports.register()  # the checkpoints and metrics spreadsheets
