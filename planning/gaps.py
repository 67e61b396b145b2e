"""What is missing from a plan and why it matters: the overview's "gaps and risks".

The checklist is the first source; other parts of a plan (stakeholders, funding, evaluation)
register theirs with `planning.panels.register_gap_source`: a function `(plan) -> list[Gap]`.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from . import panels
from .models import SEVERITY_RANK, GoodPracticePoint, PointStatus, Severity, Stage
from .presenters import severity_tag

OPEN_STATUSES = {PointStatus.NOT_STARTED, PointStatus.IN_PROGRESS}


def stage_order(stage) -> int:
    """A stage's place in the cycle (1-6), for a gap's `stage_order`."""
    return Stage.values.index(stage) + 1


def listed(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass(frozen=True)
class Gap:
    title: str
    why: str
    severity: str
    url: str
    where: str
    stage_order: int = 0
    kind: str = ""  # which part of the plan reported it, e.g. "checklist", "funding"

    @property
    def tag(self):
        return severity_tag(self.severity)

    @property
    def sort_key(self):
        return (SEVERITY_RANK[Severity(self.severity)], self.stage_order, self.title)


def checklist_gaps(plan, checklist) -> list[Gap]:
    """Open good-practice points that matter most: those whose risk the guide names, and
    every high-severity point (why it matters: the reason it is rated high)."""
    gaps = []
    points = (
        GoodPracticePoint.objects.filter(~Q(risk="") | Q(severity=Severity.HIGH))
        .select_related("stage")
        .order_by("stage__order", "order")
    )
    for point in points:
        response = checklist.get(point.pk)
        status = response.status if response else PointStatus.NOT_STARTED
        if status in OPEN_STATUSES:
            url = reverse("planning:stage", args=[plan.pk, point.stage.slug])
            gaps.append(
                Gap(
                    title=point.text,
                    why=point.risk or point.severity_reason,
                    severity=point.severity,
                    url=f"{url}#point-{point.code}",
                    where=point.stage.title,
                    stage_order=point.stage.order,
                    kind="checklist",
                )
            )
    return gaps


def reported_gaps(plan) -> list[Gap]:
    """The gaps the other parts of the plan report (the registered gap sources)."""
    return [gap for report in panels.gap_sources() for gap in report(plan)]


def by_severity(gaps) -> list[Gap]:
    return sorted(gaps, key=lambda gap: gap.sort_key)


def gaps_for(plan, checklist) -> list[Gap]:
    """Every open gap, highest severity first."""
    return by_severity(checklist_gaps(plan, checklist) + reported_gaps(plan))


TOP_GAPS = 3  # how many the overview lists; the plan's gaps page lists them all


def severity_summary(gaps) -> str:
    """'5 high, 4 medium and 3 low risk', in order of severity; '' without gaps."""
    counts = [
        f"{count} {severity.label.lower()}"
        for severity in sorted(Severity, key=lambda s: SEVERITY_RANK[s])
        if (count := sum(1 for gap in gaps if gap.severity == severity))
    ]
    if not counts:
        return ""
    return f"{listed(counts)} risk"
