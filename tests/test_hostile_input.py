"""Bad input everywhere (issue 9): over-long text, control characters, HTML and script.

- Every form of the product is built on `newroles.ui.forms` (found by walking the form
  classes of the project's apps and the forms of every view), so every text field refuses
  hidden control characters and has a length limit.
- Every form page that saves something (found from the resolver) refuses over-long text and
  control characters in each of its text fields, and line breaks in each one-line field (issue
  24), with the message next to the field, and saves nothing; long answers keep line breaks.
- A plan with markup and formula prefixes in every text field of the plan and its parts is
  escaped on every page about it (found from the resolver), neutralised in every CSV, carried
  as text in the calendar file, and printed as text in the PDFs without fetching anything.
"""

import contextlib
import csv
import html
import importlib
import io
import re
from datetime import date

import docx
import pytest
from django import forms
from django.apps import apps
from django.contrib.auth import forms as auth_forms
from django.db.models import CharField, Sum, TextField
from django.test import Client
from django.views.generic.edit import FormMixin
from icalendar import Calendar

from newroles.accounts.permissions import MemberRole
from newroles.ui.forms import (
    HIDDEN_CHARACTERS,
    LONG_TEXT_MAX_LENGTH,
    SafeTextMixin,
    guard_text_field,
    is_one_line,
    text_limit,
)
from planning import panels
from planning.models import (
    ChecklistResponse,
    GoodPracticePoint,
    ImplementationPlan,
    PlanApproval,
    PointStatus,
    Stage,
    StageResponse,
)
from planning.records import plan_part_models
from planning.views.parts import PartSingletonView
from planning.workflow import questions_for
from tests.factories import ImplementationPlanFactory, MembershipFactory, PlanActionFactory
from tests.forms import form_data
from tests.planning import test_documents
from tests.url_walk import is_curators_page, make, make_curator, record_for, routes

pytestmark = pytest.mark.django_db

# The PDF tests' guards: no network, and a record of what WeasyPrint fetched.
no_network = test_documents.no_network
fetches = test_documents.fetches
pdf_pages, squashed = test_documents.pdf_pages, test_documents.squashed

PROJECT_PACKAGES = ("newroles", "planning", "governance", "evaluation", "roles")

# --- Every form is built on the safe bases -------------------------------------------------------

# Django's own forms that views of the product use, and why they need nothing more.
DJANGO_FORMS = {
    auth_forms.PasswordResetForm: "one email field: the email validator refuses control "
    "characters, and Django limits its length to 254",
    auth_forms.SetPasswordForm: "passwords only, which are never shown and left as typed",
}


def project_form_classes() -> set[type]:
    for config in apps.get_app_configs():
        if config.name.startswith(PROJECT_PACKAGES):
            for module in ("forms", "views"):
                with contextlib.suppress(ModuleNotFoundError):
                    importlib.import_module(f"{config.name}.{module}")
    found, queue = set(), [forms.BaseForm]
    while queue:
        for cls in queue.pop().__subclasses__():
            queue.append(cls)
            if cls.__module__.startswith(PROJECT_PACKAGES):
                found.add(cls)
    return found


# Forms with choices only, not yet on the bases; a text field added to one fails the test.
CHOICES_ONLY_FORMS = {
    "planning.views.audit.AuditFilterForm": "the audit log's filter (one choice); to move "
    "onto newroles.ui.forms.Form with the audit-log work",
}


def view_form_classes() -> set[type]:
    return {
        r.view_class.form_class
        for r in routes()
        if r.view_class is not None and getattr(r.view_class, "form_class", None)
    }


def test_every_form_of_the_product_guards_its_text_fields():
    project = project_form_classes()
    assert len(project) >= 39  # every form class the product defines (an unused one was removed)
    everything = project | view_form_classes()
    unguarded = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in everything
        if not issubclass(cls, SafeTextMixin) and cls not in DJANGO_FORMS
    )
    for name in CHOICES_ONLY_FORMS:
        cls = next((c for c in everything if f"{c.__module__}.{c.__qualname__}" == name), None)
        assert cls is None or not any(
            isinstance(f, forms.CharField) for f in cls.base_fields.values()
        ), f"{name} has a text field now: build it on newroles.ui.forms.Form"
        if name in unguarded:
            unguarded.remove(name)
    assert unguarded == [], f"Build these forms on newroles.ui.forms.Form or ModelForm: {unguarded}"


class _Example(forms.Form):
    pass


@pytest.mark.parametrize(
    "text",
    [
        "Before\x00after",  # NUL
        "Bell\x07",
        "Escape \x1b[31m red",
        "Vertical\x0btab",
        "Delete\x7f",
        "Next\x85line",  # C1 (NEL)
        "Line\u2028separator",
        "Right-to-left \u202eoverride",
        "Isolate \u2066here\u2069",
    ],
)
def test_hidden_control_characters_are_refused(text):
    field = forms.CharField(label="Plan title")
    guard_text_field(field, "title")
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(text)
    assert refused.value.messages == ["Remove the hidden control characters from plan title"]


@pytest.mark.parametrize(
    "text",
    [
        "Tabs\tand\nnew lines\r\nare fine",
        "Ffion Pryce-Jones — café, naïve, £45,000 and 50%",
        "Emoji 👩🏽‍⚕️ with joiners",
        "مرحبا بالعالم",
        "<b>Markup is text</b> & is escaped when shown",
    ],
)
def test_ordinary_text_is_accepted(text):
    field = forms.CharField(widget=forms.Textarea)
    guard_text_field(field, "notes")
    assert field.clean(text) == text.strip()
    assert not HIDDEN_CHARACTERS.search(text)


def test_long_answers_without_a_limit_get_one():
    field = forms.CharField(label="Notes", widget=forms.Textarea)
    guard_text_field(field, "notes")
    assert text_limit(field) == LONG_TEXT_MAX_LENGTH == 10_000
    field.clean("x" * 10_000)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("x" * 10_001)
    assert refused.value.messages == ["Notes must be 10,000 characters or fewer"]


def test_questions_are_named_plainly_in_messages():
    field = forms.CharField(label="How are concerns escalated?")
    guard_text_field(field, "escalation_route")
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("x\x07" + "x" * 10_001)
    assert set(refused.value.messages) == {
        "Remove the hidden control characters from your answer",
        "Answer must be 10,000 characters or fewer",
    }


def test_passwords_are_left_as_typed():
    field = forms.CharField(widget=forms.PasswordInput, strip=False)
    guard_text_field(field, "password")
    assert text_limit(field) is None
    assert field.clean("pass\x07word") == "pass\x07word"


# Every character that starts a new line somewhere (str.splitlines()).
LINE_BREAKING = [
    "\n",
    "\r\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
]


@pytest.mark.parametrize("widget", [forms.TextInput, forms.EmailInput, forms.URLInput])
@pytest.mark.parametrize("line_break", LINE_BREAKING, ids=repr)
def test_one_line_inputs_refuse_every_kind_of_line_break(widget, line_break):
    field = forms.CharField(label="Plan title", widget=widget)
    guard_text_field(field, "title")
    assert len(f"A{line_break}B".splitlines()) == 2
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(f"A{line_break}B")
    # The ones people type are named; the others are hidden characters, refused everywhere.
    assert refused.value.messages == [
        "Remove the line breaks from plan title"
        if line_break in ("\n", "\r\n", "\r")
        else "Remove the hidden control characters from plan title"
    ]


def test_a_line_break_in_a_question_is_refused_as_in_your_answer():
    field = forms.CharField(label="Who owns the risk?")
    guard_text_field(field, "owner")
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("Sam\nJones")
    assert refused.value.messages == ["Remove the line breaks from your answer"]


def test_long_answers_keep_their_line_breaks_and_one_line_inputs_their_tabs_and_ends():
    notes = forms.CharField(label="Notes", widget=forms.Textarea)
    guard_text_field(notes, "notes")
    assert notes.clean("First\r\nsecond\nthird") == "First\r\nsecond\nthird"
    title = forms.CharField(label="Plan title")
    guard_text_field(title, "title")
    assert title.clean("\n Peer\tsupport \r\n") == "Peer\tsupport"  # trimmed, as always
    hidden = forms.CharField(widget=forms.HiddenInput)
    guard_text_field(hidden, "based_on_role")  # nobody types it, and no message would show
    assert hidden.clean("a\nb") == "a\nb"


# --- Every form page refuses bad text and saves nothing -------------------------------------------

# Views with a form that saves nothing: nothing to protect, or Django's own.
FORMS_THAT_SAVE_NOTHING = {
    "accounts:login": "signs in",
    "accounts:password_reset": "Django's form: sends an email",
    "accounts:password_reset_confirm": "Django's form: passwords only",
    "accounts:choose_organisation": "a choice stored in the session",
}


def form_routes():
    return [
        r
        for r in routes()
        if r.view_class is not None
        and issubclass(r.view_class, FormMixin)
        and r.accepts_post()
        and r.name not in FORMS_THAT_SAVE_NOTHING
    ]


def form_cases():
    cases = []
    for route in form_routes():
        for stage in Stage.values if "stage" in route.params else [None]:
            label = f"{route.name}[{stage}]" if stage else route.name
            cases.append(pytest.param(route, stage, id=label))
    return cases


FORM_CASES = form_cases()


def test_the_form_pages_are_found():
    names = {case.values[0].name for case in FORM_CASES}
    assert {"planning:plan_create", "planning:stage", "evaluation:measurements"} <= names
    assert len(names) >= 45


def snapshot() -> dict:
    """Rows and versions of everything a form could save (not sessions, sign-in attempts or
    the audit log, which record visits)."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label.startswith(("sessions.", "axes.", "admin.")) or "audit" in label:
            continue
        rows = model._base_manager.all()
        state[label] = rows.count()
        names = {f.name for f in model._meta.concrete_fields}
        for counter in ("lock_version", "version"):
            if counter in names:
                state[f"{label}.{counter}"] = rows.aggregate(total=Sum(counter))["total"]
    return state


def page_for(route, stage, organisation):
    """A signed-in client and the URL of this form page, with what it needs to exist."""
    lead = MembershipFactory(organisation=organisation, role=MemberRole.LEAD).user
    client = Client()
    plan = ImplementationPlanFactory(organisation=organisation, owner=lead)
    values = {"plan_pk": plan.pk, "stage": stage}
    if "pk" in route.params:
        values["pk"] = record_for(route, plan).pk
    if "kind" in route.params:  # a record's discussion: the kind of record <pk> names
        values["kind"] = "planning.risk"
    if issubclass(route.view_class, PartSingletonView):
        make(route.view_class.model, plan)
    if "slug" in route.params:  # a published role template
        from django.core.management import call_command

        from roles.models import RoleTemplate

        call_command("load_reference_data", verbosity=0)
        values["slug"] = RoleTemplate.objects.published().first().slug
    if "token" in route.params:  # an invitation, opened by the person invited
        from newroles.accounts.models import Invitation

        invitation = Invitation.objects.create(
            organisation=organisation,
            email="new.person@example.nhs.uk",
            invited_by=lead,
            token="a-test-invitation-token",
        )
        values["token"] = invitation.token
    else:
        client.force_login(make_curator() if is_curators_page(route) else lead)
    return client, route.url(**values)


def text_fields(form):
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput)
    ]


def error_next_to(page: str, bound_field) -> str:
    """The error text shown next to a field (empty if none)."""
    match = re.search(
        rf'id="{re.escape(bound_field.auto_id)}-error"><span class="nhsuk-u-visually-hidden">'
        r"Error:</span>(.*?)</span>",
        page,
        re.S,
    )
    return html.unescape(match.group(1)) if match else ""


FORMS_WITHOUT_TEXT = {
    "MemberRoleForm",
    "PlanStatusForm",
    "GuideRiskSuggestionsForm",
    "CostAssumptionsForm",
    "OwnerMatchForm",
    "PreferencesForm",
    "SingleSignOnForm",
}

HIDDEN_SAMPLES = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u202e", "\x0b"]


@pytest.mark.parametrize(("route", "stage"), FORM_CASES)
def test_over_long_text_and_control_characters_are_refused_next_to_the_field(
    route, stage, organisation, cycle
):
    client, url = page_for(route, stage, organisation)
    loaded = client.get(url)
    assert loaded.status_code == 200, loaded.status_code
    form = loaded.context["form"]
    names = text_fields(form)
    if not names:
        # Choices, numbers and dates only: nothing free-text to refuse. Listed, so a text field
        # added to one of these forms is noticed here.
        assert type(form).__name__ in FORMS_WITHOUT_TEXT, f"{route} has no text fields"
        return
    before = snapshot()

    too_long = form_data(form)
    limits = {}
    for name in names:
        guard_text_field(form.fields[name], name)
        limits[name] = text_limit(form.fields[name])
        too_long[name] = "x" * (limits[name] + 1)
    response = client.post(url, too_long)
    assert response.status_code == 200, f"{route} accepted over-long text"
    page, errors = response.content.decode(), response.context["form"].errors
    for name in names:
        wanted = f"{limits[name]:,} characters"
        assert any(wanted in e for e in errors.get(name, [])), (name, errors.get(name))
        assert wanted in error_next_to(page, response.context["form"][name]), name

    hidden = form_data(form)
    for n, name in enumerate(names):
        sample = "a@b.nhs.uk" if isinstance(form.fields[name], forms.EmailField) else "Text"
        hidden[name] = sample[:1] + HIDDEN_SAMPLES[n % len(HIDDEN_SAMPLES)] + sample[1:]
    response = client.post(url, hidden)
    assert response.status_code == 200, f"{route} accepted control characters"
    page = response.content.decode()
    for name in names:
        shown = error_next_to(page, response.context["form"][name])
        assert "Remove the hidden control characters from " in shown, (name, shown)

    assert snapshot() == before, f"{route} saved something from a refused form"


@pytest.mark.parametrize(("route", "stage"), FORM_CASES)
def test_line_breaks_are_refused_next_to_every_one_line_field_and_kept_in_long_answers(
    route, stage, organisation, cycle
):
    client, url = page_for(route, stage, organisation)
    form = client.get(url).context["form"]
    names = text_fields(form)
    if not names:
        return  # listed in FORMS_WITHOUT_TEXT, checked above
    one_line = [name for name in names if is_one_line(form.fields[name])]
    before = snapshot()
    broken = form_data(form)
    for name in names:
        sample = "a@b.nhs.uk" if isinstance(form.fields[name], forms.EmailField) else "Text"
        broken[name] = f"{sample[:1]}\r\n{sample[1:]}"
    response = client.post(url, broken)
    if response.status_code == 302:  # saved: long answers only, line breaks and all
        assert not one_line, f"{route} accepted line breaks in one-line fields"
        return
    page, bound = response.content.decode(), response.context["form"]
    for name in names:
        shown = error_next_to(page, bound[name])
        if name in one_line:
            assert "Remove the line breaks from " in shown, (name, shown)
        else:  # a long answer (refused, if at all, for another field's sake)
            assert "line break" not in shown, (name, shown)
    assert snapshot() == before, f"{route} saved something from a refused form"


# --- Markup and formulas in every text field, shown as text everywhere ----------------------------

SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>"
RAW_MARKUP = ("<script>alert(1)", "<img src=x")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def hostile(n: int, limit: int | None = None) -> str:
    """Markup, behind a formula prefix that changes from field to field."""
    return (f"{'=+-@'[n % 4]}{SCRIPT}")[: limit or None]


def fill_text_fields(record, counter) -> None:
    """Every free-text field of one record (not choices), written straight to the database."""
    values = {}
    for field in type(record)._meta.concrete_fields:
        if (
            isinstance(field, CharField | TextField)
            and not field.choices
            and field.editable
            and (field.max_length or 100) >= 20
            and field.name not in ("token", "fingerprint", "pdf_sha256")
            and "link" not in field.name
            and "url" not in field.name
        ):
            values[field.attname] = hostile(next(counter), field.max_length)
    type(record)._base_manager.filter(pk=record.pk).update(**values)


@pytest.fixture
def hostile_plan(organisation, cycle, lead):
    import itertools

    counter = itertools.count()
    plan = ImplementationPlanFactory(
        organisation=organisation, owner=lead, target_start_date=date(2027, 4, 1)
    )
    for model in plan_part_models():
        if model in (StageResponse, ChecklistResponse):
            continue
        record = make(model, plan)
        fill_text_fields(record, counter)
    # Dated, so the calendar carries them, and one that tries to add a line of its own.
    PlanActionFactory(
        plan=plan,
        description=f"{hostile(1)}\r\nATTENDEE:mailto:someone@example.com",
        due_date=date(2027, 5, 1),
    )
    for stage in Stage.values:
        answers = {q.code: hostile(next(counter)) for q in questions_for(stage) if not q.is_choice}
        StageResponse.objects.create(plan=plan, stage=stage, answers=answers)
    for point in GoodPracticePoint.objects.all()[:12]:
        ChecklistResponse.objects.create(
            plan=plan, point=point, status=PointStatus.IN_PROGRESS, note=hostile(next(counter))
        )
    from evaluation.models import Measurement, Metric

    for metric in Metric.objects.filter(plan=plan):
        for measurement in Measurement.objects.filter(metric=metric):
            fill_text_fields(measurement, counter)
    approval = PlanApproval.objects.create(
        plan=plan,
        version=plan.version,
        approver="Board",
        decided_on=date(2027, 1, 5),
        decision="approved",
        pdf=b"%PDF-1.4",
        pdf_sha256="0" * 64,
    )
    fill_text_fields(approval, counter)
    fill_text_fields(plan, counter)
    return ImplementationPlan.objects.get(pk=plan.pk)


# Pages that need something other than a plan's records to open, and why they are not here.
PAGES_LEFT_OUT = {
    "notifications:unsubscribe": "names a kind of email from a signed link: no plan text",
    "accounts:password_reset_confirm": "a password page reached from an email link",
    "accounts:accept_invitation": "shows the organisation's name only",
    "roles:template": "curated library content, not plan text",
    "roles:case_study": "curated library content, not plan text",
    "calendar_feed": "the calendar feed, checked below through the plan's calendar file",
    "planning:start_from_template": "a template's page: no plan text",
    "documents:build": "a document build's progress, reached from a download: the plan's "
    "title only (tests/planning/test_document_builds.py)",
    "socialaccount_login_error": "single sign-on failed: no plan's text, and answered 401",
    "socialaccount_login_cancelled": "single sign-on was cancelled: no plan's text",
    "account_inactive": "single sign-on of a closed account: no plan's text",
}
FILES = ("documents:pdf", "documents:summary_pdf", "documents:word", "documents:approval_pdf")


def page_urls(route, plan):
    """Every URL of this route about the hostile plan."""
    if route.name in PAGES_LEFT_OUT or route.name in FILES or route.view_class is None:
        return []
    if is_curators_page(route):
        # No plan's text, only the library's (a lead is refused them): markup in a template
        # offered from a plan is checked in tests/roles/test_curation.py.
        return []
    values = {"plan_pk": plan.pk}
    if route.name == "planning:record_discussion":
        from planning.models import Risk

        values["kind"] = "planning.risk"
        values["pk"] = Risk._base_manager.filter(plan=plan).first().pk
        return [route.url(**values)]
    if "pk" in route.params:
        if route.name == "accounts:member_role" or route.name == "accounts:member_remove":
            values["pk"] = plan.owner.memberships.get().pk
        elif route.name == "accounts:invitation_revoke":
            return []  # no pending invitation: a confirmation page with the email only
        else:
            model = getattr(route.view_class, "model", None)
            if route.name == "evaluation:measurements":
                from evaluation.models import EvaluationCheckpoint as model
            elif route.name in ("evaluation:metric_detail", "evaluation:metric_measure"):
                from evaluation.models import Metric as model
            elif route.name == "planning:comment_update":
                from planning.models import Comment as model

                if not model.objects.filter(plan=plan).exists():
                    model.objects.create(
                        plan=plan, stage=Stage.values[0], author=plan.owner, text=plan.title
                    )
            elif route.name == "documents:sign_off":
                from planning import sign_off
                from planning.models import SignOffRequest as model

                if not model.objects.filter(plan=plan).exists():
                    sign_off.request_sign_off(
                        plan=plan, approvers=[plan.owner], message=plan.title, user=plan.owner
                    )
            assert model is not None, f"Say in page_urls() which record <pk> of {route} names"
            values["pk"] = model._base_manager.filter(plan=plan).first().pk
    stages = Stage.values if "stage" in route.params else [None]
    keys = [e.key for e in panels.csv_exports()] if "key" in route.params else [None]
    unknown = set(route.params) - {"plan_pk", "pk", "stage", "key"}
    assert not unknown, f"Say in page_urls() how to open {route} ({unknown})"
    return [route.url(**values, stage=s, key=k) for s in stages for k in keys]


def test_markup_in_every_text_field_is_shown_as_text_on_every_page(hostile_plan, client):
    client.force_login(hostile_plan.owner)
    checked = {"html": 0, "csv": 0, "ics": 0}
    for route in routes():
        for url in page_urls(route, hostile_plan):
            response = client.get(url)
            if response.status_code in (301, 302, 405):  # elsewhere, or a POST-only action
                continue
            assert response.status_code == 200, (url, response.status_code)
            kind = response["Content-Type"]
            content = response.content.decode()
            if kind.startswith("text/html"):
                checked["html"] += 1
                for raw in RAW_MARKUP:
                    assert raw not in content, f"{url} shows markup unescaped"
                if "plan_pk" in route.params:
                    assert ESCAPED in content, f"{url} does not show the plan's text"
            elif kind.startswith("text/csv"):
                checked["csv"] += 1
                rows = list(csv.reader(io.StringIO(content)))
                for row in rows:
                    for cell in row:
                        assert not cell.startswith(FORMULA_STARTS), (url, cell)
                assert any(SCRIPT[:16] in cell for row in rows[1:] for cell in row), url
            elif kind.startswith("text/calendar"):
                checked["ics"] += 1
                events = Calendar.from_ical(response.content).walk("VEVENT")
                assert events
                assert all("ATTENDEE" not in event for event in events)
                assert any(SCRIPT[:16] in str(event["SUMMARY"]) for event in events)
            else:
                raise AssertionError(f"{url}: check what {kind} shows")
    assert checked["html"] >= 40 and checked["csv"] >= 3 and checked["ics"] == 1, checked


def test_markup_is_printed_as_text_in_the_pdfs_and_nothing_is_fetched(
    hostile_plan, client, no_network, fetches
):
    client.force_login(hostile_plan.owner)
    from django.urls import reverse

    for name in ("documents:pdf", "documents:summary_pdf"):
        response = client.get(reverse(name, args=[hostile_plan.pk]))
        assert response.status_code == 200
        text = squashed("\n".join(pdf_pages(response.content)))
        assert squashed(SCRIPT) in text, name
    word = client.get(reverse("documents:word", args=[hostile_plan.pk]))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert any(SCRIPT in p for p in paragraphs)  # as text, as typed
    assert fetches and all(f.served == [] and f.refused == [] for f in fetches)
    assert no_network == []
