"""Demo data for `make run`: one organisation, a member of each role, and a site admin.

Idempotent: rerunning finds what exists instead of duplicating it.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from newroles.accounts.models import Membership, Organisation, User
from newroles.accounts.permissions import MemberRole
from roles.models import Role, RoleCategory, SkillMixChange

from .models import (
    ActionStatus,
    CareSetting,
    ChecklistResponse,
    CostAssumptions,
    FundingSource,
    GoodPracticePoint,
    ImplementationPlan,
    PlanAction,
    PlanStatus,
    PointStatus,
    Post,
    Risk,
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
        "need": "Junior doctor rota gaps on the acute medical unit leave continuity of care "
        "to locums; patients wait longer for clerking and discharge summaries.",
        "role_slug": "physician-associate",
        "category_slug": "new-to-me",
        "skill_mix": ["delegation"],
        "service": "Acute medicine",
        "team": "Acute medical unit",
        "care_setting": CareSetting.ACUTE,
        "planned_wte": Decimal("3.0"),
        "band": "7",
        "target_start_date": date(2026, 9, 1),
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
    for description, stage, status in actions:
        PlanAction.objects.create(
            plan=plan, description=description, stage=stage, status=status, owner_name=str(lead)
        )
    if plan.status != PlanStatus.DRAFT:
        _fill(plan)
    return plan


def _fill(plan):
    """Give a demo plan some substance: answers, checklist progress, money, risks, posts."""
    StageResponse.objects.create(
        plan=plan,
        stage=Stage.SETTING_A_FOUNDATION,
        answers={
            "patient_need": plan.need,
            "patient_need_evidence": "Readmission audit 2025/26; service user forum feedback.",
            "chosen_option": "new_role",
            "why_this_option": "Upskilling the current team cannot add lived experience.",
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
        end_date=date(start.year + 2, start.month, 1),
        covers_salary=True,
        covers_training=True,
    )
    CostAssumptions.objects.create(
        plan=plan,
        supervision_hours_per_week=Decimal("4"),
        supervisor_band="7",
        backfill_cost_per_year=Decimal("8000"),
    )
    TrainingActivity.objects.create(
        plan=plan,
        title="Accredited training for the role",
        kind="higher_education",
        provider="Local university",
        start_date=start,
        cost=Decimal("3500"),
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
