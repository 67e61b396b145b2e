"""What governance shows on the cycle's stage pages (registered in apps.py).

Each context function runs a fixed number of queries, however many records the plan has.
"""

from collections import Counter

from . import selectors
from .presenters import ArrangementPresenter, PowerInterestGrid, group_label


def stakeholder_panel(plan) -> dict:
    """For Stakeholder Engagement: two queries (the grid's rows serve the counts too)."""
    stakeholders = selectors.grid_stakeholders(plan)
    counts = Counter(stakeholder.group for stakeholder in stakeholders)
    return {
        "grid": PowerInterestGrid(plan.pk, stakeholders),
        "total": len(stakeholders),
        "group_counts": sorted(
            ((group_label(code), n) for code, n in counts.items()),
            key=lambda row: (-row[1], row[0]),
        ),
        "to_win_over": sum(stakeholder.to_win_over for stakeholder in stakeholders),
        "communication_count": selectors.communication_count(plan),
    }


def governance_panel(plan) -> dict:
    """For Underpinning Approach: four queries."""
    return {
        "arrangement": ArrangementPresenter(selectors.arrangement_of(plan)),
        **selectors.governance_counts(plan),
    }
