from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Stakeholders, communication, governance arrangements and scope of practice."""

    name = "governance"
    verbose_name = "Governance and stakeholders"

    def ready(self):
        from planning import panels as registry
        from planning.models import Stage

        from .gaps import governance_gaps
        from .panels import governance_panel, stakeholder_panel

        registry.register_panel(
            Stage.STAKEHOLDER_ENGAGEMENT,
            registry.StagePanel(
                key="stakeholders",
                title="Stakeholders",
                template="governance/panels/stakeholders.html",
                context=stakeholder_panel,
            ),
        )
        registry.register_panel(
            Stage.UNDERPINNING_APPROACH,
            registry.StagePanel(
                key="governance",
                title="Governance and scope of practice",
                template="governance/panels/governance.html",
                context=governance_panel,
            ),
        )
        registry.register_gap_source(governance_gaps)
