"""Reusable reads of the reference library."""

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Value, When
from django.shortcuts import get_object_or_404

from .models import (
    CaseStudy,
    CaseStudyStatus,
    RoleCategory,
    RoleTemplate,
    SkillMixChange,
    TemplateStatus,
)

STAGE_PANEL_SIZE = 3


def library(q="", stage="", care_setting="", role=None, skill_mix_change=None):
    """Published case studies matching a search and filters, for the library page."""
    case_studies = CaseStudy.objects.published().search(q)
    if stage:
        case_studies = case_studies.for_stage(stage)
    if care_setting:
        case_studies = case_studies.filter(care_setting=care_setting)
    if role:
        case_studies = case_studies.filter(roles=role)
    if skill_mix_change:
        case_studies = case_studies.filter(skill_mix_change=skill_mix_change)
    return (
        case_studies.distinct()
        .select_related("skill_mix_change")
        .prefetch_related("stage_links", "roles")
    )


def case_studies_for_stage(stage, *, role_id=None, care_setting="", limit=STAGE_PANEL_SIZE):
    """Up to three published case studies of a stage, best match for the plan first:
    the same role counts double, the same care setting once."""
    role_match = Exists(
        CaseStudy.roles.through.objects.filter(casestudy_id=OuterRef("pk"), role_id=role_id)
    )
    score = Case(When(role_match, then=Value(2)), default=Value(0), output_field=IntegerField())
    score += Case(
        When(care_setting=care_setting or "-", then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        CaseStudy.objects.published()
        .for_stage(stage)
        .annotate(match=score)
        .order_by("-match", "title")[:limit]
    )


def role_categories():
    """The kinds of new role, in the curated order (the help pages explain them)."""
    return list(RoleCategory.objects.all())


def skill_mix_changes():
    """The kinds of skill-mix change, in the curated order (the help pages explain them)."""
    return list(SkillMixChange.objects.all())


# --- The curators' pages --------------------------------------------------------------------


def curation_queue(today=None) -> dict:
    """What awaits the curators: proposed case studies, templates offered from plans (both
    "In review", oldest first) and published case studies due for their yearly review."""
    return {
        "proposals": list(
            CaseStudy.objects.filter(status=CaseStudyStatus.IN_REVIEW)
            .select_related("proposed_by")
            .prefetch_related("stage_links")
            .order_by("updated_at", "pk")
        ),
        "offered": list(
            RoleTemplate.objects.filter(status=TemplateStatus.IN_REVIEW)
            .select_related("role", "offered_by")
            .order_by("updated_at", "pk")
        ),
        "due": list(
            CaseStudy.objects.review_due(today).order_by(
                F("last_reviewed").asc(nulls_first=True), "title"
            )
        ),
    }


def case_study_for_curators(pk):
    """Any case study, whatever its status (404 when there is none)."""
    return get_object_or_404(
        CaseStudy.objects.select_related("skill_mix_change", "proposed_by").prefetch_related(
            "roles", "stage_links"
        ),
        pk=pk,
    )


def template_for_curators(pk):
    """Any role template, whatever its status (404 when there is none)."""
    return get_object_or_404(
        RoleTemplate.objects.select_related("role", "category", "offered_by").prefetch_related(
            "skill_mix_changes"
        ),
        pk=pk,
    )


def proposals_of(organisation) -> dict:
    """What an organisation sent the curators and they have not published (yet): case studies
    it proposed and role templates offered from its plans, with any comment sent back."""
    waiting = [CaseStudyStatus.IN_REVIEW, CaseStudyStatus.DRAFT]
    return {
        "case_studies": list(
            CaseStudy.objects.filter(proposed_by=organisation, status__in=waiting).order_by(
                "-updated_at"
            )
        ),
        "templates": list(
            RoleTemplate.objects.filter(
                offered_by=organisation,
                status__in=[TemplateStatus.IN_REVIEW, TemplateStatus.DRAFT],
            ).order_by("-updated_at")
        ),
    }
