"""The bench's data: plans of any size, organisations full of plans, and a plan made cold.

Everything is written straight to the throwaway database (bulk creates, and one raw UPDATE of
a plan's version), never through the apps' services: the bench measures pages, not set-up.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps
from django.db.models import F
from django.utils import timezone

# The large plan: as large as a busy trust's (issue 5's sizes). `funding` stays at one source,
# as before, so its figures compare with earlier runs.
FULL_SIZES = {
    "stakeholders": 200,
    "checkpoints": 100,
    "metrics": 8,
    "training": 50,
    "risks": 60,
    "actions": 40,
    "posts": 12,
    "competencies": 20,
    "funding": 1,
    "repeats": 5,
}
QUICK_SIZES = {
    "stakeholders": 40,
    "checkpoints": 20,
    "metrics": 3,
    "training": 10,
    "risks": 12,
    "actions": 8,
    "posts": 3,
    "competencies": 4,
    "funding": 1,
    "repeats": 1,  # CI smoke run: every figure once; measure with the full run
}
# A load-test user's own plan: a plan well under way in an ordinary team, the same in the
# quick and the full run (the day's mix does not depend on the large plan's size).
OWN_PLAN_SIZES = {
    "stakeholders": 30,
    "risks": 20,
    "training": 10,
    "checkpoints": 10,
    "funding": 5,
    "metrics": 3,
    "actions": 10,
    "posts": 3,
    "competencies": 5,
}

ANSWER = (
    "The community team sees people after discharge from the acute wards, but the first visit "
    "often comes ten days or more after they go home. Readmission within 30 days is 14 per cent "
    "against a regional figure of 9 per cent. Service users told the forum they want someone "
    "who has been through it to help in the first fortnight. "
)


def make_cold(plan_pk):
    """Raise the plan's version, as any change to the plan does: nothing cached for the plan
    applies any more, so the next page works everything out afresh (as just after a save)."""
    from planning.models import ImplementationPlan

    ImplementationPlan.objects.filter(pk=plan_pk).update(version=F("version") + 1)


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def first_organisation():
    """The bench's organisation and its lead, with the reference data loaded."""
    from newroles.accounts.models import Membership, Organisation, User
    from planning.reference import load_cycle
    from roles.services import load_reference_data

    load_reference_data()
    load_cycle()
    organisation = Organisation.objects.create(name="Bench Valley NHS Foundation Trust")
    lead = User.objects.create(email="lead@bench.invalid", first_name="Bea", last_name="Lead")
    Membership.objects.create(user=lead, organisation=organisation, role="lead")
    return organisation, lead


def build_plan(sizes, organisation=None, owner=None, title=None) -> tuple[object, dict]:
    """A plan with every answer given and each part filled to `sizes` (see FULL_SIZES).

    Without an organisation, the first call makes one (and loads the reference data); later
    calls add plans to it, owned by `owner`. Returns the plan and the counts built (or why a
    part was skipped)."""
    from planning import models as m
    from planning.workflow import QUESTIONS
    from roles.models import Role, RoleCategory, SkillMixChange

    if organisation is None:
        organisation, owner = first_organisation()
    start = date(2027, 4, 1)
    plan = m.ImplementationPlan.objects.create(
        organisation=organisation,
        title=title or "Peer support workers on the community mental health team",
        need=ANSWER * 3,
        role=Role.objects.order_by("pk").first(),
        category=RoleCategory.objects.order_by("pk").first(),
        service="Adult community mental health",
        team="North locality",
        care_setting="mental_health",
        planned_wte=Decimal("6"),
        band="4",
        target_start_date=start,
        horizon_years=5,
        owner=owner,
        created_by=owner,
    )
    plan.skill_mix_changes.set(SkillMixChange.objects.all()[:2])
    built = {}

    for stage, questions in QUESTIONS.items():
        answers = {}
        for question in questions:
            answers[question.code] = question.choices[2][0] if question.is_choice else ANSWER
        m.StageResponse.objects.create(plan=plan, stage=stage, answers=answers)
    statuses = list(m.PointStatus.values)
    m.ChecklistResponse.objects.bulk_create(
        m.ChecklistResponse(
            plan=plan,
            point=point,
            status=statuses[index % len(statuses)],
            note="Agreed at the steering group." if index % 2 else "",
        )
        for index, point in enumerate(m.GoodPracticePoint.objects.all())
    )
    m.TrainingActivity.objects.bulk_create(
        m.TrainingActivity(
            plan=plan,
            title=f"Peer support training module {n + 1}",
            kind=m.TrainingKind.values[n % len(m.TrainingKind.values)],
            provider="Regional recovery college",
            start_date=start + timedelta(days=30 * n),
            end_date=start + timedelta(days=30 * n + 20),
            cost=Decimal(400 + 25 * n),
            status=m.TrainingStatus.values[n % 4],
        )
        for n in range(sizes["training"])
    )
    built["training"] = sizes["training"]
    m.Competency.objects.bulk_create(
        m.Competency(plan=plan, name=f"Competency {n + 1}", framework_reference=f"PSW-{n + 1}")
        for n in range(sizes["competencies"])
    )
    m.SupportArrangement.objects.create(
        plan=plan,
        clinical_educator="Practice educator, community services",
        mentor_or_buddy="Experienced peer worker",
        supernumerary_weeks=6,
        protected_learning_hours=Decimal("3.5"),
        supervision_plan=ANSWER,
        induction=ANSWER,
    )
    m.Risk.objects.bulk_create(
        m.Risk(
            plan=plan,
            description=f"Risk {n + 1}: supervisors lose their protected time when wards are short",
            likelihood=1 + n % 5,
            impact=1 + (n * 3) % 5,
            score=(1 + n % 5) * (1 + (n * 3) % 5),
            mitigation="Job-plan the supervision sessions and report them to the steering group.",
            owner="Service manager",
            stage=m.Stage.values[n % len(m.Stage.values)],
        )
        for n in range(sizes["risks"])
    )
    built["risks"] = sizes["risks"]
    m.PlanAction.objects.bulk_create(
        m.PlanAction(
            plan=plan,
            description=f"Action {n + 1}: agree the next step with the steering group",
            owner_name="Bea Lead",
            due_date=start + timedelta(days=14 * n),
            stage=m.Stage.values[n % len(m.Stage.values)],
        )
        for n in range(sizes["actions"])
    )
    m.Post.objects.bulk_create(
        m.Post(plan=plan, title=f"Peer support worker {n + 1}", wte=Decimal("0.5"))
        for n in range(sizes["posts"])
    )
    # The first source as the large plan has always had it; more of other kinds after it.
    kinds = ["non_recurrent", *(k for k in m.FundingKind.values if k != "non_recurrent")]
    m.FundingSource.objects.bulk_create(
        m.FundingSource(
            plan=plan,
            name="Community transformation fund" if n == 0 else f"Funding source {n + 1}",
            kind=kinds[n % len(kinds)],
            amount_per_year=Decimal(180000 if n == 0 else 20000 + 5000 * n),
            start_date=start + timedelta(days=365 * (n // len(kinds))),
            end_date=date(2029, 3, 31) if n % 2 == 0 else None,
            covers_salary=n % 2 == 0,
            covers_training=True,
            covers_supervision=n % 3 == 1,
        )
        for n in range(sizes.get("funding", 1))
    )
    built["funding"] = sizes.get("funding", 1)
    m.CostAssumptions.objects.create(
        plan=plan, supervision_hours_per_week=Decimal("6"), supervisor_band="7"
    )
    built["stakeholders"] = _stakeholders(plan, sizes["stakeholders"])
    built["checkpoints"] = _checkpoints(plan, sizes, start)
    return plan, built


def _stakeholders(plan, count):
    stakeholder = _model("governance.Stakeholder")
    if stakeholder is None:
        return "skipped (no governance.Stakeholder model)"
    try:
        groups = [value for value, _ in stakeholder._meta.get_field("group").choices]
        stances = [value for value, _ in stakeholder._meta.get_field("current_stance").choices]
        stakeholder.objects.bulk_create(
            stakeholder(
                plan=plan,
                name=f"Stakeholder {n + 1}",
                job_title="Team manager",
                organisation_name="Partner trust",
                group=groups[n % len(groups)],
                influence=1 + n % 3,
                interest=1 + (n // 3) % 3,
                current_stance=stances[n % len(stances)],
                desired_stance=stances[-1],
                notes="Met at the locality meeting.",
            )
            for n in range(count)
        )
    except Exception as error:  # the governance app's model changed: measure without it
        return f"skipped ({type(error).__name__}: {error})"
    return count


def _checkpoints(plan, sizes, start):
    names = ("Objective", "Metric", "EvaluationCheckpoint", "Measurement")
    models = [_model(f"evaluation.{name}") for name in names]
    if None in models:
        return "skipped (no evaluation models)"
    objective, metric, checkpoint, measurement = models
    try:
        goal = objective.objects.create(
            plan=plan,
            statement="Fewer readmissions within 30 days",
            need_met="People readmitted soon after discharge",
            measure="Readmissions within 30 days, per cent",
            target_date=start + timedelta(days=730),
            responsible="Service manager",
        )
        metrics = metric.objects.bulk_create(
            metric(
                plan=plan,
                objective=goal,
                name=f"Metric {n + 1}",
                category="service",
                unit="%",
                baseline=Decimal("14"),
                target=Decimal("9"),
                direction="lower",
            )
            for n in range(sizes["metrics"])
        )
        checkpoints = checkpoint.objects.bulk_create(
            checkpoint(
                plan=plan,
                title=f"Review {n + 1}",
                due_date=start + timedelta(days=14 * n),
                kind="other",
                reviewer="Steering group",
            )
            for n in range(sizes["checkpoints"])
        )
        measurement.objects.bulk_create(
            measurement(metric=x, checkpoint=c, value=Decimal(14 - (n % 6)))
            for n, c in enumerate(checkpoints)
            for x in metrics
        )
    except Exception as error:  # the evaluation app's models changed: measure without them
        return f"skipped ({type(error).__name__}: {error})"
    return sizes["checkpoints"]


def small_plan(large):
    """A plan beside `large` with one stakeholder and one record of every other part: what
    the large plan has, one of each, so only sizes differ."""
    sizes = dict.fromkeys(FULL_SIZES, 1)
    plan, _ = build_plan(sizes, large.organisation, large.owner, title="A small plan")
    return plan


def bare_plan(large):
    """A plan beside `large` with nothing but one stakeholder (no funding, no evaluation...)."""
    from governance.models import Stakeholder
    from planning.models import ImplementationPlan

    plan = ImplementationPlan.objects.create(
        organisation=large.organisation,
        title="A bare plan",
        need="One line of need.",
        owner=large.owner,
        created_by=large.owner,
    )
    stances = [value for value, _ in Stakeholder._meta.get_field("current_stance").choices]
    Stakeholder.objects.create(
        plan=plan,
        name="Only stakeholder",
        group=Stakeholder._meta.get_field("group").choices[0][0],
        influence=2,
        interest=2,
        current_stance=stances[0],
        desired_stance=stances[-1],
    )
    return plan


def organisation_with_plans(count, name):
    """A new organisation with `count` bare plans (a tenth of them archived); its lead."""
    from newroles.accounts.models import Membership, Organisation, User
    from planning.models import ImplementationPlan, PlanStatus
    from roles.models import Role, RoleCategory

    organisation = Organisation.objects.create(name=name)
    lead = User.objects.create(email=f"lead-{count}@list.bench.invalid", first_name="List")
    Membership.objects.create(user=lead, organisation=organisation, role="lead")
    roles = list(Role.objects.all()[:10]) or [None]
    categories = list(RoleCategory.objects.all()) or [None]
    statuses = PlanStatus.values
    now = timezone.now()
    ImplementationPlan.objects.bulk_create(
        (
            ImplementationPlan(
                organisation=organisation,
                title=f"Plan {n + 1}: a new role for the {n % 40 + 1}th team",
                need="People wait too long; a new role would see them sooner.",
                role=roles[n % len(roles)],
                category=categories[n % len(categories)],
                status=statuses[n % len(statuses)],
                owner=lead,
                created_by=lead,
                archived_at=now if n % 10 == 9 else None,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    return lead
