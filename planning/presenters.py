"""How a plan reads on pages and in the PDF."""

from functools import cached_property

from newroles.ui.presenters import EMPTY, Tag, format_date, format_decimal

from .models import ActionStatus, PlanStatus

PLAN_STATUS_COLOURS = {
    PlanStatus.DRAFT: "grey",
    PlanStatus.IN_PROGRESS: "blue",
    PlanStatus.LIVE: "green",
    PlanStatus.UNDER_REVIEW: "yellow",
    PlanStatus.CLOSED: "white",
}

ACTION_STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: "grey",
    ActionStatus.IN_PROGRESS: "blue",
    ActionStatus.DONE: "green",
}


class PlanPresenter:
    def __init__(self, plan):
        self.plan = plan

    def __getattr__(self, name):
        return getattr(self.plan, name)

    @cached_property
    def status_tag(self) -> Tag:
        if self.plan.is_archived:
            return Tag("Archived", "grey")
        return Tag(self.plan.get_status_display(), PLAN_STATUS_COLOURS[self.plan.status])

    @property
    def role(self) -> str:
        return self.plan.role_name or EMPTY

    @property
    def category(self) -> str:
        return str(self.plan.category) if self.plan.category_id else EMPTY

    @property
    def wte(self) -> str:
        return format_decimal(self.plan.planned_wte)

    @property
    def band(self) -> str:
        return self.plan.get_band_display() or EMPTY

    @property
    def target_start(self) -> str:
        return format_date(self.plan.target_start_date)

    @property
    def horizon(self) -> str:
        years = self.plan.horizon_years
        return f"{years} year{'s' if years != 1 else ''}"

    @property
    def care_setting(self) -> str:
        return self.plan.get_care_setting_display() or EMPTY

    @property
    def owner(self) -> str:
        return str(self.plan.owner) if self.plan.owner_id else EMPTY

    @property
    def service_and_team(self) -> str:
        parts = [p for p in (self.plan.service, self.plan.team) if p]
        return ", ".join(parts) or EMPTY

    @property
    def updated(self) -> str:
        return format_date(self.plan.updated_at)

    @property
    def version_label(self) -> str:
        return f"Version {self.plan.version}"


class ActionPresenter:
    def __init__(self, action):
        self.action = action

    def __getattr__(self, name):
        return getattr(self.action, name)

    @property
    def status_tag(self) -> Tag:
        return Tag(self.action.get_status_display(), ACTION_STATUS_COLOURS[self.action.status])

    @property
    def due(self) -> str:
        return format_date(self.action.due_date)

    @property
    def stage(self) -> str:
        return self.action.get_stage_display() or "Any stage"
