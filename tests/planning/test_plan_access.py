"""Every plan URL is isolated by organisation and follows the permission matrix."""

import pytest
from django.urls import reverse

from newroles.accounts.permissions import Action
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, PlanActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return ImplementationPlanFactory()


@pytest.mark.parametrize(
    ("name", "action", "method"),
    [
        ("planning:plan_detail", Action.VIEW, "get"),
        ("planning:plan_bin", Action.VIEW, "get"),
        ("planning:plan_update", Action.EDIT, "get"),
        ("planning:plan_update", Action.EDIT, "post"),
        ("planning:action_create", Action.EDIT, "get"),
        ("planning:action_create", Action.EDIT, "post"),
        ("planning:plan_status", Action.MANAGE_PLAN, "get"),
        ("planning:plan_status", Action.MANAGE_PLAN, "post"),
        ("planning:plan_copy", Action.MANAGE_PLAN, "get"),
        ("planning:plan_copy", Action.MANAGE_PLAN, "post"),
        ("planning:plan_archive", Action.MANAGE_PLAN, "get"),
        ("planning:plan_archive", Action.MANAGE_PLAN, "post"),
        ("planning:plan_unarchive", Action.MANAGE_PLAN, "get"),
        ("planning:plan_unarchive", Action.MANAGE_PLAN, "post"),
    ],
)
def test_plan_pages(client, plan, name, action, method):
    assert_access(
        client,
        reverse(name, args=[plan.pk]),
        organisation=plan.organisation,
        action=action,
        method=method,
    )


def test_restoring_from_the_bin_needs_edit(client, plan):
    assert_access(
        client,
        reverse("planning:plan_bin", args=[plan.pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method="post",
        data={"kind": "planaction", "pk": "0"},
    )


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("planning:action_update", "get"),
        ("planning:action_update", "post"),
        ("planning:action_delete", "get"),
        ("planning:action_delete", "post"),
    ],
)
def test_action_pages(client, plan, name, method):
    def fresh_url():
        return reverse(name, args=[plan.pk, PlanActionFactory(plan=plan).pk])

    assert_access(
        client, fresh_url, organisation=plan.organisation, action=Action.EDIT, method=method
    )


def test_an_action_is_reached_only_through_its_own_plan(lead_client, organisation):
    mine = ImplementationPlanFactory(organisation=organisation)
    theirs = PlanActionFactory()  # another organisation's plan
    url = reverse("planning:action_update", args=[mine.pk, theirs.pk])
    assert lead_client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "action", "method"),
    [
        ("planning:plan_list", Action.VIEW, "get"),
        ("planning:plan_create", Action.EDIT, "get"),
        ("planning:plan_create", Action.EDIT, "post"),
    ],
)
def test_organisation_pages(client, organisation, name, action, method):
    assert_access(
        client,
        reverse(name),
        organisation=organisation,
        action=action,
        method=method,
        scoped=False,
    )


def test_the_list_shows_only_your_organisations_plans(lead_client, organisation):
    ImplementationPlanFactory(organisation=organisation, title="Ours")
    ImplementationPlanFactory(title="Someone else's")
    page = lead_client.get(reverse("planning:plan_list")).content.decode()
    assert "Ours" in page
    assert "Someone else" not in page
