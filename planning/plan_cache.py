"""Caching what a plan's pages derive from the plan's content, per plan version.

The plan overview's gaps, progress, actions and counts take a few dozen queries and most of the
page's time to work out, yet they change only when the plan changes, when the day changes
(overdue checkpoints and actions), or when curators edit the reference data they are computed
with. So they are cached under a key made of exactly those things:

    ("plan", name, plan pk, plan version, today's date, reference generation)

or, better, for a value that reads only some kinds of the plan's records (`reads=`):

    ("plan", name, plan pk, versions of those kinds and of the plan itself, date, generation)

A plan under everyday editing changes every few requests, yet each kind of its records changes
rarely: keyed on only what it reads, the risks panel survives a stage being saved.

Why this is correct, also with several app servers each with its own in-memory cache:

- The plan's `version` rises, in SQL and in the same transaction, with any change to the plan
  or any of its parts (`planning.records`: `save_edit`, `create_part`, bin and restore, purge),
  and the plan is read afresh on every request. A changed plan asks for a new key; entries of
  old versions are never asked for again and simply expire.
- Likewise each kind's version (`PlanContentVersion`) rises in the transaction of any change
  to a record of that kind (`records.bump_plan_version`, told which kinds it wrote). What a
  value reads must be declared in full; `tests/planning/test_content_reads.py` checks every
  panel and gap source against the tables its queries touch. The plan's own `lock_version`
  (read with its fields, and raised by every change to them, its skill-mix choices included)
  is always part of the key.
- Today's date is part of the key, so what depends on the date is recomputed the first time
  a plan is looked at on a new day.
- The reference generation (`roles.ReferenceGeneration`, one row in the database every host
  reads, with the plan) rises whenever a pay point, a stage or point of the cycle, a kind of
  skill-mix change, or a case study (its stages and roles too) is saved or deleted (signals
  connected in `planning.apps`; bulk changes in roles.services raise it themselves), so a
  curator's edit on one host reaches every host's cache at once.
- Access is checked before the cache is read (the plan is looked up through the person's
  organisations), and the key holds the plan's pk, so nothing crosses organisations. Cached
  values never depend on who is asking (no names, tokens, messages or nonces of the request).
- What is computed after the plan was read can only be as new as, or newer than, the version
  in the key (reads within a request never go back in time), so a key never holds content
  older than its version.

Fragments (`fragment`) are the other kind: HTML keyed by a digest of everything it is made
from, which the view has read anyway (the stage form from its answers, checklist and points).
They need no invalidation at all: other content asks for another key. They suit what changes
rarely while the rest of the plan changes often (under load a plan's version rises every few
requests, yet a stage's own answers do not).

What may go in: values computed only from the plan, its parts, the date and the reference data
above, as plain data (strings, numbers, small dataclasses) that pickles cheaply, or HTML
rendered from only such values. HTML whose links depend on a permission is cached under a key
that names that permission's value (e.g. "overview-actions-edit" and "overview-actions-read"):
what any person allowed (or not) to edit would get, never one person's page.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone

TIMEOUT = 60 * 60  # old versions are never read again; this only bounds the memory they hold


def reference_generation() -> int:
    """The current generation of the curated reference data (one query)."""
    from roles.models import ReferenceGeneration

    value = ReferenceGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def bump_reference_generation(**kwargs) -> None:
    """Signal receiver: reference data changed, so every cached plan value is out of date.
    (Bulk changes, which send no signals, call roles.services.reference_data_changed.)"""
    from roles.services import reference_data_changed

    reference_data_changed()


def reference_models() -> list:
    """The reference data cached plan values are computed with (the case studies and their
    stages and roles for the stage pages' examples; the roles and kinds of role for the plan
    list's filters)."""
    from roles.models import CaseStudy, CaseStudyStage, PayPoint, Role, RoleCategory, SkillMixChange

    from .models import CycleStage, GoodPracticePoint

    return [
        PayPoint,
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


def key_for(plan, name: str, generation: int, today=None, content: str = "") -> str:
    today = today or timezone.localdate()
    version = content or f"v{plan.version}"
    return f"plan:{name}:{plan.pk}:{version}:{today.isoformat()}:r{generation}"


def kinds_read(reads) -> list[str]:
    """The kinds of the plan's records a value keyed on `reads` depends on."""
    from .models import ImplementationPlan
    from .records import content_kind

    return sorted({content_kind(kind) for kind in reads} - {content_kind(ImplementationPlan)})


class PlanCache:
    """The cache for one request's plan: reads the reference generation once, when first
    needed, so several cached values of a page cost one query between them."""

    def __init__(self, plan):
        self.plan = plan
        self.today = timezone.localdate()
        self._generation = None
        self._kind_versions = None

    def kind_versions(self) -> dict[str, int]:
        """Each kind of the plan's content that ever changed -> its version (one query, the
        first time a value keyed on kinds is asked for)."""
        if self._kind_versions is None:
            stamp = getattr(self.plan, "content_stamp", False)
            if stamp is not False:  # read with the plan (`with_content_versions`)
                pairs = (pair.rpartition("=") for pair in (stamp or "").split(",") if pair)
                self._kind_versions = {kind: int(version) for kind, _, version in pairs}
            else:
                from .models import PlanContentVersion

                rows = PlanContentVersion.objects.filter(plan_id=self.plan.pk)
                self._kind_versions = dict(rows.values_list("kind", "version"))
        return self._kind_versions

    def generation(self) -> int:
        if self._generation is None:
            # Plans looked up by PlanMixin carry it (`with_reference_generation`).
            self._generation = getattr(self.plan, "reference_generation", None)
        if self._generation is None:
            self._generation = reference_generation()
        return self._generation

    def key(self, name: str, reads=None) -> str:
        content = ""
        if reads is not None:
            # The plan's own fields were read with its lock_version, in one snapshot, before
            # anything else: its kind's count, read later, could be ahead of the copy in hand.
            versions = self.kind_versions()
            stamp = f"plan={self.plan.lock_version}," + ",".join(
                f"{kind}={versions.get(kind, 0)}" for kind in kinds_read(reads)
            )
            content = "k" + hashlib.sha256(stamp.encode()).hexdigest()[:24]
        return key_for(self.plan, name, self.generation(), self.today, content)

    def reference(self, name: str, compute):
        """`compute()`'s value, made only from the curated reference data: cached for its
        generation, shared by every plan."""
        return cache.get_or_set(f"reference:{name}:r{self.generation()}", compute, TIMEOUT)

    def get(self, name: str, compute, reads=None):
        """`compute()`'s value for this version of the plan, today; cached. With `reads`
        (models, or their labels): for these versions of just those kinds of the plan's
        records (and of the plan itself), so that changes to other kinds keep it."""
        return cache.get_or_set(self.key(name, reads), compute, TIMEOUT)


def fragment(name: str, made_from, render) -> str:
    """`render()`'s HTML, cached under a digest of `made_from`: everything the HTML is made
    from, as plain values (strings, numbers, tuples, lists, dicts) with a stable repr."""
    digest = hashlib.sha256(repr(made_from).encode()).hexdigest()
    return cache.get_or_set(f"fragment:{name}:{digest}", render, TIMEOUT)
