"""Record-keeping every plan record follows: history, versions with conflict detection, bin.

- History: `HistoricalRecords` (simple-history) records who changed what, when: inherited by
  every plan part; the plan declares its own to include its many-to-many choices.
- Versions: each row has a `lock_version`; an edit saves only if the row is still at the
  version the editor started from (`save_edit`), otherwise `EditConflict` carries the current
  row so the page can show what changed meanwhile. The plan's `version` (its document version)
  rises with any change to the plan or its parts.
- Bin: deleting from the UI sets `deleted_at` (`move_to_bin`); `restore_from_bin` undoes it;
  `purge_bin` removes entries older than the retention period for good.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from simple_history.models import HistoricalRecords

from newroles.accounts.querysets import OrganisationScopedQuerySet

BIN_RETENTION_DAYS = 30


class VersionedRecord(models.Model):
    """An optimistic-concurrency token and timestamps. Concrete models add `history`."""

    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class OwnedByMember(models.Model):
    """A record a member of the organisation can own: it shows in their "My work" and its
    reminders go to them. Someone outside the organisation is named in the record's own
    free-text owner field instead; when a member owns it, that field holds their name, so
    every page and document shows the owner the same way."""

    owner_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="owner",
    )

    # The record's free-text owner field (None: it has none).
    OWNER_TEXT_FIELD: str | None = "owner"

    class Meta:
        abstract = True


def owned_models() -> list:
    """Every kind of plan record a member can own."""
    return [m for m in apps.get_models() if issubclass(m, OwnedByMember)]


class PlanPartQuerySet(OrganisationScopedQuerySet):
    organisation_lookup = "plan__organisation"

    def in_bin(self):
        return self.filter(deleted_at__isnull=False)


class LivePlanPartManager(models.Manager.from_queryset(PlanPartQuerySet)):
    """The default manager hides records in the bin."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class PlanPart(VersionedRecord):
    """Base of every record that belongs to a plan (stakeholders, risks, actions...).

    Subclasses declare `plan = models.ForeignKey(ImplementationPlan, related_name=...)`
    and a `bin_label` (how the bin names the record).
    """

    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = LivePlanPartManager()
    all_objects = PlanPartQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def organisation_id(self):
        return self.plan.organisation_id

    @property
    def bin_label(self) -> str:
        return str(self)


def plan_part_models() -> list[type[PlanPart]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, PlanPart)
        and not m._meta.abstract
        and "historical" not in m.__name__.lower()
    ]


def in_dependency_order(models_) -> list:
    """The models, each after the others of the list it has foreign keys to."""
    remaining, ordered = list(models_), []
    while remaining:
        for model in remaining:
            needs = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
            if not needs & (set(remaining) - {model}):
                ordered.append(model)
                remaining.remove(model)
                break
        else:
            raise RuntimeError(f"Circular references among {remaining}")
    return ordered


class EditConflict(Exception):
    """Someone saved the record after the editor loaded it."""

    def __init__(self, current):
        super().__init__("The record changed since it was loaded.")
        self.current = current


def bump_plan_version(plan_id) -> None:
    """Record a change to the plan: its version rises, so pages cached for the version before
    (`planning.plan_cache`) are not read again. Call it in the transaction of the change; it
    updates the plan's row, so concurrent changes to one plan take turns from here on."""
    from planning.models import ImplementationPlan

    ImplementationPlan.objects.filter(pk=plan_id).update(
        version=F("version") + 1, updated_at=timezone.now()
    )


def _plan_id_of(record):
    from planning.models import ImplementationPlan

    return record.pk if isinstance(record, ImplementationPlan) else record.plan_id


@transaction.atomic
def save_edit(record, *, based_on_version: int):
    """Save `record` only if its row is still at `based_on_version`.

    The conditional UPDATE is atomic on SQLite and PostgreSQL alike: of two editors who
    loaded the same version, exactly one wins; the other gets `EditConflict`.
    """
    model = type(record)
    manager = model._base_manager
    claimed = manager.filter(pk=record.pk, lock_version=based_on_version).update(
        lock_version=F("lock_version") + 1
    )
    if not claimed:
        raise EditConflict(manager.get(pk=record.pk))
    record.lock_version = based_on_version + 1
    # Never write the plan's document version from a stale copy: it only rises, in SQL.
    fields = [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name != "version"
    ]
    record.save(update_fields=fields)
    bump_plan_version(_plan_id_of(record))
    return record


@transaction.atomic
def create_part(record):
    record.save()
    bump_plan_version(record.plan_id)
    return record


def record_key(record) -> str:
    """How a comment names the record it is about: "planning.risk:12"."""
    return f"{record._meta.label_lower}:{record.pk}"


def _comments_about(record):
    comment = apps.get_model("planning", "Comment")
    if isinstance(record, comment):
        return comment.objects.none()
    return comment.all_objects.filter(plan_id=record.plan_id, about=record_key(record))


@transaction.atomic
def move_to_bin(record: PlanPart, user) -> None:
    record.deleted_at = timezone.now()
    record.deleted_by = user
    record.lock_version += 1
    record.save()
    # The record's discussion goes into the bin with it, and comes back with it.
    _comments_about(record).filter(deleted_at__isnull=True).update(
        deleted_at=record.deleted_at, deleted_by=user, lock_version=F("lock_version") + 1
    )
    bump_plan_version(record.plan_id)


@transaction.atomic
def restore_from_bin(record: PlanPart) -> None:
    binned_at = record.deleted_at
    record.deleted_at = None
    record.deleted_by = None
    record.lock_version += 1
    record.save()
    _comments_about(record).filter(deleted_at=binned_at).update(
        deleted_at=None, deleted_by=None, lock_version=F("lock_version") + 1
    )
    bump_plan_version(record.plan_id)


@dataclass(frozen=True)
class BinEntry:
    record: PlanPart
    model_name: str
    kind: str
    label: str
    deleted_at: object
    deleted_by: object


def bin_entries(plan) -> list[BinEntry]:
    """Everything in one plan's bin, newest first (one query per kind of record)."""
    entries = []
    for model in plan_part_models():
        for record in model.all_objects.filter(plan=plan).in_bin().select_related("deleted_by"):
            entries.append(
                BinEntry(
                    record,
                    model._meta.model_name,
                    model._meta.verbose_name.capitalize(),
                    record.bin_label,
                    record.deleted_at,
                    record.deleted_by,
                )
            )
    return sorted(entries, key=lambda e: e.deleted_at, reverse=True)


def find_in_bin(plan, kind: str, pk: int) -> PlanPart | None:
    for model in plan_part_models():
        if model._meta.model_name == kind:
            return model.all_objects.filter(plan=plan, pk=pk).in_bin().first()
    return None


@transaction.atomic
def purge_bin(older_than_days: int = BIN_RETENTION_DAYS) -> dict[str, int]:
    """Delete for good every bin entry deleted more than `older_than_days` ago."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    purged = {}
    for model in plan_part_models():
        expired = model.all_objects.filter(deleted_at__lt=cutoff)
        plan_ids = set(expired.values_list("plan_id", flat=True))
        _, per_model = expired.delete()
        if per_model.get(model._meta.label):
            purged[str(model._meta.verbose_name_plural)] = per_model[model._meta.label]
        for plan_id in plan_ids:  # their bins changed: a new version, like any other change
            bump_plan_version(plan_id)
    return purged
