"""Single sign-on through OpenID Connect, against a real provider on localhost.

Signing in through the provider proves who someone is, never what they may see: access comes
from an invitation or a membership. An existing account is linked only by an address the
provider has verified, and a lead can have members sign in through the provider only.
"""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse

from newroles.accounts.models import Invitation, Membership, User
from newroles.accounts.permissions import MemberRole
from tests.accounts.identity_provider import running_provider, sign_in_through
from tests.factories import TEST_PASSWORD, ImplementationPlanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def identity_provider():
    with running_provider("http://testserver") as provider:
        yield provider


@pytest.fixture
def sso(settings, identity_provider):
    settings.SOCIALACCOUNT_PROVIDERS = identity_provider.settings()
    return identity_provider


def signed_in_as(client) -> User | None:
    user = client.get(reverse("home")).wsgi_request.user
    return user if user.is_authenticated else None


def test_the_sign_in_page_offers_the_provider_only_when_one_is_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert "Sign in with" not in client.get(reverse("accounts:login")).content.decode()

    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "nhsmail",
                    "name": "NHSmail",
                    "client_id": "x",
                    "secret": "y",
                    "settings": {"server_url": "https://login.example"},
                }
            ]
        }
    }
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in with NHSmail" in page
    assert 'action="/accounts/sso/oidc/nhsmail/login/"' in page


def test_an_invited_person_signs_in_through_the_provider_and_joins(sso, lead_client, organisation):
    lead_client.post(
        reverse("accounts:invite"), {"email": "amy.new@nhs.net", "role": MemberRole.EDITOR}
    )
    invitation = Invitation.objects.get(email="amy.new@nhs.net")
    link = reverse("accounts:accept_invitation", args=[invitation.token])
    amy = Client()
    assert "Sign in with NHSmail" in amy.get(link).content.decode()

    back = sign_in_through(amy, "amy", next=link)

    assert back.status_code == 302 and back["Location"] == link
    user = signed_in_as(amy)
    assert (user.email, user.first_name, user.last_name) == ("amy.new@nhs.net", "Amy", "New")
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()  # not until they accept
    assert "Accept invitation" in amy.get(link).content.decode()
    amy.post(link)
    assert Membership.objects.get(user=user).organisation == organisation
    assert Membership.objects.get(user=user).role == MemberRole.EDITOR


def test_signing_in_through_the_provider_without_an_invitation_opens_nothing(sso, organisation):
    plan = ImplementationPlanFactory(organisation=organisation)
    amy = Client()

    sign_in_through(amy, "amy")

    assert signed_in_as(amy).email == "amy.new@nhs.net"
    assert amy.get(reverse("home"))["Location"] == reverse("accounts:no_organisation")
    assert amy.get(reverse("planning:plan_detail", args=[plan.pk])).status_code in (302, 404)
    assert amy.get(reverse("planning:plan_list")).status_code == 302


def test_an_existing_account_is_linked_by_an_address_the_provider_verified(sso, organisation):
    lena = MembershipFactory(organisation=organisation, user__email="Lena.Lead@nhs.net").user
    client = Client()

    sign_in_through(client, "lena")

    assert signed_in_as(client) == lena
    assert SocialAccount.objects.get(user=lena).provider == "nhsmail"
    assert User.objects.count() == 1
    # And next time, by the link itself.
    again = Client()
    sign_in_through(again, "lena")
    assert signed_in_as(again) == lena
    # Their password still works: their address was proven by their invitation.
    by_password = Client().post(
        reverse("accounts:login"), {"username": lena.email, "password": TEST_PASSWORD}
    )
    assert by_password.status_code == 302


def test_an_entra_address_in_a_verified_domain_links_the_account(sso, organisation):
    """Entra ID sends no email_verified; its xms_edov claim vouches for the address."""
    lena = MembershipFactory(organisation=organisation, user__email="lena.lead@nhs.net").user
    client = Client()

    sign_in_through(client, "entra")

    assert signed_in_as(client) == lena
    assert SocialAccount.objects.get(user=lena).provider == "nhsmail"


def test_an_address_the_provider_has_not_verified_is_refused(sso, organisation):
    lena = MembershipFactory(organisation=organisation, user__email="lena.lead@nhs.net").user
    client = Client()

    response = sign_in_through(client, "unverified")

    assert response.status_code == 403
    assert "did not confirm that the email address it gave us is yours" in response.content.decode()
    assert signed_in_as(client) is None
    assert list(User.objects.all()) == [lena]
    assert not SocialAccount.objects.exists()


def test_a_provider_that_gives_no_email_address_is_refused(sso):
    client = Client()

    response = sign_in_through(client, "noemail")

    assert response.status_code == 403
    assert "did not give us your email address" in response.content.decode()
    assert signed_in_as(client) is None
    assert not User.objects.exists()


def test_a_lead_requires_single_sign_on_and_passwords_are_then_refused(sso, organisation):
    lead = MembershipFactory(organisation=organisation, user__email="lena.lead@nhs.net").user
    editor = MembershipFactory(organisation=organisation, role=MemberRole.EDITOR).user
    lead_client = Client()
    lead_client.force_login(lead)
    page = reverse("accounts:single_sign_on")

    # Not before the lead has signed in through the provider themselves.
    response = lead_client.post(page, {"require_single_sign_on": "on"})
    assert "Sign in with NHSmail once yourself first" in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.require_single_sign_on

    sign_in_through(lead_client, "lena")
    assert lead_client.post(page, {"require_single_sign_on": "on"})["Location"] == reverse(
        "accounts:members"
    )
    organisation.refresh_from_db()
    assert organisation.require_single_sign_on

    refused = Client().post(
        reverse("accounts:login"), {"username": editor.email, "password": TEST_PASSWORD}
    )
    assert refused.status_code == 200
    assert "Your organisation asks you to sign in with NHSmail" in refused.content.decode()
    # A wrong password says only that: whether single sign-on is required is not given away.
    wrong = Client().post(reverse("accounts:login"), {"username": editor.email, "password": "x"})
    assert "asks you to sign in with" not in wrong.content.decode()

    # NewRoles' administrators keep their password, for when the provider is down.
    admin = UserFactory(is_staff=True)
    Membership.objects.create(user=admin, organisation=organisation, role=MemberRole.LEAD)
    admin_in = Client().post(
        reverse("accounts:login"), {"username": admin.email, "password": TEST_PASSWORD}
    )
    assert admin_in.status_code == 302

    # Turned off again, passwords work.
    lead_client.post(page, {})
    organisation.refresh_from_db()
    assert not organisation.require_single_sign_on
    back = Client().post(
        reverse("accounts:login"), {"username": editor.email, "password": TEST_PASSWORD}
    )
    assert back.status_code == 302


def test_single_sign_on_cannot_be_required_when_no_provider_is_configured(
    settings, lead_client, organisation
):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    response = lead_client.post(
        reverse("accounts:single_sign_on"), {"require_single_sign_on": "on"}
    )
    assert "Single sign-on is not set up for NewRoles yet" in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.require_single_sign_on


def test_only_leads_change_how_members_sign_in(client, organisation):
    for role in (MemberRole.VIEWER, MemberRole.HR, MemberRole.EDITOR):
        client.force_login(MembershipFactory(organisation=organisation, role=role).user)
        assert client.get(reverse("accounts:single_sign_on")).status_code == 403
        assert (
            client.post(
                reverse("accounts:single_sign_on"), {"require_single_sign_on": "on"}
            ).status_code
            == 403
        )
    organisation.refresh_from_db()
    assert not organisation.require_single_sign_on


def test_an_invitation_to_an_organisation_that_requires_it_offers_only_single_sign_on(
    sso, organisation
):
    organisation.require_single_sign_on = True
    organisation.save()
    invitation = Invitation.objects.create(
        organisation=organisation, email="amy.new@nhs.net", token="i" * 43
    )
    link = reverse("accounts:accept_invitation", args=[invitation.token])
    page = Client().get(link).content.decode()
    assert "signs in to NewRoles with NHSmail" in page
    assert 'name="password1"' not in page and "Create account and join" not in page

    # A password account cannot be made by posting the form anyway.
    refused = Client().post(
        link,
        {"first_name": "Amy", "last_name": "New", "password1": "x" * 20, "password2": "x" * 20},
    )
    assert refused.status_code == 403
    assert not User.objects.filter(email="amy.new@nhs.net").exists()

    amy = Client()
    sign_in_through(amy, "amy", next=link)
    amy.post(link)
    assert Membership.objects.get(user__email="amy.new@nhs.net").organisation == organisation


def test_setting_a_new_password_ends_the_persons_other_sessions(client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = MembershipFactory().user
    elsewhere = Client()
    elsewhere.force_login(user)
    assert signed_in_as(elsewhere) == user

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    form = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-password-2", "new_password2": "a-brand-new-password-2"},
    )
    user.refresh_from_db()
    assert user.check_password("a-brand-new-password-2")
    assert signed_in_as(elsewhere) is None
