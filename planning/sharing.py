"""Offering a plan to the library as a role template, with every known name taken out.

The names the product knows — the organisation, its members, the plan's owner, stakeholders,
the people named in governance, training and evaluation — are replaced, free text included,
by the role they play ("[clinical supervisor]"). Only the names themselves, as whole words:
a person called "North Lead" must not turn every "north" and "lead" of the plan into a
placeholder. The template keeps how many names each placeholder replaced (not the names), so
curators see every replacement highlighted before they publish it.
"""

import re
from collections import Counter

from django.db import transaction

from roles.models import RoleTemplate, TemplateStatus

from .models import (
    PlanAction,
    Risk,
    StageResponse,
    SupportArrangement,
)
from .services import STAKEHOLDER_PLACEHOLDER

MIN_NAME_PART = 3  # shorter fragments ("Al", "Jo") would blank out ordinary words
# Titles before a name: words of ordinary text ("Prof" of every professor), not names.
HONORIFICS = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev"}
# A stakeholder a role template added ("Line manager — name to add") names nobody.
_BEFORE, _, _AFTER = STAKEHOLDER_PLACEHOLDER.partition("{}")
TEMPLATE_PLACEHOLDER = re.compile(rf"{re.escape(_BEFORE)}.+{re.escape(_AFTER)}", re.DOTALL)


def _is_placeholder(name: str) -> bool:
    return name.startswith("[") or bool(TEMPLATE_PLACEHOLDER.fullmatch(name))


def _looks_like_a_persons_name(words: list[str]) -> bool:
    """A person's name ("Tom Okafor", "Dr Hamid Rahman"), whose first name or surname alone is
    a name too; not a team or a body described in words ("Finance business partner",
    "Community team") or with initials ("NHS England"), whose words alone are ordinary."""
    words = [w.strip(".,") for w in words if w.strip(".,").lower() not in HONORIFICS]
    return len(words) > 1 and all(w[:1].isupper() and not w.isupper() for w in words)


class NameScrubber:
    """Replaces known names by the role of their bearer, as whole words and in one pass.

    A name of several words ("North Lead", "NHS North") or an email address is replaced
    whatever its case. A single word — a first name or surname on its own, a one-word name,
    an ODS code, a team's initials ("ACE") — only as written, capital and all: "Lead" alone is
    a name, "lead" is a verb. `counts` says how many names each placeholder replaced.
    """

    def __init__(self):
        self.phrases: dict[str, str] = {}  # lower-cased name of several words or email
        self.words: dict[str, str] = {}  # one word, as written
        self.counts: Counter[str] = Counter()
        self._pattern = None

    def add(self, name: str, role: str, *, split=False):
        name = " ".join((name or "").split())
        if len(name) < 2 or _is_placeholder(name):
            return
        placeholder = f"[{role}]"
        self._pattern = None
        words = name.split(" ")
        self._add_whole(name, placeholder)
        if len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
            self._add_whole(" ".join(words[1:]), placeholder)  # "Hamid Rahman" of "Dr Hamid…"
        if split and _looks_like_a_persons_name(words):
            for part in words:
                part = part.strip(".,")
                if len(part) >= MIN_NAME_PART and part.lower() not in HONORIFICS:
                    self.words.setdefault(part, placeholder)

    def _add_whole(self, name, placeholder):
        if " " in name or "@" in name:
            self.phrases.setdefault(name.lower(), placeholder)
        else:
            self.words.setdefault(name, placeholder)

    def pattern(self):
        if self._pattern is None:
            # A name of several words matches across any spacing, a line break included.
            phrases = [
                (n, "(?i:" + r"\s+".join(map(re.escape, n.split())) + ")") for n in self.phrases
            ]
            words = [(word, re.escape(word)) for word in self.words]
            # Longest first, so that a full name is replaced before a part of it.
            ordered = [regex for _, regex in sorted(phrases + words, key=lambda a: -len(a[0]))]
            self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)")
        return self._pattern

    def _replace(self, match) -> str:
        found = match.group(0)
        placeholder = self.words.get(found) or self.phrases.get(
            " ".join(found.lower().split()), "[name]"
        )
        self.counts[placeholder] += 1
        return placeholder

    def scrub(self, text):
        if not isinstance(text, str) or not text or not (self.phrases or self.words):
            return text
        return self.pattern().sub(self._replace, text)

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
    """A role template made from the plan, anonymised, in the curators' queue for review."""
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
        status=TemplateStatus.IN_REVIEW,
        offered_by=plan.organisation,
        replacements=dict(scrubber.counts),
        curator_check="Offered from a plan: check that nothing identifies people or the "
        "organisation before publishing.",
        **content,
    )
    template.skill_mix_changes.set(plan.skill_mix_changes.all())
    return template


def package_answer_rows(stage: str, answers: dict) -> list[tuple[str, str]]:
    """A role package's draft answers for a stage, with the workflow's questions, in their
    order (registered with `roles.packages` for the curators' preview)."""
    from .workflow import QUESTIONS

    rows = []
    for question in QUESTIONS.get(stage, ()):
        answer = answers.get(question.code)
        if answer in (None, ""):
            continue
        if question.is_choice:
            answer = dict(question.choices).get(answer, answer)
        rows.append((question.label, answer))
    return rows
