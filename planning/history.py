"""A plan's history across all its parts: who changed what and when, and restoring a
record to an earlier version. Reads a fixed number of queries per page (two per kind of
record), however long the history grows.

Restoring never does what the person could not do directly: it copies only the fields an edit
form can show (`editable`), never moves a record to another plan or organisation, and changes a
field that a stronger permission than editing guards only for people who have it."""

from dataclasses import dataclass, field

from django.db import transaction

from newroles.accounts.models import Membership
from newroles.accounts.permissions import Action, MemberRole, role_can

from . import records
from .models import ImplementationPlan

IGNORED_FIELDS = {"lock_version", "version", "updated_at", "created_at", "id"}
CHANGE_WORDS = {"+": "Added", "~": "Changed", "-": "Removed"}

# Where a record belongs; restoring an old version never moves it.
NEVER_RESTORED = {"plan", "organisation"}

# Fields that only a permission stronger than editing changes, on their own page (the plan's
# status: PlanStatusView). The history page lets editors restore, so these are restored only
# for people with that permission. tests/planning/test_history_permissions.py checks that every
# form behind a stronger permission is listed here. Archiving and the bin are not `editable`.
GUARDED_FIELDS: dict[type, dict[str, Action]] = {
    ImplementationPlan: {"status": Action.MANAGE_PLAN},
}


@dataclass
class HistoryEntry:
    row: object  # the historical record
    kind: str
    model_name: str
    label: str
    changes: list = field(default_factory=list)

    @property
    def when(self):
        return self.row.history_date

    @property
    def who(self):
        return self.row.history_user

    @property
    def action(self) -> str:
        if self.row.history_type == "~" and any(c[0] == "Deleted at" for c in self.changes):
            return "Moved to the bin" if self.row.deleted_at else "Restored from the bin"
        return CHANGE_WORDS[self.row.history_type]

    @property
    def restorable(self) -> bool:
        return self.row.history_type != "-"


def _history_models():
    yield ImplementationPlan, "pk"
    for model in records.plan_part_models():
        yield model, "plan_id"


def _tracked_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in IGNORED_FIELDS and not f.name.startswith("history_")
    ]


def _diff(model, row, previous) -> list[tuple[str, str, str]]:
    if previous is None:
        return []
    changes = []
    for f in _tracked_fields(model):
        old, new = getattr(previous, f.attname), getattr(row, f.attname)
        if old != new:
            label = str(f.verbose_name).capitalize()
            changes.append((label, _show(old), _show(new)))
    return changes


def _show(value) -> str:
    if value in (None, ""):
        return "(empty)"
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "…"


def plan_history(plan, *, limit: int, offset: int = 0) -> list[HistoryEntry]:
    """The newest `limit` entries after `offset`, newest first, with what each changed."""
    window = offset + limit
    candidates = []
    for model, link in _history_models():
        filters = {"id": plan.pk} if link == "pk" else {"plan_id": plan.pk}
        rows = list(
            model.history.filter(**filters)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:window]
        )
        candidates.extend((row, model) for row in rows)
    candidates.sort(key=lambda pair: (pair[0].history_date, pair[0].history_id), reverse=True)
    page = candidates[offset:window]
    by_model = {}
    for row, model in page:
        by_model.setdefault(model, []).append(row)
    previous = {}
    for model, rows in by_model.items():
        # Every version of the page's records up to the newest on the page: one query a kind.
        older = model.history.filter(
            id__in={row.id for row in rows},
            history_date__lte=max(row.history_date for row in rows),
        ).order_by("id", "history_date", "history_id")
        chains = {}
        for row in older:
            chains.setdefault(row.id, []).append(row)
        for row in rows:
            chain = chains.get(row.id, [])
            position = next(
                (i for i, r in enumerate(chain) if r.history_id == row.history_id), None
            )
            previous[(model, row.history_id)] = chain[position - 1] if position else None
    entries = []
    for row, model in page:
        entries.append(
            HistoryEntry(
                row=row,
                kind=str(model._meta.verbose_name).capitalize(),
                model_name=model._meta.model_name,
                label=str(row.instance) if model is not ImplementationPlan else row.title,
                changes=_diff(model, row, previous.get((model, row.history_id))),
            )
        )
    return entries


def history_count(plan) -> int:
    total = 0
    for model, link in _history_models():
        filters = {"id": plan.pk} if link == "pk" else {"plan_id": plan.pk}
        total += model.history.filter(**filters).count()
    return total


def find_history_row(plan, model_name, history_id):
    for model, link in _history_models():
        if model._meta.model_name == model_name:
            filters = {"id": plan.pk} if link == "pk" else {"plan_id": plan.pk}
            return model, model.history.filter(history_id=history_id, **filters).first()
    return None, None


def restorable_fields(model, *, actions) -> list:
    """The fields of `model` that a person allowed `actions` may restore: those an edit form
    can show, where the record belongs aside, and the guarded ones only with their permission."""
    guarded = GUARDED_FIELDS.get(model, {})
    return [
        f
        for f in _tracked_fields(model)
        if f.editable
        and f.name not in NEVER_RESTORED
        and (f.name not in guarded or guarded[f.name] in actions)
    ]


@dataclass
class Restored:
    record: object
    changed: bool  # False when that version differed from now only in what was kept
    kept: list[str]  # for each differing field not restored, a sentence saying why


def _who_may(action: Action) -> str:
    """'a lead': the roles allowed the action, as a message names them."""
    names = [
        role.label if role.label.isupper() else role.label.lower()
        for role in MemberRole
        if role_can(role, action)
    ]
    return " or ".join(f"{'an' if name[0] in 'aeiou' else 'a'} {name}" for name in names)


def _not_a_member_any_more(plan, user_id) -> bool:
    # The plan form offers only the organisation's members as the plan's owner.
    return not Membership.objects.filter(
        user_id=user_id, organisation_id=plan.organisation_id
    ).exists()


@transaction.atomic
def restore_version(model, row, *, actions) -> Restored:
    """Make the record as it was in `row`, as far as a person allowed `actions` (their role's
    actions in the permission matrix) could make it so directly, as a new version (so the
    restore is itself in the history and can be undone). Bin and archive are left as now."""
    current = model._base_manager.select_for_update().get(pk=row.id)
    allowed = {f.name for f in restorable_fields(model, actions=actions)}
    guarded = GUARDED_FIELDS.get(model, {})
    changed, kept = False, []
    for f in _tracked_fields(model):
        value = getattr(row, f.attname)
        if f.name not in allowed | guarded.keys() or value == getattr(current, f.attname):
            continue
        label = str(f.verbose_name).capitalize()
        if f.name not in allowed:
            who = _who_may(guarded[f.name])
            kept.append(f"{label} was not restored: only {who} can change it.")
        elif (
            model is ImplementationPlan
            and f.name == "owner"
            and value is not None
            and _not_a_member_any_more(current, value)
        ):
            kept.append(
                f"{label} was not restored: that person is no longer a member of your organisation."
            )
        else:
            setattr(current, f.attname, value)
            changed = True
    if changed:
        records.save_edit(current, based_on_version=current.lock_version)
    return Restored(current, changed, kept)
