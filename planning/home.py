"""What a member's Home page shows: the organisation's live plans, the work due soon across
them (from every app that registers due work, see `panels.register_due_work`), and the role
templates a plan can start from."""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse

from newroles.ui.presenters import format_date

from . import panels
from .models import ImplementationPlan, PlanAction, Risk, TrainingActivity, TrainingStatus

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


# --- "My work": every open thing a member owns -------------------------------------------------


def _key(record) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def owned_actions(plans, user) -> list[panels.DueWork]:
    return [
        panels.DueWork(
            kind="Action",
            title=action.description,
            due=action.due_date,
            plan_title=action.plan.title,
            path=reverse("planning:plan_detail", args=[action.plan_id]) + "#actions",
            key=_key(action),
        )
        for action in PlanAction.objects.filter(plan__in=plans, owner_member=user)
        .open()
        .select_related("plan")
    ]


def owned_risks(plans, user) -> list[panels.DueWork]:
    return [
        panels.DueWork(
            kind="Risk",
            title=risk.description,
            due=None,
            plan_title=risk.plan.title,
            path=reverse("planning:risk_list", args=[risk.plan_id]),
            key=_key(risk),
        )
        for risk in Risk.objects.filter(plan__in=plans, owner_member=user)
        .open()
        .select_related("plan")
    ]


def owned_training(plans, user) -> list[panels.DueWork]:
    return [
        panels.DueWork(
            kind="Training",
            title=activity.title,
            due=activity.start_date,
            plan_title=activity.plan.title,
            path=reverse("planning:training", args=[activity.plan_id]),
            key=_key(activity),
        )
        for activity in TrainingActivity.objects.filter(plan__in=plans, owner_member=user)
        .exclude(status__in=[TrainingStatus.COMPLETED, TrainingStatus.CANCELLED])
        .select_related("plan")
    ]


@dataclass(frozen=True)
class MyWork:
    overdue: list[DueRow]
    due_soon: list[DueRow]
    later: list[DueRow]  # due after the next DUE_WITHIN_DAYS days, or with no date

    @property
    def urgent(self) -> list[DueRow]:
        return self.overdue + self.due_soon

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later)


def owned_work(user, plans) -> list[panels.DueWork]:
    """Every open thing `user` owns in these plans, from every app that registers its own."""
    return [work for source in panels.owned_work_sources() for work in source(plans, user)]


def my_work(user, organisation, *, today) -> MyWork:
    """What a member owns across the organisation's live plans: overdue first, then due in
    the next DUE_WITHIN_DAYS days, then the rest (one query per kind of record)."""
    plans = ImplementationPlan.objects.for_organisation(organisation).active()
    until = today + timedelta(days=DUE_WITHIN_DAYS)
    rows = sorted(
        owned_work(user, plans),
        key=lambda work: (work.due is None, work.due or today, work.plan_title, work.title),
    )
    shown = [
        (
            work.due,
            DueRow(
                kind=work.kind,
                title=work.title,
                due=format_date(work.due) if work.due else "No date",
                plan_title=work.plan_title,
                url=work.path,
                overdue=bool(work.due and work.due < today),
            ),
        )
        for work in rows
    ]
    return MyWork(
        overdue=[row for due, row in shown if due and due < today],
        due_soon=[row for due, row in shown if due and today <= due <= until],
        later=[row for due, row in shown if not due or due > until],
    )
