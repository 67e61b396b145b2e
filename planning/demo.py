"""Demo data for `make run`: one organisation, a member of each role, and a site admin.

Idempotent: rerunning finds what exists instead of duplicating it.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from newroles.accounts.models import Membership, Organisation, User
from newroles.accounts.permissions import MemberRole
from newroles.ui.presenters import format_decimal
from roles.models import (
    EmployerOnCosts,
    PayPoint,
    Role,
    RoleCategory,
    SkillMixChange,
    employment_cost,
)

from . import costing
from .models import (
    ActionStatus,
    AppraisedOption,
    CareSetting,
    ChecklistResponse,
    CostAssumptions,
    FundingSource,
    GoodPracticePoint,
    ImplementationPlan,
    OptionKind,
    PlanAction,
    PlanStatus,
    PointStatus,
    Post,
    PostStatus,
    Risk,
    SkillMixLine,
    Stage,
    StageResponse,
    TrainingActivity,
)

DEMO_PASSWORD = "demo-password-2026"
DEMO_ORGANISATION = {"name": "Demo Valley NHS Foundation Trust", "ods_code": "DEMO1"}
DEMO_MEMBERS = [
    ("lead@demo.nhs.uk", "Lena", "Lead", MemberRole.LEAD),
    ("editor@demo.nhs.uk", "Ed", "Editor", MemberRole.EDITOR),
    ("hr@demo.nhs.uk", "Harriet", "Rees", MemberRole.HR),
    ("viewer@demo.nhs.uk", "Vik", "Viewer", MemberRole.VIEWER),
]
DEMO_ADMIN = "admin@demo.nhs.uk"


def _user(email, first_name="", last_name="", **extra):
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


@transaction.atomic
def load_demo_data() -> list[tuple[str, str]]:
    organisation, _ = Organisation.objects.get_or_create(
        ods_code=DEMO_ORGANISATION["ods_code"],
        defaults={"name": DEMO_ORGANISATION["name"], "kind": Organisation.Kind.NHS_TRUST},
    )
    accounts = []
    for email, first, last, role in DEMO_MEMBERS:
        user = _user(email, first, last)
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        accounts.append((email, f"{role.label} member"))
    _user(DEMO_ADMIN, "Ada", "Admin", is_staff=True, is_superuser=True)
    accounts.append((DEMO_ADMIN, "site admin (curator)"))
    lead = User.objects.get(email=DEMO_MEMBERS[0][0])
    for spec in DEMO_PLANS:
        _plan(organisation, lead, **spec)
    return accounts


DEMO_PLANS = [
    {
        "title": "Peer support workers in the community mental health team",
        "need": "People leaving inpatient care tell us they feel alone in the first weeks at "
        "home, and readmissions within 90 days have risen. Lived experience of recovery is "
        "missing from the team.",
        "role_slug": "peer-support-worker",
        "category_slug": "new-to-me",
        "skill_mix": ["innovation"],
        "service": "Adult community mental health",
        "team": "North locality team",
        "care_setting": CareSetting.MENTAL_HEALTH,
        "planned_wte": Decimal("4.0"),
        "band": "3",
        "target_start_date": date(2027, 4, 1),
        "status": PlanStatus.IN_PROGRESS,
        "actions": [
            (
                "Agree supervision arrangements with the team psychologist",
                Stage.UNDERPINNING_APPROACH,
                ActionStatus.IN_PROGRESS,
            ),
            (
                "Meet the service user forum about the job description",
                Stage.STAKEHOLDER_ENGAGEMENT,
                ActionStatus.NOT_STARTED,
            ),
        ],
    },
    {
        "title": "Physician associates in acute medicine",
        "need": "Patients on the acute medical unit wait hours to be clerked at busy times, "
        "and discharge summaries are late because the medical team changes every day; "
        "nobody stays long enough to know the unit's patients and routines.",
        "role_slug": "physician-associate",
        "category_slug": "new-to-me",
        "skill_mix": ["delegation"],
        "service": "Acute medicine",
        "team": "Acute medical unit",
        "care_setting": CareSetting.ACUTE,
        "planned_wte": Decimal("3.0"),
        "band": "7",
        "target_start_date": date(2026, 6, 1),
        "status": PlanStatus.LIVE,
        "actions": [
            (
                "Six-month review with the clinical director",
                Stage.MONITOR_AND_EVALUATE,
                ActionStatus.NOT_STARTED,
            ),
        ],
    },
    {
        "title": "Care navigators for frail older people",
        "need": "Older people with several long-term conditions see many services that do "
        "not talk to each other; carers say they do not know who to call.",
        "role_slug": "care-navigator",
        "category_slug": "new-ways-of-working",
        "skill_mix": ["diversification"],
        "service": "Integrated frailty service",
        "team": "",
        "care_setting": CareSetting.INTEGRATED,
        "planned_wte": Decimal("2.5"),
        "band": "4",
        "target_start_date": date(2027, 1, 4),
        "status": PlanStatus.DRAFT,
        "actions": [],
    },
]


def _plan(organisation, lead, *, role_slug, category_slug, skill_mix, actions, **fields):
    plan = ImplementationPlan.objects.filter(
        organisation=organisation, title=fields["title"]
    ).first()
    if plan:
        return plan
    plan = ImplementationPlan.objects.create(
        organisation=organisation,
        owner=lead,
        created_by=lead,
        role=Role.objects.filter(slug=role_slug).first(),
        role_name_other="" if Role.objects.filter(slug=role_slug).exists() else role_slug,
        category=RoleCategory.objects.filter(slug=category_slug).first(),
        **fields,
    )
    plan.skill_mix_changes.set(SkillMixChange.objects.filter(slug__in=skill_mix))
    today = timezone.localdate()
    for index, (description, stage, status) in enumerate(actions):
        # Open actions fall due around now (one a little overdue), so Home has work to show.
        due = None if status == ActionStatus.DONE else today + timedelta(days=9 * index - 2)
        PlanAction.objects.create(
            plan=plan,
            description=description,
            stage=stage,
            status=status,
            owner_name=str(lead),
            due_date=due,
        )
    if plan.status != PlanStatus.DRAFT:
        _fill(plan)
    return plan


# What each demo role's plan says, so that every plan reads true to its role: a physician
# associate is supervised by a consultant, registered with the GMC and not a stand-in for
# doctors; a peer support worker brings lived experience and is not regulated.
ROLE_CONTENT = {
    "peer-support-worker": {
        "evidence": "Readmission audit 2025/26; service user forum feedback.",
        "why": "Upskilling the current team cannot add lived experience.",
        "training": ("Peer support worker training programme", "Local recovery college", 3500),
        "supervisor": "Team psychologist",
        "champion": "Consultant nurse",
        "executive": "Director of nursing",
        "regulator": "none",
        "registration_required": False,
        "scope": [
            (
                "Follow-up contact after discharge",
                "independent",
                2,
                2,
                "Within the role's training; no clinical decisions.",
            ),
            (
                "Change a care plan",
                "not_permitted",
                3,
                4,
                "Needs a registered professional's judgement.",
            ),
        ],
        "risk": "Peer support workers are drawn into tasks that are not peer work",
        # The need analysis: the guide's other two options, then the new role (costed from
        # the plan's band and WTE), and the team's skill mix without the new role's line.
        "options": [
            (
                OptionKind.EXISTING_TEAM,
                "Community nurses phone everyone within three days of leaving hospital",
                Decimal("28000"),
                2,
                "Can start within weeks, with staff who already know the people concerned; "
                "nobody needs recruiting.",
                "Caseloads are full, so the calls are the first thing dropped in a busy week; "
                "a call from a nurse does not offer someone who has been through recovery.",
                2,
            ),
            (
                OptionKind.REDESIGN,
                "Ward and community team plan the first fortnight at home together",
                Decimal("15000"),
                6,
                "Everyone goes home with a named contact and a first visit booked; the ward "
                "and the community team work from one discharge plan.",
                "Relies on ward and community staff meeting every week; it adds no time with "
                "people once they are home, and no lived experience.",
                3,
            ),
        ],
        "new_role": {
            "title": "Add {wte} WTE of peer support workers at {band}, supervised by the "
            "team psychologist",
            "months": 9,
            "benefits": "People who have lived through mental ill health and recovery "
            "themselves spend time with each person in the early weeks at home, and care "
            "coordinators keep their time for clinical work.",
            "risks": "Recruiting people with lived experience needs care and time; they need "
            "regular supervision and support for their own wellbeing, and could be pulled "
            "into tasks that are not peer work.",
            "score": 4,
            "reason": "It is the only option that brings lived experience of recovery into "
            "the team, which is what people leaving hospital told us they were missing; the "
            "joint discharge planning will go ahead alongside it.",
        },
        "new_role_profession": "Peer support workers",
        "team": [
            ("Community mental health nurses", "6", "7.0", "7.0"),
            ("Clinical psychologists", "8a", "1.0", "1.0"),
            ("Consultant psychiatrists", "", "1.0", "1.0"),
            ("Support, time and recovery workers", "3", "3.0", "3.0"),
        ],
    },
    "physician-associate": {
        "evidence": "Clerking waits from the unit's 2025/26 audit; late discharge summaries "
        "from the quality dashboard.",
        "why": "Doctors' rotations cannot give the unit continuity, and the physician "
        "associates add to the medical team rather than replace any doctor.",
        "training": (
            "Preceptorship year for newly qualified physician associates",
            "The trust's medical education team",
            2500,
        ),
        "supervisor": "Consultant physician (named supervisor for each physician associate)",
        "champion": "Consultant physician",
        "executive": "Medical director",
        "regulator": "gmc",
        "registration_required": True,
        "scope": [
            (
                "Take histories and examine patients already assessed by a doctor",
                "supervised",
                2,
                3,
                "Within the role's training, with the named consultant available.",
            ),
            (
                "Prescribe medicines or request ionising radiation",
                "not_permitted",
                3,
                5,
                "Physician associates have no prescribing rights.",
            ),
        ],
        "risk": "Physician associates are used to fill gaps in doctors' rotas",
        "options": [
            (
                OptionKind.EXISTING_TEAM,
                "Base one resident doctor on the unit for a week at a time",
                Decimal("30000"),
                3,
                "Some continuity without recruiting anyone: the doctor comes to know the "
                "unit's patients over the week.",
                "Doctors in training have to rotate to complete their curriculum, and every "
                "week on the unit leaves a gap on another ward that locums fill at extra "
                "cost; the continuity still ends each week.",
                2,
            ),
            (
                OptionKind.REDESIGN,
                "Nurse-led first assessment on arrival, and discharge summaries started at "
                "the morning board round",
                Decimal("18000"),
                6,
                "Blood tests and observations start sooner after arrival, and summaries are "
                "begun while the whole team is together each morning.",
                "Clerking still needs a clinician trained to take a medical history and "
                "examine; the unit's nurses are already stretched; it gives the medical team "
                "no more continuity.",
                3,
            ),
        ],
        "new_role": {
            "title": "Add {wte} WTE of physician associates at {band}, each supervised by a "
            "named consultant physician",
            "months": 12,
            "benefits": "Clinicians who stay on the unit and learn its patients and routines: "
            "they take histories from and examine patients a doctor has already assessed, "
            "and draft discharge summaries for the responsible doctor to check and sign.",
            "risks": "They could be used to fill gaps in the doctors' rota, which this plan "
            "rules out; they cannot prescribe or request ionising radiation, so a doctor "
            "must be at hand for both; consultants need job-planned time to supervise; each "
            "must be registered with the GMC before starting.",
            "score": 4,
            "reason": "It gives the unit the continuity that rotating doctors cannot, within "
            "clear limits: the physician associates are additional to the doctors' rota and "
            "never counted against its gaps, each works under a named consultant "
            "supervisor, and prescribing stays with doctors.",
        },
        "new_role_profession": "Physician associates",
        "team": [
            ("Consultant physicians", "", "4.0", "4.0"),
            ("Resident doctors on rotation", "", "9.0", "9.0"),
            ("Advanced clinical practitioners", "8a", "2.0", "2.0"),
        ],
    },
}


def _fill(plan):
    """Give a demo plan some substance: answers, checklist progress, money, risks, posts."""
    content = ROLE_CONTENT.get(
        plan.role.slug if plan.role_id else "", ROLE_CONTENT["peer-support-worker"]
    )
    StageResponse.objects.create(
        plan=plan,
        stage=Stage.SETTING_A_FOUNDATION,
        answers={
            "patient_need": plan.need,
            "patient_need_evidence": content["evidence"],
            "chosen_option": "new_role",
            "why_this_option": content["why"],
        },
    )
    points = list(GoodPracticePoint.objects.order_by("stage__order", "order"))
    for index, point in enumerate(points[: len(points) // 2]):
        status = PointStatus.DONE if index % 3 else PointStatus.IN_PROGRESS
        ChecklistResponse.objects.create(plan=plan, point=point, status=status)
    start = plan.target_start_date
    FundingSource.objects.create(
        plan=plan,
        name="Transformation pilot fund",
        kind="non_recurrent",
        amount_per_year=Decimal("120000"),
        start_date=start,
        # Two whole years: the end date is the last day the fund pays for.
        end_date=costing.add_years(start, 2) - timedelta(days=1),
        covers_salary=True,
        covers_training=True,
    )
    CostAssumptions.objects.create(
        plan=plan,
        supervision_hours_per_week=Decimal("4"),
        supervisor_band="7",
        backfill_cost_per_year=Decimal("8000"),
    )
    title, provider, cost = content["training"]
    TrainingActivity.objects.create(
        plan=plan,
        title=title,
        kind="higher_education",
        provider=provider,
        start_date=start,
        cost=Decimal(cost),
    )
    Risk.objects.create(
        plan=plan,
        description="Supervisors do not have protected time",
        likelihood=4,
        impact=4,
        mitigation="Agree job-planned supervision sessions before recruiting.",
        owner="Service manager",
        stage=Stage.TRAINING_AND_SUPPORT,
    )
    Risk.objects.create(
        plan=plan,
        description=content["risk"],
        likelihood=3,
        impact=4,
        stage=Stage.UNDERPINNING_APPROACH,
    )
    Risk.objects.create(
        plan=plan,
        description="The existing team is unclear what the role will do",
        likelihood=3,
        impact=3,
        stage=Stage.STAKEHOLDER_ENGAGEMENT,
    )
    for number in range(1, 4):
        Post.objects.create(
            plan=plan,
            title=f"{plan.role_name} {number}",
            wte=Decimal("1"),
            status="in_post" if number == 1 else "recruiting",
        )
    _fill_engagement_and_governance(plan, content)
    new_role_line = _fill_need_analysis(plan, content)
    _fill_evaluation(plan, new_role_line)


def _new_role_cost(plan):
    """The new role's yearly cost, as the cost estimate works it out (the band's mid-point
    with the employer's on-costs, times the planned WTE), to the nearest thousand pounds."""
    point = PayPoint.objects.current(plan.target_start_date).get(plan.band)
    if point is None or not plan.planned_wte:
        return None
    on_costs = EmployerOnCosts.objects.current(plan.target_start_date)
    post = employment_cost(point.annual_salary, on_costs=on_costs)
    return (post.total * plan.planned_wte / 1000).quantize(Decimal(1)) * 1000


def _fill_need_analysis(plan, content):
    """The options appraised (the guide's three, the new role chosen) and the team's skill
    mix before and after. Returns the new role's skill-mix line."""
    for kind, title, cost, months, benefits, risks, score in content["options"]:
        AppraisedOption.objects.create(
            plan=plan,
            kind=kind,
            title=title,
            cost_per_year=cost,
            months_to_effect=months,
            benefits=benefits,
            risks=risks,
            score=score,
        )
    new_role = content["new_role"]
    AppraisedOption.objects.create(
        plan=plan,
        kind=OptionKind.NEW_ROLE,
        title=new_role["title"].format(
            wte=format_decimal(plan.planned_wte), band=plan.get_band_display().lower()
        ),
        cost_per_year=_new_role_cost(plan),
        months_to_effect=new_role["months"],
        benefits=new_role["benefits"],
        risks=new_role["risks"],
        score=new_role["score"],
        chosen=True,
        reason_chosen=new_role["reason"],
    )
    for profession, band, before, after in content["team"]:
        SkillMixLine.objects.create(
            plan=plan,
            profession=profession,
            band=band,
            wte_before=Decimal(before),
            wte_after=Decimal(after),
        )
    return SkillMixLine.objects.create(
        plan=plan,
        profession=content["new_role_profession"],
        band=plan.band,
        wte_before=Decimal(0),
        wte_after=plan.planned_wte,
    )


def _fill_engagement_and_governance(plan, content):
    """Stakeholders, communication, governance and scope of practice for a demo plan."""
    from governance.models import (
        AssessmentKind,
        CommunicationItem,
        GovernanceArrangement,
        ImpactAssessment,
        Level,
        PolicyRequirement,
        PracticeLevel,
        ScopeActivity,
        Stakeholder,
        StakeholderGroup,
        Stance,
    )

    people = [
        ("Dr Amara Okafor", "Medical director", StakeholderGroup.SPONSOR, 3, 2, "supportive"),
        ("Tom Hughes", content["champion"], StakeholderGroup.CLINICAL_CHAMPION, 2, 3, "champion"),
        ("Community team", "", StakeholderGroup.EXISTING_TEAM, 2, 3, "sceptical"),
        ("Finance business partner", "", StakeholderGroup.FINANCE, 3, 1, "neutral"),
        ("Unison branch", "", StakeholderGroup.STAFF_SIDE, 2, 2, "neutral"),
    ]
    for name, job_title, group, influence, interest, stance in people:
        Stakeholder.objects.create(
            plan=plan,
            name=name,
            job_title=job_title,
            group=group,
            influence=Level(influence),
            interest=Level(interest),
            current_stance=stance,
            desired_stance=Stance.CHAMPION if stance == "champion" else Stance.SUPPORTIVE,
        )
    CommunicationItem.objects.create(
        plan=plan,
        message=f"Why we are introducing the {plan.role_name.lower()} role and what it will do",
        audience=[StakeholderGroup.EXISTING_TEAM, StakeholderGroup.STAFF_SIDE],
        channel="briefing",
        frequency="milestones",
        owner="Service manager",
    )
    GovernanceArrangement.objects.create(
        plan=plan,
        accountable_executive=content["executive"],
        line_manager="Team manager",
        clinical_supervisor=content["supervisor"],
        supervision_frequency="Weekly for six months, then fortnightly",
        escalation_route="Supervisor, then team manager, then the clinical lead on call.",
        oversight_group="Workforce transformation group",
        regulator=content["regulator"],
        registration_required=content["registration_required"],
    )
    for activity, level, likelihood, severity, reasoning in content["scope"]:
        ScopeActivity.objects.create(
            plan=plan,
            activity=activity,
            level=PracticeLevel(level),
            likelihood=likelihood,
            severity=severity,
            delegation_reasoning=reasoning,
        )
    ImpactAssessment.objects.create(
        plan=plan,
        kind=AssessmentKind.BOTH,
        assessed_on=plan.target_start_date.replace(year=plan.target_start_date.year - 1),
        outcome="No adverse impact found; access for people without English to be reviewed.",
        reviewer="Quality lead",
    )
    PolicyRequirement.objects.create(plan=plan, title="Lone working", owner="Team manager")


def _fill_evaluation(plan, new_role_line):
    """An objective with two metrics, a logic model and a year of checkpoints, one reviewed.
    Reviews held record the skill mix in place: the team as intended, but only the new role's
    posts filled so far."""
    from evaluation.models import (
        CheckpointKind,
        CheckpointStatus,
        Decision,
        EvaluationCheckpoint,
        LogicModel,
        Measurement,
        Metric,
        MetricCategory,
        Objective,
    )
    from evaluation.services import record_measurements

    start = plan.target_start_date
    objective = Objective.objects.create(
        plan=plan,
        statement="Fewer people readmitted within 30 days of discharge",
        need_met=plan.need,
        measure="Readmissions within 30 days, per cent of discharges",
        target_date=date(start.year + 2, start.month, 1),
        responsible="Service manager",
    )
    readmissions = Metric.objects.create(
        plan=plan,
        objective=objective,
        name="Readmissions within 30 days",
        category=MetricCategory.PATIENT_OUTCOME,
        unit="%",
        baseline=Decimal("14"),
        target=Decimal("9"),
        direction="lower",
        data_source="Trust activity data",
    )
    first_contact = Metric.objects.create(
        plan=plan,
        objective=objective,
        name="Days from discharge to first contact",
        category=MetricCategory.SERVICE,
        unit="days",
        baseline=Decimal("10"),
        target=Decimal("3"),
        direction="lower",
    )
    LogicModel.objects.create(
        plan=plan,
        inputs="Posts, supervision, training and the pilot fund.",
        activities="Contact within three days of discharge; weekly support for a month.",
        outputs="Contacts made and support sessions held.",
        outcomes_short="People feel supported after leaving hospital.",
        outcomes_medium="Fewer crises in the first month at home.",
        outcomes_long="Fewer readmissions.",
    )
    # Reviews already due are done and measured; later ones are planned.
    schedule = [
        (CheckpointKind.THREE_MONTHS, 3, Decimal("13"), Decimal("6")),
        (CheckpointKind.SIX_MONTHS, 6, Decimal("11"), Decimal("4")),
        (CheckpointKind.ANNUAL, 12, Decimal("9"), Decimal("3")),
    ]
    today = timezone.localdate()
    in_post = sum(
        (post.wte for post in Post.objects.filter(plan=plan, status=PostStatus.IN_POST)),
        Decimal(0),
    )
    for kind, months, readmitted, days in schedule:
        month = start.month - 1 + months
        due = date(start.year + month // 12, month % 12 + 1, 1)
        done = due <= today
        checkpoint = EvaluationCheckpoint.objects.create(
            plan=plan,
            title=f"{CheckpointKind(kind).label} of the {plan.role_name.lower()} role",
            due_date=due,
            kind=kind,
            reviewer="Workforce transformation group",
            status=CheckpointStatus.DONE if done else CheckpointStatus.PLANNED,
            findings="Early contact is working; readmissions are starting to fall." if done else "",
            decision=Decision.CONTINUE if done else "",
        )
        if done:
            Measurement.objects.create(metric=readmissions, checkpoint=checkpoint, value=readmitted)
            Measurement.objects.create(metric=first_contact, checkpoint=checkpoint, value=days)
            in_place = {line.pk: line.wte_after for line in SkillMixLine.objects.filter(plan=plan)}
            in_place[new_role_line.pk] = in_post
            record_measurements(
                checkpoint, {}, based_on_version=checkpoint.lock_version, skill_mix=in_place
            )
