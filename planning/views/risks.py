"""The risk register, and the guide's risks offered for open points."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from newroles.accounts.permissions import Action
from newroles.ui.mixins import CreateOnceMixin

from .. import selectors, services
from ..forms import GuideRiskSuggestionsForm, RiskForm
from ..mixins import PlanMixin
from ..models import Risk
from ..presenters import PlanRisks
from .parts import PartCreateView, PartDeleteView, PartListView, PartUpdateView


class RiskPartMixin:
    model = Risk
    form_class = RiskForm

    def get_success_url(self):
        return reverse("planning:risk_list", args=[self.plan.pk])


class RiskListView(PartListView):
    template_name = "planning/risk_list.html"
    model = Risk
    page_title = "Risk register"

    def get_records(self):
        return PlanRisks.of(self.plan).register

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["suggestion_count"] = selectors.guide_risk_suggestions(self.plan).count()
        return context


class RiskCreateView(RiskPartMixin, PartCreateView):
    pass


class RiskUpdateView(RiskPartMixin, PartUpdateView):
    pass


class RiskDeleteView(RiskPartMixin, PartDeleteView):
    pass


class GuideRiskSuggestionsView(PlanMixin, CreateOnceMixin, FormView):
    """Offer the risks the guide names for the plan's open points, to accept into the register."""

    template_name = "planning/risk_suggestions.html"
    form_class = GuideRiskSuggestionsForm
    required_action = Action.EDIT

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["suggestions"] = selectors.guide_risk_suggestions(self.plan)
        return kwargs

    def form_valid(self, form):
        added = services.accept_guide_risks(self.plan, form.cleaned_data["points"])
        messages.success(
            self.request,
            f"{len(added)} risk{'s' if len(added) != 1 else ''} added. Score and own each one.",
        )
        return redirect("planning:risk_list", self.plan.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Add the guide's risks",
            submit_label="Add selected risks",
            cancel_url=reverse("planning:risk_list", args=[self.plan.pk]),
        )
        return context
