"""What other parts of a plan show on a stage page, and what they add to the gaps list.

The guided workflow is the spine of the product: stakeholders appear on Stakeholder
Engagement, funding on Understanding Resource, and so on. Apps register here, from their
AppConfig.ready(), the panels they show on a stage and the gaps they report:

    panels.register_panel(Stage.STAKEHOLDER_ENGAGEMENT, StagePanel(
        key="stakeholders", title="Stakeholders",
        template="governance/panels/stakeholders.html", context=stakeholder_panel,
        reads=(Stakeholder, Communication)))
    panels.register_gap_source(stakeholder_gaps, reads=(Stakeholder,))

A panel's `context(plan)` returns the template's context; it must run a fixed number of
queries however large the plan grows. Its template gets `panel` (that context), `plan` and
`can.edit`, and nothing of the request: the HTML is cached per day, reference data
generation and edit permission (see `plan_cache`), so a panel shows only the plan's content
and the reference data plan_cache tracks. A gap source is `(plan) -> list[Gap]`.

`reads` names every kind of the plan's records (models) a panel or gap source reads; its
result is then cached for those kinds' versions (and the plan's own fields), so it is kept
when other parts of the plan change. `tests/planning/test_content_reads.py` checks each
declaration against the tables its queries touch. Without `reads` a result is cached per
version of the whole plan: always right, but thrown away by any change.
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
    reads: tuple | None = None  # the kinds of plan records `context` reads (see above)


@dataclass(frozen=True)
class GapSource:
    report: Callable  # (plan) -> list[Gap]
    reads: tuple | None = None  # the kinds of plan records it reads (see above)

    @property
    def name(self) -> str:
        return f"{self.report.__module__}.{self.report.__qualname__}"


_PANELS: dict[str, list[StagePanel]] = defaultdict(list)
_GAP_SOURCES: list[GapSource] = []


def register_panel(stage: str, panel: StagePanel) -> None:
    if all(p.key != panel.key for p in _PANELS[stage]):
        _PANELS[stage].append(panel)


def panels_for(stage: str) -> list[StagePanel]:
    return sorted(_PANELS[stage], key=lambda panel: panel.order)


def register_gap_source(report: Callable, reads: tuple | None = None) -> None:
    if all(source.report is not report for source in _GAP_SOURCES):
        _GAP_SOURCES.append(GapSource(report, reads))


def gap_sources() -> list[GapSource]:
    return list(_GAP_SOURCES)


@dataclass(frozen=True)
class RenderedPanel:
    panel: StagePanel
    html: str


def rendered_panels(plan, stage: str, *, can_edit: bool, cache) -> list[RenderedPanel]:
    """The stage's panels as HTML. `cache` is the request's `plan_cache.PlanCache`: a panel's
    queries and rendering run only when what it reads, the day or the reference data changed."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    permission = "edit" if can_edit else "read"

    def render(panel):
        context = {"panel": panel.context(plan), "plan": plan, "can": {"edit": can_edit}}
        return render_to_string(panel.template, context)

    rendered = []
    for panel in panels_for(stage):
        html = cache.get(
            f"panel-{stage}-{panel.key}-{permission}", lambda p=panel: render(p), reads=panel.reads
        )
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
