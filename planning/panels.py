"""What other parts of a plan show on a stage page, and what they add to the gaps list.

The guided workflow is the spine of the product: stakeholders appear on Stakeholder
Engagement, funding on Understanding Resource, and so on. Apps register here, from their
AppConfig.ready(), the panels they show on a stage and the gaps they report:

    panels.register_panel(Stage.STAKEHOLDER_ENGAGEMENT, StagePanel(
        key="stakeholders", title="Stakeholders",
        template="governance/panels/stakeholders.html", context=stakeholder_panel))
    panels.register_gap_source(stakeholder_gaps)

A panel's `context(plan)` returns the template's context; it must run a fixed number of
queries however large the plan grows. Its template gets `panel` (that context), `plan` and
`can.edit`, and nothing of the request: the HTML is cached per plan version, day, reference
data generation and edit permission (see `plan_cache`), so a panel shows only the plan's
content and the curated reference data. A gap source is `(plan) -> list[Gap]`.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StagePanel:
    key: str
    title: str
    template: str
    context: Callable
    order: int = 50  # lower shows first; the risks panel uses 90 to come last


_PANELS: dict[str, list[StagePanel]] = defaultdict(list)
_GAP_SOURCES: list[Callable] = []


def register_panel(stage: str, panel: StagePanel) -> None:
    if all(p.key != panel.key for p in _PANELS[stage]):
        _PANELS[stage].append(panel)


def panels_for(stage: str) -> list[StagePanel]:
    return sorted(_PANELS[stage], key=lambda panel: panel.order)


def register_gap_source(report: Callable) -> None:
    """`report(plan)` returns the Gaps one part of a plan reports (fixed query count)."""
    if report not in _GAP_SOURCES:
        _GAP_SOURCES.append(report)


def gap_sources() -> list[Callable]:
    return list(_GAP_SOURCES)


@dataclass(frozen=True)
class RenderedPanel:
    panel: StagePanel
    html: str


def rendered_panels(plan, stage: str, *, can_edit: bool, cache) -> list[RenderedPanel]:
    """The stage's panels as HTML, cached in the request's `plan_cache.PlanCache` (per plan
    version, day and reference generation) for each value of the edit permission."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    permission = "edit" if can_edit else "read"

    def render(panel):
        context = {"panel": panel.context(plan), "plan": plan, "can": {"edit": can_edit}}
        return render_to_string(panel.template, context)

    rendered = []
    for panel in panels_for(stage):
        html = cache.get(f"panel-{stage}-{panel.key}-{permission}", lambda p=panel: render(p))
        rendered.append(RenderedPanel(panel, mark_safe(html)))  # escaped when it was rendered
    return rendered


# --- Exports that other apps contribute -------------------------------------------------


@dataclass(frozen=True)
class CsvExport:
    """A spreadsheet of one kind of record. `rows(plan)` returns (header, rows)."""

    key: str
    title: str
    rows: Callable


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    day: object  # a date
    path: str  # the page it is about, from reverse(); the calendar makes it absolute
    description: str = ""


_CSV_EXPORTS: dict[str, CsvExport] = {}
_CALENDAR_SOURCES: list[Callable] = []


def register_csv_export(export: CsvExport) -> None:
    _CSV_EXPORTS[export.key] = export


def csv_exports() -> list[CsvExport]:
    return sorted(_CSV_EXPORTS.values(), key=lambda e: e.title)


def csv_export(key: str) -> CsvExport | None:
    return _CSV_EXPORTS.get(key)


def register_calendar_source(source: Callable) -> None:
    """`source(plans)` returns CalendarEvents for a queryset of plans (fixed query count)."""
    if source not in _CALENDAR_SOURCES:
        _CALENDAR_SOURCES.append(source)


def calendar_sources() -> list[Callable]:
    return list(_CALENDAR_SOURCES)


# --- Work due, for each person's Home page ---------------------------------------------


@dataclass(frozen=True)
class DueWork:
    """Something open that is due by a date: an action, an evaluation review."""

    kind: str  # what it is, as a person says it: "Action", "Evaluation review"
    title: str
    due: object  # a date
    plan_title: str
    path: str  # its page, from reverse()
    key: str = ""  # which record: "planning.risk:12" (reminders are sent once per record)


_DUE_WORK_SOURCES: list[Callable] = []
_OWNED_WORK_SOURCES: list[Callable] = []


def register_due_work(source: Callable) -> None:
    """`source(plans, until)` returns the DueWork still open and due on or before `until`, for
    a queryset of plans (one query)."""
    if source not in _DUE_WORK_SOURCES:
        _DUE_WORK_SOURCES.append(source)


def due_work_sources() -> list[Callable]:
    return list(_DUE_WORK_SOURCES)


def register_owned_work(source: Callable) -> None:
    """`source(plans, user)` returns every open record of these plans that the member owns
    (`planning.records.OwnedByMember`), as DueWork whose `due` may be None (one query)."""
    if source not in _OWNED_WORK_SOURCES:
        _OWNED_WORK_SOURCES.append(source)


def owned_work_sources() -> list[Callable]:
    return list(_OWNED_WORK_SOURCES)
