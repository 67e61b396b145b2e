"""What people do, end to end, in a real browser."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from newroles.accounts.permissions import MemberRole
from roles.models import CaseStudyStatus, Role
from tests.factories import (
    TEST_PASSWORD,
    CaseStudyFactory,
    ImplementationPlanFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library():
    call_command("load_reference_data", verbosity=0)


@pytest.fixture
def lead():
    return MembershipFactory(role=MemberRole.LEAD, organisation__name="Brightwater NHS Trust").user


def test_a_lead_signs_in_with_email_and_password(live_server, page, lead):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new roles")
    expect(page.get_by_text("Brightwater NHS Trust").first).to_be_visible()


def test_a_wrong_password_shows_the_error_summary_with_focus(live_server, page, lead):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill("not it")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()


def test_someone_from_another_organisation_cannot_open_the_plan(live_server, signed_in, lead):
    plan = ImplementationPlanFactory(organisation=lead.memberships.get().organisation)
    outsider = MembershipFactory(role=MemberRole.LEAD).user
    page = signed_in(outsider)
    response = page.goto(f"{live_server.url}/plans/{plan.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_forms_work_without_javascript(live_server, browser, lead):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/plans/new/")
    page.get_by_label("What need is the role meant to meet?").fill(
        "Carers do not know who to call."
    )
    page.get_by_label("Plan title").fill("Navigators")
    page.get_by_label("Role not in the catalogue").fill("Carer navigator")
    page.get_by_role("button", name="Create plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Navigators")
    context.close()


def gap_titles(page):
    """The titles of the plan's gaps, as its gaps page lists them (the overview shows the few
    most serious and links there); back on the overview afterwards."""
    page.get_by_role("link", name=re.compile(r"^See all \d+ gaps and risks$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gaps and risks")
    titles = page.locator(".app-gaps > li > a").all_inner_texts()
    page.go_back()
    return titles


def add_stakeholder(page, name, group, *, influence="High", interest="High"):
    """On the stakeholder form: fill it in as a person would and add the stakeholder."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a stakeholder")
    page.get_by_label("Name", exact=True).fill(name)
    if group:
        page.get_by_label("Stakeholder group").select_option(label=group)
    page.get_by_role("group", name=re.compile("How much influence")).get_by_label(
        influence, exact=True
    ).check()
    page.get_by_role("group", name=re.compile("How interested")).get_by_label(
        interest, exact=True
    ).check()
    page.get_by_role("group", name=re.compile("Where do they stand")).get_by_label(
        "Neutral"
    ).check()
    page.get_by_role("group", name=re.compile("Where do you need them")).get_by_label(
        "Supportive"
    ).check()
    page.get_by_role("button", name="Add a stakeholder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stakeholders")
    expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()


def test_adding_stakeholders_closes_the_overviews_gaps(live_server, signed_in, lead, library):
    plan = ImplementationPlanFactory(
        organisation=lead.memberships.get().organisation, title="Care navigators"
    )
    sponsor_gap = "No senior leader or sponsor among the stakeholders"
    champion_gap = "No clinical champion among the stakeholders"
    service_users_gap = "No service users or carers among the stakeholders"
    page = signed_in(lead)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    before = gap_titles(page)
    assert {sponsor_gap, champion_gap, service_users_gap} <= set(before)
    expect(page.locator("#gaps + p")).to_contain_text(f"{len(before)} things to put right")

    # Through the Stakeholder Engagement stage: the senior sponsor, then a clinical champion.
    for name, group, gap in [
        ("Dr Priya Shah, medical director", "Senior leadership or sponsor", sponsor_gap),
        ("Tom Reilly, consultant nurse", "Clinical champion", champion_gap),
    ]:
        page.get_by_role("link", name="4. Stakeholder Engagement").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Stakeholder Engagement")
        page.locator("#panel-stakeholders > summary").click()  # folded beside the questions
        page.get_by_role("link", name="Manage stakeholders").click()
        page.get_by_role("button", name="Add a stakeholder").click()  # a link styled as one
        add_stakeholder(page, name, group)
        page.get_by_role("link", name="Stakeholder Engagement stage").click()
        panel = page.locator("#panel-stakeholders")
        panel.locator("> summary").click()
        expect(panel.get_by_text(name)).not_to_have_count(0)
        page.get_by_role("link", name="Plan overview").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Care navigators")
        now = gap_titles(page)
        assert gap not in now
        assert len(now) == len(before) - 1, (before, now)
        expect(page.locator("#gaps + p")).to_contain_text(f"{len(now)} things to put right")
        before = now

    # The last gap's own link, on the gaps page, opens the form with the group already chosen.
    page.get_by_role("link", name=re.compile(r"^See all \d+ gaps and risks$")).click()
    page.get_by_role("link", name=service_users_gap).click()
    expect(page.get_by_label("Stakeholder group")).to_have_value("service_users")
    add_stakeholder(page, "Carers' forum", group=None, influence="Medium")
    page.get_by_role("link", name="Back to the plan overview").click()
    now = gap_titles(page)
    assert not {sponsor_gap, champion_gap, service_users_gap} & set(now)
    assert len(now) == len(before) - 1
    assert plan.stakeholders.count() == 3


def fill_date(page, label, day, month, year):
    """An NHS.UK date input: the group named `label`, with Day, Month and Year boxes."""
    group = page.get_by_role("group", name=re.compile(label))
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def test_filling_the_evaluation_shows_the_metrics_chart(live_server, signed_in, lead, library):
    plan = ImplementationPlanFactory(
        organisation=lead.memberships.get().organisation, title="Crisis team practitioners"
    )
    page = signed_in(lead)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="Objectives and measures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Objectives and metrics")

    page.get_by_role("button", name="Add an objective").click()
    page.get_by_label("What should the role achieve?").fill(
        "Shorten the wait for a first crisis assessment"
    )
    page.get_by_label("Which need does it answer?").fill("People in crisis wait too long.")
    page.get_by_label("How will you measure it?").fill("Median days from referral to assessment")
    fill_date(page, "By when should it be achieved", 31, 3, 2028)
    page.get_by_label("Who is responsible for it?").fill("Crisis team manager")
    page.get_by_role("button", name="Add objective").click()
    expect(page.get_by_role("heading", level=3)).to_have_text(
        "Shorten the wait for a first crisis assessment"
    )

    page.get_by_role("link", name=re.compile("^Add a metric")).click()
    expect(page.get_by_label("Which objective does it show?")).to_have_value(
        str(plan.objectives.get().pk)
    )
    page.get_by_label("Name of the metric").fill("Days from referral to assessment")
    page.get_by_label("Service", exact=True).check()
    page.get_by_label("Unit (optional)").fill("days")
    page.get_by_label("Baseline (optional)").fill("14")
    page.get_by_label("Target (optional)").fill("5")
    page.get_by_label("Lower is better").check()
    page.get_by_role("button", name="Add metric").click()
    metric_link = page.get_by_role("link", name="Days from referral to assessment", exact=True)
    expect(metric_link).to_be_visible()

    page.get_by_role("link", name="Evaluation checkpoints").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluation checkpoints")
    page.get_by_role("button", name="Add a checkpoint").click()
    page.get_by_label("Title").fill("First review with the service manager")
    page.get_by_label("3-month review").check()
    fill_date(page, "Due date", 30, 9, 2027)
    page.get_by_label("Planned").check()
    page.get_by_role("button", name="Add evaluation checkpoint").click()
    expect(page.get_by_role("cell", name=re.compile("^First review"))).to_be_visible()

    page.get_by_role("link", name="Record measurements for First review").click()
    page.get_by_label("Days from referral to assessment (days)").fill("9")
    page.get_by_label("Note on Days from referral to assessment").fill("After three months")
    page.get_by_role("button", name="Save measurements").click()
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    expect(page.locator("#checkpoint-" + str(plan.checkpoints.get().pk))).to_contain_text(
        "1 of 1 metric measured"
    )

    page.get_by_role("link", name="Objectives and metrics").first.click()
    page.get_by_role("link", name="Days from referral to assessment", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Days from referral to assessment")
    chart = page.get_by_role(
        "img",
        name=re.compile(
            "^Days from referral to assessment: measured values against the baseline and target"
        ),
    )
    expect(chart).to_be_visible()
    assert chart.evaluate("el => el.tagName") == "svg"
    title = chart.locator("title").first
    expect(title).to_have_text(
        "Days from referral to assessment: measured values against the baseline and target"
    )
    description = chart.locator("desc")
    expect(description).to_contain_text("Baseline 14")
    expect(description).to_contain_text("Measured: 9")
    assert chart.get_attribute("aria-labelledby") == (
        f"{title.get_attribute('id')} {description.get_attribute('id')}"
    )
    expect(chart.locator("[data-series=baseline]")).to_have_attribute("data-value", "14.00")
    expect(chart.locator("[data-series=target]")).to_have_attribute("data-value", "5.00")
    point = chart.locator("[data-series=measured] circle")
    expect(point).to_have_count(1)
    expect(point.locator("title")).to_contain_text("First review with the service manager")
    expect(chart.locator("[data-legend]")).to_have_count(3)
    figures = page.get_by_role("table", name="Figures for Days from referral to assessment")
    expect(figures).to_contain_text("9")
    expect(figures).to_contain_text("After three months")


def test_download_the_plan_as_a_pdf_from_the_overview(live_server, signed_in, lead, library):
    plan = ImplementationPlanFactory(
        organisation=lead.memberships.get().organisation, title="Peer support on discharge"
    )
    page = signed_in(lead)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    link = page.get_by_role("link", name="Implementation plan for the board (PDF)")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == (
        f"peer-support-on-discharge-implementation-plan-v{plan.version}.pdf"
    )
    reader = PdfReader(download.path())
    first_page = " ".join(reader.pages[0].extract_text().split())
    assert "Peer support on discharge" in first_page
    assert "Brightwater NHS Trust" in first_page
    assert len(reader.pages) > 1
    # The page is still the overview: a download does not navigate away.
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support on discharge")


def test_a_curator_publishes_a_case_study_and_it_reaches_matching_plans(
    live_server, signed_in, lead, library
):
    role = Role.objects.get(slug="peer-support-worker")
    plan = ImplementationPlanFactory(
        organisation=lead.memberships.get().organisation,
        title="Peer support on discharge",
        role=role,
        care_setting="mental_health",
    )
    draft = CaseStudyFactory(
        title="Peer workers on an acute mental-health ward",
        slug="peer-workers-on-an-acute-ward",
        care_setting="mental_health",
        status=CaseStudyStatus.IN_REVIEW,  # proposed, in the curators' queue
        stages=["training-and-support"],
        with_roles=[role],
    )
    curator = UserFactory(is_staff=True, email="curator@example.nhs.uk")
    curator.user_permissions.add(Permission.objects.get(codename="curate"))

    workforce_lead = signed_in(lead)
    stage_url = f"{live_server.url}/plans/{plan.pk}/stages/training-and-support/"
    workforce_lead.goto(stage_url)
    examples = workforce_lead.locator("#panel-case-studies")
    expect(examples).to_be_visible()
    expect(examples.get_by_role("link", name=draft.title)).to_have_count(0)

    curating = signed_in(curator)
    curating.goto(f"{live_server.url}/")  # a curator's home is the queue
    expect(curating.get_by_role("heading", level=1)).to_have_text("Curate the library")
    curating.get_by_role("link", name=draft.title).click()
    expect(curating.get_by_role("heading", level=1)).to_have_text(draft.title)
    curating.get_by_role("button", name="Publish", exact=True).click()
    expect(curating.get_by_role("heading", level=1)).to_have_text(f"Publish “{draft.title}”")
    curating.get_by_role("button", name="Publish the case study").click()
    expect(curating.get_by_text(f"“{draft.title}” is published.")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == CaseStudyStatus.PUBLISHED
    assert draft.curator == curator

    workforce_lead.reload()
    examples.locator("> summary").click()  # the panel is folded beside the questions
    expect(examples.get_by_role("link", name=draft.title)).to_be_visible()
    examples.get_by_role("link", name=draft.title).click()
    expect(workforce_lead.get_by_role("heading", level=1)).to_have_text(draft.title)


def test_a_curator_reviews_and_publishes_a_template_offered_from_a_plan(
    live_server, signed_in, library, check_accessibility
):
    """Names made of ordinary words: the lead is North Lead of NHS North. Only the names are
    replaced, the curator sees each replacement highlighted, and publishing asks first."""
    membership = MembershipFactory(
        role=MemberRole.LEAD,
        organisation__name="NHS North",
        user__first_name="North",
        user__last_name="Lead",
    )
    plan = ImplementationPlanFactory(
        organisation=membership.organisation,
        owner=membership.user,
        title="Care navigators",
        role=Role.objects.get(slug="care-navigator"),
        need="NHS North needs navigators in the north of the county; North Lead will lead.",
    )
    curator = UserFactory(is_staff=True, email="curator@example.nhs.uk")
    curator.user_permissions.add(Permission.objects.get(codename="curate"))

    workforce_lead = signed_in(membership.user)
    workforce_lead.goto(f"{live_server.url}/plans/{plan.pk}/")
    workforce_lead.get_by_role("link", name="Offer to the library").click()
    workforce_lead.get_by_role("button", name="Offer to the library").click()
    expect(workforce_lead.get_by_text("Curators will review the template")).to_be_visible()

    curating = signed_in(curator)
    curating.goto(f"{live_server.url}/curate/")
    offered = "Care navigator package from a trust's plan"
    curating.get_by_role("link", name=offered).click()
    lede = curating.locator(".nhsuk-lede-text")
    expect(lede).to_have_text(
        "[organisation] needs navigators in the north of the county; [plan owner] will lead."
    )
    expect(lede.locator("mark")).to_have_text(["[organisation]", "[plan owner]"])
    for width in (1280, 390):
        curating.set_viewport_size({"width": width, "height": 900})
        check_accessibility(curating, f"the offered template's preview at {width}px")
    curating.get_by_role("button", name="Publish", exact=True).click()
    expect(curating.get_by_role("heading", level=1)).to_have_text(f"Publish “{offered}”")
    expect(curating.get_by_text("2 names were replaced")).to_be_visible()
    check_accessibility(curating, "the confirmation of publishing")
    curating.get_by_role("button", name="Publish the role template").click()
    expect(curating.get_by_text(f"“{offered}” is published as version 1.")).to_be_visible()

    workforce_lead.goto(f"{live_server.url}/library/templates/")
    expect(workforce_lead.get_by_role("link", name=offered)).to_be_visible()
