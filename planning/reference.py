"""Loading the cycle's stages and good-practice points from planning/data/cycle.json."""

import json
from pathlib import Path

from django.db import transaction

from .models import CycleStage, GoodPracticePoint

CYCLE_FILE = Path(__file__).resolve().parent / "data" / "cycle.json"


@transaction.atomic
def load_cycle() -> list[str]:
    """Create or update the six stages and their points, by slug and code (idempotent)."""
    data = json.loads(CYCLE_FILE.read_text(encoding="utf-8"))
    for entry in data:
        stage, _ = CycleStage.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "title": entry["title"],
                "order": entry["order"],
                "summary": entry["summary"],
                "why_it_matters": entry.get("why_it_matters", ""),
            },
        )
        for order, point in enumerate(entry["points"], start=1):
            GoodPracticePoint.objects.update_or_create(
                code=point["code"],
                defaults={
                    "stage": stage,
                    "order": order,
                    "text": point["text"],
                    "guidance": point.get("guidance", ""),
                    "risk": point.get("risk") or "",
                    "severity": point["severity"],
                    "severity_reason": point.get("severity_reason", ""),
                },
            )
    return [
        f"Stages of the cycle: {CycleStage.objects.count()}",
        f"Good-practice points: {GoodPracticePoint.objects.count()}",
    ]
