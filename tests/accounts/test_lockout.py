"""Sign-in lockouts: per account and address, per address across accounts, behind the proxy that
`make serve` expects, and what a locked-out person can still do."""

import re
import runpy

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

import newroles.settings
from tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "198.51.100.7"
PERSON = "203.0.113.20"
LOCKED_OUT = "Too many attempts to sign in"


def use_proxies(settings, count):
    """The settings as the environment variable PROXY_COUNT=count makes them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROXY_COUNT", str(count))
        configured = runpy.run_path(newroles.settings.__file__)
    for name, value in configured.items():
        if name == "PROXY_COUNT" or "IPWARE" in name:
            setattr(settings, name, value)


@pytest.fixture
def behind_one_proxy(settings):
    use_proxies(settings, 1)


@pytest.fixture
def without_proxy(settings):
    use_proxies(settings, 0)


def sign_in(client, email, password, **meta):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, **meta)


def via_proxy(client_address):
    """What the proxy passes on: its own address, and the client's appended to the header."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}


def test_behind_the_proxy_an_attacker_locks_only_themself_out(behind_one_proxy):
    user = MembershipFactory().user
    attacker = Client()
    for _ in range(5):
        sign_in(attacker, user.email, "wrong", **via_proxy(ATTACKER))

    refused = sign_in(attacker, user.email, TEST_PASSWORD, **via_proxy(ATTACKER))
    assert refused.status_code == 429
    assert LOCKED_OUT in refused.content.decode()

    person = Client()
    response = sign_in(person, user.email, TEST_PASSWORD, **via_proxy(PERSON))
    assert response.status_code == 302
    assert "_auth_user_id" in person.session


def test_behind_the_proxy_a_client_cannot_choose_its_own_address(behind_one_proxy):
    user = MembershipFactory().user
    attacker = Client()
    for forged in range(5):
        # The client's own header, with the entry the proxy appended after it.
        sign_in(attacker, user.email, "wrong", **via_proxy(f"192.0.2.{forged}, {ATTACKER}"))

    response = sign_in(attacker, user.email, TEST_PASSWORD, **via_proxy(f"192.0.2.9, {ATTACKER}"))
    assert response.status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored(without_proxy):
    user = MembershipFactory().user
    for forged in range(5):
        sign_in(
            Client(),
            user.email,
            "wrong",
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}",
        )

    response = sign_in(
        Client(), user.email, TEST_PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=PERSON
    )
    assert response.status_code == 429


def test_an_address_trying_many_accounts_is_refused_after_the_limit(settings):
    limit = settings.SIGN_IN_FAILURES_PER_ADDRESS
    assert limit == 20
    accounts = [m.user for m in MembershipFactory.create_batch(limit // 2 + 1)]
    attacker = Client()
    # Two wrong passwords on each account: far below the limit for one account.
    statuses = [
        sign_in(attacker, user.email, "wrong", REMOTE_ADDR=ATTACKER).status_code
        for user in accounts[:-1]
        for _ in range(2)
    ]
    assert statuses == [200] * (limit - 1) + [429]  # as with one account: the last is refused

    refused = sign_in(attacker, accounts[-1].email, TEST_PASSWORD, REMOTE_ADDR=ATTACKER)
    assert refused.status_code == 429
    assert LOCKED_OUT in refused.content.decode()
    assert "_auth_user_id" not in attacker.session
    admin_sign_in = {"username": accounts[-1].email, "password": TEST_PASSWORD}
    assert (
        attacker.post(reverse("admin:login"), admin_sign_in, REMOTE_ADDR=ATTACKER).status_code
        == 429
    )

    person = Client()
    assert sign_in(person, accounts[0].email, TEST_PASSWORD, REMOTE_ADDR=PERSON).status_code == 302


def test_an_address_below_the_limit_across_accounts_still_signs_in():
    accounts = [m.user for m in MembershipFactory.create_batch(4)]
    client = Client()
    for user in accounts[:-1]:
        for _ in range(4):
            sign_in(client, user.email, "wrong", REMOTE_ADDR=PERSON)

    response = sign_in(client, accounts[-1].email, TEST_PASSWORD, REMOTE_ADDR=PERSON)
    assert response.status_code == 302


def test_a_locked_out_person_resets_their_password_and_signs_in_again(client):
    user = MembershipFactory().user
    for _ in range(5):
        sign_in(client, user.email, "wrong")
    assert sign_in(client, user.email, TEST_PASSWORD).status_code == 429

    assert client.get(reverse("accounts:password_reset")).status_code == 200
    asked = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert asked.status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "another-long-password-77"
    changed = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert changed.status_code == 200
    assert "Your password has been changed" in changed.content.decode()

    response = sign_in(client, user.email, new_password)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
