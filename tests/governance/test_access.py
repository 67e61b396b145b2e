"""Every governance URL is isolated between organisations and follows the permission matrix."""

import pytest
from django.urls import reverse

from newroles.accounts.permissions import Action
from tests.access import assert_access

from .factories import (
    CommunicationItemFactory,
    ImpactAssessmentFactory,
    PolicyRequirementFactory,
    ScopeActivityFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db

VALID_DATA = {
    "governance:stakeholder_create": {
        "name": "Someone",
        "group": "hr",
        "influence": "1",
        "interest": "1",
        "current_stance": "neutral",
        "desired_stance": "neutral",
    },
    "governance:communication_create": {
        "message": "Hello",
        "audience": ["hr"],
        "channel": "email",
        "frequency": "once",
    },
    "governance:arrangement_update": {"accountable_executive": "Chief nurse"},
    "governance:scope_create": {
        "activity": "Take bloods",
        "level": "independent",
        "likelihood": "1",
        "severity": "1",
    },
    "governance:assessment_create": {
        "kind": "quality",
        "assessed_on_0": "1",
        "assessed_on_1": "2",
        "assessed_on_2": "2027",
    },
    "governance:policy_create": {"title": "Consent", "status": "drafting"},
}


@pytest.mark.parametrize(
    "name",
    ["governance:stakeholder_list", "governance:communication_list", "governance:governance"],
)
def test_pages_are_read_by_every_member(client, plan, name):
    assert_access(
        client, reverse(name, args=[plan.pk]), organisation=plan.organisation, action=Action.VIEW
    )


@pytest.mark.parametrize("name", list(VALID_DATA))
@pytest.mark.parametrize("method", ["get", "post"])
def test_forms_need_edit(client, plan, name, method):
    assert_access(
        client,
        reverse(name, args=[plan.pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method=method,
        data=VALID_DATA[name],
    )


OBJECT_PAGES = [
    ("governance:stakeholder_update", StakeholderFactory),
    ("governance:stakeholder_delete", StakeholderFactory),
    ("governance:communication_update", CommunicationItemFactory),
    ("governance:communication_delete", CommunicationItemFactory),
    ("governance:scope_update", ScopeActivityFactory),
    ("governance:scope_delete", ScopeActivityFactory),
    ("governance:assessment_update", ImpactAssessmentFactory),
    ("governance:assessment_delete", ImpactAssessmentFactory),
    ("governance:policy_update", PolicyRequirementFactory),
    ("governance:policy_delete", PolicyRequirementFactory),
]


@pytest.mark.parametrize(("name", "factory"), OBJECT_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_record_pages_need_edit(client, plan, name, factory, method):
    assert_access(
        client,
        lambda: reverse(name, args=[plan.pk, factory(plan=plan).pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method=method,
    )


@pytest.mark.parametrize(("name", "factory"), OBJECT_PAGES)
def test_a_record_is_reached_only_through_its_own_plan(lead_client, plan, name, factory):
    from tests.factories import ImplementationPlanFactory

    other_plan = ImplementationPlanFactory(organisation=plan.organisation)
    record = factory(plan=other_plan)
    assert lead_client.get(reverse(name, args=[plan.pk, record.pk])).status_code == 404
    assert lead_client.post(reverse(name, args=[plan.pk, record.pk])).status_code == 404
    assert lead_client.get(reverse(name, args=[other_plan.pk, record.pk])).status_code == 200


def test_a_binned_record_cannot_be_edited(lead_client, plan):
    stakeholder = StakeholderFactory(plan=plan)
    lead_client.post(reverse("governance:stakeholder_delete", args=[plan.pk, stakeholder.pk]))
    url = reverse("governance:stakeholder_update", args=[plan.pk, stakeholder.pk])
    assert lead_client.get(url).status_code == 404
