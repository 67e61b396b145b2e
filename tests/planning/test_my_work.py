"""Owners who are people: an action, risk, training activity, evaluation review,
communication or policy can be owned by a member of the organisation, chosen from a list, or
by someone outside it named in free text. "Your work" lists everything open a member owns
across the organisation's live plans, overdue first, then due in the next 30 days."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import MemberRole
from planning import records
from planning.models import PlanAction
from tests.evaluation.factories import CheckpointFactory
from tests.factories import (
    ImplementationPlanFactory,
    OrganisationFactory,
    PlanActionFactory,
    RiskFactory,
    TrainingActivityFactory,
    UserFactory,
)
from tests.forms import form_data
from tests.governance.factories import CommunicationItemFactory, PolicyRequirementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation, title="Peer support plan")


@pytest.fixture
def colleague(organisation, member_of):
    user = member_of(organisation, MemberRole.EDITOR)
    user.first_name, user.last_name = "Priya", "Shah"
    user.save()
    return user


def action_form(client, plan):
    return client.get(reverse("planning:action_create", args=[plan.pk])).context["form"]


def test_an_owner_is_chosen_from_the_organisations_members(lead_client, plan, colleague):
    outsider = UserFactory(first_name="Out", last_name="Sider")
    choices = action_form(lead_client, plan).fields["owner_member"].queryset
    assert colleague in choices
    assert outsider not in choices
    data = form_data(action_form(lead_client, plan)) | {
        "description": "Book the supervision room",
        "owner_member": str(colleague.pk),
        "owner_name": "",
        "status": "not_started",
    }
    response = lead_client.post(reverse("planning:action_create", args=[plan.pk]), data)
    assert response.status_code == 302
    action = PlanAction.objects.get()
    assert action.owner_member == colleague
    assert action.owner_name == "Priya Shah"  # every page and document shows the name


def test_someone_outside_the_organisation_is_named_in_free_text(lead_client, plan):
    data = form_data(action_form(lead_client, plan)) | {
        "description": "Agree the honorary contract",
        "owner_member": "",
        "owner_name": "University placement lead",
        "status": "not_started",
    }
    assert (
        lead_client.post(reverse("planning:action_create", args=[plan.pk]), data).status_code == 302
    )
    action = PlanAction.objects.get()
    assert (action.owner_member, action.owner_name) == (None, "University placement lead")


def test_a_member_and_a_name_at_once_is_explained(lead_client, plan, colleague):
    data = form_data(action_form(lead_client, plan)) | {
        "description": "Book the room",
        "owner_member": str(colleague.pk),
        "owner_name": "Someone else",
        "status": "not_started",
    }
    response = lead_client.post(reverse("planning:action_create", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "Leave this empty when a member owns it" in response.content.decode()
    assert not PlanAction.objects.exists()


def test_a_person_from_another_organisation_cannot_be_made_owner(lead_client, plan, member_of):
    stranger = member_of(OrganisationFactory(), MemberRole.LEAD)
    data = form_data(action_form(lead_client, plan)) | {
        "description": "Book the room",
        "owner_member": str(stranger.pk),
        "status": "not_started",
    }
    response = lead_client.post(reverse("planning:action_create", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "Choose a member of your organisation" in response.content.decode()
    assert not PlanAction.objects.exists()


def test_your_work_lists_what_you_own_overdue_first(client, plan, colleague, organisation, lead):
    today = timezone.localdate()
    PlanActionFactory(
        plan=plan, description="Late action", owner_member=colleague, due_date=today - timedelta(1)
    )
    PlanActionFactory(
        plan=plan, description="Soon action", owner_member=colleague, due_date=today + timedelta(9)
    )
    PlanActionFactory(plan=plan, description="Done action", owner_member=colleague, status="done")
    PlanActionFactory(plan=plan, description="Someone else's", owner_member=lead)
    RiskFactory(plan=plan, description="Supervisors leave", owner_member=colleague)
    TrainingActivityFactory(
        plan=plan,
        title="Recovery college course",
        owner_member=colleague,
        start_date=today + timedelta(60),
    )
    CheckpointFactory(
        plan=plan,
        title="Three-month review",
        owner_member=colleague,
        due_date=today + timedelta(20),
    )
    CommunicationItemFactory(plan=plan, message="Monthly team briefing", owner_member=colleague)
    PolicyRequirementFactory(plan=plan, title="Lone working", owner_member=colleague)
    binned = RiskFactory(plan=plan, description="Binned risk", owner_member=colleague)
    records.move_to_bin(binned, lead)
    archived = ImplementationPlanFactory(organisation=organisation, archived_at=timezone.now())
    PlanActionFactory(plan=archived, description="Archived plan's action", owner_member=colleague)

    client.force_login(colleague)
    response = client.get(reverse("planning:my_work"))
    work = response.context["work"]
    assert [row.title for row in work.overdue] == ["Late action"]
    assert [row.title for row in work.due_soon] == ["Soon action", "Three-month review"]
    assert {row.title for row in work.later} == {
        "Recovery college course",
        "Supervisors leave",
        "Monthly team briefing",
        "Lone working",
    }
    page = response.content.decode()
    assert "Someone else&#x27;s" not in page and "Done action" not in page
    assert "Binned risk" not in page and "Archived plan" not in page

    home = client.get(reverse("home")).content.decode()
    assert "You own 7 open things, <strong>1 overdue</strong>, 2 due in the next 30 days." in home
    assert "Late action" in home


def test_someone_who_owns_nothing_is_told_so(client, organisation, member_of, plan):
    client.force_login(member_of(organisation, MemberRole.VIEWER))
    page = client.get(reverse("planning:my_work")).content.decode()
    assert "Nothing is assigned to you" in page


@pytest.mark.parametrize(
    ("url_name", "factory_field"),
    [
        ("planning:risk_create", "owner"),
        ("planning:training_create", None),
        ("evaluation:checkpoint_create", "reviewer"),
        ("governance:communication_create", "owner"),
        ("governance:policy_create", "owner"),
    ],
)
def test_every_kind_of_owned_record_offers_the_members(
    lead_client, plan, colleague, url_name, factory_field
):
    form = lead_client.get(reverse(url_name, args=[plan.pk])).context["form"]
    assert colleague in form.fields["owner_member"].queryset
    if factory_field:
        assert form.fields[factory_field].label == "Or name someone outside the organisation"


def test_free_text_owners_that_name_a_member_are_offered_as_matches(
    lead_client, plan, colleague, lead
):
    named = RiskFactory(plan=plan, description="Supervisors leave", owner="priya shah")
    other = RiskFactory(plan=plan, description="Space", owner="Estates team")
    action = PlanActionFactory(plan=plan, description="Book room", owner_name="Priya Shah")
    page = lead_client.get(reverse("planning:owner_matches"))
    keys = [key for key, _ in page.context["form"].fields["matches"].choices]
    assert set(keys) == {f"planning.planaction:{action.pk}", f"planning.risk:{named.pk}"}
    assert "“priya shah” is Priya Shah" in page.content.decode()
    response = lead_client.post(
        reverse("planning:owner_matches"), {"matches": [f"planning.risk:{named.pk}"]}
    )
    assert response.status_code == 302
    named.refresh_from_db()
    other.refresh_from_db()
    assert named.owner_member == colleague and named.lock_version == 2
    assert other.owner_member is None


def test_only_editors_match_owners(client, organisation, member_of, plan):
    client.force_login(member_of(organisation, MemberRole.VIEWER))
    assert client.get(reverse("planning:owner_matches")).status_code == 403


def test_a_member_made_owner_is_emailed_once(
    lead_client, plan, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    data = form_data(action_form(lead_client, plan)) | {
        "description": "Book the supervision room",
        "owner_member": str(colleague.pk),
        "owner_name": "",
        "status": "not_started",
    }
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(reverse("planning:action_create", args=[plan.pk]), data)
    (email,) = mailoutbox
    assert email.to == [colleague.email]
    assert email.subject == "You own a plan action in Peer support plan"
    assert "Book the supervision room" in email.body
    # Saving it again with the same owner tells nobody anything new.
    action = PlanAction.objects.get()
    edit = lead_client.get(reverse("planning:action_update", args=[plan.pk, action.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(
            reverse("planning:action_update", args=[plan.pk, action.pk]),
            form_data(edit.context["form"]),
        )
    assert len(mailoutbox) == 1


def test_reminders_list_what_a_member_owns(plan, colleague):
    from planning.notices import reminders_for

    today = timezone.localdate()
    PlanActionFactory(plan=plan, description="Late", owner_member=colleague, due_date=today)
    (reminder,) = reminders_for(colleague, today=today)
    assert (reminder.title, reminder.plan_title, reminder.due_date) == ("Late", plan.title, today)
    assert reminder.key.startswith("planning.planaction:")


def test_the_training_page_names_a_member_owner(lead_client, plan, colleague):
    TrainingActivityFactory(plan=plan, title="Recovery college course", owner_member=colleague)
    page = lead_client.get(reverse("planning:training", args=[plan.pk])).content.decode()
    assert "Owner: Priya Shah" in page
