"""Stage panels run a fixed number of queries; every model is in the admin; our own words."""

import subprocess
import sys
from pathlib import Path

import factory
import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from governance import models
from governance.panels import governance_panel, stakeholder_panel
from planning import panels as registry
from planning.models import Stage
from tests.factories import UserFactory

from .factories import (
    CommunicationItemFactory,
    GovernanceArrangementFactory,
    ImpactAssessmentFactory,
    PolicyRequirementFactory,
    ScopeActivityFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_the_panels_are_registered_on_their_stages():
    assert "stakeholders" in [p.key for p in registry.panels_for(Stage.STAKEHOLDER_ENGAGEMENT)]
    assert "governance" in [p.key for p in registry.panels_for(Stage.UNDERPINNING_APPROACH)]


@pytest.mark.parametrize(("panel", "queries"), [(stakeholder_panel, 2), (governance_panel, 4)])
def test_each_panel_runs_a_fixed_number_of_queries(plan, panel, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        empty = panel(plan)
    StakeholderFactory.create_batch(
        200,
        plan=plan,
        group=factory.Iterator(models.StakeholderGroup.values),
        influence=factory.Iterator(models.Level.values),
    )
    CommunicationItemFactory.create_batch(10, plan=plan)
    GovernanceArrangementFactory(plan=plan)
    ScopeActivityFactory.create_batch(40, plan=plan)
    ImpactAssessmentFactory.create_batch(5, plan=plan)
    PolicyRequirementFactory.create_batch(10, plan=plan)
    with django_assert_num_queries(queries):
        full = panel(plan)
    assert empty != full


def test_the_stakeholder_panel_counts_by_group_and_those_to_win_over(plan):
    StakeholderFactory(plan=plan, group="sponsor", current_stance="sceptical")
    StakeholderFactory(plan=plan, group="sponsor", current_stance="champion")
    StakeholderFactory(plan=plan, group="finance", current_stance="supportive")
    panel = stakeholder_panel(plan)
    assert panel["total"] == 3
    assert panel["group_counts"][0] == ("Senior leadership or sponsor", 2)
    # Desired stance is "supportive" in the factory: only the sceptical sponsor must move.
    assert panel["to_win_over"] == 1


MODELS = [
    models.Stakeholder,
    models.CommunicationItem,
    models.GovernanceArrangement,
    models.ScopeActivity,
    models.ImpactAssessment,
    models.PolicyRequirement,
]


@pytest.mark.parametrize("model", MODELS)
def test_every_model_is_in_the_admin_with_history_search_and_filters(client, plan, model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, SimpleHistoryAdmin)
    assert model_admin.list_display and model_admin.search_fields and model_admin.list_filter
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    StakeholderFactory(plan=plan)
    CommunicationItemFactory(plan=plan)
    GovernanceArrangementFactory(plan=plan)
    ScopeActivityFactory(plan=plan)
    ImpactAssessmentFactory(plan=plan)
    PolicyRequirementFactory(plan=plan)
    url = reverse(f"admin:governance_{model._meta.model_name}_changelist")
    assert client.get(url, {"q": "a"}).status_code == 200
    record = model.objects.get()
    change = reverse(f"admin:governance_{model._meta.model_name}_change", args=[record.pk])
    assert client.get(change).status_code == 200
    history = reverse(f"admin:governance_{model._meta.model_name}_history", args=[record.pk])
    assert client.get(history).status_code == 200


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "tools" / "seed_overlap.py").exists(),
    reason="the source documents are not beside the repository",
)
def test_governance_text_is_in_our_own_words():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT.parent / "shared" / "tools" / "seed_overlap.py"),
            "governance",
            "templates/governance",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
