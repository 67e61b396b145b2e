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


def communications_owned(plans, user) -> list:
    """Messages of the communication plan a member sends, for "My work" (one query)."""
    from django.urls import reverse

    from planning.panels import DueWork

    from .models import CommunicationItem

    return [
        DueWork(
            kind="Communication",
            title=item.message,
            due=None,
            plan_title=item.plan.title,
            path=reverse("governance:communication_list", args=[item.plan_id]),
            key=f"{item._meta.label_lower}:{item.pk}",
        )
        for item in CommunicationItem.objects.filter(
            plan__in=plans, owner_member=user
        ).select_related("plan")
    ]


def policies_owned(plans, user) -> list:
    """Policies a member owns that are not yet approved or ruled out, for "My work"."""
    from django.urls import reverse

    from planning.panels import DueWork

    from .models import PolicyRequirement, PolicyStatus

    return [
        DueWork(
            kind="Policy",
            title=policy.title,
            due=None,
            plan_title=policy.plan.title,
            path=reverse("governance:governance", args=[policy.plan_id]) + "#policies",
            key=f"{policy._meta.label_lower}:{policy.pk}",
        )
        for policy in PolicyRequirement.objects.filter(plan__in=plans, owner_member=user)
        .exclude(status__in=[PolicyStatus.APPROVED, PolicyStatus.NOT_NEEDED])
        .select_related("plan")
    ]
