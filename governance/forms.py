from datetime import date

from django import forms

from newroles.ui.fields import NHSDateField
from planning.forms import OwnerFormMixin, VersionedModelForm

from .models import (
    LINK_MESSAGE,
    RED_RATING,
    AssessmentKind,
    Channel,
    CommunicationItem,
    Frequency,
    GovernanceArrangement,
    ImpactAssessment,
    Level,
    PolicyRequirement,
    PolicyStatus,
    PracticeLevel,
    Regulator,
    ScopeActivity,
    Stakeholder,
    StakeholderGroup,
    Stance,
    web_link,
)


class StakeholderForm(VersionedModelForm):
    class Meta:
        model = Stakeholder
        fields = [
            "name",
            "job_title",
            "organisation_name",
            "group",
            "influence",
            "interest",
            "current_stance",
            "desired_stance",
            "notes",
        ]
        labels = {
            "name": "Name",
            "job_title": "Job title",
            "organisation_name": "Organisation",
            "group": "Stakeholder group",
            "influence": "How much influence do they have over the role?",
            "interest": "How interested are they in the role?",
            "current_stance": "Where do they stand on the role now?",
            "desired_stance": "Where do you need them to be?",
        }
        help_texts = {
            "name": "A person, or a group such as 'Ward 7 nursing team'.",
            "influence": "Influence is their power to help or block it: budgets, decisions, "
            "opinion in the team.",
        }
        widgets = {
            "influence": forms.RadioSelect,
            "interest": forms.RadioSelect,
            "current_stance": forms.RadioSelect,
            "desired_stance": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {
                "required": "Enter the stakeholder's name",
                "max_length": "Name must be 200 characters or fewer",
            },
            "job_title": {"max_length": "Job title must be 200 characters or fewer"},
            "organisation_name": {"max_length": "Organisation must be 200 characters or fewer"},
            "group": {
                "required": "Select the stakeholder group",
                "invalid_choice": "Select the stakeholder group",
            },
            "influence": {
                "required": "Select how much influence they have",
                "invalid_choice": "Select how much influence they have",
            },
            "interest": {
                "required": "Select how interested they are",
                "invalid_choice": "Select how interested they are",
            },
            "current_stance": {
                "required": "Select where they stand now",
                "invalid_choice": "Select where they stand now",
            },
            "desired_stance": {
                "required": "Select where you need them to be",
                "invalid_choice": "Select where you need them to be",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "Choose a group")] + list(StakeholderGroup.choices)
        for name in ("influence", "interest"):
            self.fields[name].choices = Level.choices
        for name in ("current_stance", "desired_stance"):
            self.fields[name].choices = Stance.choices


class CommunicationItemForm(OwnerFormMixin, VersionedModelForm):
    audience = forms.MultipleChoiceField(
        label="Who is it for?",
        help_text="Select all that apply.",
        choices=StakeholderGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select who the message is for",
            "invalid_choice": "Select who the message is for from the list",
        },
    )

    class Meta:
        model = CommunicationItem
        fields = ["message", "audience", "channel", "frequency", "owner_member", "owner"]
        labels = {
            "message": "What do you need to say?",
            "channel": "How will you say it?",
            "frequency": "How often?",
            "owner": "Who will send it?",
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 3}),
            "channel": forms.RadioSelect,
            "frequency": forms.RadioSelect,
        }
        error_messages = {
            "message": {
                "required": "Enter the message",
                "max_length": "Message must be 300 characters or fewer",
            },
            "channel": {
                "required": "Select how you will say it",
                "invalid_choice": "Select how you will say it",
            },
            "frequency": {
                "required": "Select how often",
                "invalid_choice": "Select how often",
            },
            "owner": {"max_length": "Owner must be 120 characters or fewer"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = Channel.choices
        self.fields["frequency"].choices = Frequency.choices


class GovernanceArrangementForm(VersionedModelForm):
    class Meta:
        model = GovernanceArrangement
        fields = [
            "accountable_executive",
            "line_manager",
            "clinical_supervisor",
            "same_person_reason",
            "supervision_frequency",
            "escalation_route",
            "oversight_group",
            "indemnity",
            "regulator",
            "registration_required",
        ]
        labels = {
            "accountable_executive": "Accountable executive",
            "line_manager": "Line manager",
            "clinical_supervisor": "Clinical supervisor",
            "same_person_reason": "If the line manager will also be the clinical supervisor, why?",
            "supervision_frequency": "How often will supervision happen?",
            "escalation_route": "How are concerns escalated?",
            "oversight_group": "Which group oversees the role?",
            "indemnity": "How is the role covered for indemnity?",
            "regulator": "Regulator",
            "registration_required": "People in the role must be registered",
        }
        help_texts = {
            "accountable_executive": "The board-level person answerable for the role.",
            "clinical_supervisor": "Keep clinical supervision apart from line management "
            "where you can, so that practice is reviewed by someone clinically qualified to "
            "judge it.",
            "same_person_reason": "Leave empty when they are different people.",
            "supervision_frequency": "For example, weekly for the first six months, then monthly.",
            "escalation_route": "Who the person in the role goes to when something is beyond "
            "their scope, and who that person goes to.",
            "oversight_group": "For example, a non-medical practitioner committee.",
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("same_person_reason", "escalation_route", "indemnity")
        }
        error_messages = {
            name: {"max_length": f"{label} must be 200 characters or fewer"}
            for name, label in (
                ("accountable_executive", "Accountable executive"),
                ("line_manager", "Line manager"),
                ("clinical_supervisor", "Clinical supervisor"),
                ("supervision_frequency", "Supervision frequency"),
                ("oversight_group", "Oversight group"),
            )
        } | {"regulator": {"invalid_choice": "Select the regulator from the list"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regulator"].choices = [("", "Not decided yet")] + list(Regulator.choices)


LIKELIHOOD_CHOICES = [
    (1, "1 Rare"),
    (2, "2 Unlikely"),
    (3, "3 Possible"),
    (4, "4 Likely"),
    (5, "5 Almost certain"),
]
SEVERITY_CHOICES = [
    (1, "1 Negligible"),
    (2, "2 Minor"),
    (3, "3 Moderate"),
    (4, "4 Major"),
    (5, "5 Catastrophic"),
]


class ScopeActivityForm(VersionedModelForm):
    likelihood = forms.TypedChoiceField(
        label="If the role does it, how likely is harm?",
        coerce=int,
        choices=LIKELIHOOD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how likely harm is, from 1 to 5",
            "invalid_choice": "Select how likely harm is, from 1 to 5",
        },
    )
    severity = forms.TypedChoiceField(
        label="How severe would the harm be?",
        coerce=int,
        choices=SEVERITY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how severe the harm would be, from 1 to 5",
            "invalid_choice": "Select how severe the harm would be, from 1 to 5",
        },
    )

    class Meta:
        model = ScopeActivity
        fields = [
            "activity",
            "level",
            "likelihood",
            "severity",
            "delegation_reasoning",
            "conditions",
        ]
        labels = {
            "activity": "Activity or task",
            "level": "What may the role do?",
            "delegation_reasoning": "Why may the role do it, or not?",
            "conditions": "Conditions",
        }
        help_texts = {
            "activity": "For example, taking blood, or reviewing a care plan.",
            "conditions": "For example, only after competency sign-off, or only for adults.",
        }
        widgets = {
            "level": forms.RadioSelect,
            "activity": forms.Textarea(attrs={"rows": 2}),
            "delegation_reasoning": forms.Textarea(attrs={"rows": 3}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "activity": {
                "required": "Enter the activity",
                "max_length": "Activity must be 300 characters or fewer",
            },
            "level": {
                "required": "Select what the role may do",
                "invalid_choice": "Select what the role may do",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = PracticeLevel.choices

    def clean(self):
        cleaned = super().clean()
        likelihood, severity = cleaned.get("likelihood"), cleaned.get("severity")
        level = cleaned.get("level")
        if (
            likelihood
            and severity
            and likelihood * severity >= RED_RATING
            and level in (PracticeLevel.INDEPENDENT, PracticeLevel.SUPERVISED)
            and not cleaned.get("delegation_reasoning", "").strip()
        ):
            self.add_error(
                "delegation_reasoning",
                "Explain why the role may do an activity rated red",
            )
        return cleaned


class WebLinkField(forms.URLField):
    """A web address: http or https only, https assumed when left out."""

    default_validators = [web_link]

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


EARLIEST_ASSESSMENT = date(2000, 1, 1)
LATEST_ASSESSMENT = date(2100, 12, 31)


class ImpactAssessmentForm(VersionedModelForm):
    assessed_on = NHSDateField(
        label="Date of the assessment",
        subject="Date of the assessment",
        min_date=EARLIEST_ASSESSMENT,
        max_date=LATEST_ASSESSMENT,
        help_text="For example, 14 3 2027",
        error_messages={"required": "Enter the date of the assessment"},
    )
    link = WebLinkField(
        label="Link to the assessment",
        required=False,
        max_length=500,
        help_text="Where colleagues can read it, starting https://",
        error_messages={
            "invalid": LINK_MESSAGE,
            "max_length": "Link must be 500 characters or fewer",
        },
    )

    class Meta:
        model = ImpactAssessment
        fields = ["kind", "assessed_on", "outcome", "reviewer", "link"]
        labels = {
            "kind": "Kind of assessment",
            "outcome": "Outcome",
            "reviewer": "Reviewed by",
        }
        help_texts = {"outcome": "What it found and what will change as a result."}
        widgets = {"kind": forms.RadioSelect, "outcome": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "kind": {
                "required": "Select the kind of assessment",
                "invalid_choice": "Select the kind of assessment",
            },
            "reviewer": {"max_length": "Reviewer must be 200 characters or fewer"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AssessmentKind.choices


class PolicyRequirementForm(OwnerFormMixin, VersionedModelForm):
    class Meta:
        model = PolicyRequirement
        fields = ["title", "owner_member", "owner", "status"]
        labels = {"title": "Policy or procedure", "owner": "Owner", "status": "Status"}
        help_texts = {"title": "For example, prescribing, transcribing medicines, or consent."}
        widgets = {"status": forms.RadioSelect}
        error_messages = {
            "title": {
                "required": "Enter the policy or procedure",
                "max_length": "Policy must be 200 characters or fewer",
            },
            "owner": {"max_length": "Owner must be 120 characters or fewer"},
            "status": {
                "required": "Select the status",
                "invalid_choice": "Select the status",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = PolicyStatus.choices
