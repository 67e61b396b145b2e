"""History, versions with conflict detection, and the bin: nothing is lost."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newroles.accounts.permissions import MemberRole
from planning.models import ImplementationPlan, PlanAction
from tests.factories import ImplementationPlanFactory, PlanActionFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def test_two_people_edit_the_same_plan_and_nothing_is_lost(organisation, member_of):
    plan = ImplementationPlanFactory(organisation=organisation, title="Original")
    first, second = Client(), Client()
    first.force_login(member_of(organisation, MemberRole.EDITOR))
    second.force_login(member_of(organisation, MemberRole.LEAD))
    url = reverse("planning:plan_update", args=[plan.pk])
    first_form = form_data(first.get(url).context["form"])
    second_form = form_data(second.get(url).context["form"])

    first_form["title"] = "First person's title"
    assert first.post(url, first_form).status_code == 302

    second_form["title"] = "Second person's title"
    response = second.post(url, second_form)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this while you were editing" in page
    assert "First person&#x27;s title" in page and "Second person&#x27;s title" in page
    assert ImplementationPlan.objects.get(pk=plan.pk).title == "First person's title"

    # The second person chooses to keep theirs: the resubmitted form carries the new version.
    resubmit = form_data(response.context["form"])
    assert second.post(url, resubmit).status_code == 302
    assert ImplementationPlan.objects.get(pk=plan.pk).title == "Second person's title"


def test_a_conflict_on_a_plan_part_is_caught_too(lead_client, organisation):
    plan = ImplementationPlanFactory(organisation=organisation)
    action = PlanActionFactory(plan=plan, description="Original")
    url = reverse("planning:action_update", args=[plan.pk, action.pk])
    stale = form_data(lead_client.get(url).context["form"])
    PlanAction.objects.filter(pk=action.pk).update(lock_version=action.lock_version + 1)
    stale["description"] = "Mine"
    assert lead_client.post(url, stale).status_code == 409
    assert PlanAction.objects.get(pk=action.pk).description == "Original"


def test_history_records_each_change_with_who_made_it(lead_client, lead, organisation):
    plan = ImplementationPlanFactory(organisation=organisation, title="v1")
    url = reverse("planning:plan_update", args=[plan.pk])
    overview = reverse("planning:plan_detail", args=[plan.pk])
    for title in ("v2", "v3"):
        lead_client.get(overview)  # the overview, cached for the version before each change
        data = form_data(lead_client.get(url).context["form"])
        data["title"] = title
        lead_client.post(url, data)
    history = list(plan.history.order_by("history_date"))
    assert [h.title for h in history] == ["v1", "v2", "v3"]
    assert [h.history_user for h in history[1:]] == [lead, lead]
    changes = lead_client.get(overview).context["recent_changes"]
    assert [(c.what, c.who) for c in changes] == [
        ("changed", str(lead)),
        ("changed", str(lead)),
        ("created", "the system"),
    ]


def test_any_change_to_a_part_raises_the_plans_version(lead_client, organisation):
    plan = ImplementationPlanFactory(organisation=organisation)
    lead_client.post(
        reverse("planning:action_create", args=[plan.pk]),
        {
            "description": "Book the room",
            "stage": "",
            "owner_name": "",
            "due_date": "",
            "status": "not_started",
        },
    )
    plan.refresh_from_db()
    assert plan.version == 2


def test_deleting_moves_to_the_bin_and_restore_brings_it_back(lead_client, organisation):
    plan = ImplementationPlanFactory(organisation=organisation)
    action = PlanActionFactory(plan=plan, description="Draft job description")
    delete = reverse("planning:action_delete", args=[plan.pk, action.pk])
    assert "move to this plan" in lead_client.get(delete).content.decode()
    lead_client.post(delete)

    assert not PlanAction.objects.filter(pk=action.pk).exists()
    bin_page = lead_client.get(reverse("planning:plan_bin", args=[plan.pk])).content.decode()
    assert "Draft job description" in bin_page

    lead_client.post(
        reverse("planning:plan_bin", args=[plan.pk]), {"kind": "planaction", "pk": action.pk}
    )
    assert PlanAction.objects.get(pk=action.pk).description == "Draft job description"


def test_the_purge_removes_only_bin_entries_older_than_30_days(organisation):
    plan = ImplementationPlanFactory(organisation=organisation)
    old = PlanActionFactory(plan=plan, deleted_at=timezone.now() - timedelta(days=31))
    recent = PlanActionFactory(plan=plan, deleted_at=timezone.now() - timedelta(days=29))
    alive = PlanActionFactory(plan=plan)
    call_command("purge_bin", verbosity=0)
    remaining = set(PlanAction.all_objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, alive.pk}
    assert old.pk not in remaining


def test_the_overview_counts_the_bin_across_every_kind_of_record_and_only_this_plans(
    lead_client, lead, organisation
):
    from planning.records import move_to_bin
    from tests.factories import RiskFactory
    from tests.governance.factories import StakeholderFactory

    plan = ImplementationPlanFactory(organisation=organisation)
    other = ImplementationPlanFactory(organisation=organisation)
    binned = [
        PlanActionFactory(plan=plan),
        PlanActionFactory(plan=plan),
        StakeholderFactory(plan=plan),
        RiskFactory(plan=plan),
        PlanActionFactory(plan=other),
    ]
    PlanActionFactory(plan=plan)  # not binned
    for record in binned:
        move_to_bin(record, lead)
    page = lead_client.get(reverse("planning:plan_detail", args=[plan.pk]))
    assert page.context["bin_count"] == 4
    assert "Bin (4 records)" in page.content.decode()
