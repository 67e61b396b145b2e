from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Stakeholders, communication, governance arrangements and scope of practice."""

    name = "governance"
    verbose_name = "Governance and stakeholders"

    def ready(self):
        from planning import panels as registry
        from planning.documents import (
            DocumentSection,
            register_implications,
            register_section,
            register_summary_part,
        )
        from planning.models import Stage

        from .documents import (
            GOVERNANCE_TEMPLATE,
            STAKEHOLDERS_TEMPLATE,
            assessment_implications,
            governance_section,
            stakeholders_section,
            supervision_summary,
        )
        from .exports import stakeholder_rows
        from .gaps import governance_gaps
        from .panels import (
            communications_owned,
            governance_panel,
            policies_owned,
            stakeholder_panel,
        )

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
        registry.register_owned_work(communications_owned)  # "My work"
        registry.register_owned_work(policies_owned)
        register_summary_part("governance", supervision_summary, order=10)
        register_implications("impact_assessments", assessment_implications)
        registry.register_csv_export(
            registry.CsvExport("stakeholders", "Stakeholders", stakeholder_rows)
        )
        register_section(
            DocumentSection(
                key="governance",
                title="Governance and scope of practice",
                template=GOVERNANCE_TEMPLATE,
                context=governance_section,
                order=10,
            )
        )
        register_section(
            DocumentSection(
                key="stakeholders",
                title="Stakeholders and communication",
                template=STAKEHOLDERS_TEMPLATE,
                context=stakeholders_section,
                order=20,
            )
        )
