"""No page shows template syntax (issue 18).

Django's `{# ... #}` comment ends at the end of its line: one spread over several lines is
printed as text. So every page type, found from the URL resolver (tests/url_walk.py), is opened
with a plan holding one record of every part, answers and checklist marks, signed in as a lead
and signed out; what a person sees of it (the text outside scripts, styles and comments, and
the attributes read out or shown, unescaped) must hold no `{#`, `#}`, `{%` or `{{`.
"""

import html
import secrets
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from newroles.accounts.models import Invitation
from newroles.accounts.permissions import MemberRole
from planning import panels, services
from planning.documents import builds
from planning.models import (
    ApprovalDecision,
    ChecklistResponse,
    DocumentKind,
    GoodPracticePoint,
    PlanAction,
    PlanApproval,
    PointStatus,
    Stage,
    StageResponse,
)
from planning.records import plan_part_models
from planning.workflow import questions_for
from roles.models import RoleTemplate
from tests.conftest import DATABASE_TASKS
from tests.factories import (
    ImplementationPlanFactory,
    MembershipFactory,
    PlanActionFactory,
    UserFactory,
)
from tests.url_walk import make, record_for, routes

pytestmark = pytest.mark.django_db

TEMPLATE_SYNTAX = ("{#", "#}", "{%", "{{")

# Attributes a person reads, or hears from a screen reader.
SHOWN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description"}
BUTTON_TYPES = {"submit", "button", "reset"}


class _ShownText(HTMLParser):
    """The text of a page as a person sees it: scripts, styles and comments left out, character
    references resolved."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        values = dict(attrs)
        self.parts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]
        if tag == "input" and values.get("type") in BUTTON_TYPES and values.get("value"):
            self.parts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def shown_text(page: str) -> str:
    parser = _ShownText()
    parser.feed(page)
    parser.close()
    return html.unescape("\n".join(parser.parts))


def template_syntax_in(page: str) -> list[str]:
    """Each piece of template syntax a person would see, with a little of the text around it."""
    text = shown_text(page)
    found = []
    for token in TEMPLATE_SYNTAX:
        start = text.find(token)
        if start != -1:
            found.append(" ".join(text[max(0, start - 40) : start + 80].split()))
    return found


def test_what_a_person_sees_leaves_out_scripts_styles_comments_and_markup():
    page = (
        "<p>Plan &amp; progress</p><!-- {{ internal }} --><script>let a = '{{x}}';</script>"
        "<style>p::after { content: '{%'; }</style><p title='a &#123;% b'>Fine</p>"
    )
    assert shown_text(page).split("\n") == ["Plan & progress", "a {% b", "Fine"]
    (found,) = template_syntax_in(page)
    assert "a {% b" in found
    assert template_syntax_in("<h2>Progress</h2>\n{# The overview's\nprogress #}") != []


TEMPLATE_DIRS = [
    Path(settings.BASE_DIR) / "templates",
    *(Path(config.path) / "templates" for config in apps.get_app_configs()),
]


def test_no_template_comment_spans_lines():
    """`{# ... #}` must end on its own line; a longer comment is `{% comment %}`."""
    spread = []
    for folder in TEMPLATE_DIRS:
        if not folder.is_dir() or "site-packages" in folder.parts:
            continue
        for path in folder.rglob("*.html"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                opened = line.rfind("{#")
                if opened != -1 and "#}" not in line[opened:]:
                    spread.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert spread == [], f"Comments spread over lines, shown as text: {spread}"


@pytest.fixture
def world(organisation, cycle, lead, settings):
    """A plan with one record of every part, answers to every question and checklist marks,
    the curated library, and what the URLs with a credential in them need."""
    call_command("load_reference_data", verbosity=0)
    plan = ImplementationPlanFactory(
        organisation=organisation, owner=lead, target_start_date=date(2027, 9, 1)
    )
    # A document build waiting for the worker, read from the queue production uses.
    settings.TASKS = DATABASE_TASKS
    build = builds.build_document.enqueue(plan.pk, DocumentKind.FULL.value)
    for model in plan_part_models():
        if model not in (StageResponse, ChecklistResponse, PlanAction):
            make(model, plan)
    PlanActionFactory(plan=plan, due_date=date(2027, 10, 1))
    for stage in Stage.values:
        answers = {
            q.code: f"An answer to {q.code}" for q in questions_for(stage) if not q.is_choice
        }
        StageResponse.objects.create(plan=plan, stage=stage, answers=answers)
    statuses = [PointStatus.DONE, PointStatus.IN_PROGRESS, PointStatus.NOT_APPLICABLE]
    for n, point in enumerate(GoodPracticePoint.objects.all()[:18]):
        ChecklistResponse.objects.create(
            plan=plan, point=point, status=statuses[n % 3], note="Noted"
        )
    invitation = Invitation.objects.create(
        organisation=organisation,
        email="invitee@example.nhs.uk",
        role=MemberRole.VIEWER,
        invited_by=lead,
        token=secrets.token_urlsafe(32),
    )
    feed = services.renew_calendar_feed(user=lead, organisation=organisation)
    # Pages only staff may open (the curators' pages) are opened as a curator.
    curator = UserFactory(is_staff=True, is_superuser=True)
    approval = PlanApproval.objects.create(
        plan=plan,
        version=plan.version,
        approver="Workforce committee",
        decided_on=date(2027, 1, 15),
        decision=ApprovalDecision.APPROVED,
        pdf=b"%PDF-1.4",
        pdf_sha256="0" * 64,
        created_by=lead,
    )
    return {
        "plan": plan,
        "invitation": invitation,
        "approval": approval,
        "lead": lead,
        "curator": curator,
        "plan_pk": plan.pk,
        "task_id": build.id,
        "key": panels.csv_exports()[0].key,
        "kind": "planning.risk",  # a record's discussion (record_for makes the risk)
        "provider_id": "nhsmail",  # single sign-on (not configured here: not found)
        "slug": RoleTemplate.objects.published().first().slug,
        "token": invitation.token,
        "calendar_feed:token": feed.token,
        "uidb64": urlsafe_base64_encode(force_bytes(lead.pk)),
        "accounts:password_reset_confirm:token": default_token_generator.make_token(lead),
    }


def _record(route, world):
    """The record a URL's <pk> names: tests/url_walk.record_for, and the pages it leaves out."""
    plan = world["plan"]
    if route.name == "accounts:member_remove":
        return MembershipFactory(organisation=plan.organisation, role=MemberRole.EDITOR)
    if route.name == "accounts:invitation_revoke":
        return world["invitation"]
    if route.name == "documents:approval_pdf":
        return world["approval"]
    return record_for(route, plan)


def urls_of(route, world) -> list[str]:
    """Every URL of this route about the world's plan: one for each stage and each export."""
    values = {}
    for param in route.params:
        if param == "pk":
            values[param] = _record(route, world).pk
        elif param in ("stage", "key"):
            continue
        else:
            value = world.get(f"{route.name}:{param}") or world.get(param)
            assert value, f"Say in tests/test_no_template_syntax.py how to fill {param} of {route}"
            values[param] = value
    stages = Stage.values if "stage" in route.params else [None]
    keys = [e.key for e in panels.csv_exports()] if "key" in route.params else [None]
    return [route.url(**values, stage=s, key=k) for s in stages for k in keys]


def test_no_page_shows_template_syntax(world):
    # A page that fails is tests/test_every_url.py's to report; here it is only not checked.
    lead, curator, anonymous = (Client(raise_request_exception=False) for _ in range(3))
    lead.force_login(world["lead"])
    curator.force_login(world["curator"])
    checked, problems = set(), []
    for route in routes():
        for url in urls_of(route, world):
            for who, client in (("a lead", lead), ("signed out", anonymous)):
                response = client.get(url)
                if response.status_code == 403 and who == "a lead":
                    who, response = "a curator", curator.get(url)
                if response.status_code != 200 or response.streaming:
                    continue  # elsewhere, refused, a POST-only action or a download
                if not response["Content-Type"].startswith("text/html"):
                    continue
                checked.add(route.name)
                for seen in template_syntax_in(response.content.decode()):
                    problems.append(f"{url} ({who}) shows template syntax: …{seen}…")
    assert problems == [], "\n".join(problems)
    # The walk reached the pages where comments were seen as text, and the rest of the product.
    assert {
        "planning:plan_detail",
        "planning:stage",
        "planning:plan_list",
        "planning:register",
        "governance:stakeholder_list",
        "governance:stakeholder_update",
        "accounts:login",
        "home",
    } <= checked
    assert len(checked) > 60, len(checked)
