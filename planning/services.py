"""Changes to implementation plans. Views call these; they never write models directly."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from newroles.accounts.permissions import Action, role_can

from . import audit, documents, records
from .models import (
    AuditAction,
    CalendarFeed,
    ChecklistResponse,
    DocumentKind,
    ImplementationPlan,
    PlanApproval,
    PlanStatus,
    PointStatus,
    Risk,
    StageResponse,
    SupportArrangement,
    TrainingActivity,
)


@transaction.atomic
def create_plan(form, *, organisation, user) -> ImplementationPlan:
    plan = form.save(commit=False)
    plan.organisation = organisation
    plan.created_by = user
    if plan.owner_id is None:
        plan.owner = user
    plan.save()
    form.save_m2m()
    return plan


@transaction.atomic
def save_versioned_form(form):
    """Save a VersionedModelForm's record, refusing to overwrite a newer version."""
    record = form.save(commit=False)
    records.save_edit(record, based_on_version=form.based_on_version())
    form.save_m2m()
    return record


def _touch(plan, *fields):
    """Save a lead's one-click change (archive, restore) as a new version of the plan."""
    current = ImplementationPlan.objects.select_for_update().get(pk=plan.pk)
    plan.lock_version = current.lock_version + 1
    plan.save(update_fields=[*fields, "lock_version", "updated_at"])
    records.bump_plan_version(plan.pk)


@transaction.atomic
def archive_plan(plan: ImplementationPlan) -> None:
    plan.archived_at = timezone.now()
    _touch(plan, "archived_at")


@transaction.atomic
def unarchive_plan(plan: ImplementationPlan) -> None:
    plan.archived_at = None
    _touch(plan, "archived_at")


@transaction.atomic
def copy_plan(plan: ImplementationPlan, *, title: str, user) -> ImplementationPlan:
    """A new draft with the same answers and every live part; history starts afresh."""
    skill_mix = list(plan.skill_mix_changes.all())
    source_pk = plan.pk
    copy = ImplementationPlan.objects.get(pk=source_pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.title = title
    copy.status = PlanStatus.DRAFT
    copy.archived_at = None
    copy.version = 1
    copy.lock_version = 1
    copy.created_by = user
    copy.save()
    copy.skill_mix_changes.set(skill_mix)
    # Parts that point at other parts (a metric's objective, an action's stakeholder) must
    # point at the copies: copy the referred-to kinds first and remap as we go.
    copies: dict[type, dict[int, int]] = {}
    for model in records.in_dependency_order(records.plan_part_models()):
        links = [
            f for f in model._meta.concrete_fields if f.is_relation and f.related_model in copies
        ]
        copies[model] = {}
        for part in model.objects.filter(plan_id=source_pk).order_by("pk"):
            original = part.pk
            for link in links:
                old = getattr(part, link.attname)
                setattr(part, link.attname, copies[link.related_model].get(old))
            part.pk = None
            part.id = None
            part._state.adding = True
            part.plan = copy
            part.lock_version = 1
            part.save()
            copies[model][original] = part.pk
    return copy


@transaction.atomic
def save_stage(plan, stage: str, *, answers: dict, checklist: dict, based_on_version: int):
    """Save a stage page: its answers and checklist, as one new version of the stage.

    The stage's `StageResponse` is the page's version token: of two people saving the same
    stage from the same version, the second gets `EditConflict` and nothing of theirs is saved.
    """
    response, _ = StageResponse.objects.get_or_create(
        plan=plan, stage=stage, defaults={"lock_version": 0}
    )
    # A conflict in save_edit undoes the checklist's rows with the rest of the transaction.
    _save_checklist(plan, checklist)
    response.answers = {code: value for code, value in answers.items() if value}
    records.save_edit(response, based_on_version=based_on_version)
    return response


def _save_checklist(plan, checklist: dict) -> None:
    """Save the statuses and notes of these points (rows only for what changed)."""
    existing = {
        r.point_id: r
        for r in ChecklistResponse.objects.filter(plan=plan, point_id__in=list(checklist))
    }
    for point_id, (status, note) in checklist.items():
        current = existing.get(point_id)
        if current is None:
            if status != PointStatus.NOT_STARTED or note:
                ChecklistResponse.objects.create(
                    plan=plan, point_id=point_id, status=status, note=note
                )
        elif (current.status, current.note) != (status, note):
            current.status, current.note = status, note
            current.lock_version += 1
            current.save()


# A suggested risk's starting impact follows our severity of the point it comes from.
IMPACT_BY_SEVERITY = {"high": 4, "medium": 3, "low": 2}
SUGGESTED_LIKELIHOOD = 3


@transaction.atomic
def accept_guide_risks(plan, points) -> list[Risk]:
    """Add the guide's risks for these points to the register, to be scored and owned."""
    risks = []
    for point in points:
        risk = Risk(
            plan=plan,
            description=point.risk[:500],
            stage=point.stage.slug,
            likelihood=SUGGESTED_LIKELIHOOD,
            impact=IMPACT_BY_SEVERITY[point.severity],
            source_point=point,
        )
        risk.save()
        risks.append(risk)
    if risks:
        records.bump_plan_version(plan.pk)
    return risks


@transaction.atomic
def renew_calendar_feed(*, user, organisation) -> CalendarFeed:
    """Revoke any active feed of this person for this organisation and issue a new one."""
    revoke_calendar_feed(user=user, organisation=organisation)
    return CalendarFeed.objects.create(
        user=user, organisation=organisation, token=secrets.token_urlsafe(32)
    )


def revoke_calendar_feed(*, user, organisation) -> None:
    CalendarFeed.objects.active().filter(user=user, organisation=organisation).update(
        revoked_at=timezone.now()
    )


def revoke_calendar_feeds_with_lost_rights(
    sender, *, user_id, organisation_id, role, joined, **kwargs
) -> None:
    """Receives accounts' `membership_changed`: a feed address ends with the membership or the
    right to export it was issued under, and getting the right back (or joining again) never
    revives it: the person makes a new address."""
    if joined or not role_can(role, Action.EXPORT):
        CalendarFeed.objects.active().filter(
            user_id=user_id, organisation_id=organisation_id
        ).update(revoked_at=timezone.now())


@transaction.atomic
def record_approval(
    *, plan, version: int, approver: str, decided_on, decision: str, notes: str, user
) -> PlanApproval:
    """Record a decision on `version` of the plan and freeze that version's PDF with it.

    Raises `documents.VersionChanged` if the plan is no longer at `version`. The plan's row is
    locked while the PDF is built (on PostgreSQL), so no edit slips in between checking the
    version and storing the bytes.
    """
    current = ImplementationPlan.objects.select_for_update().get(pk=plan.pk)
    if current.version != version:
        raise documents.VersionChanged(current.version)
    document = documents.get_document(current, DocumentKind.FULL)
    if document.version != version:
        raise documents.VersionChanged(document.version)
    approval = PlanApproval.objects.create(
        plan=current,
        version=version,
        approver=approver,
        decided_on=decided_on,
        decision=decision,
        notes=notes,
        pdf=document.content,
        pdf_sha256=hashlib.sha256(document.content).hexdigest(),
        created_by=user,
    )
    # The audit log records who recorded it, in the same transaction.
    audit.record(user, current, AuditAction.APPROVED, audit.approval_detail(approval))
    return approval


# Template checkpoint kinds in the evaluation app's words.
CHECKPOINT_KIND_NAMES = {"three_month": "3_month", "six_month": "6_month"}
LEVEL_NUMBERS = {"low": 1, "medium": 2, "high": 3}
STAKEHOLDER_PLACEHOLDER = "{} — name to add"


@transaction.atomic
def start_plan_from_template(
    version, *, organisation, user, title, need, target_start_date, planned_wte=None
):
    """A new draft plan pre-filled from a published role template version.

    Everything is copied, nothing is linked back: later edits to the template never change
    the plan, which records the version it came from.
    """
    from datetime import timedelta

    from evaluation.models import EvaluationCheckpoint, Metric, Objective
    from governance.models import GovernanceArrangement, ScopeActivity, Stakeholder
    from roles.models import Role, RoleCategory, SkillMixChange

    content = version.content
    start = target_start_date
    bands = content.get("typical_bands") or []
    plan = ImplementationPlan.objects.create(
        organisation=organisation,
        title=title,
        need=need,
        role=Role.objects.get(slug=content["role"]),
        category=RoleCategory.objects.filter(slug=content.get("category") or "").first(),
        care_setting=content.get("care_setting") or "",
        band=bands[0] if bands else "",
        planned_wte=planned_wte,
        target_start_date=start,
        owner=user,
        created_by=user,
        template_version=version,
    )
    plan.skill_mix_changes.set(
        SkillMixChange.objects.filter(slug__in=content.get("skill_mix_changes") or [])
    )
    for stage, answers in (content.get("answers") or {}).items():
        StageResponse.objects.create(plan=plan, stage=stage, answers=dict(answers))
    for item in content.get("scope_of_practice") or []:
        ScopeActivity.objects.create(
            plan=plan,
            activity=item["activity"],
            level=item["level"],
            likelihood=item["likelihood"],
            severity=item["severity"],
            delegation_reasoning=item.get("reasoning", ""),
        )
    for item in content.get("stakeholders") or []:
        Stakeholder.objects.create(
            plan=plan,
            name=STAKEHOLDER_PLACEHOLDER.format(item["placeholder"]),
            group=item["group"],
            influence=LEVEL_NUMBERS[item["influence"]],
            interest=LEVEL_NUMBERS[item["interest"]],
            current_stance="neutral",
            desired_stance="supportive",
        )
    for item in content.get("risks") or []:
        Risk.objects.create(
            plan=plan,
            description=item["description"][:500],
            stage=item["stage"],
            likelihood=item["likelihood"],
            impact=item["impact"],
            mitigation=item.get("mitigation", ""),
        )
    objectives = {}
    for item in content.get("metrics") or []:
        statement = item["objective"][:300]
        if statement not in objectives:
            objectives[statement] = Objective.objects.create(
                plan=plan,
                statement=statement,
                need_met=need[:2000],
                measure=item["name"][:300],
                target_date=start + timedelta(days=365),
                responsible=str(user),
            )
        Metric.objects.create(
            plan=plan,
            objective=objectives[statement],
            name=item["name"],
            category=item["category"],
            unit=item.get("unit", ""),
            direction=item["direction"],
            target=None,
            data_source="",
        )
    for item in content.get("checkpoints") or []:
        EvaluationCheckpoint.objects.create(
            plan=plan,
            title=item["title"],
            kind=CHECKPOINT_KIND_NAMES.get(item["kind"], item["kind"]),
            due_date=start + timedelta(days=item["offset_days"]),
        )
    for item in content.get("training") or []:
        TrainingActivity.objects.create(
            plan=plan,
            title=item["title"],
            kind=item["kind"],
            competency_framework=(content.get("competency_framework") or "")[:200],
        )
    if content.get("supervision_model"):
        SupportArrangement.objects.create(plan=plan, supervision_plan=content["supervision_model"])
    GovernanceArrangement.objects.create(plan=plan, **_template_registration(plan.role, content))
    return plan


def _template_registration(role, content) -> dict:
    """The regulator and registration a template's role implies. People are left to name:
    a made-up name would hide the gap. A role with no regulator of its own whose template
    still asks for registration (through another profession or an accredited register)
    leaves the regulator for the plan to choose."""
    if role.is_regulated:
        return {
            "regulator": role.regulator.lower(),
            "registration_required": bool(content.get("registration_required")),
        }
    if content.get("registration_required"):
        return {"regulator": "", "registration_required": False}
    return {"regulator": "none", "registration_required": False}
