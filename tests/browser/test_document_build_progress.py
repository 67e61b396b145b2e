"""Following a document's build in a real browser: with JavaScript the progress page updates
in place; without it the page refreshes itself; either way the download follows."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from newroles.accounts.permissions import MemberRole
from tests.factories import ImplementationPlanFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(cycle):
    return ImplementationPlanFactory(title="Physician associates in the emergency department")


@pytest.fixture
def hr_cookie(plan):
    hr = MembershipFactory(organisation=plan.organisation, role=MemberRole.HR).user
    client = Client()
    client.force_login(hr)
    return client.cookies["sessionid"].value


def open_progress(browser, live_server, cookie, plan, *, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/plans/{plan.pk}/document/plan.pdf")
    expect(page.get_by_role("heading", name="Waiting to start")).to_be_visible()
    assert "/document/builds/" in page.url
    return context, page


def test_with_javascript_the_progress_updates_in_place(
    browser, live_server, hr_cookie, plan, task_worker, check_accessibility
):
    context, page = open_progress(browser, live_server, hr_cookie, plan, javascript=True)
    check_accessibility(page, "a document waiting to be built")
    page.evaluate("window.stillTheSamePage = true")

    task_worker()

    expect(page.get_by_role("heading", name="Your document is ready")).to_be_visible(timeout=15000)
    assert page.evaluate("window.stillTheSamePage === true")  # updated, not reloaded
    assert page.title().startswith("Your document is ready")
    check_accessibility(page, "a document ready to download")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the implementation plan (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    context.close()


def test_without_javascript_the_page_refreshes_itself_until_the_download_is_ready(
    browser, live_server, hr_cookie, plan, task_worker
):
    context, page = open_progress(browser, live_server, hr_cookie, plan, javascript=False)
    expect(page.get_by_role("link", name="Check again")).to_be_visible()

    task_worker()

    expect(page.get_by_role("heading", name="Your document is ready")).to_be_visible(timeout=15000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the implementation plan (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    context.close()
