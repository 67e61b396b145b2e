from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Implementation plans and the guided workflow through the HEE cycle."""

    name = "planning"
    verbose_name = "Implementation plans"

    def ready(self):
        from . import costing, panels, plan_cache
        from .models import (
            Competency,
            Risk,
            Stage,
            SupportArrangement,
            TrainingActivity,
        )
        from .panels_content import (
            action_events,
            case_studies_panel,
            funding_gaps,
            resource_panel,
            risk_gaps,
            risk_rows,
            risks_panel,
            training_panel,
        )

        for stage in Stage.values:
            panels.register_panel(
                stage,
                panels.StagePanel(
                    key="case-studies",
                    title="Examples from practice",
                    template="planning/panels/case_studies.html",
                    context=lambda plan, stage=stage: case_studies_panel(plan, stage),
                    order=80,
                    reads=(),  # the plan's role and setting, and the curated case studies
                ),
            )
            panels.register_panel(
                stage,
                panels.StagePanel(
                    key="risks",
                    title="Risks for this stage",
                    template="planning/panels/risks.html",
                    context=lambda plan, stage=stage: risks_panel(plan, stage),
                    order=90,
                    reads=(Risk,),
                ),
            )
        panels.register_panel(
            Stage.TRAINING_AND_SUPPORT,
            panels.StagePanel(
                key="training",
                title="Training and support",
                template="planning/panels/training.html",
                context=training_panel,
                reads=(TrainingActivity, Competency, SupportArrangement),
            ),
        )
        panels.register_panel(
            Stage.UNDERSTANDING_RESOURCE,
            panels.StagePanel(
                key="funding",
                title="Funding and cost",
                template="planning/panels/resource.html",
                context=resource_panel,
                reads=costing.READS,
            ),
        )
        panels.register_gap_source(risk_gaps, reads=(Risk,))
        # Funding is also checked against the last evaluation checkpoint.
        panels.register_gap_source(
            funding_gaps, reads=(*costing.READS, "evaluation.evaluationcheckpoint")
        )
        panels.register_csv_export(panels.CsvExport("risks", "Risk register", risk_rows))
        panels.register_calendar_source(action_events)
        plan_cache.connect_signals()
