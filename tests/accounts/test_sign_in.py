"""Signing in and out, and resetting a forgotten password by email."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db


def test_visitors_see_the_start_page_with_a_sign_in_link(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("accounts:login") in response.content.decode()


def test_a_member_signs_in_with_email_and_password_and_lands_on_home(client):
    membership = MembershipFactory()
    response = client.post(
        reverse("accounts:login"),
        {"username": membership.user.email, "password": TEST_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert membership.organisation.name in response.content.decode()


def test_wrong_password_shows_an_error_summary_and_does_not_sign_in(client):
    membership = MembershipFactory()
    response = client.post(
        reverse("accounts:login"), {"username": membership.user.email, "password": "wrong"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page
    assert "Enter a correct email address and password." in page
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_and_ends_the_session(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_emails_a_link_that_sets_a_new_password(client):
    membership = MembershipFactory()
    response = client.post(reverse("accounts:password_reset"), {"email": membership.user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    new_password = "another-long-password-77"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    membership.user.refresh_from_db()
    assert membership.user.check_password(new_password)


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@nhs.net"})
    assert response.status_code == 302
    assert mail.outbox == []
