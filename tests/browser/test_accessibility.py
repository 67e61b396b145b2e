"""Every page type passes axe-core at WCAG 2.2 A and AA, signed in and out, forms in their
error state too; screenshots at 320 and 1280 pixels for people to look at.

The pages come from Django's URL resolver: every named URL of the product is opened as the
person it is for, unless NOT_PAGES says why it is not a page (a download, a POST-only
action). A new URL whose parameters this module cannot fill in fails the coverage test, so a
new page type is never silently left out.
"""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.generic.edit import FormMixin
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from evaluation.models import Metric
from newroles.accounts.models import Invitation
from newroles.accounts.permissions import MemberRole
from newroles.notifications import services as notifications
from planning import records, sign_off
from planning.documents import builds
from planning.models import DocumentKind, ImplementationPlan, PlanApproval, Risk, Stage
from roles.models import CaseStudy, RoleTemplate
from tests.browser.conftest import AXE_EXCLUDE, axe_violations
from tests.conftest import DATABASE_TASKS
from tests.evaluation.factories import (
    CheckpointFactory,
    LogicModelFactory,
    MeasurementFactory,
    MetricFactory,
)
from tests.factories import (
    AppraisedOptionFactory,
    CaseStudyFactory,
    CommentFactory,
    CompetencyFactory,
    FundingSourceFactory,
    ImplementationPlanFactory,
    MembershipFactory,
    PlanActionFactory,
    PostFactory,
    RiskFactory,
    RoleTemplateFactory,
    SkillMixLineFactory,
    TrainingActivityFactory,
    UserFactory,
)
from tests.governance.factories import (
    CommunicationItemFactory,
    GovernanceArrangementFactory,
    ImpactAssessmentFactory,
    PolicyRequirementFactory,
    ScopeActivityFactory,
    StakeholderFactory,
)
from tests.url_walk import make_curator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Who opens a page: signed out, or one of the people of the world below.
OUT, LEAD, VIEWER, CHOOSER, NEWCOMER = "signed out", "lead", "viewer", "chooser", "newcomer"
CURATOR = "curator"

# Named URLs that are not pages, and why.
NOT_PAGES = {
    "health": "JSON for the load balancer",
    "accounts:logout": "POST only: the header's sign-out button",
    "planning:register_csv": "CSV download",
    "planning:export_csv": "CSV download",
    "planning:export_calendar": "iCalendar download",
    "calendar_feed": "iCalendar feed for calendar programs",
    "documents:pdf": "PDF download (read with pypdf in the journeys and document tests)",
    "documents:summary_pdf": "PDF download",
    "socialaccount_login_error": "answered 401 Unauthorized: in EXTRA_PAGES with that status",
    "openid_connect_login": "needs an identity provider: its page is checked with axe in "
    "tests/browser/test_single_sign_on_journeys.py",
    "openid_connect_callback": "the identity provider's answer: a redirect, or the refusal page "
    "checked in tests/browser/test_single_sign_on_journeys.py",
    "documents:approval_pdf": "PDF download",
    "documents:word": "Word download (read with python-docx and LibreOffice in "
    "tests/planning/test_word_paper.py)",
}


# Pages that are not named URLs: (who, path, expected status).
EXTRA_PAGES = [
    (OUT, "/no-such-page/", 404),
    (OUT, "/accounts/sso/error/", 401),  # single sign-on failed at the provider
    (LEAD, "/no-such-page/", 404),
    (VIEWER, "/plans/{plan}/risks/new/", 403),  # the permission-denied page
    (VIEWER, "/plans/{plan}/", 200),  # read-only: no editing links
    (VIEWER, "/plans/{plan}/stages/stakeholder-engagement/", 200),  # answers, not a form
    (VIEWER, "/plans/{plan}/stakeholders/", 200),
]


@dataclass
class World:
    """A plan with one of everything, and the people who look at it."""

    people: dict
    plan: ImplementationPlan
    archived_plan: ImplementationPlan
    records: dict = field(default_factory=dict)  # model -> a record of the plan
    urls: dict = field(default_factory=dict)  # URL name -> [(who, path)] for special URLs

    def record_of(self, model):
        return self.records[model]


def build_world():
    call_command("load_reference_data", verbosity=0)
    lead_membership = MembershipFactory(role=MemberRole.LEAD)
    organisation = lead_membership.organisation
    lead = lead_membership.user
    viewer = MembershipFactory(organisation=organisation, role=MemberRole.VIEWER).user
    editor_membership = MembershipFactory(organisation=organisation, role=MemberRole.EDITOR)
    chooser = MembershipFactory(organisation=organisation, role=MemberRole.EDITOR).user
    MembershipFactory(user=chooser, role=MemberRole.VIEWER)
    newcomer = UserFactory()  # signed in, in no organisation yet
    plan = ImplementationPlanFactory(organisation=organisation, title="Peer support on discharge")
    archived_plan = ImplementationPlanFactory(organisation=organisation, title="Old plan")
    archived_plan.archived_at = timezone.now()
    archived_plan.save()

    made = [
        PlanActionFactory(plan=plan, description="Agree the supervision rota"),
        RiskFactory(plan=plan, description="Supervisors lack time", likelihood=4, impact=4),
        TrainingActivityFactory(plan=plan),
        CompetencyFactory(plan=plan),
        FundingSourceFactory(plan=plan),
        PostFactory(plan=plan),
        StakeholderFactory(plan=plan, group="sponsor", influence=3, interest=3),
        CommunicationItemFactory(plan=plan),
        GovernanceArrangementFactory(plan=plan),
        ScopeActivityFactory(plan=plan),
        ImpactAssessmentFactory(plan=plan),
        PolicyRequirementFactory(plan=plan),
        LogicModelFactory(plan=plan),
        AppraisedOptionFactory(plan=plan, chosen=True, reason_chosen="It meets the need"),
        SkillMixLineFactory(plan=plan, profession="Peer support workers", band="3"),
        CommentFactory(plan=plan, author=lead, text="Who supervises at weekends?"),
    ]
    # A free-text owner naming a member, for the page that matches them.
    RiskFactory(plan=plan, description="Rota gaps", owner=viewer.get_full_name())
    metric = MetricFactory(plan=plan, name="Days from referral to assessment")
    measurement = MeasurementFactory(metric=metric, note="After three months")
    CheckpointFactory(plan=plan, title="Missed review", due_date=date(2024, 1, 31))  # overdue
    made += [metric, metric.objective, measurement.checkpoint]
    binned = RiskFactory(plan=plan, description="Binned risk")
    records.move_to_bin(binned, lead)
    PlanApproval.objects.create(
        plan=plan,
        version=plan.version,
        approver="Trust board",
        decided_on=date(2027, 1, 5),
        decision="approved",
        pdf=b"%PDF-1.4",
        pdf_sha256="0" * 64,
        created_by=lead,
    )
    invitation = Invitation.objects.create(
        organisation=organisation, email="new.person@example.nhs.uk", token="t" * 43
    )
    reset_for = UserFactory(email="forgetful@example.nhs.uk")
    uid = urlsafe_base64_encode(force_bytes(reset_for.pk))
    token = default_token_generator.make_token(reset_for)
    template = RoleTemplate.objects.published().first()
    case_study = CaseStudy.objects.published().first()
    # The curators' pages open on items in review, so that every decision is on offer.
    proposal = CaseStudyFactory(title="Peer workers on our wards", status="in_review")
    offered = RoleTemplateFactory(title="Care navigator package from a trust's plan")

    world = World(
        people={
            LEAD: lead,
            VIEWER: viewer,
            CHOOSER: chooser,
            NEWCOMER: newcomer,
            CURATOR: make_curator(),
        },
        plan=plan,
        archived_plan=archived_plan,
        records={type(record): record for record in made},
    )
    p = plan.pk
    # Sign-off asked of the lead, so its page shows the form to respond with.
    asked = sign_off.request_sign_off(plan=plan, approvers=[lead], message="", user=lead)
    build = builds.build_document.enqueue(p, DocumentKind.FULL.value).id  # waits: no worker
    world.urls = {
        "documents:build": [(LEAD, reverse("documents:build", args=[p, build]))],
        "documents:sign_off": [(LEAD, reverse("documents:sign_off", args=[p, asked.pk]))],
        "planning:stage_discussion": [
            (LEAD, reverse("planning:stage_discussion", args=[p, "underpinning-approach"]))
        ],
        "planning:record_discussion": [
            (LEAD, reverse("planning:record_discussion", args=[p, "planning.risk", made[1].pk]))
        ],
        "notifications:unsubscribe": [
            (
                OUT,
                reverse(
                    "notifications:unsubscribe",
                    args=[notifications.unsubscribe_token(user=viewer, kind="overdue")],
                ),
            )
        ],
        "home": [(OUT, "/"), (LEAD, "/"), (NEWCOMER, "/")],
        "accessibility": [(OUT, "/accessibility/"), (LEAD, "/accessibility/")],
        "privacy": [(OUT, "/privacy/")],
        "accounts:login": [(OUT, reverse("accounts:login"))],
        "accounts:password_reset": [(OUT, reverse("accounts:password_reset"))],
        "accounts:password_reset_done": [(OUT, reverse("accounts:password_reset_done"))],
        "accounts:password_reset_confirm": [
            (OUT, reverse("accounts:password_reset_confirm", args=[uid, token]))
        ],
        "accounts:password_reset_complete": [(OUT, reverse("accounts:password_reset_complete"))],
        "accounts:choose_organisation": [(CHOOSER, reverse("accounts:choose_organisation"))],
        "accounts:no_organisation": [(NEWCOMER, reverse("accounts:no_organisation"))],
        "accounts:member_role": [
            (LEAD, reverse("accounts:member_role", args=[editor_membership.pk]))
        ],
        "accounts:member_remove": [
            (LEAD, reverse("accounts:member_remove", args=[editor_membership.pk]))
        ],
        "accounts:invitation_revoke": [
            (LEAD, reverse("accounts:invitation_revoke", args=[invitation.pk]))
        ],
        "accounts:accept_invitation": [
            (OUT, reverse("accounts:accept_invitation", args=[invitation.token]))
        ],
        "planning:start_from_template": [
            (LEAD, reverse("planning:start_from_template", args=[template.slug]))
        ],
        "planning:plan_unarchive": [
            (LEAD, reverse("planning:plan_unarchive", args=[archived_plan.pk]))
        ],
        "planning:stage": [(LEAD, reverse("planning:stage", args=[p, s])) for s in Stage.values],
        "evaluation:metric_measure": [
            (LEAD, reverse("evaluation:metric_measure", args=[p, metric.pk]))
        ],
        "evaluation:metric_detail": [
            (LEAD, reverse("evaluation:metric_detail", args=[p, metric.pk]))
        ],
        "evaluation:measurements": [
            (LEAD, reverse("evaluation:measurements", args=[p, measurement.checkpoint.pk]))
        ],
        "roles:template": [(LEAD, reverse("roles:template", args=[template.slug]))],
        "help:index": [(OUT, reverse("help:index")), (LEAD, reverse("help:index"))],
        "help:stage": [(OUT, reverse("help:stage", args=[s])) for s in Stage.values],
        "roles:case_study": [(LEAD, reverse("roles:case_study", args=[case_study.slug]))],
        "curate:queue": [(CURATOR, reverse("curate:queue"))],
    }
    for name in (
        "case_study",
        "case_study_publish",
        "case_study_send_back",
        "case_study_retire",
    ):
        world.urls[f"curate:{name}"] = [(CURATOR, reverse(f"curate:{name}", args=[proposal.pk]))]
    for name in ("template", "template_publish", "template_send_back", "template_retire"):
        world.urls[f"curate:{name}"] = [(CURATOR, reverse(f"curate:{name}", args=[offered.pk]))]
    return world


@dataclass(frozen=True)
class Route:
    name: str
    view_class: type | None
    params: tuple

    @property
    def has_form(self) -> bool:
        return self.view_class is not None and issubclass(self.view_class, FormMixin)


def product_routes(patterns=None, namespaces=(), params=()):
    """Every named URL of the product (Django's admin is the staff's tool, not ours)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        converters = tuple(getattr(entry.pattern, "converters", {}) or {})
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            spaces = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from product_routes(entry.url_patterns, spaces, (*params, *converters))
        elif isinstance(entry, URLPattern) and entry.name:
            view_class = getattr(entry.callback, "view_class", None)
            yield Route(":".join((*namespaces, entry.name)), view_class, (*params, *converters))


def pages_of(route, world):
    """[(who, path)] to check for a route; raises LookupError when it cannot tell."""
    if route.name in world.urls:
        return world.urls[route.name]
    if route.params == ():
        return [(LEAD, reverse(route.name))]
    if route.params == ("plan_pk",):
        return [(LEAD, reverse(route.name, args=[world.plan.pk]))]
    model = getattr(route.view_class, "model", None)
    if route.params == ("plan_pk", "pk") and model in world.records:
        record = world.record_of(model)
        return [(LEAD, reverse(route.name, args=[world.plan.pk, record.pk]))]
    raise LookupError(
        f"Say in tests/browser/test_accessibility.py how to open {route.name} "
        f"{route.params}: add its record to build_world() or its pages to world.urls, "
        "or add it to NOT_PAGES with the reason it is not a page."
    )


AREAS = [
    "site",
    "accounts",
    "planning",
    "documents",
    "governance",
    "evaluation",
    "roles",
    "help",
    "curate",
    "notifications",
]


def area_of(route) -> str:
    return route.name.split(":")[0] if ":" in route.name else "site"


def test_every_named_url_is_a_checked_page_or_says_why_not():
    world = build_world()
    names = set()
    unknown = []
    for route in product_routes():
        names.add(route.name)
        assert area_of(route) in AREAS, f"add {area_of(route)} to AREAS"
        if route.name in NOT_PAGES:
            continue
        try:
            assert pages_of(route, world)
        except LookupError as error:
            unknown.append(str(error))
    assert unknown == []
    assert set(NOT_PAGES) <= names, "NOT_PAGES names URLs that no longer exist"
    assert set(world.urls) <= names, "world.urls names URLs that no longer exist"


@pytest.fixture
def world(settings):
    # The build progress page reads the worker's queue: the one production uses.
    settings.TASKS = DATABASE_TASKS
    return build_world()


@pytest.fixture
def pages_for(live_server, signed_in, browser):
    """pages_for(world)(who) -> a browser page for that person, one per person."""
    opened = {}

    def get(world):
        def page_for(who):
            if who not in opened:
                if who == OUT:
                    opened[who] = browser.new_context().new_page()
                else:
                    opened[who] = signed_in(world.people[who])
            return opened[who]

        return page_for

    yield get
    if OUT in opened:
        opened[OUT].context.close()


@pytest.mark.parametrize("area", AREAS)
def test_every_page_type(area, live_server, world, pages_for):
    page_for = pages_for(world)
    checked, problems = [], []
    pages = [
        (route.name, who, path, 200)
        for route in product_routes()
        if area_of(route) == area and route.name not in NOT_PAGES
        for who, path in pages_of(route, world)
    ]
    if area == "site":
        pages += [
            ("", who, path.format(plan=world.plan.pk), status) for who, path, status in EXTRA_PAGES
        ]
    for name, who, path, status in pages:
        page = page_for(who)
        response = page.goto(f"{live_server.url}{path}")
        if response.status != status:
            problems.append(f"{path} as {who}: status {response.status}, expected {status}")
            continue
        problems += axe_violations(page, f"{path} as {who}", AXE_EXCLUDE.get(name, ()))
        checked.append(path)
    assert problems == [], "\n".join(problems)
    assert checked


# A script (or an old browser) ignores maxlength and required: the breaker empties every field
# and overfills every one with a maximum length, so the server answers with its errors.
BREAK_FORM = """form => {
  for (const el of form.querySelectorAll('input, textarea, select')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button'].includes(type)) continue;
    if (type === 'radio' || type === 'checkbox') { el.checked = false; continue; }
    if (el.tagName === 'SELECT') { el.selectedIndex = 0; continue; }
    // A one-line input's limit is its maxlength; a long answer's is its character count's.
    const counted = el.closest('[data-maxlength]');
    const max = el.getAttribute('maxlength') || (counted && counted.getAttribute('data-maxlength'));
    el.removeAttribute('maxlength');
    el.value = max ? 'x'.repeat(Number(max) + 1) : '';
  }
}"""

# Forms the breaker cannot put in error, and why (every field optional and unbounded).
NO_ERROR_STATE = {
    "notifications:preferences": "every box may be unticked: none is an error",
    "evaluation:logic_model": "every box of the logic model is optional free text",
    "accounts:single_sign_on": "one box, and unticked is valid: its error (ticked before the "
    "lead has used the provider) is checked with axe in test_single_sign_on_journeys.py",
}


def form_pages(world):
    """(route, who, path) for the first page of each form class: an edit page shows the same
    form, with the same errors, as its add page."""
    seen = set()
    for route in product_routes():
        if not route.has_form or route.name in NOT_PAGES or route.name in NO_ERROR_STATE:
            continue
        form_class = getattr(route.view_class, "form_class", None) or route.view_class
        if form_class in seen:
            continue
        seen.add(form_class)
        who, path = pages_of(route, world)[0]
        yield route, who, path


@pytest.mark.parametrize("area", AREAS)
def test_forms_in_their_error_state(area, live_server, world, pages_for):
    page_for = pages_for(world)
    checked, problems = [], []
    for route, who, path in form_pages(world):
        if area_of(route) != area:
            continue
        page = page_for(who)
        page.goto(f"{live_server.url}{path}")
        form = page.locator("main form[method=post]").filter(
            has=page.locator("input:not([type=hidden]), textarea, select")
        )
        if form.count() == 0:
            problems.append(f"{route.name} ({path}): no form with fields on the page")
            continue
        form = form.first
        form.evaluate(BREAK_FORM)
        form.locator("button[type=submit]").first.click()
        summary = page.locator(".nhsuk-error-summary")
        try:
            expect(summary).to_have_count(1)
        except AssertionError:
            problems.append(
                f"{route.name} ({path}): no error summary after submitting a broken form; "
                "say how to break it, or add it to NO_ERROR_STATE with why"
            )
            continue
        expect(summary).to_be_focused()
        problems += axe_violations(
            page, f"{path} as {who}, with errors", AXE_EXCLUDE.get(route.name, ())
        )
        checked.append(route.name)
    assert problems == [], "\n".join(problems)
    if area not in ("documents", "site", "help", "notifications"):  # areas without forms
        assert checked


def test_an_edit_conflict(live_server, signed_in, world):
    """Two people edit the same risk: the second sees what changed, accessibly."""
    risk = world.record_of(Risk)
    page = signed_in(world.people[LEAD])
    page.goto(f"{live_server.url}/plans/{world.plan.pk}/risks/{risk.pk}/")
    page.get_by_label("What could go wrong?").fill("Supervisors lack protected time")
    risk.description = "Changed meanwhile by someone else"
    records.save_edit(risk, based_on_version=risk.lock_version)
    page.get_by_role("button", name="Save changes").click()
    conflict = page.locator("#conflict")
    expect(conflict).to_contain_text("Someone else changed this while you were editing")
    expect(conflict).to_contain_text("Changed meanwhile by someone else")
    assert axe_violations(page, "risk edit conflict") == []


def test_keyboard_only_through_a_stage(live_server, signed_in, world):
    plan = world.plan
    page = signed_in(world.people[LEAD])
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
        if element["text"] == "Save and come back later":
            break
    assert {"people", "money", "shared_with_partners"} <= reached
    assert "Save and come back later" in reached
    people = page.locator("textarea[name=people]")
    people.fill("x" * 5001)
    page.locator("button[name=later]").focus()
    page.keyboard.press("Enter")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "people"


# The innermost elements that reach past the right edge of the window, to say what is too wide.
WIDER = """width => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > width + 1)
  .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > width + 1))
  .slice(0, 5)
  .map(el => `${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 40)}`)"""


def test_screenshots_at_320_and_1280(live_server, signed_in, world, screenshot):
    plan = world.plan
    page = signed_in(world.people[LEAD])
    for name, path in [
        ("overview", f"/plans/{plan.pk}/"),
        ("stage", f"/plans/{plan.pk}/stages/stakeholder-engagement/"),
        ("library", "/library/"),
        ("stakeholders", f"/plans/{plan.pk}/stakeholders/"),
        ("monitoring", f"/plans/{plan.pk}/evaluation/"),
        ("metric", f"/plans/{plan.pk}/evaluation/metrics/{world.record_of(Metric).pk}/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        screenshot(page, name)
        # Nothing runs off the side: no sideways scrolling at either width.
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            # The header's script re-fits its menu after a resize: wait for it to settle.
            try:
                page.wait_for_function(
                    "width => document.documentElement.scrollWidth <= width", arg=width
                )
            except PlaywrightTimeoutError:
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                pytest.fail(
                    f"{path} is {scroll_width}px wide at {width}px: {page.evaluate(WIDER, width)}"
                )
    assert ImplementationPlan.objects.count() == 2  # looking changed nothing
