"""What a member's Home page shows: the organisation's live plans, the work due soon across
them (from every app that registers due work, see `panels.register_due_work`), and the role
templates a plan can start from."""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse

from newroles.ui.presenters import format_date

from . import panels
from .models import ImplementationPlan, PlanAction

DUE_WITHIN_DAYS = 30
HOME_PLANS = 6


@dataclass(frozen=True)
class DueRow:
    kind: str
    title: str
    due: str
    plan_title: str
    url: str
    overdue: bool


def plans_on_home(organisation):
    """The organisation's live plans, most recently changed first (a few; the list has all)."""
    return ImplementationPlan.objects.for_organisation(organisation).active().for_list()


def work_due(organisation, *, today) -> tuple[list[DueRow], list[DueRow]]:
    """(overdue, due in the next DUE_WITHIN_DAYS days) across the organisation's live plans,
    each by due date."""
    plans = ImplementationPlan.objects.for_organisation(organisation).active()
    until = today + timedelta(days=DUE_WITHIN_DAYS)
    rows = sorted(
        (work for source in panels.due_work_sources() for work in source(plans, until)),
        key=lambda work: (work.due, work.plan_title, work.title),
    )
    shown = [
        DueRow(
            kind=work.kind,
            title=work.title,
            due=format_date(work.due),
            plan_title=work.plan_title,
            url=work.path,
            overdue=work.due < today,
        )
        for work in rows
    ]
    return [row for row in shown if row.overdue], [row for row in shown if not row.overdue]


def actions_due(plans, until) -> list[panels.DueWork]:
    """Open actions of these plans due on or before `until` (registered in apps.py)."""
    return [
        panels.DueWork(
            kind="Action",
            title=action.description,
            due=action.due_date,
            plan_title=action.plan.title,
            path=reverse("planning:plan_detail", args=[action.plan_id]) + "#actions",
        )
        for action in PlanAction.objects.filter(plan__in=plans, due_date__lte=until)
        .open()
        .select_related("plan")
    ]
