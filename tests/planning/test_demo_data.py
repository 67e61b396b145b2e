"""`make run` loads a demo organisation with plans at different stages, once."""

import pytest
from django.core.management import CommandError, call_command

from planning.models import ImplementationPlan, PlanStatus

pytestmark = pytest.mark.django_db


def test_demo_data_loads_three_plans_at_different_stages_and_reruns_harmlessly(settings, cycle):
    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    statuses = set(ImplementationPlan.objects.values_list("status", flat=True))
    assert ImplementationPlan.objects.count() == 3
    assert statuses == {PlanStatus.DRAFT, PlanStatus.IN_PROGRESS, PlanStatus.LIVE}


def test_demo_data_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_data", verbosity=0)


def test_demo_plans_under_way_hold_every_part_and_a_measured_review(settings, cycle):
    from evaluation.models import EvaluationCheckpoint, Measurement, Metric
    from governance.models import GovernanceArrangement, Stakeholder

    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    live = ImplementationPlan.objects.get(status=PlanStatus.LIVE)
    assert Stakeholder.objects.filter(plan=live).count() == 5
    assert GovernanceArrangement.objects.filter(plan=live).exists()
    assert Metric.objects.filter(plan=live).count() == 2
    # Reviews already due are done and measured, later ones planned.
    done = EvaluationCheckpoint.objects.filter(plan=live, status="done")
    assert done.exists() and EvaluationCheckpoint.objects.filter(plan=live, status="planned")
    assert Measurement.objects.filter(checkpoint__in=done).count() == 2 * done.count()
    draft = ImplementationPlan.objects.get(status=PlanStatus.DRAFT)
    assert not Stakeholder.objects.filter(plan=draft).exists()
