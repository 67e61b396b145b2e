"""Offer to make members the owners of records that name them in free text."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.permissions import Action
from newroles.ui.forms import Form

from .. import owners


class OwnerMatchForm(Form):
    matches = forms.MultipleChoiceField(
        label="Records to give a member as owner",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one record"},
    )

    def __init__(self, *args, matches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matches"].choices = [
            (
                match.key,
                f"{match.kind} “{match.record}” in {match.plan_title}: "
                f"“{match.owner_text}” is {match.member.display_name} ({match.member.email})",
            )
            for match in matches
        ]


class OwnerMatchView(OrganisationMixin, FormView):
    template_name = "planning/owner_matches.html"
    form_class = OwnerMatchForm
    required_action = Action.EDIT

    def get_form_kwargs(self):
        self.matches = owners.owner_matches(self.organisation)
        return {**super().get_form_kwargs(), "matches": self.matches}

    def form_valid(self, form):
        done = owners.accept_owner_matches(
            organisation=self.organisation, keys=form.cleaned_data["matches"], by=self.request.user
        )
        messages.success(
            self.request, f"{done} record{'s' if done != 1 else ''} now owned by members."
        )
        return redirect("planning:owner_matches")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["match_count"] = len(self.matches)
        return context
