"""Role templates (off-the-shelf packages): checking their shape, publishing versions,
and loading the shipped ones from roles/data/role_templates.json.

Reference data sits below the plans, so this app imports nothing from `planning`. The one
check it cannot make itself, that a package's draft answers answer the workflow's questions,
belongs to the app that asks them: `planning` registers it here from its `AppConfig.ready()`
(`register_answer_check`), and `validate_package` runs it.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from .models import (
    CareSetting,
    RoleCategory,
    RoleTemplate,
    RoleTemplateVersion,
    SkillMixChange,
    Stage,
    TemplateStatus,
)

SCOPE_LEVELS = {"independent", "supervised", "not_permitted"}
STAKEHOLDER_GROUPS = {
    "sponsor",
    "clinical_champion",
    "line_manager",
    "clinical_supervisor",
    "existing_team",
    "hr",
    "finance",
    "education_provider",
    "regulator",
    "service_users",
    "staff_side",
    "partner",
    "commissioner",
}
LEVELS = {"low", "medium", "high"}
METRIC_CATEGORIES = {"patient_outcome", "service", "workforce", "finance", "staff_experience"}
CHECKPOINT_KINDS = {"three_month", "six_month", "annual", "end_of_pilot", "other"}
TRAINING_KINDS = {
    "higher_education",
    "apprenticeship",
    "in_house",
    "e_learning",
    "shadowing",
    "competency_sign_off",
}


def _score(value) -> bool:
    return isinstance(value, int) and 1 <= value <= 5


# (stage, answers) -> what is wrong with a stage's draft answers, or "" when nothing is.
AnswerCheck = Callable[[str, dict], str]
_answer_checks: list[AnswerCheck] = []


def register_answer_check(check: AnswerCheck) -> None:
    """Called from another app's `AppConfig.ready()` (planning checks the question codes)."""
    if check not in _answer_checks:
        _answer_checks.append(check)


# (stage, answers) -> [(question, answer as a person reads it)], in the stage's order.
AnswerReader = Callable[[str, dict], list[tuple[str, str]]]
_answer_readers: list[AnswerReader] = []


def register_answer_reader(reader: AnswerReader) -> None:
    """Called from `planning`'s `AppConfig.ready()`: it knows the questions' wording."""
    if reader not in _answer_readers:
        _answer_readers.append(reader)


def readable_answers(stage: str, answers: dict) -> list[tuple[str, str]]:
    """A package's draft answers for a stage with their questions, for the curators' preview."""
    if _answer_readers:
        return _answer_readers[0](stage, answers)
    return [(code.replace("_", " ").capitalize(), str(text)) for code, text in answers.items()]


def validate_package(template: RoleTemplate) -> None:
    """Check the structured parts, so that starting a plan from the template cannot fail."""
    errors = {}
    if not isinstance(template.answers, dict):
        errors["answers"] = "Give the answers as stage → question → text."
    else:
        for stage, answers in template.answers.items():
            if stage not in Stage.values or not isinstance(answers, dict):
                errors["answers"] = f"“{stage}” is not a stage of the cycle."
                continue
            for check in _answer_checks:
                if problem := check(stage, answers):
                    errors["answers"] = problem
    checks = {
        "scope_of_practice": lambda a: (
            a.get("activity")
            and a.get("level") in SCOPE_LEVELS
            and _score(a.get("likelihood"))
            and _score(a.get("severity"))
        ),
        "stakeholders": lambda s: (
            s.get("placeholder")
            and s.get("group") in STAKEHOLDER_GROUPS
            and s.get("influence") in LEVELS
            and s.get("interest") in LEVELS
        ),
        "risks": lambda r: (
            r.get("description")
            and r.get("stage") in Stage.values
            and _score(r.get("likelihood"))
            and _score(r.get("impact"))
        ),
        "metrics": lambda m: (
            m.get("name")
            and m.get("category") in METRIC_CATEGORIES
            and m.get("direction") in {"higher", "lower"}
            and m.get("objective")
        ),
        "checkpoints": lambda c: (
            c.get("title")
            and c.get("kind") in CHECKPOINT_KINDS
            and isinstance(c.get("offset_days"), int)
            and 0 <= c["offset_days"] <= 3650
        ),
        "training": lambda t: (
            isinstance(t.get("title"), str)
            and 0 < len(t["title"]) <= 200
            and t.get("kind") in TRAINING_KINDS
        ),
    }
    for field, valid in checks.items():
        items = getattr(template, field)
        if not isinstance(items, list) or not all(isinstance(i, dict) and valid(i) for i in items):
            errors[field] = f"An entry of {field.replace('_', ' ')} is incomplete or invalid."
    if errors:
        raise ValidationError(errors)


SNAPSHOT_FIELDS = [
    "title",
    "summary",
    "care_setting",
    "typical_bands",
    "regulation",
    "registration_required",
    "job_description_points",
    "training_route",
    "competency_framework",
    "supervision_model",
    "career_pathway",
    "answers",
    "scope_of_practice",
    "stakeholders",
    "risks",
    "metrics",
    "checkpoints",
    "training",
    "sources",
]


def snapshot(template: RoleTemplate) -> dict:
    content = {field: getattr(template, field) for field in SNAPSHOT_FIELDS}
    content["role"] = template.role.slug
    content["category"] = template.category.slug if template.category_id else ""
    content["skill_mix_changes"] = [c.slug for c in template.skill_mix_changes.all()]
    return content


@transaction.atomic
def publish(template: RoleTemplate, *, user=None) -> RoleTemplateVersion:
    """Freeze the template as its next version and make that the one plans start from."""
    validate_package(template)
    latest = template.versions.aggregate(n=Max("number"))["n"] or 0
    version = RoleTemplateVersion.objects.create(
        template=template, number=latest + 1, content=snapshot(template), published_by=user
    )
    template.current_version = version
    template.status = TemplateStatus.PUBLISHED
    template.save(update_fields=["current_version", "status", "updated_at"])
    return version


@transaction.atomic
def load_role_templates(entries) -> int:
    """Add shipped templates not in the library yet, and publish them (curators own them after)."""
    from .models import Role

    roles = {r.slug: r for r in Role.objects.all()}
    categories = {c.slug: c for c in RoleCategory.objects.all()}
    changes = {c.slug: c for c in SkillMixChange.objects.all()}
    for entry in entries:
        slug = f"{entry['role']}-package"
        if RoleTemplate.objects.filter(slug=slug).exists() or entry["role"] not in roles:
            continue
        template = RoleTemplate.objects.create(
            role=roles[entry["role"]],
            slug=slug,
            title=entry["title"],
            summary=entry["summary"],
            category=categories.get(entry.get("category", "")),
            care_setting=entry.get("care_setting", "")
            if entry.get("care_setting") in CareSetting.values
            else "",
            typical_bands=entry.get("typical_bands", []),
            regulation=entry.get("regulation", ""),
            registration_required=bool(entry.get("registration_required")),
            job_description_points="\n".join(entry.get("job_description_points", [])),
            training_route=entry.get("training_route", ""),
            competency_framework=entry.get("competency_framework", ""),
            supervision_model=entry.get("supervision_model", ""),
            career_pathway=entry.get("career_pathway", ""),
            answers=entry.get("answers", {}),
            scope_of_practice=entry.get("scope_of_practice", []),
            stakeholders=entry.get("stakeholders", []),
            risks=entry.get("risks", []),
            metrics=entry.get("metrics", []),
            checkpoints=entry.get("checkpoints", []),
            training=entry.get("training", []),
            sources="\n".join(entry.get("sources", [])),
            curator_check=entry.get("curator_check", ""),
        )
        template.skill_mix_changes.set(
            [changes[s] for s in entry.get("skill_mix_changes", []) if s in changes]
        )
        publish(template)
    return RoleTemplate.objects.published().count()
