"""Every page type passes axe-core at WCAG 2.2 A and AA, signed in and out, forms in their
error state too; screenshots at 320 and 1280 pixels for people to look at."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from newroles.accounts.permissions import MemberRole
from planning.models import ImplementationPlan
from roles.models import CaseStudy, RoleTemplate
from tests.factories import ImplementationPlanFactory, MembershipFactory, RiskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_OUT_PAGES = [
    "/",
    "/accounts/sign-in/",
    "/accounts/password-reset/",
    "/accessibility/",
    "/privacy/",
    "/no-such-page/",
]


@pytest.fixture
def world():
    call_command("load_reference_data", verbosity=0)
    lead = MembershipFactory(role=MemberRole.LEAD).user
    plan = ImplementationPlanFactory(
        organisation=lead.memberships.get().organisation, title="Peer support on discharge"
    )
    RiskFactory(plan=plan, description="Supervisors lack time", likelihood=4, impact=4)
    return lead, plan


def signed_in_pages(plan):
    case_study = CaseStudy.objects.published().first()
    template = RoleTemplate.objects.published().first()
    p = plan.pk
    return [
        "/",
        "/plans/",
        "/plans/new/",
        f"/plans/{p}/",
        f"/plans/{p}/details/",
        f"/plans/{p}/stages/setting-a-foundation/",
        f"/plans/{p}/risks/",
        f"/plans/{p}/risks/new/",
        f"/plans/{p}/risks/from-the-guide/",
        f"/plans/{p}/training/",
        f"/plans/{p}/funding/",
        f"/plans/{p}/posts/",
        f"/plans/{p}/history/",
        f"/plans/{p}/bin/",
        f"/plans/{p}/actions/new/",
        f"/plans/{p}/status/",
        f"/plans/{p}/archive/",
        "/plans/register/",
        "/library/",
        f"/library/{case_study.slug}/",
        "/library/templates/",
        f"/library/templates/{template.slug}/",
        f"/plans/from-template/{template.slug}/",
        "/accounts/members/",
        "/accounts/members/invite/",
        "/calendar/",
    ]


def test_signed_out_pages(live_server, page, check_accessibility):
    for path in SIGNED_OUT_PAGES:
        page.goto(f"{live_server.url}{path}")
        check_accessibility(page, path)


def test_signed_in_pages(live_server, signed_in, world, check_accessibility):
    lead, plan = world
    page = signed_in(lead)
    for path in signed_in_pages(plan):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        check_accessibility(page, path)


FORMS_IN_ERROR = [
    ("/accounts/sign-in/", "Sign in", False),
    ("/plans/new/", "Create plan", True),
    ("/plans/{p}/risks/new/", "Add risk", True),
    ("/plans/{p}/stages/setting-a-foundation/", "Save as draft", True),
    ("/accounts/members/invite/", "Send invitation", True),
]


def test_forms_in_their_error_state(live_server, signed_in, world, check_accessibility, browser):
    lead, plan = world
    signed = signed_in(lead)
    signed_out = browser.new_context().new_page()
    for path, button, needs_sign_in in FORMS_IN_ERROR:
        current = signed if needs_sign_in else signed_out
        current.goto(f"{live_server.url}{path.format(p=plan.pk)}")
        if "stages" in path:
            # The browser stops at the textarea's maxlength; take it off, as a script might.
            textarea = current.locator("textarea").first
            textarea.evaluate("el => el.removeAttribute('maxlength')")
            textarea.fill("x" * 5001)
        current.get_by_role("button", name=button).click()
        assert current.locator(".nhsuk-error-summary").count() == 1, path
        check_accessibility(current, f"{path} with errors")


def test_keyboard_only_through_a_stage(live_server, signed_in, world):
    lead, plan = world
    page = signed_in(lead)
    page.goto(f"{live_server.url}/plans/{plan.pk}/stages/understanding-resource/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    reached = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        element = page.evaluate(
            "({tag: document.activeElement.tagName, name: document.activeElement.name || '',"
            " text: document.activeElement.textContent.trim(),"
            " outline: getComputedStyle(document.activeElement).outlineStyle,"
            " shadow: getComputedStyle(document.activeElement).boxShadow})"
        )
        assert element["outline"] != "none" or element["shadow"] != "none", element
        reached.update({element["name"], element["text"]})
        if element["text"] == "Save as draft":
            break
    assert {"people", "money", "shared_with_partners"} <= reached
    assert "Save as draft" in reached
    people = page.locator("textarea[name=people]")
    people.evaluate("el => el.removeAttribute('maxlength')")
    people.fill("x" * 5001)
    page.locator("button[name=draft]").focus()
    page.keyboard.press("Enter")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "people"


def test_screenshots_at_320_and_1280(live_server, signed_in, world, screenshot):
    lead, plan = world
    page = signed_in(lead)
    for name, path in [
        ("overview", f"/plans/{plan.pk}/"),
        ("stage", f"/plans/{plan.pk}/stages/stakeholder-engagement/"),
        ("library", "/library/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        screenshot(page, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert ImplementationPlan.objects.count() == 1
