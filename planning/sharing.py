"""Offering a plan to the library as a role template, with every known name taken out.

The names the product knows — the organisation, its members, the plan's owner, stakeholders,
the people named in governance, training and evaluation — are replaced wherever they occur,
free text included, by the role they play ("[clinical supervisor]"). Curators review the
result before anyone else sees it.
"""

import re

from django.db import transaction

from roles.models import RoleTemplate, TemplateStatus

from .models import (
    PlanAction,
    Risk,
    StageResponse,
    SupportArrangement,
)

MIN_NAME_PART = 3  # shorter fragments ("Al", "Jo") would blank out ordinary words


class NameScrubber:
    def __init__(self):
        self.replacements: dict[str, str] = {}

    def add(self, name: str, role: str, *, split=False):
        name = (name or "").strip()
        if not name or name.startswith("["):
            return
        self.replacements.setdefault(name.lower(), f"[{role}]")
        if split:
            for part in re.split(r"[\s,]+", name):
                if len(part) >= MIN_NAME_PART and part[0].isupper():
                    self.replacements.setdefault(part.lower(), f"[{role}]")

    def scrub(self, text):
        if not isinstance(text, str) or not text:
            return text
        for name in sorted(self.replacements, key=len, reverse=True):
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
            text = pattern.sub(self.replacements[name], text)
        return text

    def scrub_all(self, value):
        if isinstance(value, dict):
            return {key: self.scrub_all(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.scrub_all(item) for item in value]
        return self.scrub(value)


def known_names(plan) -> NameScrubber:
    from evaluation.models import EvaluationCheckpoint, Objective
    from governance.models import GovernanceArrangement, Stakeholder

    scrubber = NameScrubber()
    organisation = plan.organisation
    scrubber.add(organisation.name, "organisation")
    scrubber.add(organisation.ods_code, "organisation")
    if plan.owner_id:
        scrubber.add(plan.owner.get_full_name(), "plan owner", split=True)
        scrubber.add(plan.owner.email, "plan owner")
    for membership in organisation.memberships.select_related("user"):
        scrubber.add(membership.user.get_full_name(), "member of staff", split=True)
        scrubber.add(membership.user.email, "member of staff")
    for stakeholder in Stakeholder.objects.filter(plan=plan):
        scrubber.add(stakeholder.name, stakeholder.get_group_display().lower(), split=True)
        scrubber.add(stakeholder.organisation_name, "partner organisation")
    governance = GovernanceArrangement.objects.filter(plan=plan).first()
    if governance:
        for field in ("accountable_executive", "line_manager", "clinical_supervisor"):
            scrubber.add(getattr(governance, field), field.replace("_", " "), split=True)
    support = SupportArrangement.objects.filter(plan=plan).first()
    if support:
        scrubber.add(support.clinical_educator, "clinical educator", split=True)
        scrubber.add(support.mentor_or_buddy, "mentor", split=True)
    for owner in PlanAction.objects.filter(plan=plan).values_list("owner_name", flat=True):
        scrubber.add(owner, "action owner", split=True)
    for owner in Risk.objects.filter(plan=plan).values_list("owner", flat=True):
        scrubber.add(owner, "risk owner", split=True)
    for reviewer in EvaluationCheckpoint.objects.filter(plan=plan).values_list(
        "reviewer", flat=True
    ):
        scrubber.add(reviewer, "reviewer", split=True)
    for person in Objective.objects.filter(plan=plan).values_list("responsible", flat=True):
        scrubber.add(person, "responsible person", split=True)
    return scrubber


class OfferRefused(Exception):
    pass


@transaction.atomic
def offer_plan_as_template(plan, *, user) -> RoleTemplate:
    """A draft role template made from the plan, anonymised, for curators to review."""
    from evaluation.models import EvaluationCheckpoint, Metric
    from governance.models import ScopeActivity, Stakeholder

    if not plan.role_id:
        raise OfferRefused("Only a plan for a role in the catalogue can become a template.")
    scrubber = known_names(plan)
    start = plan.target_start_date
    answers = {
        response.stage: response.answers for response in StageResponse.objects.filter(plan=plan)
    }
    levels = {1: "low", 2: "medium", 3: "high"}
    content = {
        "answers": answers,
        "scope_of_practice": [
            {
                "activity": a.activity,
                "level": a.level,
                "likelihood": a.likelihood,
                "severity": a.severity,
                "reasoning": a.delegation_reasoning,
            }
            for a in ScopeActivity.objects.filter(plan=plan)
        ],
        "stakeholders": [
            {
                "placeholder": s.get_group_display(),
                "group": s.group,
                "influence": levels[s.influence],
                "interest": levels[s.interest],
            }
            for s in Stakeholder.objects.filter(plan=plan)
        ],
        "risks": [
            {
                "description": r.description,
                "stage": r.stage or "underpinning-approach",
                "likelihood": r.likelihood,
                "impact": r.impact,
                "mitigation": r.mitigation,
            }
            for r in Risk.objects.filter(plan=plan)
        ],
        "metrics": [
            {
                "name": m.name,
                "category": m.category,
                "unit": m.unit,
                "direction": m.direction,
                "objective": m.objective.statement,
            }
            for m in Metric.objects.filter(plan=plan).select_related("objective")
        ],
        "checkpoints": [
            {
                "title": c.title,
                "kind": c.kind.replace("3_month", "three_month").replace("6_month", "six_month"),
                "offset_days": max(0, min(3650, (c.due_date - start).days)) if start else 0,
            }
            for c in EvaluationCheckpoint.objects.filter(plan=plan)
        ],
    }
    content = scrubber.scrub_all(content)
    base = f"offered-{plan.role.slug}"
    slug, counter = base, 1
    while RoleTemplate.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    template = RoleTemplate.objects.create(
        role=plan.role,
        slug=slug,
        title=f"{plan.role.name} package from a trust's plan",
        summary=scrubber.scrub(plan.need),
        category=plan.category,
        care_setting=plan.care_setting,
        typical_bands=[plan.band] if plan.band else [],
        status=TemplateStatus.DRAFT,
        offered_by=plan.organisation,
        curator_check="Offered from a plan: check that nothing identifies people or the "
        "organisation before publishing.",
        **content,
    )
    template.skill_mix_changes.set(plan.skill_mix_changes.all())
    return template
