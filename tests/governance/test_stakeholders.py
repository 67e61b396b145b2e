"""Stakeholders: who the role affects, placed on an influence and interest grid."""

import factory
import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Level, Stakeholder, StakeholderGroup, approach_for
from newroles.accounts.permissions import MemberRole
from tests.forms import form_data

from .factories import CommunicationItemFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"


def list_url(plan):
    return reverse("governance:stakeholder_list", args=[plan.pk])


def stage_url(plan):
    return reverse("planning:stage", args=[plan.pk, "stakeholder-engagement"])


def stakeholder_data(**overrides):
    data = {
        "name": "Dr Priya Shah",
        "job_title": "Consultant psychiatrist",
        "organisation_name": "Test Valley NHS Trust",
        "group": "clinical_champion",
        "influence": "3",
        "interest": "3",
        "current_stance": "supportive",
        "desired_stance": "champion",
        "notes": "Chairs the medicines group.",
    }
    data.update(overrides)
    return data


def svg_of(page: str) -> str:
    """The grid's drawing (not the NHS logo in the header)."""
    start = page.index("<svg", page.index("app-stakeholder-grid"))
    return page[start : page.index("</svg>", start)]


def test_an_empty_plan_says_who_to_start_with(lead_client, plan):
    page = lead_client.get(list_url(plan)).content.decode()
    assert "No stakeholders recorded yet" in page
    assert "app-stakeholder-grid" not in page
    assert reverse("governance:stakeholder_create", args=[plan.pk]) in page


def test_an_editor_adds_a_stakeholder_and_sees_them_on_the_grid(client, plan, member_of):
    client.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    response = client.post(
        reverse("governance:stakeholder_create", args=[plan.pk]), stakeholder_data()
    )
    assert response["Location"] == list_url(plan)
    stakeholder = Stakeholder.objects.get()
    assert (stakeholder.plan, stakeholder.influence, stakeholder.group) == (
        plan,
        Level.HIGH,
        StakeholderGroup.CLINICAL_CHAMPION,
    )
    page = client.get(response["Location"]).content.decode()
    edit = reverse("governance:stakeholder_update", args=[plan.pk, stakeholder.pk])
    assert f'href="{edit}"' in svg_of(page)
    assert "Dr Priya Shah" in svg_of(page)
    assert "Supportive, aiming for Champion" in page
    assert "Manage closely" in page


@pytest.mark.parametrize(
    ("influence", "interest", "approach"),
    [
        (Level.HIGH, Level.HIGH, "manage_closely"),
        (Level.MEDIUM, Level.MEDIUM, "manage_closely"),
        (Level.HIGH, Level.LOW, "keep_satisfied"),
        (Level.MEDIUM, Level.LOW, "keep_satisfied"),
        (Level.LOW, Level.HIGH, "keep_informed"),
        (Level.LOW, Level.MEDIUM, "keep_informed"),
        (Level.LOW, Level.LOW, "monitor"),
    ],
)
def test_the_grid_places_each_stakeholder_by_influence_and_interest(influence, interest, approach):
    assert approach_for(influence, interest) == approach


def test_the_grid_puts_each_name_in_its_own_square_and_in_the_table_beside_it(lead_client, plan):
    StakeholderFactory(plan=plan, name="Chief nurse", influence=Level.HIGH, interest=Level.LOW)
    StakeholderFactory(plan=plan, name="Patient panel", influence=Level.LOW, interest=Level.HIGH)
    grid = lead_client.get(list_url(plan)).context["grid"]
    assert [e.name for e in grid.cells[(Level.HIGH, Level.LOW)].entries] == ["Chief nurse"]
    assert [e.name for e in grid.cells[(Level.LOW, Level.HIGH)].entries] == ["Patient panel"]
    page = lead_client.get(list_url(plan)).content.decode()
    table = page[page.index("The grid as a table") :]
    assert "Chief nurse" in table and "Patient panel" in table


def test_a_crowded_square_shows_five_names_and_how_many_more(lead_client, plan):
    StakeholderFactory.create_batch(8, plan=plan, influence=Level.HIGH, interest=Level.HIGH)
    page = lead_client.get(list_url(plan)).content.decode()
    assert "and 3 more" in svg_of(page)


def test_a_viewer_sees_the_grid_without_edit_links(client, plan, member_of):
    stakeholder = StakeholderFactory(plan=plan, name="Finance partner")
    client.force_login(member_of(plan.organisation, MemberRole.VIEWER))
    page = client.get(list_url(plan)).content.decode()
    assert "Finance partner" in svg_of(page)
    assert reverse("governance:stakeholder_update", args=[plan.pk, stakeholder.pk]) not in page
    assert "Add a stakeholder" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the stakeholder&#x27;s name"),
        ({"name": "x" * 201}, "Name must be 200 characters or fewer"),
        ({"group": ""}, "Select the stakeholder group"),
        ({"group": "aliens"}, "Select the stakeholder group"),
        ({"influence": "4"}, "Select how much influence they have"),
        ({"interest": ""}, "Select how interested they are"),
        ({"current_stance": "furious"}, "Select where they stand now"),
        ({"desired_stance": ""}, "Select where you need them to be"),
    ],
)
def test_bad_stakeholder_input_shows_an_error_by_the_field_and_saves_nothing(
    lead_client, plan, overrides, message
):
    response = lead_client.post(
        reverse("governance:stakeholder_create", args=[plan.pk]), stakeholder_data(**overrides)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    field = next(iter(overrides))
    assert 'class="nhsuk-error-message"' in page
    assert f"#id_{field}" in page
    assert not Stakeholder.all_objects.exists()


def test_a_stakeholder_is_changed(lead_client, plan):
    stakeholder = StakeholderFactory(plan=plan, name="Ward manager")
    url = reverse("governance:stakeholder_update", args=[plan.pk, stakeholder.pk])
    data = form_data(lead_client.get(url).context["form"])
    data["current_stance"] = "opposed"
    assert lead_client.post(url, data)["Location"] == list_url(plan)
    stakeholder.refresh_from_db()
    assert stakeholder.current_stance == "opposed"
    assert stakeholder.lock_version == 2


def test_deleting_asks_first_moves_to_the_bin_and_can_be_restored(lead_client, plan):
    stakeholder = StakeholderFactory(plan=plan, name="Staff side rep")
    delete = reverse("governance:stakeholder_delete", args=[plan.pk, stakeholder.pk])
    confirm = lead_client.get(delete).content.decode()
    assert "Staff side rep" in confirm and "bin" in confirm
    assert Stakeholder.objects.exists()

    assert lead_client.post(delete)["Location"] == list_url(plan)
    assert not Stakeholder.objects.exists()
    assert lead_client.get(list_url(plan)).context["records"] == []
    bin_page = lead_client.get(reverse("planning:plan_bin", args=[plan.pk])).content.decode()
    assert "Staff side rep" in bin_page

    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]), {"kind": "stakeholder", "pk": stakeholder.pk}
    )
    assert Stakeholder.objects.get().name == "Staff side rep"


def test_two_people_editing_one_stakeholder_do_not_overwrite_each_other(plan, member_of):
    stakeholder = StakeholderFactory(plan=plan, name="Head of HR")
    first, second = Client(), Client()
    first.force_login(member_of(plan.organisation, MemberRole.EDITOR))
    second.force_login(member_of(plan.organisation, MemberRole.LEAD))
    url = reverse("governance:stakeholder_update", args=[plan.pk, stakeholder.pk])
    one, two = (form_data(c.get(url).context["form"]) for c in (first, second))

    one["notes"] = "Agreed to fund backfill"
    assert first.post(url, one).status_code == 302
    two["notes"] = "Worried about banding"
    response = second.post(url, two)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this while you were editing" in page
    assert "Agreed to fund backfill" in page
    assert Stakeholder.objects.get(pk=stakeholder.pk).notes == "Agreed to fund backfill"


def test_a_gap_link_opens_the_form_with_its_group_chosen(lead_client, plan):
    url = reverse("governance:stakeholder_create", args=[plan.pk]) + "?group=service_users"
    assert lead_client.get(url).context["form"]["group"].value() == "service_users"
    url = reverse("governance:stakeholder_create", args=[plan.pk]) + "?group=martians"
    assert not lead_client.get(url).context["form"]["group"].value()


def test_more_than_50_stakeholders_are_paginated(lead_client, plan):
    StakeholderFactory.create_batch(51, plan=plan)
    first = lead_client.get(list_url(plan))
    assert len(first.context["records"]) == 50
    assert "nhsuk-pagination" in first.content.decode()
    second = lead_client.get(list_url(plan) + "?page=2")
    assert len(second.context["records"]) == 1
    # The grid still shows everyone.
    assert second.context["grid"].count == 51


def test_hostile_names_are_escaped_on_the_list_the_grid_and_the_stage_panel(lead_client, plan):
    StakeholderFactory(plan=plan, name=HOSTILE, job_title=HOSTILE)
    for page in (
        lead_client.get(list_url(plan)).content.decode(),
        lead_client.get(stage_url(plan)).content.decode(),
    ):
        assert HOSTILE not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        svg = svg_of(page)
        assert "&lt;script&gt;" in svg
        assert "<script>" not in svg


def test_the_stakeholder_engagement_stage_shows_the_stakeholders_panel(lead_client, plan):
    StakeholderFactory(plan=plan, name="Board sponsor", group="sponsor")
    StakeholderFactory(plan=plan, group="existing_team", current_stance="sceptical")
    CommunicationItemFactory(plan=plan)
    page = lead_client.get(stage_url(plan)).content.decode()
    assert 'id="panel-stakeholders"' in page
    assert "2 stakeholders recorded" in page
    assert "Senior leadership or sponsor" in page
    assert "Board sponsor" in svg_of(page)
    assert reverse("governance:stakeholder_list", args=[plan.pk]) in page
    assert "Manage stakeholders" in page
    assert "Communication plan (1 message)" in page


@pytest.mark.parametrize(
    "values",
    [{"influence": 4}, {"interest": 0}, {"group": "aliens"}, {"current_stance": "angry"}],
)
def test_the_database_refuses_values_outside_the_choices(plan, values):
    stakeholder = StakeholderFactory(plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stakeholder.objects.filter(pk=stakeholder.pk).update(**values)


def grow(plan, count):
    StakeholderFactory.create_batch(
        count,
        plan=plan,
        group=factory.Iterator(StakeholderGroup.values),
        influence=factory.Iterator(Level.values),
        interest=factory.Iterator(list(reversed(Level.values)) + Level.values),
        current_stance=factory.Iterator(["opposed", "neutral", "champion"]),
    )
    CommunicationItemFactory.create_batch(20, plan=plan)


@pytest.mark.parametrize(
    ("page", "summary"),
    [("list", "All stakeholders (200)"), ("stage", "200 stakeholders recorded")],
)
def test_pages_run_the_same_queries_for_1_and_200_stakeholders(
    lead_client, plan, page, summary, django_assert_max_num_queries
):
    url = list_url(plan) if page == "list" else stage_url(plan)
    StakeholderFactory(plan=plan)
    lead_client.get(url)
    cache.clear()  # both counts with nothing cached: growing the plan empties the cache too
    with CaptureQueriesContext(connection) as small:
        assert lead_client.get(url).status_code == 200
    grow(plan, 199)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = lead_client.get(url)
    assert response.status_code == 200
    assert summary in response.content.decode()
