"""NHS staff often share computers (issue 24): what a signed-in person saw is not kept by the
browser, sessions end after a spell without activity and a fixed time after signing in, forms
sent with a stale token get a page that says what to do, and powerful browser features are
denied."""

import re
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

HOUR = 3600


def set_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


def signed_in(client, *, hours_ago, last_seen_hours_ago):
    """A session that began `hours_ago` and was last used `last_seen_hours_ago`."""
    now = time.time()
    set_session(
        client,
        **{SIGNED_IN_AT: now - hours_ago * HOUR, LAST_SEEN_AT: now - last_seen_hours_ago * HOUR},
    )


def is_signed_in(client):
    return "_auth_user_id" in client.session


def banner(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- The browser keeps nothing a signed-in person saw --------------------------------------


@pytest.mark.parametrize(
    "url_name", ["home", "planning:plan_list", "calendar_feed_manage", "accessibility"]
)
def test_pages_for_a_signed_in_person_are_not_stored_by_the_browser(lead_client, url_name):
    response = lead_client.get(reverse(url_name))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_the_response_to_signing_in_is_not_stored_either(client):
    user = MembershipFactory().user
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_public_pages_for_visitors_may_be_cached(client):
    """Nothing personal on them, so a visitor's browser may keep them."""
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_response_that_already_says_no_store_is_left_as_it_is(lead_client):
    response = lead_client.get(reverse("planning:register_csv"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


# --- Powerful browser features are denied ----------------------------------------------------


@pytest.mark.parametrize("signed_in_client", [False, True])
def test_every_page_denies_powerful_features_it_does_not_use(client, lead, signed_in_client):
    if signed_in_client:
        client.force_login(lead)
    for url in [reverse("home"), reverse("accounts:login"), "/no-such-page/"]:
        policy = client.get(url)["Permissions-Policy"]
        for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
            assert f"{feature}=()" in policy, (url, feature)
        assert "fullscreen=(self)" in policy


# --- Sessions end ------------------------------------------------------------------------


def test_the_sign_in_page_says_when_sessions_end(client):
    page = banner(client.get(reverse("accounts:login")))
    assert (
        "For your security, you will be signed out after 8 hours without activity, and after "
        "12 hours in any case. Sign out when you finish on a shared computer." in page
    )


def test_the_limits_come_from_the_settings(client, settings):
    settings.SESSION_IDLE_MINUTES = 90
    settings.SESSION_MAX_HOURS = 1
    page = banner(client.get(reverse("accounts:login")))
    assert "signed out after 90 minutes without activity, and after 1 hour in any case" in page


def test_signing_in_starts_the_clock(client):
    user = MembershipFactory().user
    client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
    assert time.time() - client.session[SIGNED_IN_AT] < 60
    assert time.time() - client.session[LAST_SEEN_AT] < 60


def test_a_session_ends_after_eight_hours_without_activity(lead_client):
    signed_in(lead_client, hours_ago=9, last_seen_hours_ago=8.01)
    response = lead_client.get(reverse("planning:plan_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not is_signed_in(lead_client)
    page = banner(lead_client.get(response["Location"]))
    assert "You were signed out after 8 hours without activity. Sign in again to continue." in page


def test_activity_keeps_a_session_alive(lead_client):
    signed_in(lead_client, hours_ago=11, last_seen_hours_ago=7.9)
    assert lead_client.get(reverse("planning:plan_list")).status_code == 200
    assert time.time() - lead_client.session[LAST_SEEN_AT] < 60  # seen now
    assert lead_client.get(reverse("planning:plan_list")).status_code == 200
    assert is_signed_in(lead_client)


def test_a_session_ends_twelve_hours_after_signing_in_however_active(lead_client):
    signed_in(lead_client, hours_ago=12.01, last_seen_hours_ago=0.02)
    response = lead_client.get(reverse("home"))
    assert not is_signed_in(lead_client)
    # The page is then a visitor's (the start page, not the organisation's home), saying why.
    page = banner(response)
    assert "You were signed out because you signed in more than 12 hours ago." in page
    assert "Sign out" not in page


def test_a_form_sent_after_the_session_ended_changes_nothing(lead_client):
    signed_in(lead_client, hours_ago=9, last_seen_hours_ago=8.5)
    response = lead_client.post(reverse("planning:plan_create"), {"title": "Too late"})
    assert response["Location"].startswith(reverse("accounts:login"))
    from planning.models import ImplementationPlan

    assert not ImplementationPlan.objects.filter(title="Too late").exists()


def test_the_idle_limit_is_configurable(lead_client, settings):
    settings.SESSION_IDLE_MINUTES = 30
    signed_in(lead_client, hours_ago=1, last_seen_hours_ago=0.51)
    response = lead_client.get(reverse("planning:plan_list"))
    assert response["Location"].startswith(reverse("accounts:login"))
    page = banner(lead_client.get(response["Location"]))
    assert "signed out after 30 minutes without activity" in page


def test_the_session_is_written_at_most_once_a_minute(lead_client):
    """Keeping track of activity costs no database write on most requests."""
    url = reverse("planning:plan_list")
    lead_client.get(url)  # starts the clock
    with CaptureQueriesContext(connection) as queries:
        assert lead_client.get(url).status_code == 200
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE)", q["sql"], re.I)]
    assert not [sql for sql in writes if "django_session" in sql]


def test_the_session_cookie_lasts_no_longer_than_the_maximum(client):
    user = MembershipFactory().user
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD}
    )
    assert response.cookies["sessionid"]["max-age"] == 12 * HOUR


# --- A form sent with a stale security token --------------------------------------------------


def test_a_form_without_its_security_token_gets_a_page_that_says_what_to_do(lead):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    response = client.post(reverse("planning:plan_create"), {"title": "No token"})
    assert response.status_code == 403
    page = banner(response)
    assert "Sorry, we could not send your form" in page
    assert "Your session may have expired, or the form was open for too long" in page
    assert "go back to the form" in page
    assert "refresh the page" in page
    assert 'class="nhsuk-header' in page  # the site's own layout
    assert "CSRF" not in page


def test_signing_in_with_a_stale_token_gets_the_same_page(client):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "a@b.nhs.uk", "password": "x"})
    assert response.status_code == 403
    assert "Sorry, we could not send your form" in banner(response)
