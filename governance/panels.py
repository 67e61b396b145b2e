"""What governance shows on the cycle's stage pages (registered in apps.py).

Each context function runs a fixed number of queries, however many records the plan has.
"""

from . import selectors
from .presenters import ArrangementPresenter, PowerInterestGrid, group_label


def stakeholder_panel(plan) -> dict:
    """For Stakeholder Engagement: four queries."""
    counts = selectors.stakeholder_group_counts(plan)
    return {
        "grid": PowerInterestGrid(plan.pk, selectors.grid_stakeholders(plan)),
        "total": sum(counts.values()),
        "group_counts": sorted(
            ((group_label(code), n) for code, n in counts.items()),
            key=lambda row: (-row[1], row[0]),
        ),
        "to_win_over": selectors.stakeholders_to_win_over(plan),
        "communication_count": selectors.communication_count(plan),
    }


def governance_panel(plan) -> dict:
    """For Underpinning Approach: four queries."""
    return {
        "arrangement": ArrangementPresenter(selectors.arrangement_of(plan)),
        **selectors.governance_counts(plan),
    }
