"""The bases of the plan's forms: versioned editing, and a record's owner."""

from django import forms

from newroles.accounts.models import User
from newroles.ui.forms import ModelForm


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
