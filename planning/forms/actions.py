"""Forms for the plan's actions."""

from django import forms

from newroles.ui.fields import NHSDateField

from ..models import ActionStatus, PlanAction
from .base import OwnerFormMixin, VersionedModelForm


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
