"""The executive summary of the board paper, in prose composed from the plan: the decision
sought, the need, the role, the money year by year, the top risks, then what other apps add
(governance and supervision, how success is measured). What is not recorded is said once."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import Truncator

from ..presenters import PlanPresenter
from ..presenters.need import OptionAppraisal, SkillMix
from .registry import registered_summary_parts

TOP_RISKS = 3
# The summary quotes the start of a long mitigation; the risk register has all of it.
MITIGATION_WORDS = 40


@dataclass(frozen=True)
class Paragraph:
    heading: str
    text: str


def _role(plan) -> str:
    shown = PlanPresenter(plan)
    role = plan.role_name or "a new role not yet named"
    where = ", ".join(
        part
        for part in (
            shown.service_and_team if plan.service or plan.team else "",
            shown.care_setting.lower() if plan.care_setting else "",
        )
        if part
    )
    sentence = f"The plan introduces {role}" + (f" ({where})" if where else "") + "."
    if plan.planned_wte is not None:
        band = f" at Agenda for Change band {plan.band}" if plan.band else ""
        sentence += f" It plans {shown.wte} whole-time equivalent posts{band}."
    elif plan.band:
        sentence += f" Its posts are at Agenda for Change band {plan.band}."
    missing = [
        name
        for name, value in (("the WTE", plan.planned_wte), ("the band", plan.band))
        if value in (None, "")
    ]
    if plan.target_start_date:
        sentence += f" The first post-holders should start on {shown.target_start}"
        sentence += f", over a plan of {shown.horizon}."
    else:
        missing.append("the start date")
    if missing:
        sentence += f" Not yet recorded: {', '.join(missing)}."
    return sentence


def _money(funding) -> str:
    """The cost, the funding and the one verdict every place that shows the money gives
    (`PlanFunding.status`: a surplus in one year never pays for another year's shortfall)."""
    if funding.is_estimated:
        text = (
            f"The estimated cost is {funding.total_cost} over {funding.horizon}, against "
            f"{funding.total_funding} of funding."
        )
    else:
        text = "No costs have been estimated yet."
    text += f" {funding.status.label}."
    if funding.notes:
        text += " " + " ".join(funding.notes)
    return text


def _risks(risks) -> str:
    if not risks.open:
        return "No open risks are recorded."
    top = risks.open[:TOP_RISKS]
    parts = []
    for risk in top:
        mitigation = Truncator(risk.risk.mitigation.strip()).words(MITIGATION_WORDS)
        parts.append(
            f"{risk.risk.description.strip().rstrip('.')} (scored {risk.risk.score} of 25): "
            + (mitigation.rstrip(".") + "." if mitigation else "no mitigation recorded.")
        )
    lead = (
        f"The {len(top)} highest of {risks.open_count} open risks"
        if risks.open_count > len(top)
        else f"The {risks.open_count} open risk{'s' if risks.open_count != 1 else ''}"
    )
    return f"{lead}: " + " ".join(parts)


def executive_summary(plan, *, paper, funding, risks) -> list[Paragraph]:
    asked = paper.details.board_asked_to.strip()
    paragraphs = [
        Paragraph(
            "The decision sought",
            f"The board is asked to {asked[0].lower()}{asked[1:].rstrip('.')}."
            if asked
            else "The decision sought has not been written yet.",
        ),
        Paragraph("The need", plan.need.strip() or "The need has not been described yet."),
        Paragraph("Options considered", OptionAppraisal.of(plan).summary),
        Paragraph("The role", _role(plan)),
        Paragraph("Skill mix", SkillMix.of(plan).summary),
        Paragraph("Costs and funding", _money(funding)),
        Paragraph("Risks", _risks(risks)),
    ]
    for _order, part in registered_summary_parts():
        if added := part(plan):
            paragraphs.append(Paragraph(*added))
    return paragraphs
