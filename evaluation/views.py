"""Pages for a plan's evaluation: objectives and metrics, checkpoints, measurements, the logic
model and the monitoring view. Reads come from selectors, changes go through the generic part
views and services, and presentation through presenters."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from newroles.accounts.permissions import Action
from newroles.ui.mixins import CreateOnceMixin
from planning import records
from planning.mixins import PlanMixin
from planning.views.parts import (
    ConflictAwareFormMixin,
    PartCreateView,
    PartDeleteView,
    PartListView,
    PartSingletonView,
    PartUpdateView,
)

from . import charts, selectors, services
from .forms import (
    CheckpointForm,
    LogicModelForm,
    MeasurementsForm,
    MetricForm,
    MetricMeasurementForm,
    ObjectiveForm,
)
from .models import EvaluationCheckpoint, LogicModel, Metric, Objective
from .presenters import (
    CheckpointPresenter,
    MetricPresenter,
    ObjectivePresenter,
    SkillMixReview,
    rag_counts,
)


class EvaluationPageMixin:
    """Breadcrumbs through the plan to the evaluation page a form or record belongs to."""

    list_url_name = "evaluation:objective_list"
    list_title = "Objectives and metrics"
    add_title = ""  # set on add views whose name needs "an": "Add an objective"

    def list_url(self):
        return reverse(self.list_url_name, args=[self.plan.pk])

    def get_success_url(self):
        return self.list_url()

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.list_title, self.list_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.add_title:
            context["page_title"] = self.add_title
            context["submit_label"] = self.add_title.replace("Add an ", "Add ")
        return context


# --- Objectives and the logic model -----------------------------------------------------------


class ObjectiveListView(PartListView):
    """The plan's objectives, each with the metrics that show it, and the logic model."""

    template_name = "evaluation/objective_list.html"
    model = Objective
    page_title = "Objectives and metrics"

    def get_records(self):
        return [
            ObjectivePresenter(o, o.live_metrics)
            for o in selectors.objectives_with_metrics(self.plan)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["logic_model"] = selectors.logic_model_of(self.plan)
        return context


class ObjectivePartMixin(EvaluationPageMixin):
    model = Objective
    form_class = ObjectiveForm


class ObjectiveCreateView(ObjectivePartMixin, PartCreateView):
    add_title = "Add an objective"


class ObjectiveUpdateView(ObjectivePartMixin, PartUpdateView):
    pass


class ObjectiveDeleteView(ObjectivePartMixin, PartDeleteView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = selectors.metric_count(self.plan, objective=self.get_part())
        if count:
            metrics = f"{count} metric{'s' if count != 1 else ''}"
            context["warning"] = (
                f"It will move to this plan's bin with its {metrics}, which come back if you "
                "restore it within 30 days."
            )
        return context


class LogicModelView(EvaluationPageMixin, PartSingletonView):
    model = LogicModel
    form_class = LogicModelForm
    success_anchor = "#logic-model"

    def get_success_url(self):
        return self.list_url() + self.success_anchor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = (
            "Set out how the role is expected to make a difference, step by step. Each box is "
            "optional; a few lines are enough."
        )
        return context


# --- Metrics ----------------------------------------------------------------------------------


class MetricPartMixin(EvaluationPageMixin):
    model = Metric
    form_class = MetricForm


class MetricCreateView(MetricPartMixin, PartCreateView):
    def get_initial(self):
        initial = super().get_initial()
        objective = self.request.GET.get("objective", "")
        if objective.isdigit():
            initial["objective"] = int(objective)
        return initial


class MetricUpdateView(MetricPartMixin, PartUpdateView):
    def get_success_url(self):
        return reverse("evaluation:metric_detail", args=[self.plan.pk, self.get_part().pk])


class MetricDeleteView(MetricPartMixin, PartDeleteView):
    pass


class MetricDetailView(EvaluationPageMixin, PlanMixin, TemplateView):
    """One metric: its chart, the same numbers as a table, and its rating."""

    template_name = "evaluation/metric_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        metric = selectors.metric_with_results(self.plan, self.kwargs["pk"])
        if metric is None:
            raise Http404
        shown = MetricPresenter(metric)
        context.update(
            metric=shown,
            objective=ObjectivePresenter(metric.objective),
            chart=charts.metric_chart(shown, chart_id=f"metric-{metric.pk}-chart"),
            page_title=metric.name,
        )
        return context


class MetricMeasureView(EvaluationPageMixin, PlanMixin, CreateOnceMixin, FormView):
    """Record one metric's value from its own page, at a review of the plan or at a new review
    made on the way."""

    template_name = "evaluation/metric_measure.html"
    form_class = MetricMeasurementForm
    required_action = Action.EDIT

    def get_metric(self):
        if not hasattr(self, "_metric"):
            self._metric = get_object_or_404(
                Metric.objects.filter(plan=self.plan).select_related("objective"),
                pk=self.kwargs["pk"],
            )
        return self._metric

    def get_form_kwargs(self):
        metric = self.get_metric()
        return {
            **super().get_form_kwargs(),
            "metric": metric,
            "checkpoints": selectors.checkpoints_to_measure(metric),
            "today": selectors.today(),
        }

    def get_success_url(self):
        return reverse("evaluation:metric_detail", args=[self.plan.pk, self.get_metric().pk])

    def form_valid(self, form):
        chosen = form.chosen_checkpoint()
        data = form.cleaned_data
        try:
            checkpoint = services.measure_metric(
                metric=self.get_metric(),
                checkpoint=chosen,
                new_review=None if chosen else (data["review_title"].strip(), data["review_date"]),
                value=data["value"],
                note=data["note"].strip(),
            )
        except (services.AlreadyMeasured, records.EditConflict):
            form.add_error(
                "checkpoint",
                "Someone recorded a value at this review while you were typing. "
                "Check it on the metric's page before recording again.",
            )
            return self.form_invalid(form)
        messages.success(self.request, f"Value recorded at “{checkpoint.title}”.")
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        metric = self.get_metric()
        context.update(
            metric=MetricPresenter(metric),
            page_title=f"Record a value: {metric.name}",
            submit_label="Record the value",
            cancel_url=self.get_success_url(),
        )
        return context


# --- Checkpoints and measurements -------------------------------------------------------------


class CheckpointPartMixin(EvaluationPageMixin):
    model = EvaluationCheckpoint
    form_class = CheckpointForm
    list_url_name = "evaluation:checkpoint_list"
    list_title = "Evaluation checkpoints"


class CheckpointListView(PartListView):
    template_name = "evaluation/checkpoint_list.html"
    model = EvaluationCheckpoint
    page_title = "Evaluation checkpoints"

    def get_records(self):
        today, metric_count = selectors.today(), selectors.metric_count(self.plan)
        return [
            CheckpointPresenter(c, today, metric_count=metric_count)
            for c in selectors.checkpoints_of(self.plan)
        ]


class CheckpointCreateView(CheckpointPartMixin, PartCreateView):
    add_title = "Add an evaluation checkpoint"


class CheckpointUpdateView(CheckpointPartMixin, PartUpdateView):
    pass


class CheckpointDeleteView(CheckpointPartMixin, PartDeleteView):
    pass


class MeasurementsView(EvaluationPageMixin, ConflictAwareFormMixin, PlanMixin, FormView):
    """Record the value of every metric at one checkpoint, in one conflict-safe form."""

    template_name = "evaluation/measurements_form.html"
    form_class = MeasurementsForm
    required_action = Action.EDIT
    list_url_name = "evaluation:checkpoint_list"
    list_title = "Evaluation checkpoints"

    def get_checkpoint(self):
        if not hasattr(self, "_checkpoint"):
            self._checkpoint = get_object_or_404(
                EvaluationCheckpoint.objects.filter(plan=self.plan), pk=self.kwargs["pk"]
            )
        return self._checkpoint

    def form_kwargs_for(self, checkpoint):
        self.metrics = selectors.metrics_to_measure(self.plan)
        return {
            "checkpoint": checkpoint,
            "metrics": self.metrics,
            "measurements": selectors.measurements_at(checkpoint),
            "lines": selectors.skill_mix_lines_of(self.plan),
            "actuals": selectors.skill_mix_actuals_at(checkpoint),
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_kwargs_for(self.get_checkpoint())}

    def save_form(self, form):
        try:
            return services.record_measurements(
                self.get_checkpoint(),
                form.entries(),
                based_on_version=form.based_on_version(),
                skill_mix=form.skill_mix_entries(),
            )
        except records.EditConflict as conflict:
            self.conflict = conflict
            self.current_measurements = selectors.measurements_at(conflict.current)
            self.current_actuals = selectors.skill_mix_actuals_at(conflict.current)
            return None

    def get_conflict_form_kwargs(self, current):
        return self.form_kwargs_for(current)

    def current_value(self, record, name):
        kind, _, metric_pk = name.partition("_")
        if kind == "wte":
            actual = self.current_actuals.get(int(metric_pk))
            return actual.wte if actual else None
        measurement = self.current_measurements.get(int(metric_pk))
        if measurement is None:
            return None if kind == "value" else ""
        return measurement.value if kind == "value" else measurement.note

    def form_valid(self, form):
        if self.save_form(form) is None:
            return self.conflict_response(form)
        messages.success(self.request, f"Measurements for “{self.get_checkpoint()}” saved.")
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checkpoint = CheckpointPresenter(self.get_checkpoint(), selectors.today())
        context.update(
            checkpoint=checkpoint,
            page_title=f"Record measurements: {checkpoint.title}",
            submit_label="Save measurements",
            cancel_url=self.get_success_url(),
        )
        return context


# --- Monitoring -------------------------------------------------------------------------------


class MonitoringView(PlanMixin, TemplateView):
    """Where the evaluation stands: checkpoints overdue and coming up, and every metric
    against its target."""

    template_name = "evaluation/monitoring.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = selectors.today()
        metrics = [MetricPresenter(m) for m in selectors.metrics_with_results(self.plan)]
        context.update(
            page_title="Monitoring",
            overdue=[
                CheckpointPresenter(c, today)
                for c in selectors.overdue_checkpoints(self.plan, today)
            ],
            upcoming=[
                CheckpointPresenter(c, today)
                for c in selectors.upcoming_checkpoints(self.plan, today)
            ],
            upcoming_days=selectors.UPCOMING_DAYS,
            metrics=metrics,
            rag=rag_counts(metrics),
            skill_mix=SkillMixReview.of(self.plan),
        )
        return context
