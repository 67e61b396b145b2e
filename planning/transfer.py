"""A plan and all its parts as JSON, and back: for moving plans between installations and
for backups. Exporting, importing into an empty database and exporting again gives the same
JSON. Reference data (roles, stages, points) travels by its natural keys (slugs, codes) and
must be loaded first (`load_reference_data`); people travel by email address."""

import datetime
import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from newroles.accounts.models import Organisation

from . import records
from .models import ImplementationPlan

FORMAT = "newroles-plan"
FORMAT_VERSION = 1
# Records that belong to a plan through a part rather than directly.
CHILD_MODELS = ["evaluation.Measurement"]
# Deliberately left behind: the audit log (`PlanAuditEvent`) records what people did with the
# plan on this installation; it is not part of the plan (nor a `PlanPart`, so never found here).
SKIPPED_FIELDS = {"id", "plan", "organisation", "template_version"}


class TransferEncoder(DjangoJSONEncoder):
    """Every time with its milliseconds. Django's encoder leaves out the fraction only when
    the microseconds are zero, so a time stored as 12:00:00.000400 exported as ".000" and came
    back from an import as 12:00:00 without it: an export of an import differed in one in a
    thousand cases."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat(timespec="milliseconds")
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class ImportRefused(Exception):
    pass


def _models():
    """Every kind of record a plan holds, each after the kinds it refers to."""
    found = sorted(records.plan_part_models(), key=lambda m: m._meta.label)
    for label in CHILD_MODELS:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return records.in_dependency_order(found)


def _parts_of(model, plan):
    if hasattr(model, "all_objects"):
        return model.all_objects.filter(plan=plan).order_by("pk")
    parent = next(f for f in model._meta.concrete_fields if f.is_relation)
    return model.objects.filter(**{f"{parent.name}__plan": plan}).order_by("pk")


def _natural_key(obj):
    if obj is None:
        return None
    if isinstance(obj, get_user_model()):
        return obj.email
    for key in ("slug", "code"):
        if hasattr(obj, key):
            return getattr(obj, key)
    raise ValueError(f"No natural key for {type(obj).__name__}")


def _lookup(model, key):
    if key is None:
        return None
    if model is get_user_model():
        user, _ = model.objects.get_or_create(email=key, defaults={"is_active": False})
        return user
    field = "slug" if any(f.name == "slug" for f in model._meta.fields) else "code"
    try:
        return model.objects.get(**{field: key})
    except model.DoesNotExist as error:
        raise ImportRefused(
            f"Unknown {model._meta.verbose_name} “{key}”: load the reference data first."
        ) from error


def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]


def _dump(obj, refs):
    data = {}
    for field in _fields(type(obj)):
        if field.is_relation:
            target = getattr(obj, field.attname)
            if field.related_model in refs:
                data[field.name] = refs[field.related_model].get(target)
            else:
                data[field.name] = _natural_key(getattr(obj, field.name))
        else:
            data[field.name] = field.value_from_object(obj)
    return data


def export_plan(plan) -> dict:
    part_models = _models()
    refs = {model: {} for model in part_models}
    parts = {}
    for model in part_models:
        rows = list(_parts_of(model, plan))
        refs[model] = {row.pk: index for index, row in enumerate(rows, start=1)}
        parts[model._meta.label] = rows
    plan_data = _dump(plan, {})
    plan_data["skill_mix_changes"] = sorted(c.slug for c in plan.skill_mix_changes.all())
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "organisation": {
            "name": plan.organisation.name,
            "ods_code": plan.organisation.ods_code,
            "kind": plan.organisation.kind,
        },
        "plan": plan_data,
        "parts": {
            label: [_dump(row, refs) for row in rows] for label, rows in parts.items() if rows
        },
    }


def export_organisation(organisation) -> dict:
    plans = ImplementationPlan.objects.filter(organisation=organisation).order_by("pk")
    return {
        "format": "newroles-organisation",
        "format_version": FORMAT_VERSION,
        "organisation": {
            "name": organisation.name,
            "ods_code": organisation.ods_code,
            "kind": organisation.kind,
        },
        "plans": [export_plan(plan) for plan in plans],
    }


def to_json(data) -> str:
    return json.dumps(data, cls=TransferEncoder, indent=2, sort_keys=True, ensure_ascii=False)


def _load(model, data, refs):
    values = {}
    for field in _fields(model):
        if field.name not in data:
            continue
        value = data[field.name]
        if field.is_relation:
            if field.related_model in refs:
                values[field.attname] = refs[field.related_model].get(value)
            else:
                values[field.name] = _lookup(field.related_model, value)
        elif value is None:
            values[field.name] = None
        elif isinstance(field, models.JSONField):
            values[field.name] = value
        else:
            values[field.name] = field.to_python(value)
    return values


@transaction.atomic
def import_plan(data, *, organisation=None) -> ImplementationPlan:
    if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise ImportRefused("This is not a NewRoles plan export this version can read.")
    if organisation is None:
        details = data["organisation"]
        organisation = (
            Organisation.objects.filter(ods_code__iexact=details["ods_code"]).first()
            if details.get("ods_code")
            else None
        ) or Organisation.objects.create(**details)
    plan_data = dict(data["plan"])
    skill_mix = plan_data.pop("skill_mix_changes", [])
    values = _load(ImplementationPlan, plan_data, {})
    plan = ImplementationPlan(organisation=organisation, **values)
    plan.save()
    timestamps = {k: values[k] for k in ("created_at", "updated_at") if k in values}
    SkillMixChange = apps.get_model("roles", "SkillMixChange")
    plan.skill_mix_changes.set(SkillMixChange.objects.filter(slug__in=skill_mix))
    refs = {model: {} for model in _models()}
    for model in _models():
        for index, row in enumerate(data["parts"].get(model._meta.label, []), start=1):
            values = _load(model, row, refs)
            extra = {"plan": plan} if hasattr(model, "all_objects") else {}
            obj = model(**extra, **values)
            obj.save()
            refs[model][index] = obj.pk
            stamps = {k: values[k] for k in ("created_at", "updated_at") if k in values}
            if stamps:
                model._base_manager.filter(pk=obj.pk).update(**stamps)
    # Saving parts raised nothing: the plan keeps the version and dates it was exported with.
    ImplementationPlan.objects.filter(pk=plan.pk).update(
        version=data["plan"].get("version", 1),
        lock_version=data["plan"].get("lock_version", 1),
        **timestamps,
    )
    plan.refresh_from_db()
    return plan
