"""Restoring a version never does what the person restoring could not do directly (issue 24).

The history page lets editors restore. A plan's status is changed only by a lead (its own
page), archiving too, and a record never moves to another plan or organisation: restoring
keeps these as they are for anyone who could not change them, and says so.
"""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from newroles.accounts.models import Membership
from newroles.accounts.permissions import Action, MemberRole, role_can
from planning import history
from planning.models import ImplementationPlan, PlanStatus, StageResponse
from planning.models.cycle import ChecklistResponse
from tests.factories import ImplementationPlanFactory, OrganisationFactory, RiskFactory
from tests.forms import form_data
from tests.url_walk import routes

pytestmark = pytest.mark.django_db

EDITOR_ACTIONS = frozenset(a for a in Action if role_can(MemberRole.EDITOR, a))
LEAD_ACTIONS = frozenset(a for a in Action if role_can(MemberRole.LEAD, a))


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation, title="First title")


@pytest.fixture
def editor_client(organisation, member_of):
    client = Client()
    client.force_login(member_of(organisation, MemberRole.EDITOR))
    return client


def first_version(plan):
    return plan.history.order_by("history_date", "history_id").first()


def set_status(client, plan, status):
    url = reverse("planning:plan_status", args=[plan.pk])
    data = form_data(client.get(url).context["form"])
    data["status"] = status
    assert client.post(url, data, follow=True).redirect_chain  # its message shown and gone


def edit_plan(client, plan, **changes):
    url = reverse("planning:plan_update", args=[plan.pk])
    data = form_data(client.get(url).context["form"])
    data.update(changes)
    assert client.post(url, data, follow=True).redirect_chain  # its message shown and gone


def restore(client, plan, row, kind="implementationplan"):
    response = client.post(
        reverse("planning:plan_history", args=[plan.pk]),
        {"kind": kind, "history_id": row.history_id},
        follow=True,
    )
    return response, [str(m) for m in response.context["messages"]]


def test_an_editor_restores_the_plans_content_but_not_its_status(editor_client, lead_client, plan):
    set_status(lead_client, plan, PlanStatus.LIVE)
    edit_plan(editor_client, plan, title="Second title")

    response, messages = restore(editor_client, plan, first_version(plan))

    plan.refresh_from_db()
    assert plan.title == "First title"
    assert plan.status == PlanStatus.LIVE
    assert messages == [
        f"Restored the version of {first_version(plan).history_date:%d %B %Y, %H:%M}. "
        "Status was not restored: only a lead can change it."
    ]
    assert "Status was not restored: only a lead can change it." in response.content.decode()


def test_an_editor_restoring_a_version_that_differs_only_in_status_changes_nothing(
    editor_client, lead_client, plan
):
    set_status(lead_client, plan, PlanStatus.UNDER_REVIEW)
    versions = plan.history.count()

    _, messages = restore(editor_client, plan, first_version(plan))

    plan.refresh_from_db()
    assert plan.status == PlanStatus.UNDER_REVIEW
    assert plan.history.count() == versions
    assert messages == ["Nothing was restored. Status was not restored: only a lead can change it."]


def test_a_lead_restores_the_status_too(lead_client, plan):
    set_status(lead_client, plan, PlanStatus.LIVE)
    edit_plan(lead_client, plan, title="Second title")

    _, messages = restore(lead_client, plan, first_version(plan))

    plan.refresh_from_db()
    assert (plan.title, plan.status) == ("First title", PlanStatus.DRAFT)
    assert len(messages) == 1 and "not restored" not in messages[0]


@pytest.mark.parametrize("role", [MemberRole.EDITOR, MemberRole.LEAD])
def test_restoring_never_unarchives_or_moves_a_plan(client, member_of, plan, role):
    # A version from when the plan was in another organisation (moved by hand, say).
    home, elsewhere = plan.organisation, OrganisationFactory()
    plan.organisation = elsewhere
    plan.save()
    moved = plan.history.order_by("-history_date", "-history_id").first()
    plan.organisation = home
    plan.save()
    client.force_login(member_of(home, MemberRole.LEAD))
    assert client.post(reverse("planning:plan_archive", args=[plan.pk])).status_code == 302

    client.force_login(member_of(plan.organisation, role))
    restore(client, plan, moved)

    plan.refresh_from_db()
    assert plan.organisation == home
    assert plan.is_archived


@pytest.mark.parametrize("role", [MemberRole.VIEWER, MemberRole.HR])
def test_people_who_cannot_edit_cannot_restore(client, member_of, plan, role):
    client.force_login(member_of(plan.organisation, MemberRole.LEAD))
    edit_plan(client, plan, title="Second title")
    client.force_login(member_of(plan.organisation, role))

    response = client.post(
        reverse("planning:plan_history", args=[plan.pk]),
        {"kind": "implementationplan", "history_id": first_version(plan).history_id},
    )

    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title == "Second title"


def test_an_owner_who_has_left_the_organisation_is_not_restored(
    editor_client, organisation, member_of, plan
):
    former = member_of(organisation, MemberRole.EDITOR)
    current = member_of(organisation, MemberRole.EDITOR)
    edit_plan(editor_client, plan, owner=former.pk)
    with_former_owner = plan.history.order_by("-history_date", "-history_id").first()
    edit_plan(editor_client, plan, owner=current.pk, title="Second title")
    Membership.objects.filter(user=former).delete()

    _, messages = restore(editor_client, plan, with_former_owner)

    plan.refresh_from_db()
    assert plan.owner == current
    assert plan.title == "First title"
    assert (
        "Owner was not restored: that person is no longer a member of your organisation."
        in (messages[0])
    )


def test_an_editor_restores_a_records_own_status(editor_client, plan):
    risk = RiskFactory(plan=plan, description="Staff leave", status="open")
    risk.status = "closed"
    risk.save()
    row = risk.history.order_by("history_date", "history_id").first()

    restore(editor_client, plan, row, kind="risk")

    risk.refresh_from_db()
    assert risk.status == "open"


def test_the_page_tells_editors_that_restoring_keeps_the_status(editor_client, lead_client, plan):
    note = "Restoring a version of the plan keeps its current status"
    url = reverse("planning:plan_history", args=[plan.pk])
    assert note in editor_client.get(url).content.decode()
    assert note not in lead_client.get(url).content.decode()


# --- Every kind of record: restoring changes only what the edit forms let the person change ---

# Records edited on pages without a model form, and the form that edits them.
EDITED_WITHOUT_A_MODEL_FORM = {
    StageResponse: ({"stage", "answers"}, Action.EDIT),  # the stage pages (StageForm)
    ChecklistResponse: ({"point", "status", "note"}, Action.EDIT),  # the stage pages
}


def fields_people_may_edit():
    """model -> {field name: the actions whose views offer a form field for it}."""
    offered = {}
    for route in routes():
        view = route.view_class
        form_class = getattr(view, "form_class", None)
        if not (form_class and issubclass(form_class, forms.ModelForm)):
            continue
        action = getattr(view, "required_action_for_post", None) or getattr(
            view, "required_action", None
        )
        if action is None:  # not a page of an organisation's plans (accepting an invitation)
            continue
        for name in form_class.base_fields:
            offered.setdefault(form_class._meta.model, {}).setdefault(name, set()).add(action)
    for model, (names, action) in EDITED_WITHOUT_A_MODEL_FORM.items():
        for name in names:
            offered.setdefault(model, {}).setdefault(name, set()).add(action)
    return offered


@pytest.mark.parametrize("role", [MemberRole.EDITOR, MemberRole.LEAD])
def test_every_kind_restores_only_fields_the_role_can_change_on_a_form(role):
    actions = frozenset(a for a in Action if role_can(role, a))
    offered = fields_people_may_edit()
    kinds = [model for model, _ in history._history_models()]
    assert len(kinds) >= 20
    for model in kinds:
        may_edit = {name for name, needs in offered.get(model, {}).items() if needs & actions}
        restored = {f.name for f in history.restorable_fields(model, actions=actions)}
        assert restored <= may_edit, (
            f"{role.label}s would restore {sorted(restored - may_edit)} of "
            f"{model.__name__}, which no form lets them change"
        )


def test_the_organisation_is_never_restored():
    assert "organisation" not in {
        f.name for f in history.restorable_fields(ImplementationPlan, actions=frozenset(Action))
    }
