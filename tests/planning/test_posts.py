"""Posts the plan creates, recruitment to them, the job description and banding."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newroles.accounts.permissions import Action
from planning.models import Post, PostStatus, RoleDocumentation
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory, PlanActionFactory, PostFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)


def post_data(**overrides):
    data = {
        "title": "Peer support worker 1",
        "wte": "0.8",
        "status": "in_post",
        "recruited_date_0": "1",
        "recruited_date_1": "6",
        "recruited_date_2": "2027",
        "start_date_0": "1",
        "start_date_1": "9",
        "start_date_2": "2027",
        "leaving_date_0": "",
        "leaving_date_1": "",
        "leaving_date_2": "",
        "registration_number": "",
        "registration_checked_on_0": "",
        "registration_checked_on_1": "",
        "registration_checked_on_2": "",
    }
    data.update(overrides)
    return data


def test_the_post_position_is_shown_on_the_overview(lead_client, plan):
    PostFactory(plan=plan, wte=1, status=PostStatus.IN_POST)
    PostFactory(plan=plan, wte=0.5, status=PostStatus.RECRUITING)
    PostFactory(
        plan=plan,
        wte=1,
        status=PostStatus.LEFT,
        start_date=date(2027, 1, 1),
        leaving_date=date(2027, 6, 1),
    )
    page = lead_client.get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
    assert "1.5 WTE funded: 1 in post, 0.5 vacant. 1 leaver." in page


def test_adding_a_post(lead_client, plan):
    response = lead_client.post(reverse("planning:post_create", args=[plan.pk]), post_data())
    assert response["Location"] == reverse("planning:posts", args=[plan.pk])
    assert Post.objects.get().start_date == date(2027, 9, 1)


def test_a_posts_registration_and_its_last_check_are_recorded(lead_client, plan):
    data = post_data(
        registration_number=" 12A3456 ",
        registration_checked_on_0="2",
        registration_checked_on_1="12",
        registration_checked_on_2="2026",
    )
    lead_client.post(reverse("planning:post_create", args=[plan.pk]), data)
    post = Post.objects.get()
    assert (post.registration_number, post.registration_checked_on) == (
        "12A3456",
        date(2026, 12, 2),
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter a name for the post"),
        ({"wte": "0"}, "WTE must be more than 0"),
        ({"wte": "3"}, "WTE for one post must be 1.5 or less"),
        ({"status": "left"}, "Enter the date the postholder left"),
        (
            {"leaving_date_0": "1", "leaving_date_1": "1", "leaving_date_2": "2027"},
            "Leaving date must be the same as or after the start date",
        ),
        (
            {
                "registration_checked_on_0": "1",
                "registration_checked_on_1": "1",
                "registration_checked_on_2": "2099",
            },
            "Date the registration was last checked must be today or in the past",
        ),
        ({"registration_number": "9" * 41}, "Registration number must be 40 characters or fewer"),
    ],
)
def test_bad_post_input_saves_nothing(lead_client, plan, overrides, message):
    response = lead_client.post(
        reverse("planning:post_create", args=[plan.pk]), post_data(**overrides)
    )
    assert message in response.content.decode()
    assert not Post.objects.exists()


def test_job_description_and_banding(lead_client, plan):
    url = reverse("planning:role_documentation", args=[plan.pk])
    data = form_data(lead_client.get(url).context["form"])
    data.update(
        job_description_status="approved",
        banding_outcome="4",
        job_description_link="javascript:alert(1)",
    )
    response = lead_client.post(url, data)
    assert "Enter a full web address" in response.content.decode()
    assert not RoleDocumentation.objects.exists()
    data["job_description_link"] = "https://intranet.example.nhs.uk/jd/psw.pdf"
    assert lead_client.post(url, data).status_code == 302
    assert RoleDocumentation.objects.get(plan=plan).banding_outcome == "4"


def test_overdue_actions_are_listed_on_the_overview(lead_client, plan):
    PlanActionFactory(
        plan=plan, description="Book the banding panel", due_date=date.today() - timedelta(days=3)
    )
    PlanActionFactory(
        plan=plan,
        description="Done already",
        status="done",
        due_date=date.today() - timedelta(days=3),
    )
    PlanActionFactory(plan=plan, description="Later", due_date=date.today() + timedelta(days=3))
    response = lead_client.get(reverse("planning:plan_detail", args=[plan.pk]))
    assert [a.description for a in response.context["overdue_actions"]] == [
        "Book the banding panel"
    ]


@pytest.mark.parametrize(
    ("name", "action", "method"),
    [
        ("planning:posts", Action.VIEW, "get"),
        ("planning:post_create", Action.EDIT, "get"),
        ("planning:post_create", Action.EDIT, "post"),
        ("planning:role_documentation", Action.EDIT, "get"),
        ("planning:role_documentation", Action.EDIT, "post"),
    ],
)
def test_post_pages_access(client, plan, name, action, method):
    assert_access(
        client,
        reverse(name, args=[plan.pk]),
        organisation=plan.organisation,
        action=action,
        method=method,
    )


@pytest.mark.parametrize("name", ["planning:post_update", "planning:post_delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_post_object_pages_access(client, plan, name, method):
    assert_access(
        client,
        lambda: reverse(name, args=[plan.pk, PostFactory(plan=plan).pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method=method,
    )


def test_the_posts_page_runs_constant_queries(lead_client, plan, django_assert_max_num_queries):
    url = reverse("planning:posts", args=[plan.pk])
    PostFactory(plan=plan)
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url)
    PostFactory.create_batch(40, plan=plan)
    with django_assert_max_num_queries(len(small.captured_queries)):
        lead_client.get(url)
