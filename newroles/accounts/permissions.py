"""The permission matrix: the one place that says which member role may do what.

Views name the action they need (`required_action`); the mixins in `mixins.py` ask `can()`.
The README's permission table is generated from the same data by a test, so they never drift.
"""

from enum import StrEnum

from django.db import models


class MemberRole(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    HR = "hr", "HR"
    EDITOR = "editor", "Editor"
    LEAD = "lead", "Lead"


class Action(StrEnum):
    VIEW = "view"  # read plans, print preview
    EXPORT = "export"  # PDF, CSV, calendar
    EDIT = "edit"  # create and edit plan content
    MANAGE_PLAN = "manage_plan"  # archive, change status, copy, offer to the library
    MANAGE_MEMBERS = "manage_members"
    VIEW_AUDIT = "view_audit"  # who viewed, exported and approved which plan


ACTION_LABELS = {
    Action.VIEW: "Read plans, print preview",
    Action.EXPORT: "Exports (PDF, CSV, calendar)",
    Action.EDIT: "Create and edit plan content",
    Action.MANAGE_PLAN: "Archive, change status, copy a plan, offer it to the library",
    Action.MANAGE_MEMBERS: "Manage members",
    Action.VIEW_AUDIT: "Audit log (who viewed, exported and approved plans)",
}

PERMISSION_MATRIX: dict[str, frozenset[Action]] = {
    MemberRole.VIEWER: frozenset({Action.VIEW}),
    MemberRole.HR: frozenset({Action.VIEW, Action.EXPORT}),
    MemberRole.EDITOR: frozenset({Action.VIEW, Action.EXPORT, Action.EDIT}),
    MemberRole.LEAD: frozenset(Action),
}


def role_can(role: str, action: Action) -> bool:
    return action in PERMISSION_MATRIX.get(role, frozenset())


def can(membership, action: Action) -> bool:
    """True when this membership (or None for a non-member) allows the action."""
    return membership is not None and role_can(membership.role, action)


def permission_table_markdown() -> str:
    """The matrix as the README shows it (a test keeps the two the same)."""
    roles = list(MemberRole)
    lines = [
        "| action | " + " | ".join(r.label for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action in Action:
        cells = ["yes" if role_can(r, action) else "no" for r in roles]
        lines.append(f"| {ACTION_LABELS[action]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
