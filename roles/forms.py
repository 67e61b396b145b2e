from django import forms

from newroles.ui.forms import Form, ModelForm

from .models import CareSetting, CaseStudy, Role, SkillMixChange, Stage


class LibraryFilterForm(Form):
    q = forms.CharField(label="Search the library", required=False, max_length=200)
    stage = forms.ChoiceField(
        label="Stage of the cycle", required=False, choices=[("", "Any stage")] + Stage.choices
    )
    care_setting = forms.ChoiceField(
        label="Care setting", required=False, choices=[("", "Any setting")] + CareSetting.choices
    )
    role = forms.ModelChoiceField(
        label="Role", required=False, queryset=Role.objects.all(), empty_label="Any role"
    )
    skill_mix_change = forms.ModelChoiceField(
        label="Kind of skill-mix change",
        required=False,
        queryset=SkillMixChange.objects.all(),
        empty_label="Any kind",
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ProposeCaseStudyForm(ModelForm):
    """A lead's account of their organisation's experience, for curators to review."""

    stages = forms.MultipleChoiceField(
        label="Which stages of the cycle does it illustrate?",
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one stage"},
    )

    class Meta:
        model = CaseStudy
        fields = [
            "title",
            "roles",
            "role_names",
            "care_setting",
            "skill_mix_change",
            "summary",
            "what_they_did",
            "outcomes",
            "lessons",
            "source_title",
            "source_url",
        ]
        widgets = {
            "roles": forms.CheckboxSelectMultiple,
            "care_setting": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "what_they_did": forms.Textarea(attrs={"rows": 5}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "roles": "Roles from the catalogue",
            "role_names": "Role titles you use",
            "source_title": "Where is this written up?",
            "source_url": "Link to the write-up (optional)",
        }
        help_texts = {
            "source_title": "For example an internal evaluation report or a board paper.",
            "outcomes": "Give figures where you have them.",
        }
        error_messages = {
            "title": {"required": "Enter a title"},
            "care_setting": {"required": "Select the care setting"},
            "summary": {"required": "Summarise what happened"},
            "source_title": {"required": "Say where this is written up"},
            "source_url": {"invalid": "Enter a full web address, starting https://"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["care_setting"].choices = CareSetting.choices


class SendBackForm(Form):
    """A curator's reason for sending a proposal back, kept on the record and shown to the
    organisation that sent it."""

    comment = forms.CharField(
        label="What should they change?",
        help_text="The organisation that sent it sees this on its library page.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what should change before sending it back"},
    )
