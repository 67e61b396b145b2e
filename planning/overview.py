"""What the plan overview derives from a plan: read through the selectors, made presentable,
and cached per plan version and day by the overview page (`planning.plan_cache`)."""

from dataclasses import dataclass

from django.utils import timezone

from . import selectors
from .gaps import gaps_for
from .models import ActionStatus
from .presenters import ActionRow, PostPosition, RecentChange


@dataclass(frozen=True)
class OverviewContent:
    """What the plan overview derives from the plan's content, as plain data cached per plan
    version and day (`planning.plan_cache`). Nothing here depends on who asks."""

    skill_mix_changes: list  # names
    actions: list  # ActionRow, by due date
    overdue_actions: list  # ActionRow, open and due before today
    bin_count: int
    stage_counts: list  # selectors.StageCount, in the cycle's order
    gaps: list  # Gap, highest severity first
    post_summary: str
    recent_changes: list  # RecentChange, newest first


def overview_content(plan) -> OverviewContent:
    """Everything the overview shows of the plan's parts, in a fixed number of queries."""
    checklist = selectors.checklist_of(plan)
    today = timezone.localdate()
    actions = list(selectors.actions_of(plan))
    overdue = [
        a for a in actions if a.due_date and a.due_date < today and a.status != ActionStatus.DONE
    ]
    return OverviewContent(
        skill_mix_changes=[change.name for change in plan.skill_mix_changes.all()],
        actions=ActionRow.all_of(actions, plan.pk),
        overdue_actions=ActionRow.all_of(overdue, plan.pk),
        bin_count=selectors.bin_count(plan),
        stage_counts=selectors.stage_counts(plan, checklist),
        gaps=gaps_for(plan, checklist),
        post_summary=PostPosition(selectors.posts_of(plan)).summary,
        recent_changes=[RecentChange.of(row) for row in selectors.recent_changes(plan)],
    )
