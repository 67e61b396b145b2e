"""Forms for the need analysis: the options appraised, and the team's skill mix."""

from django import forms

from ..models import AppraisedOption, OptionKind, SkillMixLine
from .base import VersionedModelForm

SCORES = [
    (1, "1 Meets the need poorly"),
    (2, "2"),
    (3, "3 Meets some of the need"),
    (4, "4"),
    (5, "5 Meets the need fully"),
]


class AppraisedOptionForm(VersionedModelForm):
    score = forms.TypedChoiceField(
        label="Score",
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="How well it meets the need. Leave it until the option is appraised.",
        error_messages={"invalid_choice": "Select a score from 1 to 5"},
    )

    class Meta:
        model = AppraisedOption
        fields = [
            "kind",
            "title",
            "cost_per_year",
            "months_to_effect",
            "benefits",
            "risks",
            "score",
            "chosen",
            "reason_chosen",
        ]
        labels = {
            "kind": "Kind of option",
            "title": "Describe the option in a few words",
            "cost_per_year": "Cost a year (£)",
            "benefits": "Benefits",
            "risks": "Risks and drawbacks",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "risks": forms.Textarea(attrs={"rows": 3}),
            "reason_chosen": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "title": "For example 'Extend the crisis team's nurses' hours'.",
            "reason_chosen": "Needed if this is the option chosen.",
        }
        error_messages = {
            "kind": {"required": "Select the kind of option"},
            "title": {"required": "Describe the option"},
            "benefits": {"required": "Describe the option's benefits"},
            "cost_per_year": {
                "min_value": "The cost cannot be negative",
                "invalid": "Enter the cost in pounds, like 45000",
                "max_digits": "Enter a cost under £100 million",
                "max_whole_digits": "Enter a cost under £100 million",
            },
            "months_to_effect": {
                "min_value": "The time to effect cannot be negative",
                "max_value": "The time to effect must be 120 months or less",
                "invalid": "Enter the time to effect as a whole number of months, like 6",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OptionKind.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("chosen"):
            if not (cleaned.get("reason_chosen") or "").strip():
                self.add_error("reason_chosen", "Say why this option was chosen")
            other = (
                AppraisedOption.objects.filter(plan_id=self.instance.plan_id, chosen=True)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if other:
                self.add_error(
                    "chosen",
                    f"“{other.title}” is the chosen option now. Change that option first, so "
                    "the plan has one choice",
                )
        return cleaned


class SkillMixLineForm(VersionedModelForm):
    class Meta:
        model = SkillMixLine
        fields = ["profession", "band", "wte_before", "wte_after"]
        labels = {"profession": "Profession or staff group"}
        error_messages = {
            "profession": {"required": "Enter the profession or staff group"},
            "band": {"invalid_choice": "Select a band from the list"},
            **{
                name: {
                    "required": f"Enter the {what}, or 0",
                    "min_value": f"The {what} cannot be negative",
                    "max_value": f"The {what} must be 9,999 or less",
                    "invalid": f"Enter the {what} as a number, like 2.5",
                    "max_decimal_places": f"The {what} can have at most 2 decimal places",
                    "max_digits": f"The {what} must be 9,999 or less",
                }
                for name, what in (
                    ("wte_before", "WTE before"),
                    ("wte_after", "WTE intended after"),
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["band"].choices = [("", "Not on Agenda for Change")] + list(
            self.fields["band"].choices
        )[1:]

    def clean(self):
        cleaned = super().clean()
        profession = (cleaned.get("profession") or "").strip()
        if profession and "band" not in self.errors:
            twin = (
                SkillMixLine.objects.filter(
                    plan_id=self.instance.plan_id,
                    profession__iexact=profession,
                    band=cleaned.get("band") or "",
                )
                .exclude(pk=self.instance.pk)
                .first()
            )
            if twin:
                self.add_error(
                    "profession",
                    f"The team already has a line for {twin}. Change that line instead",
                )
        return cleaned
