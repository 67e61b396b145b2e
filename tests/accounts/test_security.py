"""Sign-in throttling, the content security policy and framing protection."""

import re

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db


def test_sign_in_is_locked_after_five_wrong_passwords(client):
    user = MembershipFactory().user
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": user.email, "password": "wrong"})
    response = client.post(url, {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_still_works(client):
    user = MembershipFactory().user
    url = reverse("accounts:login")
    for _ in range(3):
        client.post(url, {"username": user.email, "password": "wrong"})
    response = client.post(url, {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_pages_carry_a_strict_csp_whose_nonce_matches_the_inline_script(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)[1]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_pages_cannot_be_framed(client):
    assert client.get(reverse("home"))["X-Frame-Options"] == "DENY"
