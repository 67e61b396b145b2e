from django import forms

from newroles.ui.forms import Form

from .models import NotificationKind


class PreferencesForm(Form):
    kinds = forms.MultipleChoiceField(
        label="Email me about",
        help_text="Select all that apply. Untick a box to stop those emails.",
        choices=NotificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
