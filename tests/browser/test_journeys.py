"""What people do, end to end, in a real browser."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from newroles.accounts.permissions import MemberRole
from planning.models import ImplementationPlan, StageResponse
from tests.factories import TEST_PASSWORD, ImplementationPlanFactory, MembershipFactory

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


def test_start_from_a_template_and_walk_all_six_stages(live_server, signed_in, lead, library):
    page = signed_in(lead)
    page.goto(f"{live_server.url}/library/templates/")
    page.get_by_role("link", name=re.compile("Peer support worker")).first.click()
    page.get_by_role("button", name="Start a plan from this template").click()
    page.get_by_label("What need is the role meant to meet?").fill(
        "People leaving hospital feel alone in the first weeks."
    )
    page.get_by_label("Plan title").fill("Peer support on discharge")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support on discharge")

    page.get_by_role("link", name="1. Underpinning Approach").click()
    for stage in [
        "Underpinning Approach",
        "Setting a Foundation",
        "Understanding Resource",
        "Stakeholder Engagement",
        "Training and Support",
        "Monitor and Evaluate",
    ]:
        expect(page.get_by_role("heading", level=1)).to_have_text(stage)
        done = page.locator("input[type=radio][value=done]")
        for index in range(done.count()):
            done.nth(index).check()
        page.get_by_role("button", name=re.compile("Save and (continue|finish)")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support on discharge")
    expect(page.get_by_text("Green: complete")).to_have_count(6)
    plan = ImplementationPlan.objects.get(title="Peer support on discharge")
    assert StageResponse.objects.filter(plan=plan).count() == 6


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
