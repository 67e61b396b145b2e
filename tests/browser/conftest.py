"""End-to-end tests in headless Chromium (Debian's package) driven by Playwright.

Outside CI they are skipped, with a clear message, when /usr/bin/chromium is missing; in CI
(CI=true) a missing Chromium is a failure, never a skip.
"""

import os
from pathlib import Path

import pytest
from django.test import Client

# Playwright runs an event loop in the test thread; Django's ORM is used beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Elements axe leaves out, by URL name, and why.
AXE_EXCLUDE = {
    # The faint DRAFT watermark across the print preview is decoration behind the text, kept
    # faint so that the text stays readable; it is aria-hidden, and the cover says the status
    # in text ("Status: Draft").
    "documents:preview": [".watermark"],
}

SKIP_REASON = "Chromium is not installed at /usr/bin/chromium: browser tests skipped"


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items or CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError("CI needs Chromium for the browser tests: " + SKIP_REASON)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
    config._newroles_browser_skipped = len(browser_items)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = getattr(config, "_newroles_browser_skipped", 0)
    if skipped:
        terminalreporter.write_line(f"NOTE: {skipped} browser tests skipped. {SKIP_REASON}.")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture
def signed_in(live_server, context, browser):
    """signed_in(user) -> a page whose browser is signed in as that user.

    The first person signs in in the test's own browser context; everyone after them gets a
    context of their own, so two people can act side by side (a curator and a lead)."""
    contexts = []

    def sign_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        own = context
        if contexts:
            own = browser.new_context()
        contexts.append(own)
        own.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
        return own.new_page()

    yield sign_in
    for own in contexts[1:]:
        own.close()


def axe_violations(page, name="", exclude=()):
    """axe-core's WCAG 2.2 A and AA violations on the page, one line each.

    `exclude`: CSS selectors of elements axe should leave out, each with its reason where it
    is passed."""
    # evaluate() runs through the DevTools protocol, so our strict CSP need not be relaxed.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async exclude => await axe.run(
             {include: [document], exclude: exclude.map(selector => [selector])},
             {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                               'wcag22a', 'wcag22aa']},
              resultTypes: ['violations']})""",
        list(exclude),
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} on {name or page.url}: "
        f"{[node['target'] for node in v['nodes'][:3]]})"
        for v in result["violations"]
    ]


@pytest.fixture
def check_accessibility():
    """check_accessibility(page) runs axe-core on the page: no WCAG 2.2 A or AA violations."""

    def check(page, name=""):
        problems = axe_violations(page, name)
        assert problems == [], "\n".join(problems)

    return check


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        for width in (320, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)

    return take
