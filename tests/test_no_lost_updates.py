"""No lost updates, on every edit form of the product (issue 9).

Every URL is found from the resolver. A view that takes a POST is either an edit view
(it saves a form's values over an existing record: it must refuse a save based on an older
version) or listed here as something else, with the reason it cannot lose an update. A new
view that is neither fails `test_every_view_that_takes_a_post_is_classified`.

For each edit view, two people load the same record, the first saves a changed value (from
their own rendered form, hidden version included), then the second saves a different value
from their older page: the second save is refused with the conflict shown, their answer is
kept in the form, and the first person's value is the one saved.
"""

import itertools

import pytest
from django import forms
from django.test import Client

from newroles.accounts.permissions import MemberRole
from planning.models import Stage, StageResponse
from planning.views.parts import (
    ConflictAwareFormMixin,
    PartCreateView,
    PartDeleteView,
    PartSingletonView,
)
from tests.factories import ImplementationPlanFactory, MembershipFactory
from tests.forms import form_data
from tests.url_walk import make, record_for, routes

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else changed this while you were editing"

# Edit views that detect conflicts their own way rather than through ConflictAwareFormMixin;
# they go through the same two-people test.
OWN_CONFLICT_CHECK = {
    "accounts:member_role": "the page carries the role it showed; the change is a conditional "
    "update on that role (accounts.services.change_role), refused if another lead changed it",
}

# Views that take a POST without saving a form's values over an existing record, and why no
# one's update can be lost through them.
NOT_EDITS = {
    "notifications:preferences": "a person's own choice of emails; nobody else edits it",
    "accounts:single_sign_on": "one yes-or-no setting, stated whole by each save",
    "notifications:unsubscribe": "turns one kind off for the link's person, the same whoever "
    "clicks first",
    "planning:owner_matches": "each match is saved as a new version of its record, so an "
    "editor working on it meanwhile is told (planning.records.save_edit)",
    "planning:stage_discussion": "adds a comment: no record is edited",
    "planning:record_discussion": "adds a comment: no record is edited",
    "documents:sign_off_request": "asks for sign-off: a new request, no record is edited",
    "documents:sign_off": "each person asked records their own decision once; the request is "
    "locked while it is decided (planning.sign_off.respond)",
    "documents:build": "asks for a document to be built again: no record is edited",
    "accounts:login": "signs in: no record is edited",
    "accounts:logout": "signs out: no record is edited",
    "accounts:password_reset": "sends a reset email: no record is edited",
    "accounts:password_reset_confirm": "a person sets their own password from a single-use "
    "link: nobody else edits it",
    "accounts:choose_organisation": "stores the person's own choice in their session",
    "accounts:invite": "creates a new invitation",
    "accounts:accept_invitation": "creates the person's own account and membership",
    "accounts:member_remove": "a confirmation, not values: removing a member twice is the same",
    "accounts:invitation_revoke": "a confirmation, not values: withdrawing twice is the same",
    "planning:plan_create": "creates a new plan",
    "planning:start_from_template": "creates a new plan",
    "planning:plan_copy": "creates a new plan; the original is only read",
    "planning:plan_offer": "creates a draft template for curators; the plan is only read",
    "planning:plan_archive": "a one-click confirmation, the same whoever clicks first; it saves "
    "a new version, so edit pages opened before it then show a conflict",
    "planning:plan_unarchive": "a one-click confirmation, the same whoever clicks first; it "
    "saves a new version, so edit pages opened before it then show a conflict",
    "planning:plan_history": "restores a chosen earlier version as a new version (save_edit): "
    "edit pages opened before it show a conflict, and what it replaced stays in the history",
    "planning:plan_bin": "restores a record from the bin as a new version, with its values as "
    "they were",
    "planning:risk_suggestions": "adds new risks to the register",
    "documents:approval_create": "append-only: an approval is a new record of a decision on the "
    "version it names, refused if the plan changed meanwhile; approvals are never edited",
    "roles:propose_case_study": "creates a new proposal for curators",
    "evaluation:metric_measure": "adds a value where the metric has none, refused if one was "
    "recorded meanwhile; it raises the review's version, so its measurements page opened "
    "before shows a conflict",
    "calendar_feed_manage": "replaces or revokes the person's own calendar address",
    # The curators' decisions change an item's status, refused when it no longer fits the
    # status (another curator decided first): no values are typed over.
    "curate:case_study_publish": "a status decision on a case study, refused once it does not fit",
    "curate:case_study_send_back": "sends a case study in review back with a new comment; "
    "refused once it is out of review",
    "curate:case_study_retire": "a status decision on a case study, refused once retired",
    "curate:template_publish": "publishes a new version, refused once published",
    "curate:template_send_back": "sends a template in review back with a new comment; refused "
    "once it is out of review",
    "curate:template_retire": "a status decision on a template, refused once retired",
}

# Kinds of view that are not edits, whatever new ones are added.
NOT_EDIT_KINDS = {
    PartCreateView: "adds a new record: there is nothing to overwrite",
    PartDeleteView: "moves the record to the bin, from which it is restored as it was",
}

# Function views (no class to inspect): each must be read-only.
FUNCTION_VIEWS = {
    "health": "reports the service's health, GET only",
    "home": "chooses the start page or a member's Home, both GET only",
    "openid_connect_login": "single sign-on (allauth): signing in edits nothing",
    "openid_connect_callback": "single sign-on (allauth): signing in edits nothing",
    "socialaccount_login_cancelled": "single sign-on (allauth): a page, edits nothing",
    "socialaccount_login_error": "single sign-on (allauth): a page, edits nothing",
}

# Edit views only one person may use, so two people cannot race; the one person's two tabs
# are tested where named.
ONE_EDITOR = {
    "planning:comment_update": "only its author changes a comment: two tabs of theirs are "
    "tested in tests/planning/test_discussion.py",
}

EXISTING, NEVER_SAVED = "saved before", "never saved"


def is_edit_view(route) -> bool:
    return route.name in OWN_CONFLICT_CHECK or (
        route.view_class is not None and issubclass(route.view_class, ConflictAwareFormMixin)
    )


def classification(route) -> str | None:
    if is_edit_view(route):
        return "edit"
    if route.view_class is None:
        return FUNCTION_VIEWS.get(route.name)
    for kind, reason in NOT_EDIT_KINDS.items():
        if issubclass(route.view_class, kind):
            return reason
    if not route.accepts_post():
        return "read-only"
    return NOT_EDITS.get(route.name)


def test_every_view_that_takes_a_post_is_classified():
    found = routes()
    unclassified = [r.name for r in found if classification(r) is None]
    assert unclassified == [], (
        "These views take a POST: make them conflict-aware (planning.views.parts."
        "ConflictAwareFormMixin, records.save_edit) or add them to NOT_EDITS with the reason "
        f"no update can be lost: {unclassified}"
    )
    names = {r.name for r in found}
    stale = sorted((set(NOT_EDITS) | set(OWN_CONFLICT_CHECK) | set(FUNCTION_VIEWS)) - names)
    assert stale == [], f"Listed views that no longer exist: {stale}"
    wrongly_excused = sorted(
        n for n in NOT_EDITS if is_edit_view(next(r for r in found if r.name == n))
    )
    assert wrongly_excused == [], f"Edit views listed as not edits: {wrongly_excused}"


def edit_cases():
    cases = []
    for route in routes():
        if not is_edit_view(route) or route.name in ONE_EDITOR:
            continue
        stages = Stage.values if "stage" in route.params else [None]
        singleton = route.view_class is not None and (
            issubclass(route.view_class, PartSingletonView) or "stage" in route.params
        )
        variants = [EXISTING, NEVER_SAVED] if singleton else [EXISTING]
        for stage, variant in itertools.product(stages, variants):
            label = ", ".join(filter(None, [stage, variant]))
            cases.append(pytest.param(route, stage, variant, id=f"{route.name}[{label}]"))
    return cases


EDIT_CASES = edit_cases()


def test_the_edit_views_are_found():
    names = {case.values[0].name for case in EDIT_CASES}
    # A floor, not the list: new edit views are found without changing this test.
    assert {
        "planning:plan_update",
        "planning:plan_status",
        "planning:stage",
        "planning:support_update",
        "planning:cost_assumptions",
        "governance:arrangement_update",
        "evaluation:logic_model",
        "evaluation:measurements",
        "accounts:member_role",
    } <= names
    assert len(names) >= 24


# --- Records to edit ---------------------------------------------------------------------------


def url_for(route, stage, variant, organisation):
    plan = ImplementationPlanFactory(organisation=organisation)
    values = {"plan_pk": plan.pk, "stage": stage}
    if variant == EXISTING and issubclass(route.view_class, PartSingletonView):
        make(route.view_class.model, plan)
    if variant == EXISTING and stage:
        StageResponse.objects.create(plan=plan, stage=stage, answers={})
    if "pk" in route.params:
        values["pk"] = record_for(route, plan).pk
    return route.url(**values)


# --- What to change ---------------------------------------------------------------------------


def _is_plain_text(field) -> bool:
    return (
        isinstance(field, forms.CharField)
        and not isinstance(field, forms.URLField | forms.EmailField)
        and isinstance(field.widget, forms.TextInput | forms.Textarea)
        and not field.disabled
    )


def pick_change(form):
    """(field name, the first person's value, the second person's value): a text field if the
    form has one, otherwise a choice."""
    for name, field in form.fields.items():
        if _is_plain_text(field):
            limit = field.max_length or 200
            return name, f"First person's {name}"[:limit], f"Second person's {name}"[:limit]
    for name, field in form.fields.items():
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            current = str(form[name].value() or "")
            options = [str(v) for v, _ in field.choices if str(v) not in ("", current)]
            if len(options) >= 2:
                return name, options[0], options[1]
    raise AssertionError(f"{type(form).__name__} has no field this test knows how to change")


def signed_in(organisation, role) -> Client:
    client = Client()
    client.force_login(MembershipFactory(organisation=organisation, role=role).user)
    return client


def saved_value(url, organisation, name) -> str:
    """The value as the edit page loads it now, for someone who opens it afresh."""
    page = signed_in(organisation, MemberRole.LEAD).get(url)
    assert page.status_code == 200
    return str(page.context["form"][name].value() or "")


# --- The test ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "stage", "variant"), EDIT_CASES)
def test_two_people_save_the_same_record_and_the_first_save_is_kept(
    route, stage, variant, organisation, cycle
):
    url = url_for(route, stage, variant, organisation)
    first = signed_in(organisation, MemberRole.EDITOR)
    first_page = first.get(url)
    if first_page.status_code == 403:  # leads only (status, members)
        first = signed_in(organisation, MemberRole.LEAD)
        first_page = first.get(url)
    second = signed_in(organisation, MemberRole.LEAD)
    second_page = second.get(url)
    assert first_page.status_code == second_page.status_code == 200

    first_data = form_data(first_page.context["form"])
    second_data = form_data(second_page.context["form"])
    name, first_value, second_value = pick_change(first_page.context["form"])
    first_data[name], second_data[name] = first_value, second_value

    saved = first.post(url, first_data)
    assert saved.status_code == 302, (
        saved.context and saved.context["form"].errors,
        f"the first save of {route} should succeed",
    )

    refused = second.post(url, second_data)
    page = refused.content.decode()
    assert refused.status_code == 409, f"{route} let a stale save through"
    assert CONFLICT in page
    assert refused.context["form"].data[name] == second_value  # their answer is not thrown away

    assert saved_value(url, organisation, name) == first_value
