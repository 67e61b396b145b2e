"""Every evaluation URL: isolation between organisations and the permission matrix."""

import pytest
from django.urls import reverse

from newroles.accounts.permissions import Action
from tests.access import assert_access
from tests.evaluation.factories import CheckpointFactory, MetricFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db

PLAN_PAGES = [
    ("evaluation:monitoring", Action.VIEW, "get"),
    ("evaluation:objective_list", Action.VIEW, "get"),
    ("evaluation:checkpoint_list", Action.VIEW, "get"),
    ("evaluation:objective_create", Action.EDIT, "get"),
    ("evaluation:objective_create", Action.EDIT, "post"),
    ("evaluation:metric_create", Action.EDIT, "get"),
    ("evaluation:metric_create", Action.EDIT, "post"),
    ("evaluation:checkpoint_create", Action.EDIT, "get"),
    ("evaluation:checkpoint_create", Action.EDIT, "post"),
    ("evaluation:logic_model", Action.EDIT, "get"),
    ("evaluation:logic_model", Action.EDIT, "post"),
]


@pytest.mark.parametrize(("name", "action", "method"), PLAN_PAGES)
def test_plan_pages_are_isolated_and_follow_the_matrix(client, plan, name, action, method):
    assert_access(
        client,
        reverse(name, args=[plan.pk]),
        organisation=plan.organisation,
        action=action,
        method=method,
    )


def objective_of(plan):
    return ObjectiveFactory(plan=plan)


def metric_of(plan):
    return MetricFactory(plan=plan)


def checkpoint_of(plan):
    return CheckpointFactory(plan=plan)


RECORD_PAGES = [
    ("evaluation:objective_update", objective_of),
    ("evaluation:objective_delete", objective_of),
    ("evaluation:metric_update", metric_of),
    ("evaluation:metric_delete", metric_of),
    ("evaluation:metric_measure", metric_of),
    ("evaluation:checkpoint_update", checkpoint_of),
    ("evaluation:checkpoint_delete", checkpoint_of),
    ("evaluation:measurements", checkpoint_of),
]


@pytest.mark.parametrize(("name", "make"), RECORD_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_record_pages_are_isolated_and_follow_the_matrix(client, plan, name, make, method):
    assert_access(
        client,
        lambda: reverse(name, args=[plan.pk, make(plan).pk]),
        organisation=plan.organisation,
        action=Action.EDIT,
        method=method,
    )


def test_the_metric_page_is_isolated_and_readable_by_every_member(client, plan):
    assert_access(
        client,
        lambda: reverse("evaluation:metric_detail", args=[plan.pk, metric_of(plan).pk]),
        organisation=plan.organisation,
        action=Action.VIEW,
    )


def test_every_evaluation_url_is_covered_here():
    from evaluation.urls import urlpatterns

    covered = {name.split(":")[1] for name, *_ in PLAN_PAGES + RECORD_PAGES} | {"metric_detail"}
    assert {p.name for p in urlpatterns} == covered
