"""Planning's own stage panels and gap sources (registered in apps.py)."""

from django.urls import reverse
from django.utils import timezone

from newroles.ui.presenters import format_date
from roles.models import RoleTemplateVersion

from . import costing
from .gaps import Gap, listed, stage_order
from .models import (
    AppraisedOption,
    DocumentStatus,
    FundingSource,
    Post,
    PostStatus,
    Risk,
    RoleDocumentation,
    Stage,
    SupportArrangement,
    TrainingActivity,
    TrainingStatus,
)
from .presenters import PlanFunding, PlanRisks, PlanTraining

PANEL_RISKS = 5


def risks_panel(plan, stage) -> dict:
    risks = PlanRisks.of(plan)
    return {
        "risks": risks.open_for_stage(stage)[:PANEL_RISKS],
        "open_count": risks.open_count,
    }


def risk_gaps(plan) -> list[Gap]:
    """Open risks scoring 15 or more (extreme on the 5x5 matrix)."""
    return [
        Gap(
            title=f"High-scoring open risk: {risk.description}",
            why=f"Scored {risk.score} of 25. {risk.mitigation or 'No mitigation recorded yet.'}",
            severity="high",
            url=reverse("planning:risk_update", args=[plan.pk, risk.pk]),
            where="Risk register",
            kind="risk",
        )
        for risk in Risk.objects.filter(plan=plan).open().high().by_score()
    ]


def training_panel(plan) -> dict:
    return {"training": PlanTraining.of(plan)}


def _funding_end(sources):
    """When the funding runs out: None when any source has no end date."""
    if any(s.end_date is None for s in sources):
        return None
    return max(s.end_date for s in sources)


def _last_checkpoint_due(plan):
    """The last evaluation checkpoint's due date (cancelled ones left out), if the evaluation
    app records any."""
    from django.apps import apps

    try:
        checkpoint = apps.get_model("evaluation", "EvaluationCheckpoint")
    except LookupError:
        return None
    return (
        checkpoint.objects.filter(plan=plan)
        .not_cancelled()
        .order_by("-due_date")
        .values_list("due_date", flat=True)
    ).first()


def funding_gaps(plan) -> list[Gap]:
    funding_url = reverse("planning:funding", args=[plan.pk])
    sources = list(FundingSource.objects.filter(plan=plan))
    if not sources:
        return [
            Gap(
                "No funding recorded",
                "Without funding the posts cannot be filled or kept; "
                "record every source and what it pays for.",
                "high",
                funding_url,
                "Funding",
                kind="funding",
            )
        ]
    gaps = []
    estimate = costing.estimate(plan, sources=sources)
    # The plan's last day: a two-year plan from 1 September 2027 runs to 31 August 2029, and
    # funding to that day covers it.
    horizon_end = estimate.years[-1].last_day if estimate.years else None
    ends = _funding_end(sources)
    if ends and horizon_end and ends < horizon_end:
        gaps.append(
            Gap(
                f"Funding ends on {format_date(ends)}, before the plan's horizon",
                f"The plan runs to {format_date(horizon_end)}. Roles funded only for a pilot are "
                "often lost when the money stops.",
                "high",
                funding_url,
                "Funding",
                kind="funding",
            )
        )
    last_checkpoint = _last_checkpoint_due(plan)
    if ends and last_checkpoint and ends < last_checkpoint:
        gaps.append(
            Gap(
                "Funding ends before the last evaluation checkpoint",
                f"The last checkpoint is due on {format_date(last_checkpoint)}, after the money "
                "stops, so the evaluation cannot inform whether to keep the role.",
                "high",
                funding_url,
                "Funding",
                kind="funding",
            )
        )
    for field, label in (("covers_supervision", "supervision"), ("covers_backfill", "backfill")):
        if not any(getattr(s, field) for s in sources):
            gaps.append(
                Gap(
                    f"No funding covers {label}",
                    f"Trusts in the mental-health research named unfunded {label} as a reason new "
                    "roles struggle.",
                    "high",
                    funding_url,
                    "Funding",
                    kind="funding",
                )
            )
    short = estimate.shortfall_years
    if short:
        numbers = ", ".join(str(y.number) for y in short)
        gaps.append(
            Gap(
                f"Funding falls short of the estimated cost in year{'s' if len(short) > 1 else ''} "
                f"{numbers}",
                "Compare the cost estimate with the funding and close the gap.",
                "medium",
                f"{funding_url}#estimate",
                "Funding",
                kind="funding",
            )
        )
    return gaps


def resource_panel(plan) -> dict:
    return {"funding": PlanFunding.of(plan)}


def risk_rows(plan):
    header = ["Risk", "Stage", "Likelihood", "Impact", "Score", "Mitigation", "Owner", "Status"]
    rows = [
        [
            r.description,
            r.get_stage_display() or "Whole plan",
            r.likelihood,
            r.impact,
            r.score,
            r.mitigation,
            r.owner,
            r.get_status_display(),
        ]
        for r in Risk.objects.filter(plan=plan).by_score()
    ]
    return header, rows


def case_studies_panel(plan, stage) -> dict:
    from roles.selectors import case_studies_for_stage

    return {
        "stage": stage,
        "case_studies": case_studies_for_stage(
            stage, role_id=plan.role_id, care_setting=plan.care_setting
        ),
    }


def record_gaps(plan) -> list[Gap]:
    """What the plan's own records still lack: the job description, person specification
    and banding approved; how people in the role are supervised; the training a role's
    template names; the options appraised for the need (five queries)."""
    gaps = []
    if option := _option_gap(plan):
        gaps.append(option)
    documentation = RoleDocumentation.objects.filter(plan=plan).first()
    missing = []
    if documentation is None or documentation.job_description_status != DocumentStatus.APPROVED:
        missing.append("the job description")
    if (
        documentation is None
        or documentation.person_specification_status != DocumentStatus.APPROVED
    ):
        missing.append("the person specification")
    if documentation is None or not documentation.banding_outcome:
        missing.append("the banding panel's outcome")
    if missing:
        gaps.append(
            Gap(
                title=f"Not yet approved: {listed(missing)}",
                why="Posts cannot be advertised or filled without an approved job description "
                "and person specification and a band agreed through job evaluation.",
                severity="medium",
                url=reverse("planning:role_documentation", args=[plan.pk]),
                where="Posts and recruitment",
                stage_order=stage_order(Stage.UNDERSTANDING_RESOURCE),
                kind="posts",
            )
        )
    support = SupportArrangement.objects.filter(plan=plan).first()
    if support is None or not support.supervision_plan.strip():
        gaps.append(
            Gap(
                title="No supervision arrangement recorded",
                why="People new to a role need direct supervision at first, to keep patients "
                "safe and to turn what they learnt into practice.",
                severity="high",
                url=reverse("planning:support_update", args=[plan.pk]),
                where="Training and support",
                stage_order=stage_order(Stage.TRAINING_AND_SUPPORT),
                kind="training",
            )
        )
    if registration := _registration_gap(plan):
        gaps.append(registration)
    route = _template_training_route(plan)
    if (
        route
        and not TrainingActivity.objects.filter(plan=plan)
        .exclude(status=TrainingStatus.CANCELLED)
        .exists()
    ):
        gaps.append(
            Gap(
                title="No training planned for the role",
                why=f"The role's template names its training route ({route}), but the plan has "
                "no training activity to get people there.",
                severity="high",
                url=reverse("planning:training_create", args=[plan.pk]),
                where="Training and support",
                stage_order=stage_order(Stage.TRAINING_AND_SUPPORT),
                kind="training",
            )
        )
    return gaps


def _option_gap(plan) -> Gap | None:
    chosen = list(AppraisedOption.objects.filter(plan=plan).values_list("chosen", flat=True))
    if chosen and any(chosen):
        return None
    return Gap(
        title="No option chosen for the need" if chosen else "No options appraised for the need",
        why="The guide asks trusts to compare a new role with making better use of the team "
        "and with redesigning the service, and to record why the option chosen is best.",
        severity="medium",
        url=reverse("planning:need_analysis", args=[plan.pk]) + "#options",
        where="Need analysis",
        stage_order=stage_order(Stage.UNDERPINNING_APPROACH),
        kind="need",
    )


REGISTRATION_CHECK_DAYS = 365  # registrations are renewed yearly: check at least as often


def _registration_gap(plan) -> Gap | None:
    """For a regulated role: postholders in post whose registration is not recorded, never
    checked, or last checked more than a year ago."""
    role = plan.role
    if role is None or not role.is_regulated:
        return None
    today = timezone.localdate()
    unchecked = [
        post.title
        for post in Post.objects.filter(plan=plan, status=PostStatus.IN_POST)
        if not post.registration_number
        or post.registration_checked_on is None
        or (today - post.registration_checked_on).days > REGISTRATION_CHECK_DAYS
    ]
    if not unchecked:
        return None
    why = (
        f"{role.name} is a regulated role ({role.get_regulator_display()}): each postholder "
        "must be on the register to practise, checked when they start and at least yearly."
    )
    if role.registration_deadline:
        deadline = format_date(role.registration_deadline)
        why += f" The regulator's deadline for registration is {deadline}."
    shown = ", ".join(unchecked[:3]) + (
        f" and {len(unchecked) - 3} more" if len(unchecked) > 3 else ""
    )
    return Gap(
        title=f"Registration not checked in the last year: {shown}",
        why=why,
        severity="high",
        url=reverse("planning:posts", args=[plan.pk]),
        where="Posts and recruitment",
        stage_order=stage_order(Stage.UNDERSTANDING_RESOURCE),
        kind="posts",
    )


def _template_training_route(plan) -> str:
    """The training route named by the template the plan was started from, in a few words."""
    if not plan.template_version_id:
        return ""
    versions = RoleTemplateVersion.objects.filter(pk=plan.template_version_id)
    content = versions.values_list("content", flat=True).first() or {}
    titles = [item.get("title", "") for item in content.get("training") or [] if item.get("title")]
    if titles:
        return "; ".join(titles[:2])
    route = (content.get("training_route") or "").strip()
    return route.split(". ")[0][:120] if route else ""
