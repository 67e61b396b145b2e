"""Governance's parts of the implementation plan document (registered in apps.py).

Two sections (see `planning.documents` for the registry):

- "Governance and scope of practice" (order 10): the governance arrangements, the scope of
  practice with each activity's rating, impact assessments, and policies and procedures.
- "Stakeholders and communication" (order 20): the stakeholders, the influence and interest
  grid (a bordered table that fits an A4 page), and the communication plan.

Each context function runs a fixed number of queries however large the plan grows. The
templates escape everything a person typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from newroles.ui.presenters import format_date

from . import selectors
from .models import AMBER_RATING, RED_RATING, AssessmentKind
from .presenters import (
    ArrangementPresenter,
    AssessmentPresenter,
    CommunicationPresenter,
    GridCell,
    PolicyPresenter,
    PowerInterestGrid,
    ScopeActivityPresenter,
    StakeholderPresenter,
)

GOVERNANCE_TEMPLATE = "governance/pdf/governance.html"
STAKEHOLDERS_TEMPLATE = "governance/pdf/stakeholders.html"

# A grid square names at most this many people in print, so the grid always fits one page;
# everyone is in the stakeholder table above it.
PRINT_NAMES_PER_CELL = 10
# Text longer than this may make a row taller than a page: such rows may split.
LONG_TEXT = 1200


class PrintScopeActivity(ScopeActivityPresenter):
    @property
    def long(self) -> bool:
        a = self.activity
        return len(a.delegation_reasoning) + len(a.conditions) > LONG_TEXT


def governance_section(plan) -> dict:
    """Arrangements, scope of practice, impact assessments and policies: four queries."""
    return {
        "arrangement": ArrangementPresenter(selectors.arrangement_of(plan)),
        "activities": [PrintScopeActivity(a) for a in selectors.scope_of(plan)],
        "assessments": [AssessmentPresenter(a) for a in selectors.impact_assessments_of(plan)],
        "policies": [PolicyPresenter(p) for p in selectors.policies_of(plan)],
        "long_text": LONG_TEXT,
        "red_rating": RED_RATING,
        "amber_rating": AMBER_RATING,
    }


@dataclass(frozen=True)
class PrintGridCell:
    """One square of the grid as printed: its approach, colour and the first few names."""

    cell: GridCell
    names: list[str]
    more: int

    @property
    def approach_label(self) -> str:
        return self.cell.approach_label

    @property
    def fill(self) -> str:  # one of the presenter's own colours, never user input
        return self.cell.fill

    @property
    def count(self) -> int:
        return len(self.cell.entries)


def print_grid_rows(grid: PowerInterestGrid) -> list[tuple[str, list[PrintGridCell]]]:
    """The grid's rows (highest influence first) with each square's names cut short."""
    return [
        (
            label,
            [
                PrintGridCell(
                    cell,
                    [entry.name for entry in cell.entries[:PRINT_NAMES_PER_CELL]],
                    max(0, len(cell.entries) - PRINT_NAMES_PER_CELL),
                )
                for cell in cells
            ],
        )
        for label, cells in grid.rows
    ]


def stakeholders_section(plan) -> dict:
    """Stakeholders (also placed on the grid) and the communication plan: two queries."""
    stakeholders = list(selectors.stakeholders_of(plan))
    grid = PowerInterestGrid(plan.pk, stakeholders)
    return {
        "stakeholders": [StakeholderPresenter(s) for s in stakeholders],
        "grid": grid,
        "grid_rows": print_grid_rows(grid),
        "names_per_cell": PRINT_NAMES_PER_CELL,
        "communications": [CommunicationPresenter(c) for c in selectors.communication_plan(plan)],
    }


def supervision_summary(plan) -> tuple[str, str]:
    """Who answers for the role and who supervises it, for the executive summary (one
    query)."""
    arrangement = selectors.arrangement_of(plan)
    if arrangement is None:
        return ("Governance and supervision", "No governance arrangements are recorded yet.")
    named = [
        f"{label} {value.strip()}"
        for label, value in (
            ("Accountable executive:", arrangement.accountable_executive),
            ("line manager:", arrangement.line_manager),
            ("clinical supervisor:", arrangement.clinical_supervisor),
        )
        if value.strip()
    ]
    text = ("; ".join(named) + ".") if named else ""
    if arrangement.supervision_frequency.strip():
        text += f" Supervision: {arrangement.supervision_frequency.strip().rstrip('.')}."
    if to_name := arrangement.people_to_name:
        text += f" Not yet named: {', '.join(to_name)}."
    if arrangement.lacks_same_person_reason:
        text += " The line manager is also the clinical supervisor, with no reason recorded."
    return ("Governance and supervision", text.strip()[0].upper() + text.strip()[1:])


def assessment_implications(plan) -> dict[str, str]:
    """The board paper's quality and equality implications, from the latest impact
    assessment of each kind (one query): its date, outcome and reviewer, or that none is
    recorded."""
    latest = {}
    for assessment in selectors.impact_assessments_of(plan):  # newest first
        kinds = (
            ["quality", "equality"] if assessment.kind == AssessmentKind.BOTH else [assessment.kind]
        )
        for kind in kinds:
            latest.setdefault(kind, assessment)
    said = {}
    for kind in ("quality", "equality"):
        assessment = latest.get(kind)
        if assessment is None:
            said[kind] = f"No {kind} impact assessment has been recorded."
            continue
        outcome = assessment.outcome.strip().rstrip(".") or "no outcome recorded"
        sentence = (
            f"{assessment.get_kind_display()} of {format_date(assessment.assessed_on)}: {outcome}."
        )
        if assessment.reviewer.strip():
            sentence += f" Reviewed by {assessment.reviewer.strip()}."
        said[kind] = sentence
    return said
