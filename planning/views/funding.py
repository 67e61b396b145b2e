"""Funding sources, cost assumptions and the cost estimate."""

from django.urls import reverse

from newroles.ui.presenters import format_money

from .. import costing
from ..forms import CostAssumptionsForm, FundingSourceForm
from ..models import CostAssumptions, FundingSource
from ..presenters import CostYearPresenter, FundingPresenter
from .parts import PartCreateView, PartDeleteView, PartListView, PartSingletonView, PartUpdateView


class FundingPageMixin:
    def get_success_url(self):
        return reverse("planning:funding", args=[self.plan.pk])


class FundingView(PartListView):
    """Funding sources, the cost assumptions and the cost estimate per year."""

    template_name = "planning/funding.html"
    model = FundingSource
    page_title = "Funding and cost estimate"

    def get_records(self):
        return [FundingPresenter(s) for s in FundingSource.objects.filter(plan=self.plan)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        estimate = costing.estimate(self.plan)
        context["estimate"] = estimate
        context["years"] = [CostYearPresenter(y) for y in estimate.years]
        context["totals"] = {
            "cost": format_money(estimate.total_cost),
            "funding": format_money(estimate.total_funding),
        }
        context["assumptions"] = CostAssumptions.objects.filter(plan=self.plan).first()
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
