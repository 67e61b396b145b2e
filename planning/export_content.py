"""What planning's own records add to a plan's spreadsheets and to the calendar (registered in
apps.py). `planning.exports` writes the files: dates as ISO dates in their own columns, empty
cells where there is no date, and text neutralised so no cell runs as a formula.

Each function runs a fixed number of queries however many records there are; calendar
sources take a queryset of plans (one plan's file, or every live plan of an organisation for
the subscription)."""

from django.db.models import F
from django.urls import reverse

from .models import (
    FundingSource,
    PlanAction,
    Post,
    RoleDocumentation,
    TrainingActivity,
    TrainingStatus,
)
from .panels import CalendarEvent

# --- Spreadsheets -----------------------------------------------------------------------------

FUNDING_HEADER = [
    "Source",
    "Kind",
    "Amount per year (£)",
    "Start date",
    "End date",
    "Ongoing (no end date)",
    "Covers salary",
    "Covers training",
    "Covers backfill",
    "Covers supervision",
    "Covers ongoing support",
]


def funding_rows(plan):
    """Every funding source by start date (one query). A source with no end date has an empty
    end date and says so in its own column."""
    rows = [
        [
            s.name,
            s.get_kind_display(),
            s.amount_per_year,
            s.start_date,
            s.end_date,
            s.end_date is None,
            s.covers_salary,
            s.covers_training,
            s.covers_backfill,
            s.covers_supervision,
            s.covers_ongoing_support,
        ]
        for s in FundingSource.objects.filter(plan=plan).order_by("start_date", "pk")
    ]
    return list(FUNDING_HEADER), rows


TRAINING_HEADER = [
    "Training",
    "Kind",
    "Provider",
    "Competency framework",
    "Start date",
    "End date",
    "Cost (£)",
    "Funded by",
    "Status",
]


def training_rows(plan):
    """Every training activity, dated ones first by start date (one query)."""
    rows = [
        [
            t.title,
            t.get_kind_display(),
            t.provider,
            t.competency_framework,
            t.start_date,
            t.end_date,
            t.cost,
            t.funded_by,
            t.get_status_display(),
        ]
        for t in TrainingActivity.objects.filter(plan=plan).order_by(
            F("start_date").asc(nulls_last=True), "pk"
        )
    ]
    return list(TRAINING_HEADER), rows


ACTION_HEADER = ["Action", "Stage", "Owner", "Due date", "Status", "Stakeholder"]


def action_rows(plan):
    """Every action, done ones too, by due date with undated ones last (one query)."""
    rows = [
        [
            a.description,
            a.get_stage_display() or "Whole plan",
            a.owner_name,
            a.due_date,
            a.get_status_display(),
            a.stakeholder.name if a.stakeholder_id else "",
        ]
        for a in PlanAction.objects.filter(plan=plan)
        .select_related("stakeholder")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    ]
    return list(ACTION_HEADER), rows


# --- Calendar ---------------------------------------------------------------------------------


def _page(name: str, plan_id: int, anchor: str) -> str:
    return f"{reverse(name, args=[plan_id])}#{anchor}"


def action_events(plans):
    """Open actions with a due date."""
    return [
        CalendarEvent(
            uid=f"action-{a.pk}@newroles",
            title=f"Action due: {a.description} ({a.plan.title})",
            day=a.due_date,
            path=_page("planning:plan_detail", a.plan_id, "actions"),
            description=f"Owner: {a.owner_name or 'not given'}. Status: {a.get_status_display()}.",
        )
        for a in PlanAction.objects.filter(plan__in=plans, due_date__isnull=False)
        .open()
        .select_related("plan")
    ]


def plan_start_events(plans):
    """The day each plan means the role to start."""
    return [
        CalendarEvent(
            uid=f"plan-start-{plan.pk}@newroles",
            title=f"Target start: {plan.title}",
            day=plan.target_start_date,
            path=_page("planning:plan_detail", plan.pk, "details"),
            description=f"Role: {plan.role_name or 'not named yet'}.",
        )
        for plan in plans.filter(target_start_date__isnull=False).select_related("role")
    ]


def training_events(plans):
    """The first and last day of each training activity that is not cancelled."""
    events = []
    activities = (
        TrainingActivity.objects.filter(plan__in=plans)
        .exclude(status=TrainingStatus.CANCELLED)
        .select_related("plan")
    )
    for t in activities:
        path = _page("planning:training", t.plan_id, "training")
        about = f"{t.get_kind_display()}" + (f" with {t.provider}" if t.provider else "") + "."
        days = [("start", "Training starts", t.start_date), ("end", "Training ends", t.end_date)]
        if t.start_date and t.start_date == t.end_date:
            days = [("day", "Training", t.start_date)]
        for key, label, day in days:
            if day is None:
                continue
            events.append(
                CalendarEvent(
                    uid=f"training-{key}-{t.pk}@newroles",
                    title=f"{label}: {t.title} ({t.plan.title})",
                    day=day,
                    path=path,
                    description=f"{about} Status: {t.get_status_display()}.",
                )
            )
    return events


def funding_events(plans):
    """The last day each funding source with an end date pays for."""
    return [
        CalendarEvent(
            uid=f"funding-end-{s.pk}@newroles",
            title=f"Funding ends: {s.name} ({s.plan.title})",
            day=s.end_date,
            path=_page("planning:funding", s.plan_id, "sources"),
            description=f"The last day this source pays for. {s.get_kind_display()}.",
        )
        for s in FundingSource.objects.filter(
            plan__in=plans, end_date__isnull=False
        ).select_related("plan")
    ]


def post_events(plans):
    """When each post's holder starts, and the banding panel."""
    events = [
        CalendarEvent(
            uid=f"post-start-{post.pk}@newroles",
            title=f"Starts in post: {post.title} ({post.plan.title})",
            day=post.start_date,
            path=_page("planning:posts", post.plan_id, "posts"),
            description=f"Status: {post.get_status_display()}.",
        )
        for post in Post.objects.filter(plan__in=plans, start_date__isnull=False).select_related(
            "plan"
        )
    ]
    events += [
        CalendarEvent(
            uid=f"banding-panel-{doc.pk}@newroles",
            title=f"Banding panel ({doc.plan.title})",
            day=doc.banding_date,
            path=_page("planning:posts", doc.plan_id, "documentation"),
            description="The panel that agrees the role's Agenda for Change band.",
        )
        for doc in RoleDocumentation.objects.filter(
            plan__in=plans, banding_date__isnull=False
        ).select_related("plan")
    ]
    return events
