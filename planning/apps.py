from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Implementation plans and the guided workflow through the HEE cycle."""

    name = "planning"
    verbose_name = "Implementation plans"

    def ready(self):
        from newroles.accounts.signals import membership_changed
        from newroles.notifications.reminders import register_reminder_source
        from roles import packages as role_packages

        from . import home, notices, panels, plan_cache, services
        from .export_content import (
            action_events,
            action_rows,
            funding_events,
            funding_rows,
            plan_start_events,
            post_events,
            training_events,
            training_rows,
        )
        from .models import (
            Stage,
        )
        from .panels_content import (
            case_studies_panel,
            funding_gaps,
            record_gaps,
            resource_panel,
            risk_gaps,
            risk_rows,
            risks_panel,
            training_panel,
        )
        from .sharing import package_answer_rows
        from .workflow import check_package_answers

        for stage in Stage.values:
            panels.register_panel(
                stage,
                panels.StagePanel(
                    key="case-studies",
                    title="Examples from practice",
                    template="planning/panels/case_studies.html",
                    context=lambda plan, stage=stage: case_studies_panel(plan, stage),
                    order=80,
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
                ),
            )
        panels.register_panel(
            Stage.TRAINING_AND_SUPPORT,
            panels.StagePanel(
                key="training",
                title="Training and support",
                template="planning/panels/training.html",
                context=training_panel,
            ),
        )
        panels.register_panel(
            Stage.UNDERSTANDING_RESOURCE,
            panels.StagePanel(
                key="funding",
                title="Funding and cost",
                template="planning/panels/resource.html",
                context=resource_panel,
            ),
        )
        panels.register_gap_source(risk_gaps)
        panels.register_gap_source(record_gaps)
        # Funding is also checked against the last evaluation checkpoint.
        panels.register_gap_source(funding_gaps)
        panels.register_csv_export(panels.CsvExport("risks", "Risk register", risk_rows))
        panels.register_csv_export(panels.CsvExport("funding", "Funding sources", funding_rows))
        panels.register_csv_export(
            panels.CsvExport("training", "Training activities", training_rows)
        )
        panels.register_csv_export(panels.CsvExport("actions", "Actions", action_rows))
        for source in (
            plan_start_events,
            action_events,
            training_events,
            funding_events,
            post_events,
        ):
            panels.register_calendar_source(source)
        panels.register_due_work(home.actions_due)  # on each person's Home page
        register_reminder_source(notices.reminders_for)  # the daily and weekly emails
        for source in (home.owned_actions, home.owned_risks, home.owned_training):
            panels.register_owned_work(source)  # "My work"
        plan_cache.connect_signals()
        # A calendar feed address ends with the membership or export right it was issued under.
        membership_changed.connect(
            services.revoke_calendar_feeds_with_lost_rights, dispatch_uid="calendar-feed-rights"
        )
        # Role packages' draft answers must answer the workflow's questions.
        role_packages.register_answer_check(check_package_answers)
        # ...and the curators' preview reads them with the questions' wording.
        role_packages.register_answer_reader(package_answer_rows)
