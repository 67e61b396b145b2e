"""Single sign-on in a real browser, against a real OpenID Connect provider on localhost."""

import copy

import pytest
from playwright.sync_api import expect

from newroles.accounts.models import Invitation, Membership
from newroles.accounts.permissions import MemberRole
from tests.accounts.identity_provider import running_provider
from tests.browser.conftest import axe_violations
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(live_server, settings):
    with running_provider(live_server.url) as provider:
        settings.SOCIALACCOUNT_PROVIDERS = provider.settings()
        # As settings.py does for OIDC_ISSUER_URL: our sign-in forms go on to the provider.
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(provider.url)
        settings.CONTENT_SECURITY_POLICY = policy
        yield provider


def at_the_provider(page, login):
    """The provider's own pages: sign in as `login`, then agree to share with NewRoles."""
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any password")
    page.locator("button[type=submit]").first.click()
    page.locator("button[type=submit]").first.click()  # "Continue": share name and email


def test_an_invited_member_of_a_pcn_joins_with_their_nhsmail_account(live_server, page, provider):
    lead = MembershipFactory(role=MemberRole.LEAD, organisation__name="Riverside PCN").user
    invitation = Invitation.objects.create(
        organisation=lead.memberships.get().organisation,
        email="amy.new@nhs.net",
        role=MemberRole.EDITOR,
        invited_by=lead,
        token="s" * 43,
    )
    page.goto(f"{live_server.url}/accounts/invitations/{invitation.token}/")
    assert axe_violations(page, "invitation with single sign-on") == []

    page.get_by_role("button", name="Sign in with NHSmail").click()
    at_the_provider(page, "amy")

    expect(page.get_by_role("heading", level=1)).to_have_text("Join Riverside PCN")
    page.get_by_role("button", name="Accept invitation").click()
    expect(page.locator(".nhsuk-notification-banner, .nhsuk-inset-text").first).to_contain_text(
        "You have joined Riverside PCN"
    )
    member = Membership.objects.get(user__email="amy.new@nhs.net")
    assert (member.organisation.name, member.role) == ("Riverside PCN", MemberRole.EDITOR)


def test_an_unverified_address_is_refused_with_a_page_that_says_why(live_server, page, provider):
    MembershipFactory(user__email="lena.lead@nhs.net")
    page.goto(f"{live_server.url}/accounts/sign-in/")
    assert axe_violations(page, "sign-in with single sign-on") == []

    page.get_by_role("button", name="Sign in with NHSmail").click()
    at_the_provider(page, "unverified")

    expect(page.get_by_role("heading", level=1)).to_have_text("You could not sign in")
    expect(page.locator("main")).to_contain_text("did not confirm that the email address")
    assert axe_violations(page, "single sign-on refused") == []
    page.get_by_role("link", name="Sign in with your email address and password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to NewRoles")


def test_a_lead_requires_single_sign_on_once_they_have_used_it(live_server, page, provider):
    lead = MembershipFactory(user__email="lena.lead@nhs.net", role=MemberRole.LEAD).user
    page.goto(f"{live_server.url}/accounts/sso/oidc/nhsmail/login/")
    assert axe_violations(page, "continue to the provider") == []
    page.get_by_role("button", name="Continue to NHSmail").click()
    at_the_provider(page, "lena")  # signs in as the lead, linked by the verified address
    page.goto(f"{live_server.url}/accounts/members/single-sign-on/")
    page.get_by_label("Members must sign in with single sign-on").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-notification-banner, .nhsuk-inset-text").first).to_contain_text(
        "Members now sign in with single sign-on only"
    )
    lead.memberships.get().organisation.refresh_from_db()
    assert lead.memberships.get().organisation.require_single_sign_on


def test_requiring_single_sign_on_too_soon_says_why_next_to_the_box(
    live_server, provider, signed_in
):
    lead = MembershipFactory(role=MemberRole.LEAD).user
    page = signed_in(lead)
    page.goto(f"{live_server.url}/accounts/members/single-sign-on/")
    page.get_by_label("Members must sign in with single sign-on").check()
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Sign in with NHSmail once yourself first")
    assert axe_violations(page, "single sign-on, with errors") == []
