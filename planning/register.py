"""The organisation's register of new roles: every plan in one table, with counts.

The research behind NewRoles found that most trusts could not say which new roles they had.
This answers it in one look. Reads only; a fixed number of queries whatever the size.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery

from newroles.ui.presenters import format_date, format_decimal

from .models import FundingSource, ImplementationPlan
from .presenters import PlanPresenter, PlanProgress


def register_plans(plans):
    """Annotate plans with what the register shows: funding end and next checkpoint."""
    open_ended = FundingSource.objects.filter(plan=OuterRef("pk"), end_date__isnull=True)
    plans = plans.annotate(
        funding_open_ended=Exists(open_ended),
        funding_ends=Max(
            "funding_sources__end_date", filter=Q(funding_sources__deleted_at__isnull=True)
        ),
        funding_count=Count("funding_sources", filter=Q(funding_sources__deleted_at__isnull=True)),
    )
    try:
        checkpoint = apps.get_model("evaluation", "EvaluationCheckpoint")
    except LookupError:
        checkpoint = None
    if checkpoint is not None:
        upcoming = checkpoint.objects.filter(plan=OuterRef("pk"), status="planned").order_by(
            "due_date"
        )
        plans = plans.annotate(next_checkpoint=Subquery(upcoming.values("due_date")[:1]))
    return plans.select_related("role", "category").prefetch_related("skill_mix_changes")


@dataclass
class RegisterRow:
    plan: PlanPresenter
    progress: PlanProgress

    @property
    def regulation(self) -> str:
        """The role's regulator and any registration deadline in force."""
        role = self.plan.plan.role
        if role is None:
            return ""
        if not role.is_regulated:
            return "Not regulated"
        if role.regulator == role.Regulator.ACCREDITED:
            return f"Register: {role.regulation_label}"
        return f"Regulator: {role.regulation_label}"

    @property
    def skill_mix(self) -> str:
        return ", ".join(c.name for c in self.plan.skill_mix_changes.all()) or "Not given"

    @property
    def funding_end(self) -> str:
        plan = self.plan.plan
        if not plan.funding_count:
            return "No funding recorded"
        if plan.funding_open_ended:
            return "Ongoing"
        return format_date(plan.funding_ends)

    @property
    def funding_end_date(self):
        """The last day funded, for a spreadsheet's date column: None when no funding is
        recorded or some of it has no end (the Funding column says which)."""
        plan = self.plan.plan
        if not plan.funding_count or plan.funding_open_ended:
            return None
        return plan.funding_ends

    @property
    def funding_term(self) -> str:
        plan = self.plan.plan
        if not plan.funding_count:
            return "None recorded"
        return "Ongoing" if plan.funding_open_ended else "Time-limited"

    @property
    def next_checkpoint(self) -> str:
        due = getattr(self.plan.plan, "next_checkpoint", None)
        return format_date(due) if due else "None planned"

    @property
    def stage_label(self) -> str:
        """Where the plan stands in the cycle: its furthest stage reached (see PlanProgress)."""
        return self.progress.furthest_label

    def csv_row(self) -> list:
        plan = self.plan
        return [
            plan.title,
            plan.role,
            plan.category,
            self.skill_mix,
            format_decimal(plan.planned_wte),
            plan.status_tag.label,
            self.progress.summary,
            self.stage_label,
            # Dates in date columns, empty when there is none: never words a spreadsheet
            # would have to sort among dates.
            getattr(self.plan.plan, "next_checkpoint", None),
            self.funding_end_date,
            self.funding_term,
        ]


CSV_HEADER = [
    "Plan",
    "Role",
    "Kind of new role",
    "Kinds of skill-mix change",
    "WTE",
    "Status",
    "Progress",
    "Furthest stage reached",
    "Next checkpoint",
    "Funding ends",
    "Funding",
]


def rows_for(plans) -> list[RegisterRow]:
    plans = list(plans)
    progress = PlanProgress.of_plans(plans)
    return [RegisterRow(PlanPresenter(p), progress[p.pk]) for p in plans]


@dataclass
class CountBar:
    label: str
    count: int
    percent: int


def _bars(counts: list[tuple[str, int]]) -> list[CountBar]:
    largest = max((n for _, n in counts), default=0) or 1
    return [CountBar(label, n, round(100 * n / largest)) for label, n in counts]


def counts_by_category(plans) -> list[CountBar]:
    from roles.models import RoleCategory

    totals = dict(plans.order_by().values_list("category").annotate(n=Count("pk")))
    counts = [(c.name, totals.get(c.pk, 0)) for c in RoleCategory.objects.all()]
    if totals.get(None):
        counts.append(("Not given", totals[None]))
    return _bars(counts)


def counts_by_skill_mix(plans) -> list[CountBar]:
    from roles.models import SkillMixChange

    through = ImplementationPlan.skill_mix_changes.through
    totals = dict(
        through.objects.filter(implementationplan__in=plans.order_by().values("pk"))
        .values_list("skillmixchange")
        .annotate(n=Count("pk"))
    )
    return _bars([(c.name, totals.get(c.pk, 0)) for c in SkillMixChange.objects.all()])
