"""Reads about a plan's stakeholders, communication and governance (fixed query counts)."""

from django.db.models import Count, Q

from .models import (
    RED_RATING,
    CommunicationItem,
    GovernanceArrangement,
    ImpactAssessment,
    PolicyRequirement,
    PolicyStatus,
    ScopeActivity,
    Stakeholder,
)


def stakeholders_of(plan):
    return Stakeholder.objects.filter(plan=plan).by_priority()


def grid_stakeholders(plan):
    """Every stakeholder as a `GridStakeholder` row, most influential first (one query)."""
    return Stakeholder.objects.filter(plan=plan).for_grid()


def stakeholder_group_counts(plan) -> dict[str, int]:
    return Stakeholder.objects.filter(plan=plan).group_counts()


def stakeholder_groups_present(plan) -> set[str]:
    return Stakeholder.objects.filter(plan=plan).groups_present()


def communication_plan(plan):
    return CommunicationItem.objects.filter(plan=plan).order_by("pk")


def communication_count(plan) -> int:
    return CommunicationItem.objects.filter(plan=plan).count()


def arrangement_of(plan):
    return GovernanceArrangement.objects.filter(plan=plan).first()


def scope_of(plan):
    return ScopeActivity.objects.filter(plan=plan).by_rating()


def impact_assessments_of(plan):
    return ImpactAssessment.objects.filter(plan=plan).order_by("-assessed_on", "pk")


def policies_of(plan):
    return PolicyRequirement.objects.filter(plan=plan).order_by("title", "pk")


def governance_counts(plan) -> dict[str, int]:
    """Scope activities (all and red), impact assessments and policies: three queries."""
    scope = ScopeActivity.objects.filter(plan=plan).aggregate(
        activities=Count("pk"), red=Count("pk", filter=Q(risk_rating__gte=RED_RATING))
    )
    policies = PolicyRequirement.objects.filter(plan=plan).aggregate(
        policies=Count("pk"),
        outstanding=Count(
            "pk", filter=Q(status__in=[PolicyStatus.NOT_STARTED, PolicyStatus.DRAFTING])
        ),
    )
    return {
        **scope,
        **policies,
        "assessments": ImpactAssessment.objects.filter(plan=plan).count(),
    }
