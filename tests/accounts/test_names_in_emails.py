"""A person's name cannot carry a line break or a link into the emails they send (issue 24).

The form that sets a name (accepting an invitation) refuses line breaks and web addresses,
next to the field. A name stored another way (the admin, older data) is shown in an
invitation on one line, and not at all if it could become a link: its sender's email address
is shown instead.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from newroles.accounts.models import Organisation, User
from newroles.accounts.permissions import MemberRole

pytestmark = pytest.mark.django_db

PASSWORD = "a-brand-new-password-9"


def invite(client, email="new.person@nhs.net"):
    response = client.post(reverse("accounts:invite"), {"email": email, "role": MemberRole.EDITOR})
    assert response.status_code == 302
    return mail.outbox[-1]


def accept(client, message, first_name, last_name):
    link = re.search(r"https?://[^/]+(/accounts/invitations/\S+/)", message.body)[1]
    client.logout()
    data = {"first_name": first_name, "last_name": last_name}
    return client.post(link, data | {"password1": PASSWORD, "password2": PASSWORD})


def error_next_to(page: str, name: str) -> str:
    match = re.search(rf'id="id_{name}-error">(.*?)</span>\s*<', page, re.S)
    return re.sub(r"<[^>]+>", "", match[1]).replace("Error:", "").strip() if match else ""


@pytest.mark.parametrize(
    ("first_name", "last_name", "field", "message"),
    [
        ("Alex\nVisit", "Smith", "first_name", "Remove the line breaks from first name"),
        ("Alex", "Smith\r\nhttps://evil.example", "last_name", "Remove the line breaks from "),
        ("Alex", "Smith https://evil.example", "last_name", "Enter your last name without a web"),
        ("Visit http://evil.example", "Smith", "first_name", "Enter your first name without a web"),
        ("Alex", "www.evil.example", "last_name", "Enter your last name without a web address"),
        ("Alex", "Smith evil.example/offer", "last_name", "Enter your last name without a web"),
        ("Alex", "Smith FTP://evil.example", "last_name", "Enter your last name without a web"),
    ],
)
def test_a_name_with_a_line_break_or_a_web_address_is_refused_next_to_the_field(
    lead_client, first_name, last_name, field, message
):
    response = accept(lead_client, invite(lead_client), first_name, last_name)
    assert response.status_code == 200
    assert message in error_next_to(response.content.decode(), field)
    assert not User.objects.filter(email="new.person@nhs.net").exists()


@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [("Siân", "Pryce-Jones"), ("Seán", "O'Brien"), ("J. R.", "Smith"), ("Dr.", "Ng St. John")],
)
def test_ordinary_names_are_accepted(lead_client, first_name, last_name):
    response = accept(lead_client, invite(lead_client), first_name, last_name)
    assert response.status_code == 302
    user = User.objects.get(email="new.person@nhs.net")
    assert (user.first_name, user.last_name) == (first_name, last_name)


def test_an_invitation_shows_the_senders_name_in_a_sentence(lead_client, lead):
    User.objects.filter(pk=lead.pk).update(first_name="Alex", last_name="Smith")
    message = invite(lead_client)
    assert "\nAlex Smith has invited you to join " in message.body


@pytest.mark.parametrize(
    "last_name",
    [
        "Smith\nVisit https://evil.example",
        "Smith\r\n\r\nVisit evil.example to accept",
        "Smith\u2028www.evil.example",
        "Smith, write to help@evil.example",
    ],
)
def test_a_stored_name_that_could_become_a_link_is_not_in_the_email(lead_client, lead, last_name):
    User.objects.filter(pk=lead.pk).update(first_name="Alex", last_name=last_name)
    message = invite(lead_client)
    assert "evil" not in message.body and "Visit" not in message.body
    assert f"\n{lead.email} has invited you to join " in message.body


def test_a_stored_name_with_line_breaks_is_on_one_line(lead_client, lead):
    User.objects.filter(pk=lead.pk).update(first_name="Alex\r\n", last_name="\nSmith\x07\u2028Jr")
    message = invite(lead_client)
    assert "\nAlex Smith Jr has invited you to join " in message.body


def test_an_organisation_named_with_line_breaks_still_sends_its_invitations(
    lead_client, organisation
):
    Organisation.objects.filter(pk=organisation.pk).update(name="Valley\r\nBcc: all@example.com")
    message = invite(lead_client)
    assert message.subject == "You are invited to Valley Bcc: all@example.com on NewRoles"
    assert "join Valley Bcc: all@example.com on NewRoles" in message.body
    assert message.bcc == [] and message.to == ["new.person@nhs.net"]
