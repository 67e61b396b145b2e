from datetime import date

from django import forms
from django.utils import timezone

from newroles.accounts.models import User
from newroles.ui.fields import NHSDateField
from newroles.ui.forms import Form, ModelForm
from roles.models import AgendaForChangeBand

from ..models import (
    MAX_WTE,
    MIN_WTE,
    ActionStatus,
    Competency,
    CostAssumptions,
    DocumentStatus,
    FundingKind,
    FundingSource,
    ImplementationPlan,
    PlanAction,
    PlanStatus,
    PointStatus,
    Post,
    PostStatus,
    Risk,
    RiskStatus,
    RoleDocumentation,
    Stage,
    SupportArrangement,
    TrainingActivity,
    TrainingKind,
    TrainingStatus,
)


class VersionedModelForm(ModelForm):
    """A model form that remembers which version of the record the editor started from."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["lock_version"] = self.instance.lock_version

    def based_on_version(self) -> int:
        # A post that does not say which version it edits cannot prove it saw the latest one:
        # treat it as based on none, so it conflicts with any saved record instead of
        # overwriting it unseen.
        value = self.cleaned_data.get("lock_version")
        return 0 if value is None else value

    def edited_fields(self):
        return [name for name in self.fields if name != "lock_version"]


class OwnerFormMixin:
    """The owner of a record: a member of the plan's organisation, chosen from a list, or
    someone outside it named in the record's free-text field (`owner_text_field`; None when
    the record has none). A member's name is written into that field too, so every page and
    document shows the owner alike (see `planning.records.OwnedByMember`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_text_field = self._meta.model.OWNER_TEXT_FIELD
        self.owner_before = self.instance.owner_member_id
        member = self.fields["owner_member"]
        member.queryset = User.objects.filter(
            memberships__organisation_id=self.instance.plan.organisation_id
        ).order_by("first_name", "last_name", "email")
        member.label_from_instance = lambda user: user.display_name
        member.error_messages["invalid_choice"] = "Choose a member of your organisation"
        if self.owner_text_field:
            member.label = "Owner in your organisation"
            member.empty_label = "Someone outside the organisation (name them below)"
            text = self.fields[self.owner_text_field]
            text.label = "Or name someone outside the organisation"
            text.help_text = "Leave empty if a member owns it."
            if self.instance.owner_member_id and not self.is_bound:
                self.initial[self.owner_text_field] = ""
        else:
            member.label = "Owner (optional)"
            member.empty_label = "No one yet"

    def clean(self):
        cleaned = super().clean()
        member, name = cleaned.get("owner_member"), self.owner_text_field
        if member and name:
            if (cleaned.get(name) or "").strip():
                self.add_error(
                    name,
                    "Leave this empty when a member owns it, or choose 'Someone outside the "
                    "organisation'",
                )
            else:
                cleaned[name] = member.display_name[: self.fields[name].max_length or None]
        return cleaned

    def owner_changed(self) -> bool:
        """The save gave the record a member as owner it did not have."""
        member = self.cleaned_data.get("owner_member")
        return member is not None and member.pk != self.owner_before


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


class PlanActionForm(OwnerFormMixin, VersionedModelForm):
    due_date = NHSDateField(
        label="Due date", required=False, subject="Due date", help_text="For example, 30 6 2027"
    )

    class Meta:
        model = PlanAction
        fields = [
            "description",
            "stage",
            "stakeholder",
            "owner_member",
            "owner_name",
            "due_date",
            "status",
        ]
        widgets = {"status": forms.RadioSelect}
        error_messages = {"description": {"required": "Describe what needs doing"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "Any stage")] + list(self.fields["stage"].choices)[1:]
        self.fields["status"].choices = ActionStatus.choices
        # Only this plan's stakeholders; an engagement action names one.
        stakeholders = self.fields["stakeholder"]
        stakeholders.queryset = stakeholders.queryset.filter(plan_id=self.instance.plan_id)
        stakeholders.label = "Stakeholder it concerns (optional)"
        stakeholders.empty_label = "None"


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


class PostForm(VersionedModelForm):
    recruited_date = NHSDateField(label="Date recruited", required=False, subject="Date recruited")
    start_date = NHSDateField(label="Start date", required=False, subject="Start date")
    leaving_date = NHSDateField(label="Leaving date", required=False, subject="Leaving date")
    registration_checked_on = NHSDateField(
        label="Date the registration was last checked (optional)",
        required=False,
        subject="Date the registration was last checked",
        help_text="On the regulator's online register. For example, 3 12 2026",
    )

    class Meta:
        model = Post
        fields = [
            "title",
            "wte",
            "status",
            "recruited_date",
            "start_date",
            "leaving_date",
            "registration_number",
            "registration_checked_on",
        ]
        widgets = {"status": forms.RadioSelect}
        labels = {
            "wte": "Whole-time equivalent (WTE)",
            "registration_number": "Registration number (optional)",
        }
        help_texts = {
            "registration_number": "For a regulated role: the postholder's number on the "
            "regulator's register (GMC, NMC, HCPC or GPhC).",
        }
        error_messages = {
            "title": {"required": "Enter a name for the post"},
            "registration_number": {
                "max_length": "Registration number must be 40 characters or fewer"
            },
            "wte": {
                "required": "Enter the post's WTE",
                "min_value": "WTE must be more than 0",
                "max_value": "WTE for one post must be 1.5 or less",
                "invalid": "WTE must be a number, like 0.8",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = PostStatus.choices

    def clean_registration_number(self):
        return self.cleaned_data["registration_number"].strip()

    def clean(self):
        cleaned = super().clean()
        checked = cleaned.get("registration_checked_on")
        if checked and checked > timezone.localdate():
            self.add_error(
                "registration_checked_on",
                "Date the registration was last checked must be today or in the past",
            )
        start, leaving = cleaned.get("start_date"), cleaned.get("leaving_date")
        if start and leaving and leaving < start:
            self.add_error(
                "leaving_date", "Leaving date must be the same as or after the start date"
            )
        if cleaned.get("status") == PostStatus.LEFT and not leaving:
            self.add_error("leaving_date", "Enter the date the postholder left")
        return cleaned


class RoleDocumentationForm(VersionedModelForm):
    banding_date = NHSDateField(
        label="Date of the banding panel", required=False, subject="Date of the banding panel"
    )

    class Meta:
        model = RoleDocumentation
        fields = [
            "job_description_status",
            "job_description_link",
            "person_specification_status",
            "person_specification_link",
            "banding_outcome",
            "banding_date",
            "banding_notes",
        ]
        widgets = {
            "job_description_status": forms.RadioSelect,
            "person_specification_status": forms.RadioSelect,
            "banding_notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "job_description_link": {"invalid": "Enter a full web address, starting https://"},
            "person_specification_link": {"invalid": "Enter a full web address, starting https://"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("job_description_status", "person_specification_status"):
            self.fields[name].choices = DocumentStatus.choices
        self.fields["banding_outcome"].choices = [("", "Not banded yet")] + list(
            AgendaForChangeBand.choices
        )


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


# The need analysis' forms live in their own module (they import VersionedModelForm above).
from .need import AppraisedOptionForm, SkillMixLineForm  # noqa: E402, F401
