"""Every evaluation model is in the admin, with history, list columns, search and filters."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from evaluation.models import EvaluationCheckpoint, LogicModel, Measurement, Metric, Objective
from newroles.accounts.models import User
from tests.evaluation.factories import LogicModelFactory, MeasurementFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MODELS = [Objective, LogicModel, EvaluationCheckpoint, Metric, Measurement]


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser(email="admin@example.nhs.uk", password="x"))
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered_with_history_search_and_filters(model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, SimpleHistoryAdmin)
    assert len(model_admin.list_display) > 1
    assert model_admin.search_fields
    assert model_admin.list_filter


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_lists_search_and_change_pages_open(admin_client, plan, model):
    MeasurementFactory(metric__plan=plan)
    LogicModelFactory(plan=plan)
    ObjectiveFactory(plan=plan, deleted_at=timezone.now())
    record = model._base_manager.first()
    info = model._meta.app_label, model._meta.model_name
    changelist = reverse("admin:{}_{}_changelist".format(*info))
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "review"}).status_code == 200
    assert (
        admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[record.pk])).status_code
        == 200
    )
    assert (
        admin_client.get(reverse("admin:{}_{}_history".format(*info), args=[record.pk])).status_code
        == 200
    )


def test_the_admin_lists_binned_records_too(admin_client, plan):
    binned = ObjectiveFactory(plan=plan, statement="In the bin", deleted_at=timezone.now())
    page = admin_client.get(reverse("admin:evaluation_objective_changelist")).content.decode()
    assert binned.statement in page


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "tools" / "seed_overlap.py").exists(),
    reason="the source documents are not beside the repository",
)
def test_evaluation_text_is_in_our_own_words():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT.parent / "shared" / "tools" / "seed_overlap.py"),
            "evaluation",
            "templates/evaluation",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
