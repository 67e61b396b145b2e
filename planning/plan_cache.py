"""One cache per plan version: what the overview and the stage panels derive from a plan.

The overview's progress, gaps, actions and counts, and the panels on each stage page, take a
few dozen queries to work out, yet change only when the plan changes, when the day changes
(overdue actions and checkpoints), or when curators edit the reference data they are computed
from. So they are cached under one key per plan made of exactly those things:

    plan:<plan id>:v<plan version>:r<reference generation>:<today>

Why this is correct, with any number of workers and hosts each keeping its own cache:

- The plan's `version` rises, in SQL and in the transaction of the change, with every change
  to the plan or any of its parts (`planning.records`: `save_edit`, `create_part`, the bin,
  purging; admin edits go through the same functions). Plans are read afresh on every request,
  so a changed plan asks for a new key; entries of old versions are never read again and
  expire.
- The reference generation (`roles.ReferenceGeneration`, one row every host reads with the
  plan) rises whenever curated data the pages are computed from is saved or deleted (signals
  connected below; bulk changes in `roles.services` raise it themselves).
- Today's date is in the key, so what depends on the date is worked out afresh each day.
- Access is checked before the cache is read (the plan is looked up through the person's
  organisations) and the key holds the plan's id, so nothing crosses organisations. Cached
  values never depend on who is asking: HTML that differs with the edit permission is cached
  once for each value of it, never one person's page.
"""

from django.core.cache import cache
from django.utils import timezone

TIMEOUT = 60 * 60  # old versions are never read again; this only bounds the memory they hold


def reference_generation() -> int:
    """The current generation of the curated reference data (one query)."""
    from roles.models import ReferenceGeneration

    value = ReferenceGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def bump_reference_generation(**kwargs) -> None:
    """Signal receiver: reference data changed, so every cached plan value is out of date."""
    from roles.services import reference_data_changed

    reference_data_changed()


def reference_models() -> list:
    """The curated data plan pages are computed with: pay points, on-costs and high cost area
    supplements (costs), the cycle (progress and gaps), kinds of skill-mix change, and the
    case studies on the stage pages."""
    from roles.models import (
        CaseStudy,
        CaseStudyStage,
        EmployerOnCosts,
        HighCostAreaSupplement,
        PayPoint,
        Role,
        RoleCategory,
        SkillMixChange,
    )

    from .models import CycleStage, GoodPracticePoint

    return [
        PayPoint,
        EmployerOnCosts,
        HighCostAreaSupplement,
        SkillMixChange,
        CycleStage,
        GoodPracticePoint,
        CaseStudy,
        CaseStudyStage,
        CaseStudy.roles.through,
        Role,
        RoleCategory,
    ]


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from roles.models import CaseStudy

    for model in reference_models():
        uid = f"plan-cache-{model._meta.label_lower}"
        post_save.connect(bump_reference_generation, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_reference_generation, sender=model, dispatch_uid=f"{uid}-del")
    m2m_changed.connect(
        bump_reference_generation,
        sender=CaseStudy.roles.through,
        dispatch_uid="plan-cache-casestudy-roles",
    )


class PlanCache:
    """The cache of one plan as read by this request."""

    def __init__(self, plan):
        self.plan = plan
        # Plans looked up by PlanMixin carry the generation, read in the same query.
        generation = getattr(plan, "reference_generation", None)
        if generation is None:
            generation = reference_generation()
        self.key = f"plan:{plan.pk}:v{plan.version}:r{generation}:{timezone.localdate()}"

    def get(self, name: str, compute):
        """`compute()`'s value for this version of the plan, today: cached."""
        return cache.get_or_set(f"{self.key}:{name}", compute, TIMEOUT)
