"""The communication plan: what each group hears, how, how often and from whom."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from governance.models import CommunicationItem
from tests.forms import form_data

from .factories import CommunicationItemFactory

pytestmark = pytest.mark.django_db


def list_url(plan):
    return reverse("governance:communication_list", args=[plan.pk])


def communication_data(**overrides):
    data = {
        "message": "Why we are bringing in peer support workers",
        "audience": ["existing_team", "staff_side"],
        "channel": "team_meeting",
        "frequency": "once",
        "owner": "Service manager",
    }
    data.update(overrides)
    return data


def test_an_empty_plan_invites_the_first_message(lead_client, plan):
    page = lead_client.get(list_url(plan)).content.decode()
    assert "No messages planned yet" in page
    assert reverse("governance:communication_create", args=[plan.pk]) in page


def test_a_message_for_several_groups_is_added_and_listed(lead_client, plan):
    response = lead_client.post(
        reverse("governance:communication_create", args=[plan.pk]), communication_data()
    )
    assert response["Location"] == list_url(plan)
    item = CommunicationItem.objects.get()
    assert item.audience == ["existing_team", "staff_side"]
    page = lead_client.get(list_url(plan)).content.decode()
    assert "Existing team, Staff side or trade union" in page
    assert "Team meeting" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"message": ""}, "Enter the message"),
        ({"audience": []}, "Select who the message is for"),
        ({"audience": ["martians"]}, "Select who the message is for from the list"),
        ({"channel": "carrier_pigeon"}, "Select how you will say it"),
        ({"frequency": ""}, "Select how often"),
        ({"message": "x" * 301}, "Message must be 300 characters or fewer"),
    ],
)
def test_bad_input_shows_an_error_by_the_field_and_saves_nothing(
    lead_client, plan, overrides, message
):
    response = lead_client.post(
        reverse("governance:communication_create", args=[plan.pk]),
        communication_data(**overrides),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "nhsuk-error-message" in page
    assert not CommunicationItem.all_objects.exists()


def test_a_message_is_changed_and_deleted_to_the_bin_then_restored(lead_client, plan):
    item = CommunicationItemFactory(plan=plan, message="Monthly update")
    url = reverse("governance:communication_update", args=[plan.pk, item.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["audience"] = ["sponsor", "finance"]
    assert lead_client.post(url, data)["Location"] == list_url(plan)
    item.refresh_from_db()
    assert item.audience == ["sponsor", "finance"]

    delete = reverse("governance:communication_delete", args=[plan.pk, item.pk])
    assert "Monthly update" in lead_client.get(delete).content.decode()
    lead_client.post(delete)
    assert not CommunicationItem.objects.exists()
    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]),
        {"kind": "communicationitem", "pk": item.pk},
    )
    assert CommunicationItem.objects.get().message == "Monthly update"


@pytest.mark.parametrize(
    ("audience", "code"),
    [([], "blank"), (["martians"], "invalid_choice"), (["hr", "hr"], "duplicate")],
)
def test_the_model_accepts_only_known_groups_as_the_audience(plan, audience, code):
    item = CommunicationItemFactory.build(plan=plan, audience=audience)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.error_dict["audience"][0].code == code


def test_the_database_refuses_unknown_channels(plan):
    item = CommunicationItemFactory(plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunicationItem.objects.filter(pk=item.pk).update(channel="fax")
