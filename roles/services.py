"""Loading the curated reference data shipped in roles/data/ (idempotent, by slug)."""

import json
from pathlib import Path

from django.db import transaction

from .models import PayPoint, Role, RoleCategory, SkillMixChange

DATA = Path(__file__).resolve().parent / "data"


def _read(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _load_vocabulary(model, filename):
    for order, entry in enumerate(_read(filename), start=1):
        model.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "description": entry["description"],
                "example": entry.get("example", ""),
                "source": entry.get("source", ""),
                "order": order,
            },
        )
    return model.objects.count()


def _load_roles():
    for entry in _read("roles.json"):
        Role.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "other_names": "\n".join(entry.get("other_names", [])),
                "profession_group": entry["profession_group"],
                "regulator": entry["regulator"],
                "typical_bands": entry.get("typical_bands", []),
                "description": entry["description"],
                "source": entry.get("source", ""),
                "curator_check": entry.get("curator_check", ""),
            },
        )
    return Role.objects.count()


def _load_pay_points():
    data = _read("pay_points.json")
    for band, salary in data["bands"].items():
        PayPoint.objects.update_or_create(
            band=band,
            effective_from=data["effective_from"],
            defaults={
                "annual_salary": salary,
                "on_cost_rate": data["on_cost_rate"],
                "source": data["source"],
            },
        )
    return PayPoint.objects.count()


@transaction.atomic
def load_reference_data() -> list[str]:
    """Create or update every reference record; returns a line per kind for the console."""
    lines = [
        f"Kinds of new role: {_load_vocabulary(RoleCategory, 'role_categories.json')}",
        f"Kinds of skill-mix change: {_load_vocabulary(SkillMixChange, 'skill_mix_changes.json')}",
        f"Roles in the catalogue: {_load_roles()}",
        f"Pay points: {_load_pay_points()}",
    ]
    return lines
