"""Section `pdf-load`: is the site still responsive while documents are built?

`make serve` (gunicorn and its task worker) against the bench database; HEALTH_USERS editors
signed in through the sign-in form ask for `/health/` back to back, first with nothing else
going on (`pdf_ok_p95_ms`), then while DOCUMENTS documents are asked for at once and built
(`pdf_health_p95_ms`, until all are stored), then with nothing again (folded into the first
figure, so a machine that slows down meanwhile does not flatter the ratio).
`pdf_health_ratio` = pdf_health_p95_ms / pdf_ok_p95_ms; the target is at most 2.
`pdf_request_max_ms` is the slowest download request: it queues the build and answers at once.
"""

import statistics
import tempfile
import threading
import time

import requests

from bench.htmlforms import form_with
from bench.load import _editors, serving
from bench.plans import OWN_PLAN_SIZES, build_plan

HEALTH_USERS = 3
DOCUMENTS = 5
QUIET_SECONDS = {"quick": 6, "full": 15}
BUILD_TIMEOUT = 600
HEADERS = {"X-Forwarded-Proto": "https"}


class Browser:
    """One signed-in person. Cookies by hand: a cookie jar would not send the Secure cookies
    over the plain HTTP the bench uses behind its pretend TLS proxy."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def request(self, method, path, **kwargs):
        response = requests.request(
            method,
            self.base + path,
            headers={**HEADERS, **kwargs.pop("headers", {})},
            cookies=self.cookies,
            allow_redirects=False,
            timeout=120,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def sign_in(self, email, password):
        form = form_with(self.request("GET", "/accounts/sign-in/").text, "password")
        form["fields"].update(username=email, password=password)
        referer = {"Referer": f"https://{self.base.split('://', 1)[1]}/accounts/sign-in/"}
        answer = self.request("POST", "/accounts/sign-in/", data=form["fields"], headers=referer)
        if answer.status_code != 302 or "sign-in" in answer.headers.get("Location", ""):
            raise RuntimeError(f"{email} could not sign in ({answer.status_code})")


def _p95(samples):
    if len(samples) < 20:
        return max(samples) if samples else 0.0
    return statistics.quantiles(samples, n=20)[-1]


def _ask_for_health(browsers, until):
    """Every browser asks for /health/ back to back, in threads, until `until()` (called
    twice a second in this thread, the only one that uses the database); the times in ms."""
    times, errors = [], []
    stop = threading.Event()

    def ask(browser):
        while not stop.is_set():
            started = time.perf_counter()
            response = browser.request("GET", "/health/")
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                errors.append(response.status_code)

    threads = [threading.Thread(target=ask, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    while not until():
        time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join()
    return times, errors


def section_pdf_load(report, bench):
    from planning.models import DocumentKind, RenderedDocument

    quiet = QUIET_SECONDS["quick" if bench.sizes.get("quick") else "full"]
    password, users = _editors(bench, "pdfload", HEALTH_USERS + 1)
    plans = [bench.plan]
    for n in range(DOCUMENTS - 1):
        plan, _ = build_plan(
            OWN_PLAN_SIZES, bench.plan.organisation, users[0], title=f"Document load plan {n}"
        )
        plans.append(plan)
    RenderedDocument.objects.filter(plan__in=plans).delete()

    with (
        tempfile.TemporaryDirectory(prefix="newroles-pdf-load-") as folder,
        serving(folder) as (port, _log),
    ):
        base = f"http://127.0.0.1:{port}"
        browsers = [Browser(base) for _ in users]
        for browser, user in zip(browsers, users, strict=True):
            browser.sign_in(user.email, password)
        exporter, askers = browsers[0], browsers[1:]

        def for_seconds(seconds):
            end = time.monotonic() + seconds
            return lambda: time.monotonic() > end

        before, errors_before = _ask_for_health(askers, for_seconds(quiet))

        started = time.monotonic()
        request_ms = []
        for plan in plans:
            asked = time.perf_counter()
            answer = exporter.request("GET", f"/plans/{plan.pk}/document/plan.pdf")
            request_ms.append((time.perf_counter() - asked) * 1000)
            if answer.status_code not in (200, 302):
                raise RuntimeError(f"asking for a document answered {answer.status_code}")

        def built():
            stored = RenderedDocument.objects.filter(plan__in=plans, kind=DocumentKind.FULL)
            return stored.count() >= len(plans) or time.monotonic() - started > BUILD_TIMEOUT

        during, errors_during = _ask_for_health(askers, built)
        build_seconds = time.monotonic() - started
        after, errors_after = _ask_for_health(askers, for_seconds(quiet))

    stored = RenderedDocument.objects.filter(plan__in=plans, kind=DocumentKind.FULL).count()
    quiet_p95, busy_p95 = _p95(before + after), _p95(during)
    report.figure("pdf_load_documents", len(plans))
    report.figure("pdf_load_health_users", len(askers))
    report.figure("pdf_builds_seconds", f"{build_seconds:.1f}")
    report.figure("pdf_request_max_ms", f"{max(request_ms):.0f}")
    report.figure("pdf_ok_p95_ms", f"{quiet_p95:.0f} ({len(before) + len(after)} requests)")
    report.figure("pdf_health_p95_ms", f"{busy_p95:.0f} ({len(during)} requests)")
    report.figure("pdf_health_ratio", f"{busy_p95 / quiet_p95:.2f}" if quiet_p95 else "none")
    if stored < len(plans):
        report.fail(f"pdf-load: {stored} of {len(plans)} documents built in {BUILD_TIMEOUT} s")
    failed = len(errors_before) + len(errors_during) + len(errors_after)
    if failed:
        report.fail(f"pdf-load: {failed} /health/ requests failed")
