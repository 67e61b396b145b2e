"""What the role should achieve and how the plan will know: objectives, a logic model,
metrics with their measurements, and the checkpoints at which the role is reviewed.

Objectives, the logic model, checkpoints and metrics are plan parts (history, versions, bin,
plan copy). A measurement is not: it is a result owned by one metric at one checkpoint, with
its own history, and it is never copied, because a copied plan has not been evaluated yet.

Copying a plan (`planning.services.copy_plan`) saves each live part again, model by model, in
the order they are defined here. Two parts here point at other parts of the same plan, so
they follow their copies:
- a copied metric serves the copy of its objective (found through `Objective.copied_from`);
- a copied checkpoint starts again as planned, without findings or a decision, since the
  measurements behind them stay with the original plan.
A metric whose objective is in the bin is hidden with it (and so is not copied either).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from simple_history.models import HistoricalRecords

from planning.records import LivePlanPartManager, OwnedByMember, PlanPart, PlanPartQuerySet

# Room for counts, days, percentages and pounds: up to 10 digits before the point, 2 after.
VALUE_DIGITS = 12
VALUE_PLACES = 2


class CopyTracking:
    """Lets a part know when it is being saved as the copy of a record it was loaded as."""

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        record._loaded_pk = record.pk
        return record

    def copy_source_pk(self):
        """The pk of the record this one is being saved as a copy of, or None."""
        if self._state.adding and self.pk is None:
            return getattr(self, "_loaded_pk", None)
        return None


# --- Objectives -------------------------------------------------------------------------------


class ObjectiveQuerySet(PlanPartQuerySet):
    def without_metrics(self):
        live_metrics = Metric.all_objects.filter(objective=OuterRef("pk"), deleted_at__isnull=True)
        return self.filter(~Exists(live_metrics))


class Objective(CopyTracking, PlanPart):
    """Something the role is meant to achieve, written to be SMART: specific (the statement),
    measurable (how it is measured), achievable, relevant (the need it answers) and time-bound
    (the target date), with the person responsible."""

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="objectives"
    )
    statement = models.CharField("what the role should achieve", max_length=300)
    need_met = models.TextField("the need it answers")
    measure = models.CharField("how you will measure it", max_length=300)
    achievable = models.TextField("why it is achievable", blank=True)
    target_date = models.DateField("achieved by")
    responsible = models.CharField("who is responsible", max_length=120)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="The objective this one was copied from with its plan.",
    )

    objects = LivePlanPartManager.from_queryset(ObjectiveQuerySet)()
    all_objects = ObjectiveQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        ordering = ["target_date", "pk"]
        verbose_name = "objective"
        constraints = [
            models.CheckConstraint(condition=~Q(statement=""), name="objective_statement_given"),
        ]

    def __str__(self):
        return self.statement

    def save(self, *args, **kwargs):
        source = self.copy_source_pk()
        if source is not None:
            self.copied_from_id = source
        super().save(*args, **kwargs)


class LogicModel(PlanPart):
    """How the plan expects the role to work, from what goes in to the long-term difference."""

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="logic_models"
    )
    inputs = models.TextField(blank=True)
    activities = models.TextField(blank=True)
    outputs = models.TextField(blank=True)
    outcomes_short = models.TextField("short-term outcomes", blank=True)
    outcomes_medium = models.TextField("medium-term outcomes", blank=True)
    outcomes_long = models.TextField("long-term outcomes", blank=True)

    TEXT_FIELDS = (
        "inputs",
        "activities",
        "outputs",
        "outcomes_short",
        "outcomes_medium",
        "outcomes_long",
    )

    class Meta(PlanPart.Meta):
        verbose_name = "logic model"
        constraints = [models.UniqueConstraint(fields=["plan"], name="logic_model_one_per_plan")]

    def __str__(self):
        return "Logic model"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.TEXT_FIELDS)


# --- Checkpoints ------------------------------------------------------------------------------


class CheckpointKind(models.TextChoices):
    THREE_MONTHS = "3_month", "3-month review"
    SIX_MONTHS = "6_month", "6-month review"
    ANNUAL = "annual", "Annual review"
    END_OF_PILOT = "end_of_pilot", "End of pilot"
    OTHER = "other", "Other"


class CheckpointStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Decision(models.TextChoices):
    CONTINUE = "continue", "Continue"
    ADAPT = "adapt", "Adapt"
    SCALE_UP = "scale_up", "Scale up"
    STOP = "stop", "Stop"


class CheckpointQuerySet(PlanPartQuerySet):
    def planned(self):
        return self.filter(status=CheckpointStatus.PLANNED)

    def not_cancelled(self):
        return self.exclude(status=CheckpointStatus.CANCELLED)

    def overdue(self, today):
        """Still planned although the due date has passed."""
        return self.planned().filter(due_date__lt=today)

    def upcoming(self, today, days):
        """Planned and due from today to `days` days ahead."""
        return self.planned().filter(due_date__gte=today, due_date__lte=today + timedelta(days))

    def by_due_date(self):
        return self.order_by("due_date", "pk")

    def with_recorded_count(self):
        """Annotate how many live metrics have a measurement at each checkpoint."""
        return self.annotate(
            recorded_count=Count(
                "measurements",
                filter=Q(
                    measurements__metric__deleted_at__isnull=True,
                    measurements__metric__objective__deleted_at__isnull=True,
                ),
            )
        )


class EvaluationCheckpoint(CopyTracking, OwnedByMember, PlanPart):
    """A review of the role on a date: who reviews it, what they found, what was decided."""

    OWNER_TEXT_FIELD = "reviewer"

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="checkpoints"
    )
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    kind = models.CharField(max_length=20, choices=CheckpointKind.choices)
    reviewer = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        max_length=10, choices=CheckpointStatus.choices, default=CheckpointStatus.PLANNED
    )
    findings = models.TextField(blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)

    objects = LivePlanPartManager.from_queryset(CheckpointQuerySet)()
    all_objects = CheckpointQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        ordering = ["due_date", "pk"]
        verbose_name = "evaluation checkpoint"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CheckpointKind.values), name="checkpoint_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CheckpointStatus.values), name="checkpoint_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=Decision.values),
                name="checkpoint_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(status=CheckpointStatus.DONE),
                name="checkpoint_decided_only_when_done",
                violation_error_message="Only a checkpoint that is done can record a decision.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="checkpoint_title_given"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.copy_source_pk() is not None:
            # The copy plans the same review afresh: the results stay with the original.
            self.status = CheckpointStatus.PLANNED
            self.findings = ""
            self.decision = ""
        super().save(*args, **kwargs)


# --- Metrics and measurements -----------------------------------------------------------------


class MetricCategory(models.TextChoices):
    PATIENT_OUTCOME = "patient_outcome", "Patient outcome"
    SERVICE = "service", "Service"
    WORKFORCE = "workforce", "Workforce"
    FINANCE = "finance", "Finance"
    STAFF_EXPERIENCE = "staff_experience", "Staff experience"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class MetricQuerySet(PlanPartQuerySet):
    def without_baseline_or_target(self):
        return self.filter(Q(baseline__isnull=True) | Q(target__isnull=True))

    def with_results(self):
        """Each metric's objective, and its measurements at live checkpoints in date order
        (as `results`): two queries however many metrics and checkpoints there are."""
        return self.select_related("objective").prefetch_related(
            models.Prefetch(
                "measurements",
                queryset=Measurement.objects.at_live_checkpoints()
                .select_related("checkpoint")
                .order_by("checkpoint__due_date", "checkpoint_id"),
                to_attr="results",
            )
        )


class LiveMetricManager(LivePlanPartManager.from_queryset(MetricQuerySet)):
    """Live metrics of live objectives: a metric goes (and comes back) with its objective."""

    def get_queryset(self):
        return super().get_queryset().filter(objective__deleted_at__isnull=True)


class Metric(PlanPart):
    """A number that shows whether an objective is being met, with its baseline and target."""

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="metrics"
    )
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=MetricCategory.choices)
    unit = models.CharField(max_length=40, blank=True)
    baseline = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    # Empty until the plan sets it: a plan started from a template gets no made-up target.
    target = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    direction = models.CharField(
        "which direction is better", max_length=6, choices=Direction.choices
    )
    data_source = models.CharField("where the data comes from", max_length=200, blank=True)

    objects = LiveMetricManager()
    all_objects = MetricQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        ordering = ["objective_id", "name", "pk"]
        verbose_name = "metric"
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=MetricCategory.values), name="metric_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="metric_direction_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="metric_name_given"),
        ]

    def __str__(self):
        return self.name

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER

    def clean(self):
        super().clean()
        if self.objective_id and self.plan_id and self.objective.plan_id != self.plan_id:
            raise ValidationError({"objective": "Select an objective of the same plan"})

    def save(self, *args, **kwargs):
        if self.objective_id is not None and self.objective.plan_id != self.plan_id:
            self.objective = self._own_plans_copy_of_objective()
        super().save(*args, **kwargs)

    def _own_plans_copy_of_objective(self):
        """When a plan is copied, its metrics are saved into the copy before they point at the
        copy's objectives: find the copy of this metric's objective. Any other metric whose
        objective belongs to another plan is refused."""
        copy = Objective.all_objects.filter(
            plan_id=self.plan_id, copied_from_id=self.objective_id
        ).first()
        if copy is None or not self._state.adding:
            raise ValueError("A metric must serve an objective of its own plan.")
        return copy


class MeasurementQuerySet(models.QuerySet):
    def at_live_checkpoints(self):
        return self.filter(checkpoint__deleted_at__isnull=True)


class Measurement(models.Model):
    """The value a metric had at a checkpoint. Owned by the metric; not copied with the plan."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="measurements")
    checkpoint = models.ForeignKey(
        EvaluationCheckpoint, on_delete=models.CASCADE, related_name="measurements"
    )
    value = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeasurementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "checkpoint"], name="measurement_one_per_metric_and_checkpoint"
            ),
        ]

    def __str__(self):
        return f"{self.metric}: {self.value}"

    def save(self, *args, **kwargs):
        if self.metric.plan_id != self.checkpoint.plan_id:
            raise ValueError("A measurement's metric and checkpoint must belong to one plan.")
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.metric_id and self.checkpoint_id and self.metric.plan_id != self.checkpoint.plan_id:
            raise ValidationError("The metric and the checkpoint must belong to the same plan")


class SkillMixActual(models.Model):
    """The WTE actually in place at a review for one line of the team's skill mix, to set
    against the WTE intended: the change made often differs from the one planned. Owned by
    the line; not copied with the plan."""

    line = models.ForeignKey(
        "planning.SkillMixLine", on_delete=models.CASCADE, related_name="actuals"
    )
    checkpoint = models.ForeignKey(
        EvaluationCheckpoint, on_delete=models.CASCADE, related_name="skill_mix_actuals"
    )
    wte = models.DecimalField("WTE in place", max_digits=6, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["line", "checkpoint"], name="skill_mix_actual_one_per_line_and_checkpoint"
            ),
            models.CheckConstraint(condition=Q(wte__gte=0), name="skill_mix_actual_not_negative"),
        ]

    def __str__(self):
        return f"{self.line}: {self.wte} WTE"

    def save(self, *args, **kwargs):
        if self.line.plan_id != self.checkpoint.plan_id:
            raise ValueError("A skill-mix actual's line and checkpoint must belong to one plan.")
        super().save(*args, **kwargs)
