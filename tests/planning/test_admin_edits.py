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


def test_an_edit_page_opened_before_an_admin_edit_sees_the_conflict(
    admin_client, client, lead, organisation
):
    stakeholder = StakeholderFactory(plan=ImplementationPlanFactory(organisation=organisation))
    plan = stakeholder.plan
    client.force_login(lead)
    page_url = reverse("governance:stakeholder_update", args=[plan.pk, stakeholder.pk])
    opened = form_data(client.get(page_url).context["form"])

    url = reverse("admin:governance_stakeholder_change", args=[stakeholder.pk])
    data = form_data(admin_client.get(url).context["adminform"].form)
    data["name"] = "Renamed in the admin"
    assert admin_client.post(url, data).status_code == 302

    opened["name"] = "Renamed on the page opened earlier"
    response = client.post(page_url, opened)
    assert response.status_code == 409  # the conflict, shown with both versions
    assert "Renamed in the admin" in response.content.decode()
    stakeholder.refresh_from_db()
    assert stakeholder.name == "Renamed in the admin"


def test_an_admin_edit_of_a_plan_keeps_its_document_version_rising(admin_client):
    plan = ImplementationPlanFactory()
    before_version, before_lock = version_of(plan), plan.lock_version
    url = reverse("admin:planning_implementationplan_change", args=[plan.pk])
    page = admin_client.get(url)
    data = form_data(page.context["adminform"].form)
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
    data["title"] = "Retitled in the admin"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:800]
    plan.refresh_from_db()
    assert plan.title == "Retitled in the admin"
    assert plan.version == before_version + 1
    assert plan.lock_version == before_lock + 1
