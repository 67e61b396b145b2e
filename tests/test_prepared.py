"""A PreparedRead gives what its queryset gives, for any values, with its SQL written once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Stakeholder
from newroles.prepared import PreparedRead
from planning.models import ImplementationPlan, StageResponse
from planning.selectors import stage_response
from tests.factories import ImplementationPlanFactory, OrganisationFactory
from tests.governance.factories import StakeholderFactory

pytestmark = pytest.mark.django_db

PLANS = PreparedRead(
    lambda organisation_ids, title: (
        ImplementationPlan.objects.for_organisation_ids(organisation_ids)
        .filter(title=title)
        .with_content_versions()
        .order_by("pk")
    )
)


def test_the_same_records_and_annotations_as_the_queryset_for_every_value():
    north, south, east = OrganisationFactory.create_batch(3)
    for organisation in (north, south, east):
        ImplementationPlanFactory(organisation=organisation, title="Peer support workers")
    ImplementationPlanFactory(organisation=north, title="Care navigators")
    for ids, title in [
        ((north.pk,), "Care navigators"),
        ((north.pk, south.pk), "Peer support workers"),
    ]:
        expected = list(
            ImplementationPlan.objects.for_organisation_ids(ids)
            .filter(title=title)
            .with_content_versions()
            .order_by("pk")
        )
        got = PLANS(ids, title)
        assert [(p.pk, p.title, p.organisation_id) for p in got] == [
            (p.pk, p.title, p.organisation_id) for p in expected
        ]
        assert [p.content_stamp for p in got] == [p.content_stamp for p in expected]
    assert PLANS((east.pk,), "Care navigators") == []


def test_values_are_parameters_never_sql():
    plan = ImplementationPlanFactory(title="Robert'); DROP TABLE planning_implementationplan;--")
    with CaptureQueriesContext(connection) as queries:
        found = PLANS((plan.organisation_id,), plan.title)
    assert [p.pk for p in found] == [plan.pk]
    assert len(queries) == 1
    assert ImplementationPlan.objects.filter(pk=plan.pk).exists()


def test_a_stage_response_is_found_as_the_orm_finds_it(cycle):
    plan = ImplementationPlanFactory()
    assert stage_response(plan, "training-and-support") is None
    saved = StageResponse.objects.create(
        plan=plan, stage="training-and-support", answers={"training_route": "Apprenticeship"}
    )
    found = stage_response(plan, "training-and-support")
    assert (found.pk, found.lock_version, found.answers) == (
        saved.pk,
        saved.lock_version,
        {"training_route": "Apprenticeship"},
    )
    assert stage_response(ImplementationPlanFactory(), "training-and-support") is None


def test_a_read_whose_values_the_orm_changes_or_that_follows_joins_is_refused():
    plan = ImplementationPlanFactory()
    StakeholderFactory(plan=plan, name="Chief nurse")
    wrapped = PreparedRead(lambda name: Stakeholder.objects.filter(name__icontains=name))
    with pytest.raises(ValueError, match="unchanged"):
        wrapped("nurse")
    joined = PreparedRead(lambda pk: Stakeholder.objects.select_related("plan").filter(pk=pk))
    with pytest.raises(ValueError, match="joins"):
        joined(1)
