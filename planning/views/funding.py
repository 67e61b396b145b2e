"""Funding sources, cost assumptions and the cost estimate."""

from functools import cached_property

from django.urls import reverse

from ..forms import CostAssumptionsForm, FundingSourceForm
from ..models import CostAssumptions, FundingSource
from ..presenters import PlanFunding
from .parts import PartCreateView, PartDeleteView, PartListView, PartSingletonView, PartUpdateView


class FundingPageMixin:
    def get_success_url(self):
        return reverse("planning:funding", args=[self.plan.pk])


class FundingView(PartListView):
    """Funding sources, the cost assumptions and the cost estimate per year."""

    template_name = "planning/funding.html"
    model = FundingSource
    page_title = "Funding and cost estimate"

    @cached_property
    def funding(self) -> PlanFunding:
        return PlanFunding.of(self.plan)

    def get_records(self):
        return self.funding.sources

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["funding"] = self.funding
        return context


class FundingCreateView(FundingPageMixin, PartCreateView):
    model = FundingSource
    form_class = FundingSourceForm


class FundingUpdateView(FundingPageMixin, PartUpdateView):
    model = FundingSource
    form_class = FundingSourceForm


class FundingDeleteView(FundingPageMixin, PartDeleteView):
    model = FundingSource


class CostAssumptionsView(FundingPageMixin, PartSingletonView):
    model = CostAssumptions
    form_class = CostAssumptionsForm
