"""Forms for the plan's risk register."""

from django import forms

from newroles.ui.forms import Form

from ..models import Risk, RiskStatus, Stage
from .base import OwnerFormMixin, VersionedModelForm

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class RiskForm(OwnerFormMixin, VersionedModelForm):
    likelihood = forms.TypedChoiceField(
        label="Likelihood",
        coerce=int,
        choices=[
            (1, "1 Rare"),
            (2, "2 Unlikely"),
            (3, "3 Possible"),
            (4, "4 Likely"),
            (5, "5 Almost certain"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how likely the risk is",
            "invalid_choice": "Select how likely the risk is",
        },
    )
    impact = forms.TypedChoiceField(
        label="Impact",
        coerce=int,
        choices=[
            (1, "1 Negligible"),
            (2, "2 Minor"),
            (3, "3 Moderate"),
            (4, "4 Major"),
            (5, "5 Catastrophic"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how serious the impact would be",
            "invalid_choice": "Select how serious the impact would be",
        },
    )

    class Meta:
        model = Risk
        fields = [
            "description",
            "stage",
            "likelihood",
            "impact",
            "mitigation",
            "owner_member",
            "owner",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
        }
        labels = {"description": "What could go wrong?", "mitigation": "How will you reduce it?"}
        error_messages = {"description": {"required": "Describe the risk"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "Whole plan")] + list(Stage.choices)
        self.fields["status"].choices = RiskStatus.choices


class GuideRiskSuggestionsForm(Form):
    points = forms.ModelMultipleChoiceField(
        label="Risks to add to the register",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one risk to add"},
    )

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["points"].queryset = suggestions
        self.fields["points"].label_from_instance = lambda p: f"{p.risk} ({p.stage.title})"
