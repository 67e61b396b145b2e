"""Each part of a plan reads the same wherever it is shown, because one presenter builds it.

Funding is shown in five places: the funding page, the Understanding Resource stage panel,
the implementation plan's executive summary and its funding section, and the plan on a page.
Each gives the same cost, funding and balance, and the same one-line verdict. Money is given
year by year, so a plan is covered only if every year is: a surplus in year 2 does not pay for
a shortfall in year 1, and no place may say "Covered" while a year falls short.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from planning import documents
from planning.models import PostStatus, Stage, SupportArrangement, TrainingStatus
from roles.models import PayPoint
from tests.factories import (
    FundingSourceFactory,
    ImplementationPlanFactory,
    PostFactory,
    RiskFactory,
    TrainingActivityFactory,
    flat_on_costs,
)

pytestmark = pytest.mark.django_db

START = date(2027, 4, 1)
YEAR_1 = "Year 1 (from 1 April 2027)"
YEAR_2 = "Year 2 (from 1 April 2028)"


@pytest.fixture
def plan(organisation, cycle):
    """Two years of two band 4 posts (£75,000 a year with on-costs), and a £3,000 course in
    year 1: £78,000 in year 1 and £75,000 in year 2."""
    flat_on_costs("0.25")
    PayPoint.objects.create(band="4", annual_salary=30000, effective_from=date(2025, 4, 1))
    plan = ImplementationPlanFactory(
        organisation=organisation,
        band="4",
        planned_wte=2,
        target_start_date=START,
        horizon_years=2,
    )
    TrainingActivityFactory(plan=plan, cost=3000, start_date=date(2027, 9, 1))
    return plan


@dataclass(frozen=True)
class Funding:
    """A way of funding the plan, and what every place must say of it."""

    sources: list  # (amount a year, first day)
    years: dict  # year -> (total cost, funding, balance)
    total_cost: str
    total_funding: str
    status: str


SHORT_IN_YEAR_1 = Funding(
    sources=[(60000, START), (40000, date(2028, 4, 1))],
    years={
        YEAR_1: ("£78,000", "£60,000", "Short by £18,000"),
        YEAR_2: ("£75,000", "£100,000", "Covered, £25,000 to spare"),
    },
    # More funding than cost over the two years, but none of year 2's surplus pays for year 1.
    total_cost="£153,000",
    total_funding="£160,000",
    status="Short by £18,000 in year 1",
)
COVERED = Funding(
    sources=[(80000, START)],
    years={
        YEAR_1: ("£78,000", "£80,000", "Covered, £2,000 to spare"),
        YEAR_2: ("£75,000", "£80,000", "Covered, £5,000 to spare"),
    },
    total_cost="£153,000",
    total_funding="£160,000",
    status="Covered in every year",
)
NO_FUNDING = Funding(
    sources=[],
    years={
        YEAR_1: ("£78,000", "£0", "Short by £78,000"),
        YEAR_2: ("£75,000", "£0", "Short by £75,000"),
    },
    total_cost="£153,000",
    total_funding="£0",
    status="No funding recorded",
)
CASES = pytest.mark.parametrize(
    "funding",
    [SHORT_IN_YEAR_1, COVERED, NO_FUNDING],
    ids=["short-in-year-1", "covered", "no-funding"],
)


# --- Reading what people see ------------------------------------------------------------------

# The responsive tables' cell labels, which only small screens show.
HIDDEN = re.compile(r'<(\w+)[^>]*aria-hidden="true"[^>]*>.*?</\1>', re.S)


def text(html: str) -> str:
    """What a reader sees: no tags, no aria-hidden labels, spaces collapsed."""
    return " ".join(unescape(strip_tags(HIDDEN.sub(" ", html).replace("<", " <"))).split())


def between(html: str, start: str, end: str) -> str:
    begins = html.index(start)
    return html[begins : html.index(end, begins)]


def year_rows(html: str) -> dict:
    """Each year's total cost, funding and balance, from the estimate table."""
    years = {}
    for row in re.findall(r"<tr\b.*?</tr>", html, re.S):
        cells = [text(cell) for cell in re.findall(r"<t[dh]\b.*?</t[dh]>", row, re.S)]
        if cells and cells[0].startswith("Year "):
            years[cells[0]] = tuple(cells[-3:])
    return years


def funding_page(client, plan) -> str:
    page = client.get(reverse("planning:funding", args=[plan.pk])).content.decode()
    return between(page, 'id="estimate"', 'id="assumptions"')


def resource_panel(client, plan) -> str:
    url = reverse("planning:stage", args=[plan.pk, Stage.UNDERSTANDING_RESOURCE])
    page = client.get(url).content.decode()
    return between(page, 'id="panel-funding"', "</details>")


def funding_section(plan) -> str:
    return between(documents.document_html(plan), 'id="section-funding"', "</section>")


def executive_summary(plan) -> str:
    return between(documents.document_html(plan), 'id="summary"', "</section>")


def plan_on_a_page(plan) -> str:
    return between(documents.summary_html(plan), 'class="block money"', "</div>")


def every_place(client, plan) -> dict[str, str]:
    return {
        "funding page": funding_page(client, plan),
        "Understanding Resource panel": resource_panel(client, plan),
        "executive summary": executive_summary(plan),
        "funding section": funding_section(plan),
        "plan on a page": plan_on_a_page(plan),
    }


def fund(plan, funding: Funding):
    for amount, starts in funding.sources:
        FundingSourceFactory(plan=plan, amount_per_year=amount, start_date=starts)


# --- Funding ----------------------------------------------------------------------------------


@CASES
def test_the_page_and_the_document_give_each_years_cost_funding_and_balance(
    lead_client, plan, funding
):
    fund(plan, funding)
    assert year_rows(funding_page(lead_client, plan)) == funding.years
    assert year_rows(funding_section(plan)) == funding.years


@CASES
def test_every_place_gives_the_same_totals_and_verdict(lead_client, plan, funding):
    fund(plan, funding)
    for place, html in every_place(lead_client, plan).items():
        shown = text(html)
        assert funding.total_cost in shown, place
        assert funding.total_funding in shown, place
        assert funding.status in shown, place


@CASES
def test_covered_is_said_only_of_a_year_that_is_or_of_a_plan_whose_every_year_is(
    lead_client, plan, funding
):
    fund(plan, funding)
    covered_years = [year for year, (*_, balance) in funding.years.items() if "Covered" in balance]
    verdict = 1 if funding.status == "Covered in every year" else 0
    for place, html in every_place(lead_client, plan).items():
        rows = covered_years if place in ("funding page", "funding section") else []
        assert text(html).count("Covered") == len(rows) + verdict, place


def test_a_surplus_in_year_2_does_not_cover_a_shortfall_in_year_1(lead_client, plan):
    fund(plan, SHORT_IN_YEAR_1)
    for place, html in every_place(lead_client, plan).items():
        shown = text(html)
        assert "Covered in every year" not in shown, place
        assert "Short by £18,000 in year 1" in shown, place


# --- Training, posts and risks ----------------------------------------------------------------


def test_training_reads_the_same_on_its_page_its_panel_and_in_the_document(lead_client, plan):
    TrainingActivityFactory(plan=plan, cost=1500, status=TrainingStatus.BOOKED)
    TrainingActivityFactory(plan=plan, cost=9999, status=TrainingStatus.CANCELLED)
    SupportArrangement.objects.create(plan=plan, supernumerary_weeks=1)
    page = text(lead_client.get(reverse("planning:training", args=[plan.pk])).content.decode())
    section = text(between(documents.document_html(plan), 'id="section-training"', "</section>"))
    url = reverse("planning:stage", args=[plan.pk, Stage.TRAINING_AND_SUPPORT])
    panel = text(between(lead_client.get(url).content.decode(), 'id="panel-training"', "</p>"))

    # £3,000 and £1,500; the cancelled course is not counted.
    assert "Total cost of training not cancelled: £4,500" in page
    assert "Total, excluding cancelled activities £4,500" in section
    assert "Supernumerary period 1 week " in page
    assert "Supernumerary period 1 week " in section
    assert "3 training activities" in panel
    assert "Support arrangements are recorded." in panel


def test_posts_read_the_same_on_their_page_the_overview_and_in_both_documents(lead_client, plan):
    PostFactory(plan=plan, wte=1, status=PostStatus.IN_POST)
    PostFactory(plan=plan, wte=Decimal("0.5"), status=PostStatus.RECRUITING)
    position = "1.5 WTE funded: 1 in post, 0.5 vacant. 0 leavers."
    for url in (
        reverse("planning:posts", args=[plan.pk]),
        reverse("planning:plan_detail", args=[plan.pk]),
    ):
        assert position in text(lead_client.get(url).content.decode()), url
    assert position in text(documents.document_html(plan))
    assert position in text(documents.summary_html(plan))


def test_open_risks_are_the_same_on_the_stage_panel_and_the_plan_on_a_page(lead_client, plan):
    RiskFactory(plan=plan, stage=Stage.UNDERSTANDING_RESOURCE, likelihood=5, impact=5)
    RiskFactory(plan=plan, likelihood=1, impact=2)  # the whole plan's
    RiskFactory(
        plan=plan, stage=Stage.UNDERSTANDING_RESOURCE, likelihood=3, impact=3, status="closed"
    )
    url = reverse("planning:stage", args=[plan.pk, Stage.UNDERSTANDING_RESOURCE])
    panel = text(between(lead_client.get(url).content.decode(), 'id="panel-risks"', "</details>"))
    summary = text(between(documents.summary_html(plan), "<h2>Top risks</h2>", "</div>"))
    register = text(documents.document_html(plan))

    assert "Risk register (2 open)" in panel
    assert "25 extreme" in panel and "2 low" not in panel  # this stage's open risks
    assert "25 extreme" in summary and "2 low" in summary  # every open risk
    assert "9 high" not in panel + summary  # closed
    assert "9 high" in register  # the register lists closed risks too
