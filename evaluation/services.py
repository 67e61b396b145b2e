"""Changes to a plan's evaluation that the generic part views do not cover.

Adding, changing and binning objectives, metrics and checkpoints go through
`planning.views.parts` (and so `planning.records`); recording the measurements taken at a
checkpoint is the one change of its own.
"""

from django.db import transaction

from planning import records
from planning.models import SkillMixLine

from .models import (
    CheckpointKind,
    CheckpointStatus,
    EvaluationCheckpoint,
    Measurement,
    Metric,
    SkillMixActual,
)


@transaction.atomic
def record_measurements(
    checkpoint: EvaluationCheckpoint, entries: dict, *, based_on_version: int, skill_mix=None
) -> EvaluationCheckpoint:
    """Save the values measured at a checkpoint, as one new version of the checkpoint.

    `entries` maps a metric's pk to `(value, note)`; a value of None removes that metric's
    measurement. The checkpoint's version is the page's token: of two people recording the
    same checkpoint from the same version, the second gets `EditConflict` and nothing of
    theirs is saved. Every metric must be a live metric of the checkpoint's plan.

    `skill_mix` maps a skill-mix line's pk to the WTE in place at the checkpoint (None
    removes it), saved the same way.
    """
    metrics = Metric.objects.filter(plan_id=checkpoint.plan_id).in_bulk(list(entries))
    strangers = set(entries) - set(metrics)
    if strangers:
        raise ValueError(f"Metrics {sorted(strangers)} are not metrics of this plan.")
    records.save_edit(checkpoint, based_on_version=based_on_version)
    existing = {
        m.metric_id: m
        for m in Measurement.objects.filter(checkpoint=checkpoint, metric_id__in=list(entries))
    }
    for metric_id, (value, note) in entries.items():
        current = existing.get(metric_id)
        if value is None:
            if current is not None:
                current.delete()
        elif current is None:
            Measurement(
                metric=metrics[metric_id], checkpoint=checkpoint, value=value, note=note
            ).save()
        elif (current.value, current.note) != (value, note):
            current.metric, current.checkpoint = metrics[metric_id], checkpoint
            current.value, current.note = value, note
            current.save()
    if skill_mix:
        _record_skill_mix(checkpoint, skill_mix)
    return checkpoint


def _record_skill_mix(checkpoint, entries: dict) -> None:
    lines = SkillMixLine.objects.filter(plan_id=checkpoint.plan_id).in_bulk(list(entries))
    strangers = set(entries) - set(lines)
    if strangers:
        raise ValueError(f"Skill-mix lines {sorted(strangers)} are not lines of this plan.")
    existing = {
        a.line_id: a
        for a in SkillMixActual.objects.filter(checkpoint=checkpoint, line_id__in=list(entries))
    }
    for line_id, wte in entries.items():
        current = existing.get(line_id)
        if wte is None:
            if current is not None:
                current.delete()
        elif current is None:
            SkillMixActual(line=lines[line_id], checkpoint=checkpoint, wte=wte).save()
        elif current.wte != wte:
            current.line, current.checkpoint, current.wte = lines[line_id], checkpoint, wte
            current.save()


class AlreadyMeasured(Exception):
    """The metric has a value at that review already; it is changed on the review's page."""


@transaction.atomic
def measure_metric(*, metric: Metric, checkpoint=None, new_review=None, value, note=""):
    """Record one metric's value at a review of its plan, or at a new review made for it.

    `new_review` is `(title, date)`: the review is recorded as held that day. An existing
    review's version rises as its measurements change, so someone who has its measurements
    page open is told rather than overwritten. A value already there is never replaced:
    `AlreadyMeasured`.
    """
    if checkpoint is None:
        title, day = new_review
        checkpoint = records.create_part(
            EvaluationCheckpoint(
                plan_id=metric.plan_id,
                title=title,
                due_date=day,
                kind=CheckpointKind.OTHER,
                status=CheckpointStatus.DONE,
            )
        )
    else:
        # Lock the review's row so two people adding the same value take turns.
        checkpoint = EvaluationCheckpoint.objects.select_for_update().get(pk=checkpoint.pk)
        if Measurement.objects.filter(metric=metric, checkpoint=checkpoint).exists():
            raise AlreadyMeasured
    return record_measurements(
        checkpoint, {metric.pk: (value, note)}, based_on_version=checkpoint.lock_version
    )
