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

import logging
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE
from django.utils import timezone
from simple_history.models import HistoricalRecords

from newroles.accounts.querysets import OrganisationScopedQuerySet

BIN_RETENTION_DAYS = 30
logger = logging.getLogger(__name__)


class VersionedRecord(models.Model):
    """An optimistic-concurrency token and timestamps. Concrete models add `history`."""

    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        """Django's, but each model's check constraints are checked in one query: Django asks
        the database once per constraint, each in a savepoint of its own (three round trips
        each, fifteen for a stakeholder saved). The same errors, for the same constraints."""
        using = router.db_for_write(self.__class__, instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            checks = [c for c in constraints if type(c) is models.CheckConstraint]
            failed = failed_checks(model_class, self, checks, exclude, using)
            for constraint in constraints:
                try:
                    if constraint in failed:
                        raise ValidationError(
                            constraint.get_violation_error_message(),
                            code=constraint.violation_error_code,
                        )
                    if constraint not in checks:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:  # as Model.validate_constraints files them
                    fields = getattr(constraint, "fields", ())
                    if getattr(error, "code", None) == "unique" and len(fields) == 1:
                        errors.setdefault(fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def failed_checks(model_class, instance, checks, exclude, using) -> list:
    """Which of these check constraints the instance's values break, in one query: as
    `CheckConstraint.validate` decides it (a condition that is unknown, NULL, passes; one
    that names an excluded field is not checked; a database error is logged and passes)."""
    connection = connections[using]
    if not checks or not connection.features.supports_comparing_boolean_expr:
        return [c for c in checks if not _passes_alone(c, model_class, instance, exclude, using)]
    query = Query(None)
    against = instance._get_field_expression_map(meta=model_class._meta, exclude=exclude)
    for name, value in against.items():
        value = value if hasattr(value, "resolve_expression") else Value(value)
        query.add_annotation(value, name, select=False)
    checked = []
    for constraint in checks:
        passes = Coalesce(Q(constraint.condition), True, output_field=models.BooleanField())
        try:
            query.add_annotation(passes, f"_check_{len(checked)}")
        except FieldError:  # it names a field left out of this validation
            continue
        checked.append(constraint)
    if not checked:
        return []
    compiler = query.get_compiler(using=using)
    atomic = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with atomic:
            row = compiler.execute_sql(SINGLE)
    except DatabaseError as error:
        logger.warning("Got a database error checking constraints of %s: %s", model_class, error)
        return []
    return [constraint for constraint, ok in zip(checked, row, strict=True) if not ok]


def _passes_alone(constraint, model_class, instance, exclude, using) -> bool:
    try:
        constraint.validate(model_class, instance, exclude=exclude, using=using)
    except ValidationError:
        return False
    return True


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


def content_kind(kind) -> str:
    """The name a kind of content is counted under: its model's label ("governance.stakeholder"),
    from the model, one of its records, or the label itself."""
    return kind if isinstance(kind, str) else kind._meta.label_lower


# Two narrower kinds for what changes far less often than the records themselves:
# - `existing(Model)`: the records of that kind that were already there. It rises with every
#   edit, move to or from the bin and deletion, but not when a record is added: a value that
#   reads records of that kind only through references from others (actions name their
#   stakeholders) cannot change when one is added, since nothing refers to it yet; saving the
#   record that refers to it raises that record's own kind.
# - `BIN`: which records are in the bin. Only moving records into or out of it (and deleting
#   them) changes it; adding and editing records never does.
EXISTING = ":existing"
BIN = "planning.bin"


def existing(kind) -> str:
    return content_kind(kind) + EXISTING


def models_of_kind(kind) -> list:
    """The models whose records a kind (as declared in `reads=`) counts."""
    name = content_kind(kind)
    if name == BIN:
        return plan_part_models()
    return [apps.get_model(name.removesuffix(EXISTING))]


def bump_plan_version(plan_id, *kinds, added=False, bin=False) -> None:
    """Record a change to the plan: its document version rises, and so does the version of
    each kind of content that changed (`PlanContentVersion`, what cached pages key on).

    Call it in the transaction of the change, naming every kind of record written (the plan
    itself is `ImplementationPlan`); `added=True` when the change only added new records,
    `bin=True` when records went into or out of the bin or were deleted. The plan's row is
    updated first, so concurrent changes to one plan take turns from here on, and the kinds'
    rows can be read and created safely.
    """
    from planning.models import ImplementationPlan, PlanContentVersion

    if not kinds:
        raise TypeError("bump_plan_version needs the kinds of content that changed")
    updated = ImplementationPlan.objects.filter(pk=plan_id).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:  # the plan itself was deleted: nothing is left to key on
        return
    # The plan's own fields are counted by its lock_version (read with them; see plan_cache).
    changed = {content_kind(k) for k in kinds} - {content_kind(ImplementationPlan)}
    names = changed | (set() if added else {kind + EXISTING for kind in changed})
    names |= {BIN} if bin else set()
    if not names:
        return
    rows = PlanContentVersion.objects.filter(plan_id=plan_id, kind__in=names)
    if rows.update(version=F("version") + 1) < len(names):  # kinds never changed before
        present = set(rows.values_list("kind", flat=True))
        PlanContentVersion.objects.bulk_create(
            PlanContentVersion(plan_id=plan_id, kind=kind, version=1)
            for kind in sorted(names - present)
        )


def _plan_id_of(record):
    from planning.models import ImplementationPlan

    return record.pk if isinstance(record, ImplementationPlan) else record.plan_id


@transaction.atomic
def save_edit(record, *, based_on_version: int, also_changes=()):
    """Save `record` only if its row is still at `based_on_version`. `also_changes` names the
    other kinds of record the caller writes in the same transaction (see bump_plan_version).

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
    bump_plan_version(_plan_id_of(record), model, *also_changes)
    return record


@transaction.atomic
def create_part(record):
    record.save()
    bump_plan_version(record.plan_id, record, added=True)
    return record


@transaction.atomic
def move_to_bin(record: PlanPart, user) -> None:
    record.deleted_at = timezone.now()
    record.deleted_by = user
    record.lock_version += 1
    record.save()
    bump_plan_version(record.plan_id, record, bin=True)


@transaction.atomic
def restore_from_bin(record: PlanPart) -> None:
    record.deleted_at = None
    record.deleted_by = None
    record.lock_version += 1
    record.save()
    bump_plan_version(record.plan_id, record, bin=True)


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
            bump_plan_version(plan_id, model, bin=True)
    return purged
