"""People in several organisations choose one; records of others are never shown."""

import pytest
from django.urls import reverse

from newroles.accounts.permissions import MemberRole
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_in_two_organisations_chooses_one_first(client):
    user = UserFactory()
    first = MembershipFactory(user=user).organisation
    second = MembershipFactory(user=user).organisation
    client.force_login(user)

    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:choose_organisation")

    response = client.post(
        reverse("accounts:choose_organisation"), {"organisation": second.pk}, follow=True
    )
    page = response.content.decode()
    assert second.name in page
    assert "Switch organisation" in page
    assert first.name not in page.split("<main")[1]


def test_choosing_an_organisation_you_do_not_belong_to_is_an_error(client):
    user = UserFactory()
    MembershipFactory(user=user)
    MembershipFactory(user=user)
    stranger = OrganisationFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:choose_organisation"), {"organisation": stranger.pk})
    assert response.status_code == 200
    assert "nhsuk-error-message" in response.content.decode()


def test_only_a_post_switches_the_organisation(client):
    """Opening the page, even with the choice in its address, changes nothing."""
    user = UserFactory()
    first = MembershipFactory(user=user).organisation
    second = MembershipFactory(user=user).organisation
    client.force_login(user)
    client.post(reverse("accounts:choose_organisation"), {"organisation": first.pk})

    url = reverse("accounts:choose_organisation")
    response = client.get(url, {"organisation": second.pk})
    assert response.status_code == 200
    assert client.session["current_organisation_id"] == first.pk

    client.post(url, {"organisation": second.pk})
    assert client.session["current_organisation_id"] == second.pk


def test_a_record_of_your_other_organisation_opens_without_switching_to_it(client):
    """A link to a record of the person's other organisation works, as a member of that one,
    but only a POST of their own changes the organisation they work in."""
    user = UserFactory()
    first = MembershipFactory(user=user, role=MemberRole.LEAD).organisation
    other = MembershipFactory(user=user, role=MemberRole.LEAD).organisation
    colleague = MembershipFactory(organisation=other, role=MemberRole.VIEWER)
    client.force_login(user)
    client.post(reverse("accounts:choose_organisation"), {"organisation": first.pk})

    response = client.get(reverse("accounts:member_role", args=[colleague.pk]))
    assert response.status_code == 200
    assert other.name in response.content.decode()
    assert client.session["current_organisation_id"] == first.pk
    members = client.get(reverse("accounts:members")).content.decode()
    assert colleague.user.email not in members  # still working in the first organisation


def test_a_person_with_no_organisation_is_told_how_to_join(client):
    client.force_login(UserFactory())
    response = client.get(reverse("home"), follow=True)
    assert "not in an organisation yet" in response.content.decode()


def test_next_after_choosing_never_leaves_the_site(client):
    user = UserFactory()
    org = MembershipFactory(user=user).organisation
    MembershipFactory(user=user)
    client.force_login(user)
    response = client.post(
        reverse("accounts:choose_organisation") + "?next=https://evil.example/",
        {"organisation": org.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")
