"""A plan as a board-ready document: the implementation plan PDF, its print preview and the
one-page summary ("plan on a page"), the PDF cache, and sign-offs that freeze a version's PDF.

How a document is built
-----------------------
`document_html(plan)` renders `planning/pdf/document.html`: a cover, contents with page
numbers, an executive summary, one section per stage of the cycle (answers and checklist),
then the registered sections below, then the appendices (open gaps and risks; examples from
practice). The print CSS (`planning/pdf/base.css`, `document.css`, `summary.css`) is
inlined, so nothing needs fetching. The print preview is the same HTML served to the
browser. `summary_html(plan)` is the one-page summary. `render_pdf(html)` typesets either
with WeasyPrint; `get_pdf(plan, kind)` returns the PDF from the cache or typesets and
stores it (`RenderedDocument`, keyed by plan, version and kind).

Section registry
----------------
Other apps add their part of the plan to the document from their `AppConfig.ready()`:

    from planning.documents import DocumentSection, register_section

    register_section(DocumentSection(
        key="stakeholders",                     # unique; the anchor is #section-stakeholders
        title="Stakeholders",                   # the heading, in the contents and page header
        template="governance/pdf/stakeholders.html",
        context=stakeholder_section,            # (plan) -> dict for the template
        order=20,
    ))

- `context(plan)` gets the `ImplementationPlan` (organisation, role, category and owner
  already loaded) and returns the template's context. It must run a fixed number of queries
  however large the plan grows (use select_related / prefetch_related), like stage panels.
- The template renders the section's body only: the document adds the `<section>` and its
  `<h1>`; use `<h2>`/`<h3>` inside. It also receives `plan` (a `PlanPresenter`),
  `organisation` and `section`. Django autoescapes it: never mark what a person typed safe.
  Charts are inline `<svg>` elements; images must be the project's own static or media files
  (`{% static %}` or a file field's `.url`): any other URL, including `data:`, is refused.
- Tables: put the header row in `<thead>` (it repeats on every page); rows do not split,
  except a row with class `splittable`: give it to rows whose text may be taller than a
  page (over about 1,200 characters in a narrow column), since WeasyPrint stops repeating
  the header row when it has to split a row that avoids breaks.
  Classes from base.css and document.css: `doc-table` (`doc-table--dense` for many
  columns, `num` for right-aligned figures, `sub` for a second line in a cell), `doc-facts`
  (a two-column table: `<th scope="row">` label, `<td>` value), `tag tag--<colour>` (the
  colours of `newroles.ui.presenters.Tag`), `doc-muted`, `doc-small`, `doc-empty`,
  `doc-grid` (bordered cells, e.g. a power/interest grid), `doc-chart` (a figure with an SVG).
- `order` places the section among the others (lower first); the document's bands are:
  10-19 governance and scope of practice, 20-29 stakeholders and communication,
  30 training and support, 40 funding and cost estimate, 50 posts, 60-69 evaluation,
  80 risk register, 90 actions. Registering a key again replaces that section.
- The section's data must belong to the plan's parts (so changes raise `plan.version`,
  which keys the PDF cache) or be covered by the cache's fingerprint (see
  `document_fingerprint`): the date is in it, so anything that depends on today is fresh.

Security
--------
Every value a person typed is escaped by the templates. WeasyPrint fetches through
`InternalFetcher`, which serves only files under `https://newroles.invalid/static/` (found
by the staticfiles finders) and `https://newroles.invalid/media/` (inside MEDIA_ROOT) and
refuses every other URL by raising, recording what it refused; it never opens a connection.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.template import loader
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from newroles.ui.presenters import EMPTY, format_date, format_decimal, format_money

from . import audit, costing, gaps, selectors, workflow
from .models import (
    AuditAction,
    Competency,
    DocumentKind,
    FundingSource,
    GoodPracticePoint,
    ImplementationPlan,
    PlanAction,
    PlanApproval,
    PlanStatus,
    Post,
    RenderedDocument,
    Risk,
    RoleDocumentation,
    StageResponse,
    SupportArrangement,
    TrainingActivity,
    TrainingStatus,
)
from .presenters import (
    ActionPresenter,
    CostYearPresenter,
    FundingPresenter,
    PlanPresenter,
    PostPosition,
    PostPresenter,
    RiskPresenter,
    StageAnswersPresenter,
    TrainingPresenter,
)

logger = logging.getLogger("newroles.documents")

DOCUMENT_TEMPLATE = "planning/pdf/document.html"
SUMMARY_TEMPLATE = "planning/pdf/summary.html"
BASE_CSS_TEMPLATE = "planning/pdf/base.css"
DOCUMENT_CSS_TEMPLATE = "planning/pdf/document.css"
SUMMARY_CSS_TEMPLATE = "planning/pdf/summary.css"
WATERMARK = "DRAFT"

# --- The section registry -------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentSection:
    """A part of the implementation plan document after the stages (see the module docstring)."""

    key: str
    title: str
    template: str
    context: Callable
    order: int = 50

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"


_SECTIONS: dict[str, DocumentSection] = {}


def register_section(section: DocumentSection) -> None:
    """Add a section to every plan's document; registering a key again replaces it."""
    _SECTIONS[section.key] = section


def unregister_section(key: str) -> None:
    _SECTIONS.pop(key, None)


def registered_sections() -> list[DocumentSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.title))


# --- The URL fetcher ---------------------------------------------------------------------------

INTERNAL_HOST = "newroles.invalid"
INTERNAL_BASE = f"https://{INTERNAL_HOST}/"
STATIC_PREFIX = "/static/"
MEDIA_PREFIX = "/media/"
MAX_RESOURCE_BYTES = 5 * 1024 * 1024
RESOURCE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


class RefusedURL(ValueError):
    """WeasyPrint asked for something other than the project's own static or media files."""


class InternalFetcher(URLFetcher):
    """WeasyPrint's only way out: serves the project's own files, refuses everything else.

    The rule: a URL is served only if it is `https://newroles.invalid/static/<path>` (a file
    the staticfiles finders find) or `https://newroles.invalid/media/<path>` (a file inside
    MEDIA_ROOT once symlinks are resolved), with no `.`/`..` segments, backslashes or NUL,
    of an image, stylesheet or font type, at most 5 MB. Anything else (http, https to any
    other host, file, data, ftp...) raises `RefusedURL` and is recorded in `refused`. The
    parent's network code is never called, so no request ever leaves the process.
    """

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols=("https",), allow_redirects=False)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            path = self.resolve(url)
            data = path.read_bytes()
        except (RefusedURL, OSError) as error:
            self.refused.append(url)
            logger.warning("Document asked for %s: refused (%s)", url[:200], error)
            raise RefusedURL(f"Refused: {url[:200]}") from None
        self.served.append(url)
        content_type = RESOURCE_TYPES[path.suffix.lower()]
        return URLFetcherResponse(url, body=data, headers={"Content-Type": content_type})

    def open(self, url, data=None, timeout=None):  # never urllib's opener
        return self.fetch(getattr(url, "full_url", url))

    @staticmethod
    def resolve(url: str) -> Path:
        """The file a URL stands for, or RefusedURL."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise RefusedURL("not a URL") from None
        if parts.scheme.lower() != "https" or parts.netloc.lower() != INTERNAL_HOST:
            raise RefusedURL("not the internal base")
        path = unquote(parts.path)
        if "\x00" in path or "\\" in path:
            raise RefusedURL("bad characters")
        if any(segment in (".", "..") for segment in path.split("/")):
            raise RefusedURL("path traversal")
        if PurePosixPath(path).suffix.lower() not in RESOURCE_TYPES:
            raise RefusedURL("not an image, stylesheet or font")
        if path.startswith(STATIC_PREFIX):
            found = _static_file(path[len(STATIC_PREFIX) :])
        elif path.startswith(MEDIA_PREFIX):
            found = _inside(Path(settings.MEDIA_ROOT), path[len(MEDIA_PREFIX) :])
        else:
            raise RefusedURL("neither static nor media")
        if found is None or not found.is_file():
            raise RefusedURL("no such file")
        if found.stat().st_size > MAX_RESOURCE_BYTES:
            raise RefusedURL("too large")
        return found


def _inside(root: Path, relative: str) -> Path | None:
    root = root.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root):
        raise RefusedURL("outside its folder")
    return candidate


def _static_file(relative: str) -> Path | None:
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        raise RefusedURL("outside the static folders") from None
    if found:
        return Path(found).resolve()
    if settings.STATIC_ROOT:
        return _inside(Path(settings.STATIC_ROOT), relative)
    return None


def internal_media_url(name: str) -> str:
    return f"{INTERNAL_BASE}media/{quote(name)}"


# --- Typesetting ------------------------------------------------------------------------------


@dataclass
class RenderedPdf:
    pdf: bytes
    page_count: int
    fetcher: InternalFetcher
    seconds: float


def render_pdf(html: str, *, fetcher: InternalFetcher | None = None) -> RenderedPdf:
    """Typeset HTML (from this module's templates) as PDF. Fonts come from fontconfig."""
    fetcher = fetcher or InternalFetcher()
    started = time.perf_counter()
    document = HTML(string=html, base_url=INTERNAL_BASE, url_fetcher=fetcher).render()
    pdf = document.write_pdf()
    return RenderedPdf(pdf, len(document.pages), fetcher, time.perf_counter() - started)


# --- What the document shows --------------------------------------------------------------------


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


def _estimate(plan):
    return _memo(plan, "estimate", lambda: costing.estimate(plan))


def _checklist(plan):
    return _memo(plan, "checklist", lambda: selectors.checklist_of(plan))


def _logo(organisation, *, preview: bool) -> str:
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


def base_context(plan, *, preview: bool = False) -> dict:
    return {
        "plan": PlanPresenter(plan),
        "organisation": plan.organisation,
        "logo_url": _logo(plan.organisation, preview=preview),
        "watermark": WATERMARK if plan.status != PlanStatus.LIVE else "",
        "version_date": format_date(_version_date(plan)),
        "version_date_iso": (_version_date(plan) or timezone.localdate()).isoformat(),
        "preview": preview,
    }


def _funding_summary(plan) -> dict:
    estimate = _estimate(plan)
    short = estimate.shortfall_years
    return {
        "total_cost": format_money(estimate.total_cost),
        "total_funding": format_money(estimate.total_funding),
        "shortfall": format_money(max(estimate.total_cost - estimate.total_funding, 0)),
        "short": estimate.total_funding < estimate.total_cost,
        "shortfall_years": ", ".join(str(y.number) for y in short),
        "shortfall_year_count": len(short),
        "years": len(estimate.years),
        "notes": estimate.notes,
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


def case_studies_for(plan) -> list:
    """Published case studies linked to the plan's role, and those its stage pages suggest
    (the best matches for each stage). A fixed number of queries."""
    from roles.models import CaseStudy
    from roles.presenters import CaseStudyPresenter
    from roles.selectors import case_studies_for_stage

    from .models import Stage

    ids = set()
    if plan.role_id:
        ids |= set(
            CaseStudy.objects.published().filter(roles=plan.role_id).values_list("pk", flat=True)
        )
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
    return [CaseStudyPresenter(c) for c in studies]


def document_context(plan, *, preview: bool = False) -> dict:
    """Everything the implementation plan template shows."""
    checklist = _checklist(plan)
    progress = selectors.stage_progress(plan, checklist)
    context = base_context(plan, preview=preview)
    context.update(
        skill_mix_changes=list(plan.skill_mix_changes.all()),
        progress=progress,
        funding=_funding_summary(plan),
        stages=_stage_sections(plan, progress),
    )
    rendered = []
    for section in registered_sections():
        section_context = {**context, "section": section, **section.context(plan)}
        rendered.append(
            RenderedSection(section, render_to_string(section.template, section_context))
        )
    context["sections"] = rendered
    context["gaps"] = gaps.gaps_for(plan, checklist)
    context["case_studies"] = case_studies_for(plan)
    outline = [OutlineEntry("summary", "Executive summary")]
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
    risks = Risk.objects.filter(plan=plan).open().by_score()
    actions = PlanAction.objects.filter(plan=plan).open().order_by("due_date", "pk")
    context.update(
        limits=SUMMARY_LIMITS,
        skill_mix_changes=list(plan.skill_mix_changes.all()),
        progress=selectors.stage_progress(plan, checklist),
        funding=_funding_summary(plan),
        posts=PostPosition(list(Post.objects.filter(plan=plan))),
        risks=[RiskPresenter(r) for r in risks[: SUMMARY_LIMITS["risks"]]],
        risk_count=risks.count(),
        gaps=all_gaps[: SUMMARY_LIMITS["gaps"]],
        gap_count=len(all_gaps),
        actions=[ActionPresenter(a) for a in actions[: SUMMARY_LIMITS["actions"]]],
        action_count=actions.count(),
    )
    return context


def summary_html(plan, *, preview: bool = False) -> str:
    plan = load_plan(plan)
    return render_to_string(SUMMARY_TEMPLATE, summary_context(plan, preview=preview))


BUILDERS = {DocumentKind.FULL: document_html, DocumentKind.SUMMARY: summary_html}


# --- Planning's own sections --------------------------------------------------------------------


def training_section(plan) -> dict:
    activities = list(TrainingActivity.objects.filter(plan=plan))
    return {
        "support": SupportArrangement.objects.filter(plan=plan).first(),
        "activities": [TrainingPresenter(t) for t in activities],
        "competencies": list(Competency.objects.filter(plan=plan)),
        "training_total": format_money(
            sum((t.cost or 0) for t in activities if t.status != TrainingStatus.CANCELLED)
        ),
    }


def funding_section(plan) -> dict:
    from .models import CostAssumptions

    estimate = _estimate(plan)
    assumptions = CostAssumptions.objects.filter(plan=plan).first()
    return {
        "sources": [FundingPresenter(s) for s in FundingSource.objects.filter(plan=plan)],
        "assumptions": assumptions
        and {
            "supervision": f"{format_decimal(assumptions.supervision_hours_per_week)} hours a "
            "week in total",
            "band": assumptions.get_supervisor_band_display() or EMPTY,
            "backfill": f"{format_money(assumptions.backfill_cost_per_year)} a year",
        },
        "years": [CostYearPresenter(y) for y in estimate.years],
        "totals": {
            "cost": format_money(estimate.total_cost),
            "funding": format_money(estimate.total_funding),
            "balance": format_money(estimate.total_funding - estimate.total_cost),
        },
        "notes": estimate.notes,
    }


def posts_section(plan) -> dict:
    posts = list(Post.objects.filter(plan=plan))
    return {
        "posts": [PostPresenter(p) for p in posts],
        "position": PostPosition(posts),
        "documentation": RoleDocumentation.objects.filter(plan=plan).first(),
    }


def risks_section(plan) -> dict:
    return {"risks": [RiskPresenter(r) for r in selectors.risk_register(plan)]}


def actions_section(plan) -> dict:
    return {"actions": [ActionPresenter(a) for a in selectors.actions_of(plan)]}


for _section in (
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


# --- The cache -----------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _layout_digest(template_names: tuple[str, ...]) -> str:
    """Changes when a deployment changes any template the documents are built from."""
    digest = hashlib.sha256()
    for name in template_names:
        template = loader.get_template(name)
        digest.update(name.encode())
        digest.update(getattr(template.template, "source", "").encode())
    return digest.hexdigest()


def _template_names(kind) -> tuple[str, ...]:
    names = [BASE_CSS_TEMPLATE]
    if kind == DocumentKind.SUMMARY:
        names += [SUMMARY_CSS_TEMPLATE, SUMMARY_TEMPLATE]
    else:
        names += [DOCUMENT_CSS_TEMPLATE, DOCUMENT_TEMPLATE]
        names += sorted(s.template for s in registered_sections())
    return tuple(names)


def document_fingerprint(plan, kind) -> str:
    """What a document shows beyond the plan and its parts (whose changes raise
    `plan.version`): today's date (overdue actions, checkpoints and estimates without a start
    date depend on it), names of the organisation, owner, role and category, the logo, the
    library's published case studies, the good-practice points and the templates. Two
    queries."""
    from roles.models import CaseStudy

    studies = CaseStudy.objects.published().aggregate(count=Count("pk"), latest=Max("updated_at"))
    points = hashlib.sha256(
        repr(
            list(GoodPracticePoint.objects.values_list("pk", "code", "text", "risk", "severity"))
        ).encode()
    ).hexdigest()
    parts = [
        timezone.localdate().isoformat(),
        plan.organisation.name,
        _logo(plan.organisation, preview=False),
        str(plan.owner) if plan.owner_id else "",
        plan.role_name,
        str(plan.category) if plan.category_id else "",
        str(studies["count"]),
        str(studies["latest"]),
        points,
        _layout_digest(_template_names(kind)),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass
class DocumentPdf:
    pdf: bytes
    version: int
    page_count: int
    cached: bool
    refused: list[str] = field(default_factory=list)


def _current_version(plan_pk) -> int | None:
    return ImplementationPlan.objects.filter(pk=plan_pk).values_list("version", flat=True).first()


def get_pdf(plan, kind=DocumentKind.FULL) -> DocumentPdf:
    """The PDF of the plan as it is now: from the cache when this version (and fingerprint)
    was typeset before, else typeset and stored (replacing older versions of this kind)."""
    kind = DocumentKind(kind)
    plan = load_plan(plan)
    version = plan.version
    fingerprint = document_fingerprint(plan, kind)
    stored = RenderedDocument.objects.filter(
        plan_id=plan.pk, version=version, kind=kind, fingerprint=fingerprint
    ).first()
    if stored is not None:
        return DocumentPdf(bytes(stored.pdf), version, stored.page_count, cached=True)

    html = BUILDERS[kind](plan)
    rendered = render_pdf(html)
    # Store it only if nobody changed the plan while it was being built: else the bytes
    # could show something newer (or older) than the version they would be filed under.
    if _current_version(plan.pk) == version:
        try:
            with transaction.atomic():
                RenderedDocument.objects.filter(
                    plan_id=plan.pk, kind=kind, version__lte=version
                ).delete()
                RenderedDocument.objects.create(
                    plan_id=plan.pk,
                    version=version,
                    kind=kind,
                    fingerprint=fingerprint,
                    pdf=rendered.pdf,
                    page_count=rendered.page_count,
                    render_seconds=rendered.seconds,
                )
        except IntegrityError:  # another worker stored the same version meanwhile
            pass
    return DocumentPdf(
        rendered.pdf, version, rendered.page_count, cached=False, refused=rendered.fetcher.refused
    )


# --- Sign-off ----------------------------------------------------------------------------------


class VersionChanged(Exception):
    """The plan changed after the person opened the page: they approved something else."""

    def __init__(self, current_version):
        super().__init__(f"The plan is now at version {current_version}.")
        self.current_version = current_version


@transaction.atomic
def record_approval(
    plan, *, version: int, approver: str, decided_on, decision: str, notes: str, user
) -> PlanApproval:
    """Record a decision on `version` of the plan and freeze that version's PDF with it.

    The plan's row is locked while the PDF is built (on PostgreSQL), so no edit slips in
    between checking the version and storing the bytes.
    """
    current = ImplementationPlan.objects.select_for_update().get(pk=plan.pk)
    if current.version != version:
        raise VersionChanged(current.version)
    document = get_pdf(current, DocumentKind.FULL)
    if document.version != version:
        raise VersionChanged(document.version)
    approval = PlanApproval.objects.create(
        plan=current,
        version=version,
        approver=approver,
        decided_on=decided_on,
        decision=decision,
        notes=notes,
        pdf=document.pdf,
        pdf_sha256=hashlib.sha256(document.pdf).hexdigest(),
        created_by=user,
    )
    # The audit log records who recorded it, in the same transaction.
    audit.record(user, current, AuditAction.APPROVED, audit.approval_detail(approval))
    return approval
