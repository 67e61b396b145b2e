"""A form sent again creates nothing more (issue 18).

Pressing "Add" three times quickly made three risks. Every view that creates something
(found from the resolver) draws a single-use token into its page and claims it in the
database with what it creates (``newroles.ui.mixins.CreateOnceMixin``): the same form sent
two or three times creates one record, and each repeat is sent where the first went, with no
error. A view that takes a POST either does this or is listed below with the reason it needs
not, so a new create view is noticed.
"""

import re
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from newroles.accounts.permissions import MemberRole
from newroles.ui import services as ui_services
from newroles.ui.mixins import FORM_TOKEN, CreateOnceMixin
from newroles.ui.models import SentForm
from planning import selectors
from planning.models import Risk
from planning.views.parts import ConflictAwareFormMixin, PartCreateView, PartDeleteView
from tests.factories import ImplementationPlanFactory, MembershipFactory
from tests.forms import form_data
from tests.test_hostile_input import snapshot
from tests.test_no_lost_updates import OWN_CONFLICT_CHECK
from tests.url_walk import record_for, routes

pytestmark = pytest.mark.django_db

# Views that take a POST and create nothing a repeat would duplicate, and why.
CREATES_NOTHING_TWICE = {
    "notifications:preferences": "saves the person's own choice of emails: a repeat saves the same",
    "notifications:unsubscribe": "turns one kind of email off: twice is the same",
    "planning:owner_matches": "makes matched members owners: a repeat finds nothing left to "
    "match and is refused",
    "documents:sign_off": "records the person's one decision: a second is refused",
    "accounts:single_sign_on": "sets how the organisation's members sign in: twice is the same",
    "openid_connect_login": "sends the browser to the identity provider; creates nothing",
    "openid_connect_callback": "the provider's code is good for one use (and allauth's state "
    "for one callback): a repeat is refused by the provider",
    "documents:build": "'Try again' queues a build only while the failed one is still the "
    "plan's latest; a repeated press follows the build the first queued "
    "(tests/planning/test_document_builds.py)",
    "accounts:login": "signs in",
    "accounts:logout": "signs out",
    "accounts:password_reset": "sends a reset email to someone not signed in; repeats are "
    "counted and limited (accounts.throttling)",
    "accounts:password_reset_confirm": "sets a password from a single-use link",
    "accounts:choose_organisation": "stores a choice in the session",
    "accounts:accept_invitation": "the invitation is single-use: a repeat finds it accepted",
    "accounts:member_remove": "removing a member twice is the same",
    "accounts:invitation_revoke": "withdrawing an invitation twice is the same",
    "planning:plan_archive": "archiving twice is the same",
    "planning:plan_unarchive": "restoring twice is the same",
    "planning:plan_history": "restores a chosen version; the repeat restores the same one",
    "planning:plan_bin": "restores a record from the bin; a repeat finds it gone from the bin",
    "calendar_feed_manage": "replaces the person's one calendar address (a repeat replaces it "
    "again, leaving one) or revokes it",
    # The curators' decisions: a repeat finds the decision made and changes nothing.
    "curate:case_study_publish": "publishing a published case study again is the same review",
    "curate:case_study_send_back": "a case study sent back is out of review: a repeat is refused",
    "curate:case_study_retire": "retiring twice is refused: a repeat changes nothing",
    "curate:template_publish": "a published template is not published again: a repeat adds no "
    "version (tests/roles/test_curation.py)",
    "curate:template_send_back": "a template sent back is out of review: a repeat is refused",
    "curate:template_retire": "retiring twice is refused: a repeat changes nothing",
}
# Whole URL namespaces whose views take a POST and create nothing.
NAMESPACES_THAT_CREATE_NOTHING = {
    "curate": "a curator's decision on an item of the library; one that no longer fits the "
    "item's status (a repeat) changes nothing",
}
# Kinds of view that create nothing, whatever new ones are added.
KINDS_THAT_CREATE_NOTHING = {
    ConflictAwareFormMixin: "saves over an existing record, based on the version shown "
    "(tests/test_no_lost_updates.py)",
    PartDeleteView: "moves a record to the bin: twice is the same",
}


def why_not_once(route) -> str | None:
    if route.name in CREATES_NOTHING_TWICE:
        return CREATES_NOTHING_TWICE[route.name]
    if route.name in OWN_CONFLICT_CHECK:
        return OWN_CONFLICT_CHECK[route.name]
    namespace = route.name.partition(":")[0] if ":" in route.name else ""
    if namespace in NAMESPACES_THAT_CREATE_NOTHING:
        return NAMESPACES_THAT_CREATE_NOTHING[namespace]
    for kind, reason in KINDS_THAT_CREATE_NOTHING.items():
        if issubclass(route.view_class, kind):
            return reason
    return None


CREATE_ROUTES = [
    r for r in routes() if r.view_class is not None and issubclass(r.view_class, CreateOnceMixin)
]


def test_every_view_that_takes_a_post_creates_once_or_says_why_it_need_not():
    unclassified = [
        r.name
        for r in routes()
        if r.accepts_post() and r not in CREATE_ROUTES and why_not_once(r) is None
    ]
    assert unclassified == [], (
        "These views take a POST: if they create something, give them "
        "newroles.ui.mixins.CreateOnceMixin (and the form_token in their page); otherwise list "
        f"them in CREATES_NOTHING_TWICE with the reason: {unclassified}"
    )
    names = {r.name for r in CREATE_ROUTES}
    # A floor, not the list: new create views are found without changing this test.
    assert {
        "planning:plan_create",
        "planning:risk_create",
        "governance:stakeholder_create",
        "evaluation:metric_create",
        "accounts:invite",
        "documents:approval_create",
        "roles:propose_case_study",
    } <= names
    assert len(names) >= 25


# --- A page to send, and what to send ------------------------------------------------------------


def page_for(route, organisation):
    """A lead's browser, the form page's URL, and the plan it is about."""
    lead = MembershipFactory(organisation=organisation, role=MemberRole.LEAD).user
    client = Client()
    client.force_login(lead)
    plan = ImplementationPlanFactory(organisation=organisation, owner=lead)
    values = {"plan_pk": plan.pk}
    if "slug" in route.params:  # a published role template
        call_command("load_reference_data", verbosity=0)
        from roles.models import RoleTemplate

        values["slug"] = RoleTemplate.objects.published().first().slug
    if "pk" in route.params:  # a record of the plan the form adds to (a metric's value)
        values["pk"] = record_for(route, plan).pk
    if "stage" in route.params:  # a stage's discussion
        values["stage"] = "training-and-support"
    if "kind" in route.params:  # a record's discussion: the kind of record <pk> names
        values["kind"] = "planning.risk"
    return client, route.url(**values), plan


def _values_of_a_record_like_it(route, plan, client) -> dict:
    """What the edit page of a record of the same kind sends back: a valid new record."""
    edit = next(
        r
        for r in routes()
        if r.view_class is not None
        and issubclass(r.view_class, ConflictAwareFormMixin)
        and getattr(r.view_class, "model", None) is route.view_class.model
        and "pk" in r.params
    )
    record = record_for(edit, plan)
    page = client.get(edit.url(plan_pk=plan.pk, pk=record.pk))
    data = form_data(page.context["form"])
    data.pop("lock_version", None)
    return data


SENT = {
    "planning:start_from_template": lambda plan: {
        "need": "Our crisis team cannot offer lived experience.",
        "target_start_date_0": "1",
        "target_start_date_1": "4",
        "target_start_date_2": "2027",
    },
    "planning:risk_suggestions": lambda plan: {
        "points": [str(selectors.guide_risk_suggestions(plan).first().pk)]
    },
    "documents:approval_create": lambda plan: {
        "version": str(plan.version),
        "approver": "Trust Board",
        "decided_on_0": "3",
        "decided_on_1": "3",
        "decided_on_2": "2026",
        "decision": "approved",
    },
    "evaluation:metric_measure": lambda plan: {
        "checkpoint": "new",
        "review_title": "Quarterly data check",
        "value": "12",
    },
    "documents:sign_off_request": lambda plan: {
        "approvers": [str(plan.organisation.memberships.first().user_id)]
    },
    "planning:stage_discussion": lambda plan: {"text": "Who covers weekends?", "mentions": []},
    "planning:record_discussion": lambda plan: {"text": "Raised at committee", "mentions": []},
    "planning:skill_mix_create": lambda plan: {"profession": "Peer support workers", "band": "3"},
    "accounts:invite": lambda plan: {"email": "new.person@example.nhs.uk", "role": "viewer"},
    "roles:propose_case_study": lambda plan: {
        "title": "Our peer support pilot",
        "care_setting": "mental_health",
        "summary": "We trialled peer support on discharge.",
        "source_title": "Board paper",
        "stages": ["training-and-support"],
        "role_names": "Peer support worker",
        "roles": [],
    },
}


def valid_data(route, plan, client, page) -> dict:
    data = form_data(page.context["form"]) if "form" in page.context else {}
    if issubclass(route.view_class, PartCreateView):
        data.update(_values_of_a_record_like_it(route, plan, client))
    if route.name == "planning:plan_create":
        edit = client.get(reverse("planning:plan_update", args=[plan.pk]))
        data.update(form_data(edit.context["form"]))
        data.pop("lock_version")
    if route.name in SENT:
        data.update(SENT[route.name](plan))
    return data


def drawn_token(page) -> str:
    """The token the page drew into its form, as the browser sends it back."""
    found = re.findall(
        rf'<input type="hidden" name="{FORM_TOKEN}" value="([^"]+)">', page.content.decode()
    )
    assert len(found) == 1, f"the page should carry one {FORM_TOKEN}, found {found}"
    return found[0]


# --- The tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("route", CREATE_ROUTES, ids=str)
def test_the_same_form_sent_three_times_creates_one_record(route, organisation, cycle):
    client, url, plan = page_for(route, organisation)
    page = client.get(url)
    assert page.status_code == 200
    data = {**valid_data(route, plan, client, page), FORM_TOKEN: drawn_token(page)}
    before = snapshot()

    first = client.post(url, data)
    assert first.status_code == 302, first.context and first.context["form"].errors
    created = snapshot()
    assert created != before, f"{route} created nothing: this test sends the wrong data"
    sent_emails = len(mail.outbox)

    for _ in range(2):  # a double click, then a third
        again = client.post(url, data)
        assert again.status_code == 302
        assert again["Location"] == first["Location"]  # where the first went, no error
    assert snapshot() == created
    assert len(mail.outbox) == sent_emails  # an invitation is emailed once


def test_two_forms_drawn_separately_create_two_records(lead_client, organisation, cycle):
    plan = ImplementationPlanFactory(organisation=organisation)
    url = reverse("planning:risk_create", args=[plan.pk])
    risk = {"description": "Supervisors leave", "likelihood": "3", "impact": "3"}
    for _ in range(2):
        page = lead_client.get(url)
        data = {**form_data(page.context["form"]), **risk, FORM_TOKEN: drawn_token(page)}
        assert lead_client.post(url, data).status_code == 302
    assert Risk.objects.filter(plan=plan).count() == 2


def test_a_form_shown_again_with_errors_keeps_its_token_and_creates_once_when_put_right(
    lead_client, organisation, cycle
):
    plan = ImplementationPlanFactory(organisation=organisation)
    url = reverse("planning:risk_create", args=[plan.pk])
    page = lead_client.get(url)
    token = drawn_token(page)
    data = {**form_data(page.context["form"]), FORM_TOKEN: token}

    refused = lead_client.post(url, {**data, "description": ""})
    assert refused.status_code == 200
    assert drawn_token(refused) == token
    assert not Risk.objects.exists()

    data.update(description="Supervisors leave", likelihood="3", impact="3")
    assert lead_client.post(url, data).status_code == 302
    assert lead_client.post(url, data).status_code == 302
    assert Risk.objects.filter(plan=plan).count() == 1


def test_a_token_is_the_senders_own(organisation, cycle):
    """Another person sending a form with the same token (a shared, copied page) is not sent
    where the first person went: their record is made."""
    plan = ImplementationPlanFactory(organisation=organisation)
    url = reverse("planning:risk_create", args=[plan.pk])
    data = {"description": "Supervisors leave", "likelihood": "3", "impact": "3"}
    data.update(status="open", **{FORM_TOKEN: "the-same-token-for-both-people"})
    for _ in range(2):
        client = Client()
        client.force_login(MembershipFactory(organisation=organisation).user)
        assert client.post(url, data).status_code == 302
    assert Risk.objects.filter(plan=plan).count() == 2


def test_a_repeat_refused_by_the_database_leaves_the_transaction_usable(lead):
    """The claim is refused by the unique constraint inside a savepoint: on PostgreSQL the
    request's transaction goes on (to read where the first sending led) instead of failing
    with "current transaction is aborted"."""
    assert ui_services.claim_form(user=lead, token="a-token-sent-twice-000") is True
    ui_services.record_where_form_led(user=lead, token="a-token-sent-twice-000", url="/plans/")
    assert ui_services.claim_form(user=lead, token="a-token-sent-twice-000") is False
    assert SentForm.objects.get(user=lead).led_to == "/plans/"


@pytest.mark.skipif(
    not connection.features.has_select_for_update,
    reason="SQLite (the embedded default) has no row locks, and its in-memory test database "
    "refuses a second writer at once; production's PostgreSQL runs this test",
)
@pytest.mark.django_db(transaction=True)
def test_three_clicks_at_the_same_moment_create_one_record(organisation, lead):
    """Three requests with the same form at once: the database's unique constraint makes the
    first one claim the form; the others wait for it, then go where it went."""
    plan = ImplementationPlanFactory(organisation=organisation)
    url = reverse("planning:risk_create", args=[plan.pk])
    data = {"description": "Supervisors leave", "likelihood": "3", "impact": "3"}
    data.update(status="open", **{FORM_TOKEN: "three-clicks-at-once-0000"})
    clicks, started, results = 3, threading.Barrier(3), []

    def click():
        client = Client()
        client.force_login(lead)
        started.wait()
        try:
            response = client.post(url, data)
            results.append((response.status_code, response["Location"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and len(results) == clicks, results
    assert results[0][0] == 302
    assert Risk.objects.filter(plan=plan).count() == 1
