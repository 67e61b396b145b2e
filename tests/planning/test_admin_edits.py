"""An edit made in the admin is a change to the plan like any other: the plan's version rises,
so cached documents and overviews are rebuilt and edit pages opened earlier see a conflict."""

import pytest
from django.urls import reverse

from tests.evaluation.factories import MeasurementFactory
from tests.factories import ImplementationPlanFactory
from tests.forms import form_data
from tests.governance.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def version_of(plan):
    plan.refresh_from_db()
    return plan.version


def test_changing_a_plans_stakeholder_in_the_admin_raises_the_plans_version(admin_client):
    stakeholder = StakeholderFactory(plan=ImplementationPlanFactory())
    plan = stakeholder.plan
    before = version_of(plan)
    url = reverse("admin:governance_stakeholder_change", args=[stakeholder.pk])
    data = form_data(admin_client.get(url).context["adminform"].form)
    data["name"] = "Renamed in the admin"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    stakeholder.refresh_from_db()
    assert stakeholder.name == "Renamed in the admin"
    assert version_of(plan) == before + 1


def test_deleting_a_measurement_in_the_admin_raises_its_plans_version(admin_client):
    measurement = MeasurementFactory()
    plan = measurement.metric.plan
    before = version_of(plan)
    url = reverse("admin:evaluation_measurement_delete", args=[measurement.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert version_of(plan) == before + 1
