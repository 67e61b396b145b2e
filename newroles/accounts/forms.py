from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from newroles.ui.forms import Form, ModelForm, SafeTextMixin
from newroles.ui.text import WEB_ADDRESS

from . import sso
from .models import Membership, User
from .permissions import MemberRole


class SignInForm(SafeTextMixin, AuthenticationForm):
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "This account is inactive.",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if sso.must_use_single_sign_on(user):
            name = sso.configured_provider().name
            raise ValidationError(
                f"Your organisation asks you to sign in with {name}. "
                f"Use the ‘Sign in with {name}’ button instead of your password.",
                code="single_sign_on_required",
            )


class ChooseOrganisationForm(Form):
    organisation = forms.ChoiceField(
        label="Which organisation are you working in?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the organisation you are working in"},
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.organisation_id): m for m in memberships}
        self.fields["organisation"].choices = [
            (str(m.organisation_id), m.organisation.name) for m in memberships
        ]

    def clean_organisation(self):
        return self.memberships[self.cleaned_data["organisation"]]


class InvitationForm(Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will email them a link to join. It works for 14 days.",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@nhs.net",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=MemberRole.choices,
        widget=forms.RadioSelect,
        initial=MemberRole.VIEWER,
        help_text="Viewers read plans; HR also export; editors also edit; leads manage "
        "plans and members.",
        error_messages={"required": "Select a role"},
    )


class MemberRoleForm(ModelForm):
    # The role the page showed: another lead's change made meanwhile is not overwritten.
    based_on_role = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Membership
        fields = ["role"]
        widgets = {"role": forms.RadioSelect}
        error_messages = {"role": {"required": "Select a role"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["based_on_role"] = self.instance.role


class AcceptInvitationForm(ModelForm):
    """Creates the account of a person accepting an invitation."""

    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
        strip=False,
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        error_messages={"required": "Confirm your password"},
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        error_messages = {
            "first_name": {"required": "Enter your first name"},
            "last_name": {"required": "Enter your last name"},
        }

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.email = email
        for name, subject in (("first_name", "first name"), ("last_name", "last name")):
            self.fields[name].required = True
            # Names are shown in the emails this person sends: no link may come with one.
            # (Line breaks are refused in every one-line field.)
            self.fields[name].validators.append(
                RegexValidator(
                    WEB_ADDRESS,
                    f"Enter your {subject} without a web address",
                    code="web_address",
                    inverse_match=True,
                )
            )
        # Django's help text is HTML; ours is plain.
        self.fields["password1"].help_text = "At least 12 characters, not a common password."

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The passwords do not match")
        if p1:
            try:
                password_validation.validate_password(p1, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class SingleSignOnForm(Form):
    require_single_sign_on = forms.BooleanField(
        label="Members must sign in with single sign-on",
        required=False,
        help_text="They then cannot sign in with a password. NewRoles' own administrators "
        "still can.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_require_single_sign_on(self):
        required = self.cleaned_data["require_single_sign_on"]
        if not required:
            return required
        provider = sso.configured_provider()
        if provider is None:
            raise ValidationError(
                "Single sign-on is not set up for NewRoles yet, so members could not sign in. "
                "Ask your NewRoles administrator to set it up first."
            )
        if not sso.has_signed_in_through_provider(self.user):
            raise ValidationError(
                f"Sign in with {provider.name} once yourself first, so that you know it works "
                "before your members depend on it."
            )
        return required
