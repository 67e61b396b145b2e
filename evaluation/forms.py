from datetime import date

from django import forms
from django.utils.text import Truncator

from newroles.ui.fields import NHSDateField
from newroles.ui.forms import Form
from planning.forms import OwnerFormMixin, VersionedModelForm

from .models import (
    VALUE_DIGITS,
    VALUE_PLACES,
    CheckpointKind,
    CheckpointStatus,
    Decision,
    Direction,
    EvaluationCheckpoint,
    LogicModel,
    Metric,
    MetricCategory,
    Objective,
)
from .presenters import CheckpointPresenter, MetricPresenter, plain_number

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
WHOLE_DIGITS = VALUE_DIGITS - VALUE_PLACES


def number_messages(subject: str, *, required: str = "") -> dict:
    """NHS.UK-style messages for a number field, naming what is wrong."""
    messages = {
        "invalid": f"{subject} must be a number, like 12.5",
        "max_decimal_places": f"{subject} can have at most {VALUE_PLACES} decimal places",
        "max_whole_digits": f"{subject} must have {WHOLE_DIGITS} digits or fewer before the point",
        "max_digits": f"{subject} must have {WHOLE_DIGITS} digits or fewer before the point",
    }
    if required:
        messages["required"] = required
    return messages


class ObjectiveForm(VersionedModelForm):
    target_date = NHSDateField(
        label="By when should it be achieved?",
        subject="Target date",
        min_date=EARLIEST,
        max_date=LATEST,
        help_text="For example, 31 3 2028",
        error_messages={"required": "Enter the date it should be achieved by"},
    )

    class Meta:
        model = Objective
        fields = ["statement", "need_met", "measure", "achievable", "target_date", "responsible"]
        labels = {
            "statement": "What should the role achieve?",
            "need_met": "Which need does it answer?",
            "measure": "How will you measure it?",
            "achievable": "Why is it achievable? (optional)",
            "responsible": "Who is responsible for it?",
        }
        help_texts = {
            "statement": "Be specific: who benefits, and what changes for them. For example, "
            "'Reduce the wait for a first mental-health assessment in the crisis team'.",
            "measure": "Name the figure that will show it, for example 'median days from "
            "referral to assessment'. Add it as a metric afterwards.",
            "achievable": "What makes it realistic with the posts, time and money planned.",
            "responsible": "A named person or post.",
        }
        widgets = {
            "need_met": forms.Textarea(attrs={"rows": 3}),
            "achievable": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "statement": {
                "required": "Describe what the role should achieve",
                "max_length": "Keep the objective to 300 characters or fewer",
            },
            "need_met": {"required": "Say which need this objective answers"},
            "measure": {
                "required": "Say how you will measure it",
                "max_length": "Keep the measure to 300 characters or fewer",
            },
            "responsible": {
                "required": "Enter who is responsible for the objective",
                "max_length": "Keep the name to 120 characters or fewer",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        need = Truncator(self.instance.plan.need).chars(240)
        self.fields["need_met"].help_text = f"The plan's need: “{need}”"


class MetricForm(VersionedModelForm):
    class Meta:
        model = Metric
        fields = [
            "objective",
            "name",
            "category",
            "unit",
            "baseline",
            "target",
            "direction",
            "data_source",
        ]
        labels = {
            "objective": "Which objective does it show?",
            "category": "What kind of metric is it?",
            "name": "Name of the metric",
            "unit": "Unit (optional)",
            "baseline": "Baseline (optional)",
            "target": "Target (optional)",
            "direction": "Which direction is better?",
            "data_source": "Where does the data come from? (optional)",
        }
        help_texts = {
            "name": "For example, 'Median days from referral to first assessment'.",
            "unit": "For example days, %, patients a week or £.",
            "baseline": "The value before the role started. Leave it empty if you do not know "
            "it yet, but progress cannot be judged without it.",
            "target": "The value that would show the objective is met. Leave it empty until "
            "you have agreed it; the plan lists it as a gap until then.",
        }
        widgets = {"category": forms.RadioSelect, "direction": forms.RadioSelect}
        error_messages = {
            "objective": {
                "required": "Select the objective this metric shows",
                "invalid_choice": "Select one of this plan's objectives",
            },
            "name": {
                "required": "Enter the name of the metric",
                "max_length": "Keep the name to 200 characters or fewer",
            },
            "category": {
                "required": "Select what kind of metric it is",
                "invalid_choice": "Select what kind of metric it is",
            },
            "unit": {"max_length": "Keep the unit to 40 characters or fewer"},
            "baseline": number_messages("Baseline"),
            "target": number_messages("Target"),
            "direction": {
                "required": "Select which direction is better",
                "invalid_choice": "Select which direction is better",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        objective = self.fields["objective"]
        objective.queryset = Objective.objects.filter(plan_id=self.instance.plan_id)
        objective.empty_label = "Select an objective"
        objective.label_from_instance = lambda o: Truncator(o.statement).chars(90)
        self.fields["category"].choices = MetricCategory.choices
        self.fields["direction"].choices = Direction.choices
        if not self.is_bound:
            for name in ("baseline", "target"):
                self.initial[name] = plain_number(getattr(self.instance, name))


class CheckpointForm(OwnerFormMixin, VersionedModelForm):
    due_date = NHSDateField(
        label="Due date",
        subject="Due date",
        min_date=EARLIEST,
        max_date=LATEST,
        help_text="For example, 30 9 2027",
        error_messages={"required": "Enter the date the checkpoint is due"},
    )

    class Meta:
        model = EvaluationCheckpoint
        fields = [
            "title",
            "kind",
            "due_date",
            "owner_member",
            "reviewer",
            "status",
            "findings",
            "decision",
        ]
        labels = {
            "title": "Title",
            "kind": "Kind of checkpoint",
            "reviewer": "Who reviews it? (optional)",
            "status": "Status",
            "findings": "What did the review find? (optional)",
            "decision": "What was decided?",
        }
        help_texts = {
            "title": "For example, 'First review with the service manager'.",
            "decision": "Leave as not decided until the review has taken place.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "decision": forms.RadioSelect,
            "findings": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {
                "required": "Enter a title for the checkpoint",
                "max_length": "Keep the title to 200 characters or fewer",
            },
            "kind": {
                "required": "Select the kind of checkpoint",
                "invalid_choice": "Select the kind of checkpoint",
            },
            "status": {
                "required": "Select the status of the checkpoint",
                "invalid_choice": "Select the status of the checkpoint",
            },
            "decision": {"invalid_choice": "Select one of the decisions"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CheckpointKind.choices
        self.fields["status"].choices = CheckpointStatus.choices
        self.fields["decision"].choices = [("", "Not decided yet"), *Decision.choices]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") and cleaned.get("status") != CheckpointStatus.DONE:
            self.add_error("decision", "Record a decision only once the checkpoint is done")
        return cleaned


class LogicModelForm(VersionedModelForm):
    class Meta:
        model = LogicModel
        fields = list(LogicModel.TEXT_FIELDS)
        labels = {
            "inputs": "Inputs",
            "activities": "Activities",
            "outputs": "Outputs",
            "outcomes_short": "Short-term outcomes",
            "outcomes_medium": "Medium-term outcomes",
            "outcomes_long": "Long-term outcomes",
        }
        help_texts = {
            "inputs": "What the plan puts in: posts, money, time, training, supervision.",
            "activities": "What people in the role will do with them.",
            "outputs": "What can be counted straight away: clinics held, patients seen.",
            "outcomes_short": "The first differences you expect, within months.",
            "outcomes_medium": "What should have changed within a year or two.",
            "outcomes_long": "The lasting difference for patients, staff and the service.",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in LogicModel.TEXT_FIELDS}


class MeasurementsForm(Form):
    """The values measured at one checkpoint: a value and a note for every live metric.

    The checkpoint's `lock_version` is the page's version token (see
    `services.record_measurements`).
    """

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, checkpoint, metrics, measurements, lines=(), actuals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.checkpoint = checkpoint
        self.metrics = metrics
        self.lines = list(lines)
        self.initial["lock_version"] = checkpoint.lock_version
        for metric in metrics:
            shown = MetricPresenter(metric)
            current = measurements.get(metric.pk)
            hint = f"Target {shown.target_label} ({shown.direction_label.lower()})"
            if metric.baseline is not None:
                hint = f"Baseline {shown.baseline_label}. {hint}"
            self.fields[self.value_name(metric)] = forms.DecimalField(
                label=f"{metric.name}{f' ({metric.unit})' if metric.unit else ''}",
                help_text=hint,
                required=False,
                max_digits=VALUE_DIGITS,
                decimal_places=VALUE_PLACES,
                error_messages=number_messages(metric.name),
            )
            self.fields[self.note_name(metric)] = forms.CharField(
                label=f"Note on {metric.name} (optional)",
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": "Keep the note to 500 characters or fewer"},
            )
            self.initial[self.value_name(metric)] = plain_number(current.value) if current else ""
            self.initial[self.note_name(metric)] = current.note if current else ""

        # The team's skill mix actually in place, against the WTE the plan intends.
        actuals = actuals or {}
        for line in self.lines:
            current = actuals.get(line.pk)
            self.fields[self.wte_name(line)] = forms.DecimalField(
                label=f"{line}: WTE in place",
                help_text=f"Intended {plain_number(line.wte_after)} WTE after the change "
                f"({plain_number(line.wte_before)} before).",
                required=False,
                min_value=0,
                max_digits=6,
                decimal_places=2,
                error_messages={
                    "invalid": f"The WTE of {line} must be a number, like 2.5",
                    "min_value": f"The WTE of {line} cannot be negative",
                    "max_decimal_places": f"The WTE of {line} can have at most 2 decimal places",
                    "max_whole_digits": f"The WTE of {line} must be 9,999 or less",
                    "max_digits": f"The WTE of {line} must be 9,999 or less",
                },
            )
            self.initial[self.wte_name(line)] = plain_number(current.wte) if current else ""

    @staticmethod
    def wte_name(line) -> str:
        return f"wte_{line.pk}"

    @property
    def line_fields(self):
        return [self[self.wte_name(line)] for line in self.lines]

    def skill_mix_entries(self) -> dict:
        """skill-mix line pk -> WTE in place or None, for `services.record_measurements`."""
        return {line.pk: self.cleaned_data.get(self.wte_name(line)) for line in self.lines}

    @staticmethod
    def value_name(metric) -> str:
        return f"value_{metric.pk}"

    @staticmethod
    def note_name(metric) -> str:
        return f"note_{metric.pk}"

    def clean(self):
        cleaned = super().clean()
        for metric in self.metrics:
            value, note = self.value_name(metric), self.note_name(metric)
            if cleaned.get(note) and cleaned.get(value) is None and value not in self.errors:
                self.add_error(value, f"Enter the value of {metric.name}, or remove the note")
        return cleaned

    def based_on_version(self) -> int:
        value = self.cleaned_data.get("lock_version")
        return self.checkpoint.lock_version if value is None else value

    def edited_fields(self):
        return [name for name in self.fields if name != "lock_version"]

    def metric_fields(self):
        return [(m, self[self.value_name(m)], self[self.note_name(m)]) for m in self.metrics]

    def entries(self) -> dict:
        """metric pk -> (value or None, note), for `services.record_measurements`."""
        return {
            metric.pk: (
                self.cleaned_data.get(self.value_name(metric)),
                (self.cleaned_data.get(self.note_name(metric)) or "").strip(),
            )
            for metric in self.metrics
        }


NEW_REVIEW = "new"


class MetricMeasurementForm(Form):
    """One metric's value, measured at one of the plan's reviews or at a new review made on the
    way, so a lead can record a figure from the metric's page without setting up a review
    first. Reviews where the metric already has a value are not offered: that value is
    changed on the review's own measurements page, with everything else measured there."""

    checkpoint = forms.ChoiceField(
        label="When was it measured?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the review it was measured at, or a new review",
            "invalid_choice": "Select one of the reviews listed",
        },
    )
    review_title = forms.CharField(
        label="Name of the new review",
        required=False,
        max_length=200,
        help_text="Only for a new review. For example, 'Quarterly data check'.",
        error_messages={"max_length": "Keep the name to 200 characters or fewer"},
    )
    review_date = NHSDateField(
        label="Date it was measured",
        subject="Date it was measured",
        required=False,
        min_date=EARLIEST,
        help_text="Only for a new review. For example, 3 11 2026",
        error_messages={"after_max": "Date it was measured must be today or in the past"},
    )
    value = forms.DecimalField(
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        error_messages=number_messages("Value", required="Enter the value measured"),
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep the note to 500 characters or fewer"},
    )

    def __init__(self, *args, metric, checkpoints, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.metric = metric
        self.checkpoints = {str(c.pk): c for c in checkpoints}
        self.fields["checkpoint"].choices = [
            (key, f"{c.title} (due {CheckpointPresenter(c).due})")
            for key, c in self.checkpoints.items()
        ] + [(NEW_REVIEW, "A new review, named and dated below")]
        if not self.checkpoints:
            self.initial["checkpoint"] = NEW_REVIEW
            self.initial["review_date"] = today
        self.fields["review_date"].max_date = today
        shown = MetricPresenter(metric)
        value = self.fields["value"]
        value.label = f"Value{f' ({metric.unit})' if metric.unit else ''}"
        value.help_text = " ".join(
            [
                f"Target {shown.target_label} ({shown.direction_label.lower()})."
                if metric.target is not None
                else "No target set yet.",
                f"Baseline {shown.baseline_label}." if metric.baseline is not None else "",
            ]
        ).strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("checkpoint") == NEW_REVIEW:
            title = (cleaned.get("review_title") or "").strip()
            if not title and "review_title" not in self.errors:
                self.add_error("review_title", "Enter a name for the new review")
            if cleaned.get("review_date") is None and "review_date" not in self.errors:
                self.add_error("review_date", "Enter the date it was measured")
        return cleaned

    def chosen_checkpoint(self):
        """The review chosen, or None for a new one."""
        return self.checkpoints.get(self.cleaned_data["checkpoint"])
