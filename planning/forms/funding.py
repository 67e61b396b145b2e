"""Forms for the plan's funding sources and cost assumptions."""

from django import forms

from newroles.ui.fields import NHSDateField
from roles.models import AgendaForChangeBand

from ..models import CostAssumptions, FundingKind, FundingSource
from .base import VersionedModelForm


class FundingSourceForm(VersionedModelForm):
    start_date = NHSDateField(
        label="Start date",
        subject="Start date",
        error_messages={"required": "Enter the date the funding starts"},
    )
    end_date = NHSDateField(
        label="End date",
        required=False,
        subject="End date",
        help_text="Leave empty if the funding is recurrent with no end.",
    )

    class Meta:
        model = FundingSource
        fields = [
            "name",
            "kind",
            "amount_per_year",
            "start_date",
            "end_date",
            "covers_salary",
            "covers_training",
            "covers_backfill",
            "covers_supervision",
            "covers_ongoing_support",
        ]
        widgets = {"kind": forms.RadioSelect}
        labels = {
            "covers_salary": "Salary",
            "covers_training": "Training",
            "covers_backfill": "Backfill",
            "covers_supervision": "Supervision",
            "covers_ongoing_support": "Ongoing support",
        }
        error_messages = {
            "name": {"required": "Enter the name of the funding source"},
            "kind": {"required": "Select the kind of funding"},
            "amount_per_year": {
                "required": "Enter the amount per year",
                "min_value": "The amount cannot be negative",
                "invalid": "Enter an amount in pounds, like 45000",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FundingKind.choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "End date must be the same as or after the start date")
        return cleaned


class CostAssumptionsForm(VersionedModelForm):
    class Meta:
        model = CostAssumptions
        fields = ["supervision_hours_per_week", "supervisor_band", "backfill_cost_per_year"]
        error_messages = {
            "supervision_hours_per_week": {
                "max_value": "Supervisors' time must be 37.5 hours a week or less",
                "min_value": "Supervisors' time cannot be negative",
                "invalid": "Enter hours as a number, like 3",
            },
            "backfill_cost_per_year": {
                "min_value": "Backfill cannot be negative",
                "invalid": "Enter an amount in pounds, like 12000",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor_band"].choices = [("", "Not decided")] + list(
            AgendaForChangeBand.choices
        )
