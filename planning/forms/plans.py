"""Forms for the plan itself: creating, editing, copying, filtering, and its status."""

from datetime import date

from django import forms

from newroles.accounts.models import User
from newroles.ui.fields import NHSDateField
from newroles.ui.forms import Form

from ..models import MAX_WTE, MIN_WTE, ImplementationPlan, PlanStatus
from .base import VersionedModelForm

EARLIEST_START = date(2000, 1, 1)
LATEST_START = date(2100, 12, 31)


class ImplementationPlanForm(VersionedModelForm):
    target_start_date = NHSDateField(
        label="Target start date",
        required=False,
        subject="Target start date",
        min_date=EARLIEST_START,
        max_date=LATEST_START,
        help_text="When the first person should start in the role. For example, 1 4 2027",
    )

    class Meta:
        model = ImplementationPlan
        fields = [
            "need",
            "title",
            "role",
            "role_name_other",
            "category",
            "skill_mix_changes",
            "service",
            "team",
            "care_setting",
            "planned_wte",
            "band",
            "high_cost_area",
            "target_start_date",
            "horizon_years",
            "owner",
        ]
        labels = {
            "need": "What need is the role meant to meet?",
            "title": "Plan title",
            "role": "Role",
            "category": "Kind of new role",
            "skill_mix_changes": "Kinds of skill-mix change",
            "planned_wte": "Planned whole-time equivalent (WTE)",
            "band": "Agenda for Change band",
            "owner": "Plan owner",
        }
        help_texts = {
            "title": "A short name your colleagues will recognise, for example "
            "'Peer support workers in the crisis team'.",
            "category": "Is the role new to everyone, new to your organisation, or a new way "
            "of working for an existing role?",
        }
        widgets = {
            "need": forms.Textarea(attrs={"rows": 5}),
            "skill_mix_changes": forms.CheckboxSelectMultiple,
            "category": forms.RadioSelect,
        }
        error_messages = {
            "need": {"required": "Describe the need the role is meant to meet"},
            "title": {"required": "Enter a title for the plan"},
            "planned_wte": {
                "min_value": "Planned WTE must be more than 0",
                "max_value": "Planned WTE must be 500 or less",
                "invalid": "Planned WTE must be a number, like 2.5",
                "max_decimal_places": "Planned WTE can have at most 2 decimal places",
                "max_digits": "Planned WTE must be 500 or less",
            },
            "horizon_years": {
                "min_value": "The horizon must be at least 1 year",
                "max_value": "The horizon must be 10 years or less",
                "required": "Enter the horizon in years, from 1 to 10",
                "invalid": "The horizon must be a whole number of years, from 1 to 10",
            },
            "band": {"invalid_choice": "Select a band from the list"},
            "high_cost_area": {"invalid_choice": "Select a high cost area from the list"},
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            memberships__organisation=organisation
        ).order_by("first_name", "last_name")
        self.fields["owner"].empty_label = "No owner yet"
        self.fields["role"].empty_label = "Not in the catalogue, or not decided"
        self.fields["category"].empty_label = None
        self.fields["care_setting"].choices = [("", "Not decided")] + list(
            self.fields["care_setting"].choices
        )[1:]
        self.fields["band"].choices = [("", "Not decided")] + list(self.fields["band"].choices)[1:]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("role") and not (cleaned.get("role_name_other") or "").strip():
            self.add_error(
                "role", "Choose a role from the catalogue, or name a role that is not listed"
            )
        if cleaned.get("role") and (cleaned.get("role_name_other") or "").strip():
            self.add_error(
                "role_name_other",
                "Leave this empty when you have chosen a role from the catalogue",
            )
        return cleaned


class PlanStatusForm(VersionedModelForm):
    class Meta:
        model = ImplementationPlan
        fields = ["status"]
        widgets = {"status": forms.RadioSelect}
        labels = {"status": "Status of the plan"}
        error_messages = {"status": {"required": "Select a status"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = PlanStatus.choices


class CopyPlanForm(Form):
    title = forms.CharField(
        label="Title of the copy",
        max_length=200,
        error_messages={"required": "Enter a title for the copy"},
    )


class PlanFilterForm(Form):
    """The plan list's search and filters (GET)."""

    q = forms.CharField(label="Search plans", required=False, max_length=200)
    status = forms.ChoiceField(required=False, choices=[("", "Any status")] + PlanStatus.choices)
    role = forms.ModelChoiceField(required=False, queryset=None, empty_label="Any role")
    category = forms.ModelChoiceField(
        label="Kind of new role", required=False, queryset=None, empty_label="Any kind"
    )
    care_setting = forms.ChoiceField(label="Care setting", required=False, choices=())
    archived = forms.BooleanField(label="Show archived plans only", required=False)

    def __init__(self, *args, **kwargs):
        from roles.models import Role, RoleCategory

        from ..models import CareSetting

        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Role.objects.all()
        self.fields["category"].queryset = RoleCategory.objects.all()
        self.fields["care_setting"].choices = [("", "Any setting")] + CareSetting.choices

    def filter(self, plans):
        if not self.is_valid():
            return plans.active()
        data = self.cleaned_data
        plans = plans.archived() if data["archived"] else plans.active()
        plans = plans.search(data["q"]).with_status(data["status"])
        if data["role"]:
            plans = plans.filter(role=data["role"])
        if data["category"]:
            plans = plans.filter(category=data["category"])
        if data["care_setting"]:
            plans = plans.filter(care_setting=data["care_setting"])
        return plans


class StartFromTemplateForm(Form):
    need = forms.CharField(
        label="What need is the role meant to meet?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The template gives a starting point; your plan begins with your own need.",
        error_messages={"required": "Describe the need the role is meant to meet"},
    )
    title = forms.CharField(
        label="Plan title",
        max_length=200,
        error_messages={"required": "Enter a title for the plan"},
    )
    target_start_date = NHSDateField(
        label="Target start date",
        subject="Target start date",
        min_date=EARLIEST_START,
        max_date=LATEST_START,
        help_text="Checkpoints are dated from it. For example, 1 4 2027",
        error_messages={"required": "Enter the target start date"},
    )
    planned_wte = forms.DecimalField(
        label="Planned whole-time equivalent (WTE)",
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=MIN_WTE,
        max_value=MAX_WTE,
        error_messages={
            "min_value": "Planned WTE must be more than 0",
            "max_value": "Planned WTE must be 500 or less",
            "invalid": "Planned WTE must be a number, like 2.5",
        },
    )
