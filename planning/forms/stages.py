"""Forms for a stage of the plan: its questions and good-practice checklist."""

from django import forms

from newroles.ui.forms import Form

from ..models import PointStatus


class StageForm(Form):
    """One stage page: its questions and its good-practice checklist, saved together."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions, points, stage_response, checklist, **kwargs):
        from ..workflow import ANSWER_MAX_LENGTH, NOTE_MAX_LENGTH

        super().__init__(*args, **kwargs)
        self.questions = questions
        self.points = points
        answers = stage_response.answers if stage_response else {}
        self.initial["lock_version"] = stage_response.lock_version if stage_response else 0
        for question in questions:
            if question.is_choice:
                field = forms.ChoiceField(
                    choices=[("", "Not answered")] + list(question.choices),
                    required=False,
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": "Select one of the options"},
                )
                field.choices = list(question.choices)
            else:
                field = forms.CharField(
                    required=False,
                    max_length=ANSWER_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": question.rows}),
                    error_messages={
                        "max_length": f"Answer must be {ANSWER_MAX_LENGTH:,} characters or fewer"
                    },
                )
            field.label = question.label
            field.help_text = question.hint
            self.fields[question.code] = field
            self.initial[question.code] = answers.get(question.code, "")
        for point in points:
            response = checklist.get(point.pk)
            hint = point.guidance
            if point.risk:
                hint = f"{hint} If you skip it: {point.risk}".strip()
            self.fields[f"status_{point.code}"] = forms.ChoiceField(
                label=point.text,
                help_text=hint,
                choices=PointStatus.choices,
                widget=forms.RadioSelect(attrs={"class": "nhsuk-radios--inline"}),
                error_messages={
                    "required": "Select where this point stands",
                    "invalid_choice": "Select where this point stands",
                },
            )
            self.fields[f"note_{point.code}"] = forms.CharField(
                label="Note (optional)",
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": f"Note must be {NOTE_MAX_LENGTH:,} characters or fewer"
                },
            )
            self.initial[f"status_{point.code}"] = (
                response.status if response else PointStatus.NOT_STARTED
            )
            self.initial[f"note_{point.code}"] = response.note if response else ""

    def question_fields(self):
        return [self[question.code] for question in self.questions]

    def point_fields(self):
        """(point, its status field, its note field) for each point of the checklist."""
        return [
            (point, self[f"status_{point.code}"], self[f"note_{point.code}"])
            for point in self.points
        ]

    def based_on_version(self) -> int:
        value = self.cleaned_data.get("lock_version")
        return 0 if value is None else value  # as VersionedModelForm.based_on_version

    def edited_fields(self):
        return [name for name in self.fields if name != "lock_version"]

    def answers(self) -> dict:
        return {q.code: self.cleaned_data.get(q.code, "") for q in self.questions}

    def checklist(self) -> dict:
        return {
            point.pk: (
                self.cleaned_data[f"status_{point.code}"],
                self.cleaned_data.get(f"note_{point.code}", ""),
            )
            for point in self.points
        }
