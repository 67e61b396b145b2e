"""How a plan reads on pages and in the PDF."""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse

from newroles.ui.presenters import EMPTY, Tag, format_date, format_decimal, format_money

from .. import selectors
from ..models import ActionStatus, AuditAction, PlanStatus, RiskStatus, TrainingStatus
from .funding import (  # noqa: F401 (the funding presenters live in their own module)
    CostAssumptionsPresenter,
    CostYearPresenter,
    FundingPresenter,
    PayBuildUp,
    PlanFunding,
)

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
    def arrs_reimbursable(self) -> bool:
        """Primary care networks can reclaim the role's pay (the catalogue says so)."""
        return bool(self.plan.role_id and self.plan.role.arrs_reimbursable)

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


@dataclass(frozen=True)
class PlanCard:
    """All the plan list shows of one plan, as its card's template shows it."""

    url: str
    title: str
    status_tag: Tag
    progress: "PlanProgress"
    role: str
    category: str
    care_setting: str
    owner: str
    updated: str

    @classmethod
    def all_of(cls, plans) -> list["PlanCard"]:
        """The cards of a page of plans: their progress in three queries however many."""
        plans = list(plans)
        progress = PlanProgress.of_plans(plans)
        cards = []
        for plan in plans:
            shown = PlanPresenter(plan)
            cards.append(
                cls(
                    reverse("planning:plan_detail", args=[plan.pk]),
                    plan.title,
                    shown.status_tag,
                    progress[plan.pk],
                    shown.role,
                    shown.category,
                    shown.care_setting,
                    shown.owner,
                    shown.updated,
                )
            )
        return cards


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


@dataclass(frozen=True)
class ActionRow:
    """An action as the overview lists it: plain values, so it can be cached with the plan's
    version (the edit links' addresses are here; whether to show them is the page's call)."""

    pk: int
    description: str
    stage: str
    stakeholder_name: str
    owner_name: str
    due: str
    status_tag: Tag
    update_url: str
    delete_url: str

    @classmethod
    def all_of(cls, actions, plan_pk) -> list["ActionRow"]:
        return [cls.of(action, plan_pk) for action in actions]

    @classmethod
    def of(cls, action, plan_pk) -> "ActionRow":
        presenter = ActionPresenter(action)
        return cls(
            pk=action.pk,
            description=action.description,
            stage=presenter.stage,
            stakeholder_name=action.stakeholder.name if action.stakeholder_id else "",
            owner_name=action.owner_name,
            due=presenter.due,
            status_tag=presenter.status_tag,
            update_url=reverse("planning:action_update", args=[plan_pk, action.pk]),
            delete_url=reverse("planning:action_delete", args=[plan_pk, action.pk]),
        )


@dataclass(frozen=True)
class RecentChange:
    """One of the plan's own changes as the overview lists it (plain values, cacheable)."""

    when: str
    what: str
    who: str

    @classmethod
    def of(cls, change) -> "RecentChange":
        from django.utils import timezone
        from django.utils.formats import date_format

        return cls(
            when=date_format(timezone.localtime(change.history_date), "j F Y, H:i"),
            what=change.get_history_type_display().lower(),
            who=str(change.history_user) if change.history_user else "the system",
        )


class StageState:
    """Where a plan stands on one stage, from its good-practice checklist."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"


STAGE_STATE_TAGS = {
    StageState.NOT_STARTED: Tag("Not started", "grey"),
    StageState.IN_PROGRESS: Tag("In progress", "blue"),
    StageState.COMPLETE: Tag("Complete", "green"),
}


class StageProgress:
    """How far a plan is through one stage: its points done out of those that apply.

    Not started while none of the stage's points is marked (in progress, done or not
    applicable); complete when every point that applies is done; in progress in between.
    """

    def __init__(self, plan_pk, stage, done: int, applicable: int, marked: int):
        self.plan_pk = plan_pk
        self.stage = stage
        self.done = done
        self.applicable = applicable
        self.marked = marked

    @classmethod
    def all_of(cls, plan, counts) -> list["StageProgress"]:
        """From `selectors.stage_counts`: a StageCount for each stage."""
        return [cls(plan.pk, *stage_count) for stage_count in counts]

    @property
    def complete(self) -> bool:
        return self.done == self.applicable

    @property
    def state(self) -> str:
        if self.complete:
            return StageState.COMPLETE
        if self.marked:
            return StageState.IN_PROGRESS
        return StageState.NOT_STARTED

    @property
    def status_tag(self) -> Tag:
        return STAGE_STATE_TAGS[self.state]

    @property
    def summary(self) -> str:
        return f"{self.done} of {self.applicable} points done"

    @property
    def url(self) -> str:
        return reverse("planning:stage", args=[self.plan_pk, self.stage.slug])


class PlanProgress:
    """A plan's progress through the six stages at a glance: a segment per stage, a line of
    text, and the furthest stage reached. The plan list's cards and the register (page and
    spreadsheet) show this, so they cannot disagree."""

    def __init__(self, stages: list[StageProgress]):
        self.stages = stages

    @classmethod
    def of_plans(cls, plans) -> dict[int, "PlanProgress"]:
        """plan id -> PlanProgress for a page of plans (three queries however many)."""
        counts = selectors.stage_counts_of_plans(plans)
        return {
            plan_pk: cls([StageProgress(plan_pk, *count) for count in stage_counts])
            for plan_pk, stage_counts in counts.items()
        }

    def _count(self, state) -> int:
        return sum(1 for stage in self.stages if stage.state == state)

    @property
    def complete_count(self) -> int:
        return self._count(StageState.COMPLETE)

    @property
    def summary(self) -> str:
        """e.g. "2 of 6 stages complete, 1 in progress"."""
        text = f"{self.complete_count} of {len(self.stages)} stages complete"
        in_progress = self._count(StageState.IN_PROGRESS)
        return f"{text}, {in_progress} in progress" if in_progress else text

    @property
    def furthest_stage(self):
        """The furthest stage reached: the last stage of the cycle, in its order, with any of
        its points marked (in progress, done or not applicable). Stages may be worked in any
        order, so earlier ones may still be open. None while no point is marked."""
        reached = [stage.stage for stage in self.stages if stage.marked]
        return reached[-1] if reached else None

    @property
    def furthest_label(self) -> str:
        if self.stages and self.complete_count == len(self.stages):
            return "All stages complete"
        furthest = self.furthest_stage
        return furthest.title if furthest else "Not started"


SEVERITY_COLOURS = {"high": "red", "medium": "orange", "low": "yellow"}


def severity_tag(severity: str) -> Tag:
    return Tag(f"{severity.capitalize()} risk", SEVERITY_COLOURS[severity])


class StageAnswersPresenter:
    """A stage's answers and checklist as a reader sees them (viewers, print preview, PDF)."""

    def __init__(self, questions, stage_response, points, checklist):
        self.questions = questions
        self.answers = stage_response.answers if stage_response else {}
        self.points = points
        self.checklist = checklist

    @property
    def rows(self) -> list[tuple[str, str]]:
        rows = []
        for question in self.questions:
            value = self.answers.get(question.code, "")
            if question.is_choice:
                value = dict(question.choices).get(value, value)
            rows.append((question.label, value or "Not answered yet"))
        return rows

    @property
    def checklist_rows(self):
        from ..models import PointStatus

        rows = []
        for point in self.points:
            response = self.checklist.get(point.pk)
            status = response.status if response else PointStatus.NOT_STARTED
            rows.append(
                {
                    "point": point,
                    "tag": Tag(PointStatus(status).label, POINT_STATUS_COLOURS[status]),
                    "note": response.note if response else "",
                }
            )
        return rows


POINT_STATUS_COLOURS = {
    "not_started": "grey",
    "in_progress": "blue",
    "done": "green",
    "not_applicable": "white",
}


def risk_score_tag(score: int) -> Tag:
    """The NHS 5x5 matrix bands: low, moderate, high, extreme."""
    if score >= 15:
        return Tag(f"{score} extreme", "red")
    if score >= 8:
        return Tag(f"{score} high", "orange")
    if score >= 4:
        return Tag(f"{score} moderate", "yellow")
    return Tag(f"{score} low", "green")


class RiskPresenter:
    def __init__(self, risk):
        self.risk = risk

    def __getattr__(self, name):
        return getattr(self.risk, name)

    @property
    def score_tag(self) -> Tag:
        return risk_score_tag(self.risk.score)

    @property
    def stage(self) -> str:
        return self.risk.get_stage_display() or "Whole plan"

    @property
    def status(self) -> str:
        return self.risk.get_status_display()

    @property
    def is_open(self) -> bool:
        return self.risk.status != RiskStatus.CLOSED  # as RiskQuerySet.open()


class PlanRisks:
    """The plan's risk register, highest score first, as the register page, the stage panels,
    the document's risk register and the plan on a page show it. One query."""

    def __init__(self, risks):
        self.register = [RiskPresenter(r) for r in risks]
        self.open = [r for r in self.register if r.is_open]

    @classmethod
    def of(cls, plan) -> "PlanRisks":
        return cls(selectors.risk_register(plan))

    @property
    def open_count(self) -> int:
        return len(self.open)

    def open_for_stage(self, stage: str) -> list[RiskPresenter]:
        return [r for r in self.open if r.risk.stage == stage]


TRAINING_STATUS_COLOURS = {
    "planned": "grey",
    "booked": "blue",
    "in_progress": "blue",
    "completed": "green",
    "cancelled": "white",
}


class TrainingPresenter:
    def __init__(self, activity):
        self.activity = activity

    def __getattr__(self, name):
        return getattr(self.activity, name)

    @property
    def status_tag(self) -> Tag:
        return Tag(
            self.activity.get_status_display(), TRAINING_STATUS_COLOURS[self.activity.status]
        )

    @property
    def dates(self) -> str:
        start, end = self.activity.start_date, self.activity.end_date
        if start and end:
            return f"{format_date(start)} to {format_date(end)}"
        return format_date(start or end)

    @property
    def cost_label(self) -> str:
        return format_money(self.activity.cost)

    @property
    def owner(self) -> str:
        member = self.activity.owner_member
        return member.display_name if member else ""


def _weeks(weeks) -> str:
    return EMPTY if weeks is None else f"{weeks} week{'s' if weeks != 1 else ''}"


def _hours_a_week(hours) -> str:
    return EMPTY if hours is None else f"{format_decimal(hours)} hours a week"


class PlanTraining:
    """Training and support as the training page, the Training and Support panel and the
    document's section show it: the support arrangements, the activities with their total cost
    (cancelled ones left out, as in the cost estimate) and the competencies. Three queries."""

    def __init__(self, activities, competencies, support=None):
        self.activities = [TrainingPresenter(t) for t in activities]
        self.competencies = list(competencies)
        self.support = support

    @classmethod
    def of(cls, plan) -> "PlanTraining":
        return cls(
            selectors.training_activities_of(plan),
            selectors.competencies_of(plan),
            selectors.support_of(plan),
        )

    @property
    def activity_count(self) -> int:
        return len(self.activities)

    @property
    def competency_count(self) -> int:
        return len(self.competencies)

    @property
    def total_cost(self) -> str:
        kept = [t for t in self.activities if t.status != TrainingStatus.CANCELLED]
        return format_money(sum((t.cost or 0 for t in kept), 0))

    @property
    def support_rows(self) -> list[tuple[str, str]]:
        """(label, value) of each support arrangement; empty when none is recorded."""
        support = self.support
        if support is None:
            return []
        return [
            ("Clinical educator", support.clinical_educator or EMPTY),
            ("Mentor or buddy", support.mentor_or_buddy or EMPTY),
            ("Supernumerary period", _weeks(support.supernumerary_weeks)),
            ("Protected learning time", _hours_a_week(support.protected_learning_hours)),
            ("Supervision plan", support.supervision_plan or EMPTY),
            ("Induction", support.induction or EMPTY),
            ("Preceptorship", support.preceptorship or EMPTY),
        ]


POST_STATUS_COLOURS = {
    "vacant": "red",
    "recruiting": "orange",
    "offer_made": "yellow",
    "in_post": "green",
    "left": "grey",
}


class PostPresenter:
    def __init__(self, post):
        self.post = post

    def __getattr__(self, name):
        return getattr(self.post, name)

    @property
    def status_tag(self) -> Tag:
        return Tag(self.post.get_status_display(), POST_STATUS_COLOURS[self.post.status])

    @property
    def wte_label(self) -> str:
        return format_decimal(self.post.wte)

    @property
    def dates(self) -> str:
        parts = []
        if self.post.recruited_date:
            parts.append(f"Recruited {format_date(self.post.recruited_date)}")
        if self.post.start_date:
            parts.append(f"started {format_date(self.post.start_date)}")
        if self.post.leaving_date:
            parts.append(f"left {format_date(self.post.leaving_date)}")
        return ", ".join(parts).capitalize() or "No dates yet"


class PostPosition:
    """The posts as the posts page, the document's section, the overview and the plan on a page
    show them: each post, WTE funded, in post and vacant, how many have left, and the job
    description and banding."""

    def __init__(self, posts, documentation=None):
        from ..models import VACANT_STATUSES, PostStatus

        posts = list(posts)
        self.posts = [PostPresenter(p) for p in posts]
        self.documentation = documentation
        current = [p for p in posts if p.status != PostStatus.LEFT]
        self.funded = sum((p.wte for p in current), 0)
        self.in_post = sum((p.wte for p in current if p.status == PostStatus.IN_POST), 0)
        self.vacant = sum((p.wte for p in current if p.status in VACANT_STATUSES), 0)
        self.leavers = sum(1 for p in posts if p.status == PostStatus.LEFT)
        self.count = len(posts)

    @classmethod
    def of(cls, plan) -> "PostPosition":
        """Two queries: the posts and the documentation."""
        return cls(selectors.posts_of(plan), selectors.role_documentation_of(plan))

    @property
    def summary(self) -> str:
        if not self.count:
            return "No posts recorded yet."
        return (
            f"{format_decimal(self.funded)} WTE funded: {format_decimal(self.in_post)} in post, "
            f"{format_decimal(self.vacant)} vacant. "
            f"{self.leavers} leaver{'s' if self.leavers != 1 else ''}."
        )


AUDIT_ACTION_COLOURS = {
    AuditAction.VIEWED: "grey",
    AuditAction.EXPORTED: "blue",
    AuditAction.APPROVED: "green",
}


class AuditEventPresenter:
    """One line of the audit log: who (as they were then), what and when."""

    def __init__(self, event):
        self.event = event

    @property
    def when(self) -> str:
        return format_date(self.event.occurred_at)

    @property
    def who(self) -> str:
        return self.event.user_name or self.event.user_email or "Unknown"

    @property
    def email(self) -> str:
        """The address, when the name is shown instead of it."""
        return self.event.user_email if self.event.user_name else ""

    @property
    def account_deleted(self) -> bool:
        return self.event.user_id is None

    @property
    def action_tag(self) -> Tag:
        return Tag(self.event.get_action_display(), AUDIT_ACTION_COLOURS[self.event.action])

    @property
    def detail(self) -> str:
        return self.event.detail

    @property
    def plan_title(self) -> str:
        return self.event.plan.title

    @property
    def plan_url(self) -> str:
        return reverse("planning:plan_detail", args=[self.event.plan_id])
