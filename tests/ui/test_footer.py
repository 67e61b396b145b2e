"""Every page's footer: help, and the contact and feedback links the deployment configures."""

import pytest
from django.urls import reverse

from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db


def footer_of(client, url_name="home") -> str:
    html = client.get(reverse(url_name)).content.decode()
    return html[html.index("<footer") : html.index("</footer>")]


def test_the_contact_and_feedback_links_appear_when_configured(client, lead_client, settings):
    settings.CONTACT_EMAIL = "newroles@example.nhs.uk"
    settings.FEEDBACK_URL = "https://forms.example.nhs.uk/newroles-feedback"

    for browser in (client, lead_client):
        footer = footer_of(browser)
        assert 'href="mailto:newroles@example.nhs.uk">Contact us</a>' in footer
        assert 'href="https://forms.example.nhs.uk/newroles-feedback">Give feedback</a>' in footer


def test_without_a_feedback_form_feedback_is_emailed_to_the_contact(client, settings):
    settings.CONTACT_EMAIL = "newroles@example.nhs.uk"
    settings.FEEDBACK_URL = ""

    footer = footer_of(client)

    assert (
        'href="mailto:newroles@example.nhs.uk?subject=Feedback%20on%20NewRoles">Give feedback</a>'
        in footer
    )


def test_a_feedback_form_alone_is_linked_without_a_contact(client, settings):
    settings.CONTACT_EMAIL = ""
    settings.FEEDBACK_URL = "https://forms.example.nhs.uk/newroles-feedback"

    footer = footer_of(client)

    assert "Give feedback" in footer
    assert "Contact us" not in footer and "mailto:" not in footer


def test_nothing_is_linked_when_neither_is_configured(client, settings):
    settings.CONTACT_EMAIL = ""
    settings.FEEDBACK_URL = ""

    footer = footer_of(client)

    assert "Contact us" not in footer
    assert "Give feedback" not in footer
    assert "mailto:" not in footer
    assert f'href="{reverse("help:index")}">Help</a>' in footer  # help is always there


def test_the_help_pages_name_the_contact_when_configured(client, settings):
    settings.CONTACT_EMAIL = "newroles@example.nhs.uk"
    html = client.get(reverse("help:index")).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert 'href="mailto:newroles@example.nhs.uk"' in main

    settings.CONTACT_EMAIL = ""
    html = client.get(reverse("help:index")).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "mailto:" not in main
    assert "workforce lead in your organisation" in main


def test_the_settings_come_from_the_environment_and_odd_values_are_refused():
    shown = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CONTACT_EMAIL, settings.FEEDBACK_URL)",
        CONTACT_EMAIL="help@example.nhs.uk",
        FEEDBACK_URL="https://forms.example.nhs.uk/f",
        DEBUG="True",
    )
    assert shown.stdout.splitlines()[-1].split() == [
        "help@example.nhs.uk",
        "https://forms.example.nhs.uk/f",
    ]

    script = run_manage("check", DEBUG="True", FEEDBACK_URL="javascript:alert(1)")
    assert script.returncode != 0
    assert "FEEDBACK_URL must start with" in script.stderr

    not_an_address = run_manage("check", DEBUG="True", CONTACT_EMAIL="the NewRoles team")
    assert not_an_address.returncode != 0
    assert "CONTACT_EMAIL must be an email address" in not_an_address.stderr
