"""Changes to a plan's evaluation that the generic part views do not cover.

Adding, changing and binning objectives, metrics and checkpoints go through
`planning.views.parts` (and so `planning.records`); recording the measurements taken at a
checkpoint is the one change of its own.
"""

from django.db import transaction

from planning import records

from .models import EvaluationCheckpoint, Measurement, Metric


@transaction.atomic
def record_measurements(
    checkpoint: EvaluationCheckpoint, entries: dict, *, based_on_version: int
) -> EvaluationCheckpoint:
    """Save the values measured at a checkpoint, as one new version of the checkpoint.

    `entries` maps a metric's pk to `(value, note)`; a value of None removes that metric's
    measurement. The checkpoint's version is the page's token: of two people recording the
    same checkpoint from the same version, the second gets `EditConflict` and nothing of
    theirs is saved. Every metric must be a live metric of the checkpoint's plan.
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
    return checkpoint
