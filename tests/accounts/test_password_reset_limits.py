"""Password reset emails are limited per account and per client address, and the page after
asking never says whether an email was sent, held back or there is no such account."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.test_lockout import PROXY, use_proxies
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def ask_for_reset(email, **meta):
    return Client().post(reverse("accounts:password_reset"), {"email": email}, **meta)


def what_the_asker_sees(response):
    return response.status_code, response["Location"]


def test_eight_requests_for_one_account_send_at_most_the_accounts_limit(settings):
    user = MembershipFactory().user
    assert settings.PASSWORD_RESET_EMAILS_PER_ACCOUNT == 3
    # From different addresses too: the limit is the account's.
    responses = [ask_for_reset(user.email, REMOTE_ADDR=f"198.51.100.{i}") for i in range(8)]
    assert len(mail.outbox) == 3
    assert all(message.to == [user.email] for message in mail.outbox)
    assert {what_the_asker_sees(r) for r in responses} == {
        (302, reverse("accounts:password_reset_done"))
    }


def test_the_page_is_the_same_whether_sent_held_back_or_no_account(settings):
    settings.PASSWORD_RESET_EMAILS_PER_ACCOUNT = 1
    user = MembershipFactory().user
    sent = ask_for_reset(user.email)
    held_back = ask_for_reset(user.email.upper())  # the same account, however it is typed
    no_account = ask_for_reset("nobody@nhs.net")
    assert len(mail.outbox) == 1
    assert what_the_asker_sees(sent) == what_the_asker_sees(held_back)
    assert what_the_asker_sees(sent) == what_the_asker_sees(no_account)
    page = Client().get(sent["Location"]).content.decode()
    assert "If the address you gave belongs to an account" in page


def test_one_address_asking_for_many_accounts_is_limited(settings):
    limit = settings.PASSWORD_RESET_REQUESTS_PER_ADDRESS
    assert limit == 10
    accounts = [m.user for m in MembershipFactory.create_batch(limit + 2)]
    for user in accounts[:limit]:
        ask_for_reset(user.email, REMOTE_ADDR="198.51.100.7")
    assert len(mail.outbox) == limit

    held_back = ask_for_reset(accounts[limit].email, REMOTE_ADDR="198.51.100.7")
    assert len(mail.outbox) == limit
    assert what_the_asker_sees(held_back) == (302, reverse("accounts:password_reset_done"))

    ask_for_reset(accounts[limit + 1].email, REMOTE_ADDR="203.0.113.20")
    assert mail.outbox[-1].to == [accounts[limit + 1].email]


def test_requests_for_accounts_that_do_not_exist_count_for_the_address(settings):
    settings.PASSWORD_RESET_REQUESTS_PER_ADDRESS = 2
    user = MembershipFactory().user
    ask_for_reset("nobody@nhs.net", REMOTE_ADDR="198.51.100.7")
    ask_for_reset("no-one@nhs.net", REMOTE_ADDR="198.51.100.7")
    ask_for_reset(user.email, REMOTE_ADDR="198.51.100.7")
    assert mail.outbox == []


def test_behind_the_proxy_each_client_has_its_own_allowance(settings):
    use_proxies(settings, 1)
    settings.PASSWORD_RESET_REQUESTS_PER_ADDRESS = 2
    accounts = [m.user for m in MembershipFactory.create_batch(4)]
    for user in accounts[:2]:
        ask_for_reset(user.email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    ask_for_reset(accounts[2].email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert len(mail.outbox) == 2

    ask_for_reset(accounts[3].email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert mail.outbox[-1].to == [accounts[3].email]


def test_the_limits_hold_on_every_worker_and_host(settings):
    """Each worker keeps its own cache: the counts are in the database, so a request that
    lands on another worker (here: an emptied cache) is counted with the rest."""
    from django.core.cache import cache

    user = MembershipFactory().user
    for i in range(settings.PASSWORD_RESET_EMAILS_PER_ACCOUNT + 2):
        cache.clear()
        ask_for_reset(user.email, REMOTE_ADDR=f"198.51.100.{i}")
    assert len(mail.outbox) == settings.PASSWORD_RESET_EMAILS_PER_ACCOUNT
