"""What the documents show: the implementation plan's context (cover, contents, executive
summary, stages, registered sections, appendices), the plan on a page, and planning's own
sections. Every part of the plan is shown through the same presenter as on its page."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from newroles.ui.presenters import format_date

from .. import gaps, selectors, workflow
from ..models import GoodPracticePoint, ImplementationPlan, PlanAction, PlanStatus, StageResponse
from ..presenters import (
    ActionPresenter,
    PlanFunding,
    PlanPresenter,
    PlanRisks,
    PlanTraining,
    PostPosition,
    StageAnswersPresenter,
    StageProgress,
)
from .fetcher import internal_media_url
from .registry import DocumentSection, register_section, registered_sections
from .summary import executive_summary

DOCUMENT_TEMPLATE = "planning/pdf/document.html"
SUMMARY_TEMPLATE = "planning/pdf/summary.html"
BASE_CSS_TEMPLATE = "planning/pdf/base.css"
DOCUMENT_CSS_TEMPLATE = "planning/pdf/document.css"
SUMMARY_CSS_TEMPLATE = "planning/pdf/summary.css"
WATERMARK = "DRAFT"


def load_plan(plan_or_pk) -> ImplementationPlan:
    """The plan as it is now in the database, with what every section needs about it."""
    pk = getattr(plan_or_pk, "pk", plan_or_pk)
    return ImplementationPlan.objects.select_related(
        "organisation", "role", "category", "owner"
    ).get(pk=pk)


def _memo(plan, name, compute):
    """Share one computation between the sections of one rendering (the plan is fresh)."""
    cache = plan.__dict__.setdefault("_document_memo", {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def _funding(plan) -> PlanFunding:
    # The executive summary and the funding section show the same presenter.
    return _memo(plan, "funding", lambda: PlanFunding.of(plan))


def _checklist(plan):
    return _memo(plan, "checklist", lambda: selectors.checklist_of(plan))


def logo_url(organisation, *, preview: bool) -> str:
    """The organisation's logo, if it has one (no model field is added for it here)."""
    logo = getattr(organisation, "logo", None)
    name = getattr(logo, "name", "") if logo else ""
    if not name:
        return ""
    if preview:
        try:
            return logo.url
        except ValueError:
            return ""
    return internal_media_url(name)


@dataclass(frozen=True)
class OutlineEntry:
    anchor: str
    title: str
    level: int = 1


@dataclass
class RenderedSection:
    section: DocumentSection
    html: str


@dataclass
class StageSection:
    anchor: str
    title: str
    stage: object
    progress: object
    answers: StageAnswersPresenter


def _version_date(plan):
    return timezone.localtime(plan.updated_at).date() if plan.updated_at else None


def _paper(plan):
    from ..board_paper import BoardPaperPresenter

    return _memo(plan, "paper", lambda: BoardPaperPresenter.of(plan, _funding(plan)))


def base_context(plan, *, preview: bool = False) -> dict:
    return {
        "plan": PlanPresenter(plan),
        "paper": _paper(plan),
        "organisation": plan.organisation,
        "logo_url": logo_url(plan.organisation, preview=preview),
        "watermark": WATERMARK if plan.status != PlanStatus.LIVE else "",
        "version_date": format_date(_version_date(plan)),
        "version_date_iso": (_version_date(plan) or timezone.localdate()).isoformat(),
        "preview": preview,
    }


def _stage_sections(plan, progress) -> list[StageSection]:
    checklist = _checklist(plan)
    responses = {r.stage: r for r in StageResponse.objects.filter(plan=plan)}
    points_by_stage: dict[int, list] = {}
    for point in GoodPracticePoint.objects.order_by("stage__order", "order"):
        points_by_stage.setdefault(point.stage_id, []).append(point)
    sections = []
    for number, stage_progress in enumerate(progress, start=1):
        stage = stage_progress.stage
        sections.append(
            StageSection(
                anchor=f"stage-{stage.slug}",
                title=f"Stage {number}: {stage.title}",
                stage=stage,
                progress=stage_progress,
                answers=StageAnswersPresenter(
                    workflow.questions_for(stage.slug),
                    responses.get(stage.slug),
                    points_by_stage.get(stage.pk, []),
                    checklist,
                ),
            )
        )
    return sections


CASE_STUDIES = 3


def case_studies_for(plan, gaps=()) -> list:
    """At most three published case studies for the board: of the plan's role, and those its
    stage pages suggest (the best matches for each stage), chosen first for being about the
    role, then for the stages where the plan has the most open gaps. A fixed number of
    queries."""
    from roles.models import CaseStudy
    from roles.presenters import CaseStudyPresenter
    from roles.selectors import case_studies_for_stage

    from ..models import Stage

    role_ids = set()
    if plan.role_id:
        role_ids = set(
            CaseStudy.objects.published().filter(roles=plan.role_id).values_list("pk", flat=True)
        )
    ids = set(role_ids)
    for stage in Stage.values:
        ids |= {
            c.pk
            for c in case_studies_for_stage(
                stage, role_id=plan.role_id, care_setting=plan.care_setting
            )
        }
    studies = (
        CaseStudy.objects.published()
        .filter(pk__in=ids)
        .prefetch_related("stage_links", "roles")
        .order_by("title")
    )
    gaps_at = {}  # stage slug -> open gaps there
    for gap in gaps:
        if 1 <= gap.stage_order <= len(Stage.values):
            slug = Stage.values[gap.stage_order - 1]
            gaps_at[slug] = gaps_at.get(slug, 0) + 1

    def relevance(study):
        stages = {link.stage for link in study.stage_links.all()}
        return (study.pk not in role_ids, -sum(gaps_at.get(s, 0) for s in stages))

    chosen = sorted(studies, key=relevance)[:CASE_STUDIES]  # a stable sort: by title within
    return [CaseStudyPresenter(c) for c in chosen]


def document_context(plan, *, preview: bool = False) -> dict:
    """Everything the implementation plan template shows."""
    checklist = _checklist(plan)
    progress = StageProgress.all_of(plan, selectors.stage_counts(plan, checklist))
    context = base_context(plan, preview=preview)
    context.update(
        skill_mix_changes=list(plan.skill_mix_changes.all()),
        progress=progress,
        funding=_funding(plan),
        stages=_stage_sections(plan, progress),
        summary=executive_summary(
            plan, paper=_paper(plan), funding=_funding(plan), risks=PlanRisks.of(plan)
        ),
    )
    rendered = []
    for section in registered_sections():
        section_context = {**context, "section": section, **section.context(plan)}
        rendered.append(
            RenderedSection(section, render_to_string(section.template, section_context))
        )
    context["sections"] = rendered
    context["gaps"] = gaps.gaps_for(plan, checklist)
    context["case_studies"] = case_studies_for(plan, context["gaps"])
    outline = [
        OutlineEntry("cover-sheet", "Cover sheet"),
        OutlineEntry("summary", "Executive summary"),
    ]
    outline += [OutlineEntry(s.anchor, s.title) for s in context["stages"]]
    outline += [OutlineEntry(r.section.anchor, r.section.title) for r in rendered]
    outline += [
        OutlineEntry("appendix-gaps", "Appendix A: Open gaps and risks"),
        OutlineEntry("appendix-case-studies", "Appendix B: Examples from practice"),
    ]
    context["outline"] = outline
    return context


def document_html(plan, *, preview: bool = False, extra_context: dict | None = None) -> str:
    plan = load_plan(plan)
    context = document_context(plan, preview=preview)
    context.update(extra_context or {})
    return render_to_string(DOCUMENT_TEMPLATE, context)


def section_titles(plan) -> list[str]:
    """Every heading in the contents, in order (the tests check each is in the PDF)."""
    plan = load_plan(plan)
    return [entry.title for entry in document_context(plan)["outline"]]


SUMMARY_LIMITS = {"risks": 5, "gaps": 5, "actions": 5, "need": 600, "text": 140}


def summary_context(plan, *, preview: bool = False) -> dict:
    """The plan on a page: what it is, how far it has got, the money, the top risks and gaps,
    the next actions. Lists are cut short and long text truncated so it always fits a page."""
    checklist = _checklist(plan)
    context = base_context(plan, preview=preview)
    all_gaps = gaps.gaps_for(plan, checklist)
    risks = PlanRisks.of(plan)
    actions = PlanAction.objects.filter(plan=plan).open().order_by("due_date", "pk")
    context.update(
        limits=SUMMARY_LIMITS,
        skill_mix_changes=list(plan.skill_mix_changes.all()),
        progress=StageProgress.all_of(plan, selectors.stage_counts(plan, checklist)),
        funding=_funding(plan),
        posts=PostPosition.of(plan),
        risks=risks.open[: SUMMARY_LIMITS["risks"]],
        risk_count=risks.open_count,
        gaps=all_gaps[: SUMMARY_LIMITS["gaps"]],
        gap_count=len(all_gaps),
        actions=[ActionPresenter(a) for a in actions[: SUMMARY_LIMITS["actions"]]],
        action_count=actions.count(),
    )
    return context


def summary_html(plan, *, preview: bool = False) -> str:
    plan = load_plan(plan)
    return render_to_string(SUMMARY_TEMPLATE, summary_context(plan, preview=preview))


# --- Planning's own sections --------------------------------------------------------------------


def need_section(plan) -> dict:
    from ..presenters.need import OptionAppraisal, SkillMix

    return {"appraisal": OptionAppraisal.of(plan), "skill_mix": SkillMix.of(plan)}


def training_section(plan) -> dict:
    return {"training": PlanTraining.of(plan)}


def funding_section(plan) -> dict:
    return {"funding": _funding(plan)}


def posts_section(plan) -> dict:
    return {"position": PostPosition.of(plan)}


def risks_section(plan) -> dict:
    return {"risks": PlanRisks.of(plan)}


def actions_section(plan) -> dict:
    return {"actions": [ActionPresenter(a) for a in selectors.actions_of(plan)]}


for _section in (
    DocumentSection(
        "need",
        "Need analysis: options and skill mix",
        "planning/pdf/sections/need.html",
        need_section,
        20,
    ),
    DocumentSection(
        "training",
        "Training and support",
        "planning/pdf/sections/training.html",
        training_section,
        30,
    ),
    DocumentSection(
        "funding",
        "Funding and cost estimate",
        "planning/pdf/sections/funding.html",
        funding_section,
        40,
    ),
    DocumentSection(
        "posts", "Posts and recruitment", "planning/pdf/sections/posts.html", posts_section, 50
    ),
    DocumentSection(
        "risks", "Risk register", "planning/pdf/sections/risks.html", risks_section, 80
    ),
    DocumentSection(
        "actions", "Actions", "planning/pdf/sections/actions.html", actions_section, 90
    ),
):
    register_section(_section)
