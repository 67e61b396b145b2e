"""What the plan's stakeholders and governance are missing (a gap source: two queries)."""

from django.urls import reverse

from planning.gaps import Gap, listed, stage_order
from planning.models import Stage

from . import selectors
from .models import StakeholderGroup

# Groups every plan should have on its stakeholder list: (group, severity, why it matters).
EXPECTED_GROUPS = [
    (
        StakeholderGroup.SPONSOR,
        "high",
        "Without a senior sponsor nobody with authority protects the role's funding and "
        "clears the way when it meets resistance.",
    ),
    (
        StakeholderGroup.CLINICAL_CHAMPION,
        "medium",
        "A respected clinician who backs the role helps the existing team accept it and "
        "use it well.",
    ),
    (
        StakeholderGroup.SERVICE_USERS,
        "medium",
        "The role exists for patients and carers; hearing from them early shapes it around "
        "what they need.",
    ),
]

MISSING_GROUP_TITLES = {
    StakeholderGroup.SPONSOR: "No senior leader or sponsor among the stakeholders",
    StakeholderGroup.CLINICAL_CHAMPION: "No clinical champion among the stakeholders",
    StakeholderGroup.SERVICE_USERS: "No service users or carers among the stakeholders",
}


def governance_gaps(plan) -> list[Gap]:
    gaps = []
    present = selectors.stakeholder_groups_present(plan)
    create_url = reverse("governance:stakeholder_create", args=[plan.pk])
    for group, severity, why in EXPECTED_GROUPS:
        if group not in present:
            gaps.append(
                Gap(
                    title=MISSING_GROUP_TITLES[group],
                    why=why,
                    severity=severity,
                    url=f"{create_url}?group={group.value}",
                    where="Stakeholders",
                    stage_order=stage_order(Stage.STAKEHOLDER_ENGAGEMENT),
                    kind="stakeholders",
                )
            )

    arrangement = selectors.arrangement_of(plan)
    arrangement_url = reverse("governance:arrangement_update", args=[plan.pk])
    if arrangement is None:
        gaps.append(
            Gap(
                title="No governance arrangements recorded",
                why="Nobody is named as accountable for the role, or as its manager and "
                "clinical supervisor, so problems have no clear route upwards.",
                severity="high",
                url=arrangement_url,
                where="Governance",
                stage_order=stage_order(Stage.UNDERPINNING_APPROACH),
                kind="governance",
            )
        )
    elif to_name := arrangement.people_to_name:
        gaps.append(
            Gap(
                title=f"Name {listed(to_name)}",
                why="Everyone in and around the role needs to know who answers for it, who "
                "manages it and who reviews its clinical practice.",
                severity="high",
                url=arrangement_url,
                where="Governance",
                stage_order=stage_order(Stage.UNDERPINNING_APPROACH),
                kind="governance",
            )
        )
    elif arrangement.lacks_same_person_reason:
        gaps.append(
            Gap(
                title="The line manager is also the clinical supervisor, with no reason given",
                why="Keeping the two apart means clinical practice is reviewed by someone "
                "qualified to judge it; if one person must do both, record why.",
                severity="high",
                url=f"{arrangement_url}#id_same_person_reason",
                where="Governance",
                stage_order=stage_order(Stage.UNDERPINNING_APPROACH),
                kind="governance",
            )
        )
    if not selectors.scope_of(plan).exists():
        gaps.append(
            Gap(
                title="No scope of practice set out",
                why="Without agreed activities and their limits, staff in the role, their "
                "colleagues and patients cannot tell what the role may and may not do.",
                severity="high",
                url=reverse("governance:scope_create", args=[plan.pk]),
                where="Scope of practice",
                stage_order=stage_order(Stage.UNDERPINNING_APPROACH),
                kind="governance",
            )
        )
    return gaps
