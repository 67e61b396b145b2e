"""Reusable reads about plans."""

from . import records
from .models import PlanAction

RECENT_CHANGES = 10


def actions_of(plan):
    return PlanAction.objects.filter(plan=plan).order_by("due_date", "pk")


def bin_count(plan) -> int:
    return sum(m.all_objects.filter(plan=plan).in_bin().count() for m in records.plan_part_models())


def recent_changes(plan):
    """The plan's own latest changes, with who made them."""
    return plan.history.select_related("history_user")[:RECENT_CHANGES]
