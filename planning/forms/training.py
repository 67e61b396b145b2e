"""Forms for training, competencies and the support arrangements."""

from django import forms

from newroles.ui.fields import NHSDateField

from ..models import (
    Competency,
    SupportArrangement,
    TrainingActivity,
    TrainingKind,
    TrainingStatus,
)
from .base import OwnerFormMixin, VersionedModelForm


class TrainingActivityForm(OwnerFormMixin, VersionedModelForm):
    start_date = NHSDateField(label="Start date", required=False, subject="Start date")
    end_date = NHSDateField(label="End date", required=False, subject="End date")

    class Meta:
        model = TrainingActivity
        fields = [
            "title",
            "kind",
            "provider",
            "competency_framework",
            "start_date",
            "end_date",
            "cost",
            "funded_by",
            "owner_member",
            "status",
        ]
        widgets = {"kind": forms.RadioSelect, "status": forms.RadioSelect}
        labels = {"cost": "Cost (£)"}
        error_messages = {
            "title": {"required": "Enter a title for the training"},
            "kind": {"required": "Select the kind of training"},
            "cost": {
                "min_value": "Cost cannot be negative",
                "invalid": "Cost must be an amount in pounds, like 4500",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = TrainingKind.choices
        self.fields["status"].choices = TrainingStatus.choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "End date must be the same as or after the start date")
        return cleaned


class CompetencyForm(VersionedModelForm):
    achieved_date = NHSDateField(label="Date achieved", required=False, subject="Date achieved")

    class Meta:
        model = Competency
        fields = ["name", "framework_reference", "assessed_by", "achieved_date"]
        error_messages = {"name": {"required": "Enter the competency"}}


class SupportArrangementForm(VersionedModelForm):
    class Meta:
        model = SupportArrangement
        fields = [
            "clinical_educator",
            "mentor_or_buddy",
            "supernumerary_weeks",
            "protected_learning_hours",
            "supervision_plan",
            "induction",
            "preceptorship",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("supervision_plan", "induction", "preceptorship")
        }
        error_messages = {
            "supernumerary_weeks": {
                "max_value": "The supernumerary period must be 104 weeks or less",
                "invalid": "Enter a whole number of weeks",
                "min_value": "The supernumerary period cannot be negative",
            },
            "protected_learning_hours": {
                "max_value": "Protected learning time must be 37.5 hours a week or less",
                "min_value": "Protected learning time cannot be negative",
                "invalid": "Enter hours as a number, like 7.5",
            },
        }
