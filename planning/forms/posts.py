"""Forms for the posts of the role and the role's documentation."""

from django import forms
from django.utils import timezone

from newroles.ui.fields import NHSDateField
from roles.models import AgendaForChangeBand

from ..models import DocumentStatus, Post, PostStatus, RoleDocumentation
from .base import VersionedModelForm


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
