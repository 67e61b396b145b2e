"""A plan as a board-ready document: the implementation plan PDF, its print preview and the
one-page summary ("plan on a page"), the PDF cache, and sign-offs that freeze a version's PDF
(`services.record_approval`).

- `registry`: the sections other apps add to the document.
- `fetcher`: the security boundary. `render_pdf(html)` typesets with WeasyPrint through
  `InternalFetcher`, which serves only the project's own static and media files and refuses
  every other URL; it never opens a connection.
- `content`: what the documents show. `document_html(plan)` renders
  `planning/pdf/document.html`: a cover, contents with page numbers, an executive summary,
  one section per stage of the cycle (answers and checklist), the registered sections, then
  the appendices (open gaps and risks; examples from practice). The print CSS is inlined,
  so nothing needs fetching; the print preview is the same HTML. `summary_html(plan)` is the
  plan on a page. Each part of the plan is shown through the presenter its page uses
  (`PlanFunding`, `PlanTraining`, `PostPosition`, `PlanRisks`), so they cannot disagree.
- `cache`: `get_document(plan, kind)` returns the PDF (or Word file) from
  `RenderedDocument` (keyed by plan, version, kind and fingerprint) or builds and stores it.
- `builds`: downloads go through `request_document(plan, kind)`: the stored document, or a
  build queued for the task worker (`build_document`), whose progress the person follows.
- `word`: the implementation plan as a Word file, read from the same HTML as the PDF.

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
"""

from .cache import Document, VersionChanged, document_fingerprint, get_document
from .content import (
    SUMMARY_LIMITS,
    actions_section,
    base_context,
    case_studies_for,
    document_context,
    document_html,
    funding_section,
    load_plan,
    posts_section,
    risks_section,
    section_titles,
    summary_context,
    summary_html,
    training_section,
)
from .fetcher import InternalFetcher, RefusedURL, RenderedPdf, internal_media_url, render_pdf
from .registry import (
    DocumentSection,
    implications_of,
    register_implications,
    register_section,
    register_summary_part,
    registered_sections,
    unregister_section,
)

__all__ = [
    "SUMMARY_LIMITS",
    "Document",
    "DocumentSection",
    "InternalFetcher",
    "RefusedURL",
    "RenderedPdf",
    "VersionChanged",
    "actions_section",
    "base_context",
    "case_studies_for",
    "document_context",
    "document_fingerprint",
    "document_html",
    "funding_section",
    "get_document",
    "internal_media_url",
    "load_plan",
    "posts_section",
    "implications_of",
    "register_implications",
    "register_section",
    "register_summary_part",
    "registered_sections",
    "render_pdf",
    "risks_section",
    "section_titles",
    "summary_context",
    "summary_html",
    "training_section",
    "unregister_section",
]
