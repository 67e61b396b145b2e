"""The permission matrix is enforced in one place and documented in the README."""

from pathlib import Path

import pytest
from django.urls import reverse

from newroles.accounts.permissions import (
    Action,
    MemberRole,
    permission_table_markdown,
    role_can,
)
from tests.access import assert_access
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_matrix_matches_the_agreed_table():
    expected = {
        Action.VIEW: {"viewer", "hr", "editor", "lead"},
        Action.EXPORT: {"hr", "editor", "lead"},
        Action.EDIT: {"editor", "lead"},
        Action.MANAGE_PLAN: {"lead"},
        Action.MANAGE_MEMBERS: {"lead"},
    }
    for action, roles in expected.items():
        assert {r.value for r in MemberRole if role_can(r, action)} == roles


def test_readme_documents_the_matrix_as_enforced():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert permission_table_markdown() in readme


def test_members_page_is_for_leads_only(client, organisation):
    assert_access(
        client,
        reverse("accounts:members"),
        organisation=organisation,
        action=Action.MANAGE_MEMBERS,
        scoped=False,
    )


def test_member_pages_of_another_organisation_are_not_found(client, organisation):
    membership = MembershipFactory(organisation=organisation, role=MemberRole.VIEWER)
    for name in ("accounts:member_role", "accounts:member_remove"):
        assert_access(
            client,
            reverse(name, args=[membership.pk]),
            organisation=organisation,
            action=Action.MANAGE_MEMBERS,
        )


def test_home_page_for_every_member(client, organisation):
    for role in MemberRole:
        user = MembershipFactory(organisation=organisation, role=role).user
        client.force_login(user)
        response = client.get(reverse("home"))
        assert response.status_code == 200
        assert organisation.name in response.content.decode()
