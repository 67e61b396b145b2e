"""A workforce lead's and an HR adviser's whole journeys, in a real browser at 1280 and 390 px,
with axe on every page they pass through. Screenshots land in tests/artifacts/ to look at."""

import csv
import io
import re
from datetime import date

import pytest
import vobject
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from evaluation.models import Measurement
from newroles.accounts.permissions import MemberRole
from planning.models import ImplementationPlan, StageResponse
from tests.browser.conftest import ARTIFACTS, AXE_EXCLUDE, axe_violations
from tests.factories import ImplementationPlanFactory, MembershipFactory, RiskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAGES = [
    "Underpinning Approach",
    "Setting a Foundation",
    "Understanding Resource",
    "Stakeholder Engagement",
    "Training and Support",
    "Monitor and Evaluate",
]


@pytest.fixture
def library():
    call_command("load_reference_data", verbosity=0)


SETTLED_HEADER = """() => {
    const list = document.querySelector('.nhsuk-header__navigation-list');
    return !list || list.scrollWidth <= list.clientWidth + 1;
}"""


def excluded(page) -> list[str]:
    from urllib.parse import urlparse

    from django.urls import resolve

    return AXE_EXCLUDE.get(resolve(urlparse(page.url).path).view_name, [])


@pytest.fixture
def at_both_widths():
    """at_both_widths(page, name): axe finds nothing at 1280 and at 390 px; a screenshot of
    each is kept in tests/artifacts/journey-<name>-<width>.png. A page's own decoration that
    axe should leave out is named in tests/browser/conftest.AXE_EXCLUDE."""
    ARTIFACTS.mkdir(exist_ok=True)

    def check(page, name):
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            # The header moves links that no longer fit into its "More" menu on resize.
            page.wait_for_function(SETTLED_HEADER)
            problems = axe_violations(page, f"{name} at {width}px", exclude=excluded(page))
            assert problems == [], "\n".join(problems)
            page.screenshot(path=str(ARTIFACTS / f"journey-{name}-{width}.png"), full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (
                f"{name} scrolls sideways at {width}px"
            )
        page.set_viewport_size({"width": 1280, "height": 900})

    return check


def test_a_lead_starts_a_plan_from_home_and_takes_it_through_the_six_stages(
    live_server, signed_in, library, at_both_widths
):
    lead = MembershipFactory(role=MemberRole.LEAD, organisation__name="Brightwater NHS Trust").user
    page = signed_in(lead)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new roles")
    at_both_widths(page, "home-empty")

    page.get_by_role("link", name=re.compile("^Peer support worker.*start a plan")).click()
    page.get_by_label("What need is the role meant to meet?").fill(
        "People leaving hospital feel alone in the first weeks."
    )
    page.get_by_label("Plan title").fill("Peer support on discharge")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support on discharge")
    statuses = page.locator(".nhsuk-task-list__status")
    expect(statuses.get_by_text("Not started", exact=True)).to_have_count(6)
    at_both_widths(page, "overview-new")

    page.get_by_role("link", name="1. Underpinning Approach").click()
    for stage in STAGES:
        expect(page.get_by_role("heading", level=1)).to_have_text(stage)
        at_both_widths(page, f"stage-{stage.lower().replace(' ', '-')}")
        done = page.locator("input[type=radio][value=done]")
        for index in range(done.count()):
            done.nth(index).check()
        page.get_by_role(
            "button", name=re.compile("Save and (continue|go to the plan overview)")
        ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support on discharge")
    expect(statuses.get_by_text("Complete", exact=True)).to_have_count(6)
    plan = ImplementationPlan.objects.get(title="Peer support on discharge")
    assert StageResponse.objects.filter(plan=plan).count() == 6
    # Where it stands: the gaps counted by severity, the worst few, the rest one click away.
    expect(page.get_by_role("heading", name="Gaps and risks")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^See all \d+ gaps")).click()
    unset = page.get_by_role("link", name=re.compile("^Set a baseline and a target:"))
    expect(unset).to_have_count(plan.metrics.count())  # a template makes up no targets
    at_both_widths(page, "gaps")
    unset.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change metric")

    # A first measurement from the metric's own page, its review made on the way.
    metric = plan.metrics.order_by("pk").first()
    page.goto(f"{live_server.url}/plans/{plan.pk}/evaluation/metrics/{metric.pk}/")
    expect(page.get_by_text("Not measured yet").first).to_be_visible()
    page.get_by_role("button", name="Record a value").click()
    page.get_by_label("A new review, named and dated below").check()
    page.get_by_label("Name of the new review").fill("First look at the figures")
    measured_on = page.get_by_role("group", name=re.compile("^Date it was measured"))
    measured_on.get_by_label("Day").fill("1")
    measured_on.get_by_label("Month").fill("11")
    measured_on.get_by_label("Year").fill("2026")
    at_both_widths(page, "record-a-value")
    page.get_by_label(re.compile("^Value")).fill("4")
    page.get_by_role("button", name="Record the value").click()
    expect(page.get_by_text("Value recorded at “First look at the figures”.")).to_be_visible()
    expect(page.get_by_text("No target set", exact=True)).to_be_visible()
    at_both_widths(page, "metric-measured")
    assert Measurement.objects.get(metric=metric).checkpoint.title == "First look at the figures"

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Peer support on discharge")).to_be_visible()
    at_both_widths(page, "home-with-a-plan")


def test_hr_takes_the_board_paper_and_the_spreadsheets_from_the_plan(
    live_server, signed_in, library, at_both_widths
):
    hr = MembershipFactory(role=MemberRole.HR, organisation__name="Brightwater NHS Trust")
    plan = ImplementationPlanFactory(
        organisation=hr.organisation,
        title="Nursing associates on Ward 7",
        need="Ward 7 has registered nurse vacancies.",
        target_start_date=date(2027, 9, 1),
    )
    RiskFactory(plan=plan, description="Backfill for study days is not funded")
    page = signed_in(hr.user)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Nursing associates on Ward 7").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nursing associates on Ward 7")
    at_both_widths(page, "hr-overview")

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Implementation plan for the board (PDF)").click()
    reader = PdfReader(pdf.value.path())
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Nursing associates on Ward 7" in text and "Brightwater NHS Trust" in text
    assert "Backfill for study days is not funded" in text

    with page.expect_download() as risks:
        page.get_by_role("link", name="Risk register (CSV spreadsheet)").click()
    with open(risks.value.path(), "rb") as file:
        raw = file.read()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads UTF-8"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert any("Backfill for study days is not funded" in row for row in rows[1:])

    with page.expect_download() as dates:
        page.get_by_role("link", name=re.compile(r"^Every date in the plan")).click()
    with open(dates.value.path(), encoding="utf-8") as file:
        calendar = vobject.readOne(file.read())
    summaries = [event.summary.value for event in calendar.vevent_list]
    assert any("Nursing associates on Ward 7" in summary for summary in summaries)

    page.get_by_role("link", name="Print preview of the implementation plan").click()
    expect(page.get_by_role("heading", level=1).first).to_have_text("Nursing associates on Ward 7")
    at_both_widths(page, "hr-print-preview")
    # HR reads and exports; changing the plan is for its editors.
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    expect(page.get_by_role("link", name="Change the plan details")).to_have_count(0)
