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


def test_each_demo_plan_reads_true_to_its_role(settings, cycle):
    """The physician associate plan is not given the peer support plan's content: a GMC
    regulator, a consultant as supervisor, and a need that is not doctors' rota gaps."""
    from governance.models import GovernanceArrangement
    from planning.models import StageResponse

    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    pa = ImplementationPlan.objects.get(role__slug="physician-associate")
    governance = GovernanceArrangement.objects.get(plan=pa)
    assert governance.regulator == "gmc" and governance.registration_required
    assert governance.clinical_supervisor.startswith("Consultant physician")
    assert "rota" not in pa.need.lower()
    answers = StageResponse.objects.get(plan=pa, stage="setting-a-foundation").answers
    assert "lived experience" not in answers["why_this_option"]
    peers = ImplementationPlan.objects.get(role__slug="peer-support-worker")
    assert GovernanceArrangement.objects.get(plan=peers).regulator == "none"


def test_demo_plans_under_way_appraise_the_options_and_plan_the_skill_mix(settings, cycle):
    """Each plan under way compared the guide's three options and chose the new role, costed
    from its band and WTE, for a reason; its skill mix adds the new role at the planned WTE;
    a review held records a skill mix in place that differs from the one intended."""
    from decimal import Decimal

    from evaluation.presenters import SkillMixReview
    from planning.models import OptionKind, SkillMixLine
    from planning.presenters.need import OptionAppraisal
    from roles.models import PayPoint

    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    under_way = list(ImplementationPlan.objects.exclude(status=PlanStatus.DRAFT))
    assert len(under_way) == 2
    for plan in under_way:
        appraisal = OptionAppraisal.of(plan)
        assert len(appraisal.options) == 3 and not appraisal.missing_guide_options
        chosen = appraisal.chosen
        assert chosen.kind == OptionKind.NEW_ROLE and chosen.reason_chosen.strip()
        mid_point = PayPoint.objects.current(plan.target_start_date)[plan.band].annual_salary
        roughly = plan.planned_wte * mid_point * Decimal("1.3")
        assert abs(chosen.cost_per_year - roughly) < roughly / 10
        lines = SkillMixLine.objects.filter(plan=plan)
        assert 3 <= lines.count() <= 5
        new_role = lines.get(profession__icontains=plan.role_name)
        assert (new_role.band, new_role.wte_before, new_role.wte_after) == (
            plan.band,
            0,
            plan.planned_wte,
        )
        assert plan.skill_mix_changes.exists()
    # The physician associates add to the doctors: no line goes down, and the chosen option
    # keeps to the role's limits.
    pa = ImplementationPlan.objects.get(role__slug="physician-associate")
    assert all(line.intended_change >= 0 for line in SkillMixLine.objects.filter(plan=pa))
    chosen = OptionAppraisal.of(pa).chosen
    text = f"{chosen.title} {chosen.risks} {chosen.reason_chosen}".lower()
    assert "named consultant" in text and "rota" in text and "prescrib" in text
    assert any(SkillMixReview.of(plan).differing for plan in under_way)
