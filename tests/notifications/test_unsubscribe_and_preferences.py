"""The link in every email stops that kind without signing in (and by a mail client's
one-click POST, RFC 8058); a signed-in person chooses their emails on one page."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from newroles.notifications import services
from newroles.notifications.models import NotificationKind, NotificationPreference
from tests.factories import UserFactory

from .test_notify import assigned

pytestmark = pytest.mark.django_db


def path_of(url):
    return urlsplit(url).path


@pytest.fixture
def person():
    return UserFactory(email="alex.smith@example.nhs.uk")


@pytest.fixture
def link(smtp, person):
    """The unsubscribe link of an email that arrived, as a path of this site."""
    assigned(person)
    (received,) = smtp.received
    return path_of(received.unsubscribe_link)


def preference(person, kind=NotificationKind.ASSIGNED):
    return NotificationPreference.objects.filter(user=person, kind=kind).first()


def test_the_link_asks_first_without_signing_in_and_changes_nothing(client, person, link):
    response = client.get(link)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stop emails about things assigned to you?" in page
    assert "alex.smith@example.nhs.uk" in page
    assert 'method="post"' in page
    assert "no-store" in response["Cache-Control"]
    assert preference(person) is None


def test_pressing_the_button_stops_that_kind_only_and_says_how_to_turn_it_back_on(person, link):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(link)
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else ""
    response = browser.post(link, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    text = response.content.decode()
    assert "You will not get emails about things assigned to you" in text
    assert reverse("notifications:preferences") in text
    assert "Something is assigned to you" in text  # the box to tick again
    assert preference(person).enabled is False
    assert services.enabled_kinds(user=person) == set(NotificationKind.values) - {"assigned"}


def test_a_mail_clients_one_click_post_unsubscribes_without_a_csrf_token(person, link):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        link,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert preference(person).enabled is False
    # Twice is the same.
    again = mail_client.post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert again.status_code == 200
    assert NotificationPreference.objects.filter(user=person).count() == 1


def test_after_unsubscribing_that_kind_is_no_longer_sent(smtp, person, link):
    Client().post(link)
    assert assigned(person, key="planning.planaction:99") is False
    assert len(smtp.received) == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        lambda token: token.split(":", 1)[1],  # the payload cut off
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_link_is_refused_with_a_clear_page(client, person, link, tamper):
    token = link.rstrip("/").rsplit("/", 1)[1]
    bad = reverse("notifications:unsubscribe", args=[tamper(token)])
    for response in (client.get(bad), client.post(bad)):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert preference(person) is None


def test_a_token_for_another_person_or_kind_cannot_be_forged(person, settings):
    other = UserFactory()
    token = services.unsubscribe_token(user=person, kind=NotificationKind.OVERDUE)
    assert services.read_unsubscribe_token(token) == (person.pk, NotificationKind.OVERDUE)
    # Signed with a salt: a token Django signs for something else is not accepted.
    from django.core import signing

    elsewhere = signing.dumps({"user": other.pk, "kind": "overdue"})
    with pytest.raises(services.InvalidUnsubscribeToken):
        services.read_unsubscribe_token(elsewhere)
    settings.SECRET_KEY = "another-secret-key-for-another-site-0123456789"
    with pytest.raises(services.InvalidUnsubscribeToken):
        services.read_unsubscribe_token(token)


def test_a_link_for_a_deleted_account_is_refused(client, person):
    token = services.unsubscribe_token(user=person, kind=NotificationKind.MENTION)
    person.delete()
    response = client.get(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 400


# --- The preferences page -----------------------------------------------------------------


def test_the_preferences_page_needs_signing_in(client):
    url = reverse("notifications:preferences")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_every_kind_has_a_box_with_its_description_ticked_by_default(client, person):
    client.force_login(person)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert page.count('type="checkbox"') == len(NotificationKind.choices)
    for value, label in NotificationKind.choices:
        assert f'value="{value}"' in page
        assert label in page
    assert page.count("checked") == len(NotificationKind.choices)
    assert "nhsuk-checkboxes" in page


def test_the_choices_are_saved_and_shown_again(client, person):
    client.force_login(person)
    url = reverse("notifications:preferences")
    response = client.post(url, {"kinds": ["assigned", "overdue"]})
    assert response.status_code == 302
    assert services.enabled_kinds(user=person) == {"assigned", "overdue"}
    page = client.get(url).content.decode()
    assert "Your email choices were saved." in page
    assert page.count("checked") == 2
    # Nothing ticked: every kind off.
    client.post(url, {})
    assert services.enabled_kinds(user=person) == set()
    assert NotificationPreference.objects.filter(user=person).count() == len(NotificationKind)


def test_an_unknown_kind_is_refused_next_to_the_boxes(client, person):
    client.force_login(person)
    response = client.post(reverse("notifications:preferences"), {"kinds": ["carrier_pigeon"]})
    assert response.status_code == 200
    assert "nhsuk-error-message" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=person).exists()


def test_the_admin_lists_what_was_sent_to_staff(smtp, admin_client, person):
    assigned(person)
    for name in ("sentnotification", "notificationpreference"):
        response = admin_client.get(reverse(f"admin:notifications_{name}_changelist"))
        assert response.status_code == 200
    assert (
        "planning.planaction:12"
        in admin_client.get(
            reverse("admin:notifications_sentnotification_changelist")
        ).content.decode()
    )
