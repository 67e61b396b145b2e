"""Loading the curated reference data shipped in roles/data/ (idempotent, by slug)."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import (
    CaseStudy,
    CaseStudyStage,
    CaseStudyStatus,
    EmployerOnCosts,
    HighCostAreaSupplement,
    PayPoint,
    Role,
    RoleCategory,
    SkillMixChange,
    TemplateStatus,
)

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
                "registration_deadline": entry.get("registration_deadline"),
                "regulation_note": entry.get("regulation_note", ""),
                "regulation_source": entry.get("regulation_source", ""),
                "regulation_checked_on": entry.get("regulation_checked_on"),
                "typical_bands": entry.get("typical_bands", []),
                "arrs_reimbursable": entry.get("arrs_reimbursable", False),
                "description": entry["description"],
                "source": entry.get("source", ""),
                "curator_check": entry.get("curator_check", ""),
            },
        )
    return Role.objects.count()


def _load_pay_points():
    data = _read("pay_points.json")
    for band, points in data["bands"].items():
        entry, top = Decimal(points["entry"]), Decimal(points["top"])
        PayPoint.objects.update_or_create(
            band=band,
            effective_from=data["effective_from"],
            defaults={
                "entry_salary": entry,
                "top_salary": top,
                "annual_salary": PayPoint.mid_point(entry, top),
                "source": data["source"],
            },
        )
    rates = data["employer_on_costs"]
    EmployerOnCosts.objects.update_or_create(
        effective_from=rates["effective_from"],
        defaults={
            field: rates[field]
            for field in (
                "national_insurance_rate",
                "national_insurance_threshold",
                "pension_rate",
                "apprenticeship_levy_rate",
                "source",
                "note",
            )
        },
    )
    supplements = data["high_cost_area_supplements"]
    for zone, values in supplements["zones"].items():
        HighCostAreaSupplement.objects.update_or_create(
            zone=zone,
            effective_from=supplements["effective_from"],
            defaults={**values, "source": supplements["source"]},
        )
    return PayPoint.objects.count()


def _load_case_studies():
    """Add the shipped case studies that are not in the library yet, as published.

    Existing ones are left alone: once loaded, curators own them (edits, reviews, retiring).
    """
    from django.utils import timezone

    roles = {role.slug: role for role in Role.objects.all()}
    changes = {change.slug: change for change in SkillMixChange.objects.all()}
    for entry in _read("case_studies.json"):
        if CaseStudy.objects.filter(slug=entry["slug"]).exists():
            continue
        case_study = CaseStudy.objects.create(
            slug=entry["slug"],
            title=entry["title"],
            organisation_name=entry.get("organisation") or "",
            region=entry.get("region") or "",
            role_names=", ".join(entry.get("role_names") or []),
            care_setting=entry["care_setting"],
            skill_mix_change=changes.get(entry.get("skill_mix_change") or ""),
            summary=entry["summary"],
            what_they_did=entry.get("what_they_did") or "",
            outcomes=entry.get("outcomes") or "",
            lessons=entry.get("lessons") or "",
            source_title=entry["source_title"],
            source_publisher=entry.get("source_publisher") or "",
            source_year=entry.get("source_year"),
            source_url=entry.get("source_url") or "",
            status=CaseStudyStatus.PUBLISHED,
            last_reviewed=timezone.localdate(),
        )
        case_study.roles.set([roles[slug] for slug in entry.get("roles", []) if slug in roles])
        CaseStudyStage.objects.bulk_create(
            CaseStudyStage(case_study=case_study, stage=stage) for stage in entry["stages"]
        )
    reference_data_changed()  # bulk_create sends no signals
    return CaseStudy.objects.published().count()


def _load_role_templates():
    from .packages import load_role_templates

    path = DATA / "role_templates.json"
    return load_role_templates(
        json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    )


@transaction.atomic
def load_reference_data() -> list[str]:
    """Create or update every reference record; returns a line per kind for the console."""
    lines = [
        f"Kinds of new role: {_load_vocabulary(RoleCategory, 'role_categories.json')}",
        f"Kinds of skill-mix change: {_load_vocabulary(SkillMixChange, 'skill_mix_changes.json')}",
        f"Roles in the catalogue: {_load_roles()}",
        f"Pay points: {_load_pay_points()}",
        f"Published case studies: {_load_case_studies()}",
        f"Published role templates: {_load_role_templates()}",
    ]
    return lines


@transaction.atomic
def propose_case_study(form, *, organisation, user):
    """A lead's proposal arrives in the curators' queue, "In review", with the catalogue roles
    and the stages the lead chose."""
    from django.utils.text import slugify

    case_study = form.save(commit=False)
    case_study.status = CaseStudyStatus.IN_REVIEW
    case_study.proposed_by = organisation
    case_study.organisation_name = organisation.name
    case_study.source_publisher = organisation.name
    base = slugify(case_study.title)[:100] or "case-study"
    slug, counter = base, 1
    while CaseStudy.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    case_study.slug = slug
    case_study.save()
    form.save_m2m()
    CaseStudyStage.objects.bulk_create(
        CaseStudyStage(case_study=case_study, stage=stage) for stage in form.cleaned_data["stages"]
    )
    return case_study


def set_case_study_status(case_studies, status, *, curator):
    """Curators' actions: send for review, publish (which counts as a review), retire."""
    from django.utils import timezone

    updates = {"status": status, "curator": curator}
    if status == CaseStudyStatus.PUBLISHED:
        updates["last_reviewed"] = timezone.localdate()
    changed = case_studies.update(**updates)
    reference_data_changed()
    return changed


# --- Curators' decisions (the curators' pages, roles/curate_views.py) -------------------------


class CurationRefused(Exception):
    """A decision that does not fit the item's status (sending back a published case study)."""


PUBLISH, SEND_BACK, RETIRE = "publish", "send_back", "retire"


def case_study_decisions(case_study) -> set[str]:
    """What curators may decide about a case study now. Publishing a published one confirms
    it is still right (a review); only one in review goes back to its proposer. A draft (sent
    back, or being written in the admin) is not theirs to decide until it is in review."""
    status = case_study.status
    if status == CaseStudyStatus.DRAFT:
        return set()
    decisions = {PUBLISH}
    if status == CaseStudyStatus.IN_REVIEW:
        decisions.add(SEND_BACK)
    if status != CaseStudyStatus.RETIRED:
        decisions.add(RETIRE)
    return decisions


def template_decisions(template) -> set[str]:
    """What curators may decide about a role template now. A published one is not published
    again here (that would add a version for nothing: a new version of an edited template is
    published in the admin); a draft is not theirs to decide until it is in review."""
    status = template.status
    if status == TemplateStatus.DRAFT:
        return set()
    decisions = set()
    if status != TemplateStatus.PUBLISHED:
        decisions.add(PUBLISH)
    if status == TemplateStatus.IN_REVIEW:
        decisions.add(SEND_BACK)
    if status != TemplateStatus.RETIRED:
        decisions.add(RETIRE)
    return decisions


def _check(decision, allowed):
    if decision not in allowed:
        raise CurationRefused(f"It cannot be {decision.replace('_', ' ')} now.")


def _case_study_decided(case_study, curator, **changes):
    for field, value in changes.items():
        setattr(case_study, field, value)
    case_study.curator = curator
    case_study.save(update_fields=[*changes, "curator", "updated_at"])
    reference_data_changed()  # plans' stage panels show the published case studies


@transaction.atomic
def publish_case_study(*, case_study, curator):
    """Publish a proposal or a draft, or confirm a published one is still right: each is a
    review, so the next falls due in a year."""
    from django.utils import timezone

    _check(PUBLISH, case_study_decisions(case_study))
    _case_study_decided(
        case_study,
        curator,
        status=CaseStudyStatus.PUBLISHED,
        last_reviewed=timezone.localdate(),
    )


@transaction.atomic
def send_back_case_study(*, case_study, curator, comment: str):
    """Back to its proposer as a draft, with what to change (shown on their library page)."""
    _check(SEND_BACK, case_study_decisions(case_study))
    _case_study_decided(case_study, curator, status=CaseStudyStatus.DRAFT, curator_comment=comment)


@transaction.atomic
def retire_case_study(*, case_study, curator):
    """Out of the library and the plans' stage panels; it can be published again later."""
    _check(RETIRE, case_study_decisions(case_study))
    _case_study_decided(case_study, curator, status=CaseStudyStatus.RETIRED)


@transaction.atomic
def publish_template(*, template, curator):
    """Publish a template as its next version, the one plans start from. Raises
    ValidationError when a part of it could not start a plan."""
    from .packages import publish

    _check(PUBLISH, template_decisions(template))
    return publish(template, user=curator)


@transaction.atomic
def send_back_template(*, template, comment: str):
    """Decline a template offered from a plan: the reason is kept on the record and shown to
    the organisation that offered it on its library page."""
    _check(SEND_BACK, template_decisions(template))
    template.status = TemplateStatus.DRAFT
    template.curator_comment = comment
    template.save(update_fields=["status", "curator_comment", "updated_at"])


@transaction.atomic
def retire_template(*, template):
    """No new plan can start from it; plans started from it keep their own copy."""
    _check(RETIRE, template_decisions(template))
    template.status = TemplateStatus.RETIRED
    template.save(update_fields=["status", "updated_at"])


def reference_data_changed() -> None:
    """Raise the reference data's generation: plan pages cached with the old data (see
    planning.plan_cache) are worked out afresh, on every host."""
    from django.db.models import F

    from .models import ReferenceGeneration

    if not ReferenceGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        ReferenceGeneration.objects.get_or_create(pk=1, defaults={"value": 1})
