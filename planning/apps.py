from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Implementation plans and the guided workflow through the HEE cycle."""

    name = "planning"
    verbose_name = "Implementation plans"

    def ready(self):
        from . import panels
        from .models import Stage
        from .panels_content import risk_gaps, risks_panel

        for stage in Stage.values:
            panels.register_panel(
                stage,
                panels.StagePanel(
                    key="risks",
                    title="Risks for this stage",
                    template="planning/panels/risks.html",
                    context=lambda plan, stage=stage: risks_panel(plan, stage),
                ),
            )
        panels.register_gap_source(risk_gaps)
