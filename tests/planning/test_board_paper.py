"""The board paper's cover sheet: what only the lead knows, the paper's own version, the
money from the plan, and a sign-off block, the same on the page, the preview and the PDF."""

import io
from datetime import date

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import Action
from planning.models import BoardPaper
from tests.access import assert_access
from tests.factories import FundingSourceFactory, ImplementationPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle, lead):
    return ImplementationPlanFactory(
        organisation=organisation,
        title="Nursing associates on Ward 7",
        owner=lead,
        target_start_date=date(2027, 9, 1),
        planned_wte=6,
        band="4",
    )


def details(**overrides):
    data = {
        "meeting": "Trust Board, public session",
        "meeting_date_0": "14",
        "meeting_date_1": "1",
        "meeting_date_2": "2027",
        "purpose": "approval",
        "paper_status": "for_approval",
        "board_asked_to": "Approve six nursing associate posts on Ward 7 from September 2027.",
        "executive_lead": "Director of Nursing",
        "author": "Harriet Rees, HR business partner",
        "considered_before": "People Committee, 3 December 2026",
        "strategic_objectives": "Grow our own workforce",
        "assurance_framework_risks": "BAF 4: registered nurse supply",
        "quality_implications": "",
        "equality_implications": "",
        "workforce_implications": "Six trainee posts at band 3, moving to band 4.",
        "prepared_by": "Harriet Rees, HR business partner",
        "prepared_on_0": "1",
        "prepared_on_1": "12",
        "prepared_on_2": "2026",
        "reviewed_by": "",
        "reviewed_on_0": "",
        "reviewed_on_1": "",
        "reviewed_on_2": "",
        "lock_version": "0",
    }
    data.update(overrides)
    return data


def pdf_text(client, plan) -> str:
    response = client.get(reverse("documents:pdf", args=[plan.pk]))
    assert response.status_code == 200
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_lead_fills_the_cover_sheet_and_the_pdf_carries_it(lead_client, plan):
    url = reverse("documents:board_paper", args=[plan.pk])
    overview = lead_client.get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
    assert url in overview
    response = lead_client.post(url, details())
    assert response.status_code == 302
    paper = BoardPaper.objects.get(plan=plan)
    assert paper.meeting_date == date(2027, 1, 14)
    text = pdf_text(lead_client, plan)
    for expected in (
        "Cover sheet",
        "Trust Board, public session, 14 January 2027",
        "For approval",
        "Final, for approval",
        "The board is asked to",
        "Approve six nursing associate posts on Ward 7 from September 2027.",
        "People Committee, 3 December 2026",
        "BAF 4: registered nurse supply",
        "6 WTE planned at Agenda for Change band 4. Six trainee posts at band 3, moving to band 4.",
        "Harriet Rees, HR business partner 1 December 2026",
    ):
        assert expected in text, expected
    # What the lead left empty says so, once, rather than leaving a blank.
    assert "Reviewed Not given yet" in text
    # Quality implications left empty still say what the plan knows: no assessment yet.
    assert "Quality implications No quality impact assessment has been recorded." in text


def test_with_nothing_filled_in_the_paper_still_reads_well(lead_client, plan):
    text = pdf_text(lead_client, plan)
    assert "Meeting Not given yet" in text
    assert "Version Draft" in text
    assert "Status Draft for discussion" in text
    assert "No funding has been recorded." in text
    assert "Approved Not yet approved" in text


def test_quality_and_equality_implications_come_from_the_impact_assessments(lead_client, plan):
    from governance.models import AssessmentKind, ImpactAssessment

    text = pdf_text(lead_client, plan)
    assert "Quality implications No quality impact assessment has been recorded." in text
    assert "Equality implications No equality impact assessment has been recorded." in text

    ImpactAssessment.objects.create(
        plan=plan,
        kind=AssessmentKind.QUALITY,
        assessed_on=date(2026, 10, 1),
        outcome="Older assessment",
    )
    ImpactAssessment.objects.create(
        plan=plan,
        kind=AssessmentKind.BOTH,
        assessed_on=date(2026, 11, 20),
        outcome="No adverse impact on patient safety; supervision ratios protected.",
        reviewer="Deputy Director of Nursing",
    )
    lead_client.post(
        reverse("documents:board_paper", args=[plan.pk]),
        details(quality_implications="The ward's falls rate will be watched monthly."),
    )
    text = pdf_text(lead_client, plan)
    assert (
        "Quality implications Quality and equality impact assessment of 20 November 2026: No "
        "adverse impact on patient safety; supervision ratios protected. Reviewed by Deputy "
        "Director of Nursing. The ward's falls rate will be watched monthly."
    ) in text
    assert "Equality implications Quality and equality impact assessment of 20 November" in text
    assert "Older assessment" not in text.split("Workforce implications")[0]


def test_the_financial_implications_come_from_the_plans_costs_and_funding(lead_client, plan):
    call_command("load_reference_data", verbosity=0)  # the pay points the estimate uses
    FundingSourceFactory(plan=plan)
    text = pdf_text(lead_client, plan)
    assert "The role is estimated to cost £" in text
    assert "of funding recorded." in text


def test_the_paper_has_its_own_version_not_the_plans_change_counter(lead_client, plan):
    lead_client.post(reverse("documents:board_paper", args=[plan.pk]), details())
    plan.refresh_from_db()
    assert plan.version > 1
    assert "Version Draft" in pdf_text(lead_client, plan)
    decided = timezone.localdate()
    lead_client.post(
        reverse("documents:approval_create", args=[plan.pk]),
        {
            "version": str(plan.version),
            "approver": "Trust Board",
            "decided_on_0": str(decided.day),
            "decided_on_1": str(decided.month),
            "decided_on_2": str(decided.year),
            "decision": "approved",
        },
    )
    text = pdf_text(lead_client, plan)  # the same plan version, now approved
    assert "Version Approved version 1" in text
    when = f"{decided.day} {decided:%B %Y}"
    assert f"Status Approved by Trust Board on {when}" in text
    assert f"Approved Trust Board {when}" in text
    summary = lead_client.get(reverse("documents:summary_pdf", args=[plan.pk]))
    page = pypdf.PdfReader(io.BytesIO(summary.content)).pages[0].extract_text()
    assert "Approved version 1" in " ".join(page.split())


def test_bad_dates_on_the_cover_sheet_change_nothing(lead_client, plan):
    url = reverse("documents:board_paper", args=[plan.pk])
    response = lead_client.post(url, details(meeting_date_1="13"))
    assert response.status_code == 200
    assert "Date of the meeting must be a real date" in response.content.decode()
    assert not BoardPaper.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_editors_change_the_cover_sheet(client, plan, method):
    assert_access(
        client,
        reverse("documents:board_paper", args=[plan.pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method=method,
        data=details(),
    )


def test_a_plan_without_posts_says_no_costs_are_estimated_rather_than_nothing_costs(
    lead_client, organisation, cycle
):
    bare = ImplementationPlanFactory(organisation=organisation, planned_wte=None, band="")
    text = pdf_text(lead_client, bare)
    assert "No costs have been estimated yet. No funding has been recorded." in text
    assert "Posts at a band not given yet; the WTE is not given yet." in text
    assert "estimated to cost £0" not in text
    summary = lead_client.get(reverse("documents:summary_pdf", args=[bare.pk]))
    page = " ".join(pypdf.PdfReader(io.BytesIO(summary.content)).pages[0].extract_text().split())
    assert "No costs have been estimated yet." in page and "£0. Funding" not in page


# --- The executive summary, in prose ------------------------------------------------------------


def summary_of(text: str) -> str:
    """The executive summary's own page: after its heading, before "The role at a glance"."""
    return text.split("Executive summary The decision sought")[-1].split("The role at a glance")[0]


def test_the_executive_summary_tells_the_plan_in_order_with_its_own_figures(lead_client, plan):
    from evaluation.models import Objective
    from governance.models import GovernanceArrangement
    from tests.evaluation.factories import CheckpointFactory, MetricFactory
    from tests.factories import RiskFactory

    lead_client.post(reverse("documents:board_paper", args=[plan.pk]), details())
    for n, (likelihood, impact) in enumerate([(4, 4), (3, 3), (5, 4), (1, 1)]):
        RiskFactory(
            plan=plan,
            description=f"Risk {n}",
            likelihood=likelihood,
            impact=impact,
            mitigation=f"Mitigation {n}",
        )
    GovernanceArrangement.objects.create(
        plan=plan, line_manager="Ward manager", clinical_supervisor="Practice educator"
    )
    MetricFactory(
        plan=plan,
        objective=Objective.objects.create(
            plan=plan,
            statement="Fewer vacancies",
            need_met="x",
            measure="y",
            target_date=date(2028, 9, 1),
            responsible="Chief Nurse",
        ),
    )
    CheckpointFactory(plan=plan, title="Six-month review", due_date=date(2030, 3, 1))
    summary = summary_of(pdf_text(lead_client, plan))
    order = [
        "The board is asked to approve six nursing associate posts on Ward 7 from September 2027.",
        "The need",
        "The role The plan introduces",
        "It plans 6 whole-time equivalent posts at Agenda for Change band 4.",
        "Costs and funding",
        "Risks The 3 highest of 4 open risks: Risk 2 (scored 20 of 25): Mitigation 2.",
        "Risk 0 (scored 16 of 25): Mitigation 0. Risk 1 (scored 9 of 25): Mitigation 1.",
        "Governance and supervision Line manager: Ward manager; clinical supervisor: "
        "Practice educator. Not yet named: the accountable executive.",
        "Measuring success 1 measure shows whether 1 objective is met.",
        "The next review, Six-month review, is due on 1 March 2030.",
    ]
    positions = [summary.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    assert "Risk 3" not in summary  # only the top three


def test_a_plan_with_nothing_recorded_still_gives_a_summary_that_says_so(lead_client, plan):
    summary = summary_of(pdf_text(lead_client, plan))
    for sentence in (
        "The decision sought has not been written yet.",
        "No open risks are recorded.",
        "No governance arrangements are recorded yet.",
        "No measures of success are recorded yet. No review is planned.",
        "No funding recorded.",
    ):
        assert sentence in summary, sentence
    assert "Not given" not in summary


def test_a_new_release_typesets_the_paper_again(plan, settings):
    """What the paper says is partly composed in Python: a PDF stored by older code is not
    served after a deploy, even if the plan and the templates are unchanged."""
    from planning import documents
    from planning.models import DocumentKind

    before = documents.document_fingerprint(plan, DocumentKind.FULL)
    settings.CODE_VERSION = "a-new-release"
    assert documents.document_fingerprint(plan, DocumentKind.FULL) != before


def pdf_fullness(pdf: bytes) -> list[float]:
    """How far down each page its body text reaches, from 0 (nothing below the running
    header) to 1 (down to the footer), read with pypdf: the watermark is left out."""
    mm = 72 / 25.4
    fullness = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        top = float(page.mediabox.height) - 22 * mm  # the document's @page margins
        bottom = 20 * mm
        heights = []

        def visit(text, cm, tm, font, size, heights=heights, top=top, bottom=bottom):
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and text.strip() != "DRAFT" and bottom < y < top:
                heights.append(y)

        page.extract_text(visitor_text=visit)
        fullness.append((top - min(heights)) / (top - bottom) if heights else 0.0)
    return fullness


def test_no_page_of_the_paper_is_nearly_empty(lead_client, plan):
    """Sections follow one another: a short section or a table's last rows no longer leave a
    page with a few lines on it (the demo plan went from 32 pages, 4 of them nearly empty,
    to 24)."""
    from tests.planning.test_documents import fill

    fill(plan, risks=9, training=4)
    lead_client.post(reverse("documents:board_paper", args=[plan.pk]), details())
    response = lead_client.get(reverse("documents:pdf", args=[plan.pk]))
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    words = [len(page.extract_text().split()) for page in pages]
    fullness = pdf_fullness(response.content)
    assert len(pages) > 8
    # Every page but the last is at least a third full, and carries a page's worth of words.
    assert min(fullness[:-1]) >= 1 / 3, list(enumerate(fullness, 1))
    assert min(words[:-1]) >= 60, list(enumerate(words, 1))


def test_the_plan_on_a_page_and_the_paper_agree_figure_for_figure(lead_client, plan):
    """Both show the same presenters' figures: the cost and funding, the posts, the
    readiness of each stage, the top risks and the paper's version."""
    from planning import selectors
    from planning.presenters import PlanFunding, PlanRisks, PostPosition, StageProgress
    from tests.factories import PostFactory, RiskFactory

    call_command("load_reference_data", verbosity=0)  # the pay points the estimate uses
    FundingSourceFactory(plan=plan, name="Workforce development fund")
    PostFactory(plan=plan, title="Nursing associate 1")
    RiskFactory(plan=plan, description="Registrants leave for band 5 posts", likelihood=4)
    plan.refresh_from_db()

    def text_of(name):
        response = lead_client.get(reverse(name, args=[plan.pk]))
        assert response.status_code == 200
        pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
        return "".join("".join(page.extract_text().split()) for page in pages)

    paper, summary = text_of("documents:pdf"), text_of("documents:summary_pdf")
    funding = PlanFunding.of(plan)
    assert funding.is_estimated
    progress = StageProgress.all_of(
        plan, selectors.stage_counts(plan, selectors.checklist_of(plan))
    )
    top_risk = PlanRisks.of(plan).open[0]
    figures = [
        funding.total_cost,
        funding.total_funding,
        funding.status.label,
        PostPosition.of(plan).summary,
        "Draft",
        top_risk.description,
        top_risk.score_tag.label,
        *(f"{p.done}of{p.applicable}" for p in progress),
    ]
    for figure in figures:
        squashed = "".join(str(figure).split())
        assert squashed in paper, f"the paper lacks {figure!r}"
        assert squashed in summary, f"the plan on a page lacks {figure!r}"
