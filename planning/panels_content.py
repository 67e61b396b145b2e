"""Planning's own stage panels and gap sources (registered in apps.py)."""

from django.urls import reverse

from .gaps import Gap
from .models import Competency, Risk, SupportArrangement, TrainingActivity
from .presenters import RiskPresenter

PANEL_RISKS = 5


def risks_panel(plan, stage) -> dict:
    open_risks = Risk.objects.filter(plan=plan).open()
    return {
        "risks": [
            RiskPresenter(r) for r in open_risks.filter(stage=stage).by_score()[:PANEL_RISKS]
        ],
        "open_count": open_risks.count(),
    }


def risk_gaps(plan) -> list[Gap]:
    """Open risks scoring 15 or more (extreme on the 5x5 matrix)."""
    return [
        Gap(
            title=f"High-scoring open risk: {risk.description}",
            why=f"Scored {risk.score} of 25. {risk.mitigation or 'No mitigation recorded yet.'}",
            severity="high",
            url=reverse("planning:risk_update", args=[plan.pk, risk.pk]),
            where="Risk register",
        )
        for risk in Risk.objects.filter(plan=plan).open().high().by_score()
    ]


def training_panel(plan) -> dict:
    return {
        "activity_count": TrainingActivity.objects.filter(plan=plan).count(),
        "competency_count": Competency.objects.filter(plan=plan).count(),
        "has_support": SupportArrangement.objects.filter(plan=plan).exists(),
    }
