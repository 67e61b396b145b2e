"""Reusable reads of the reference library."""

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When

from .models import CaseStudy

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
