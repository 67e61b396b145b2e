from functools import cached_property

from django.shortcuts import get_object_or_404
from django.urls import reverse

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.selectors import membership_for

from .models import ImplementationPlan
from .plan_cache import PlanCache
from .presenters import PlanPresenter


class PlanMixin(OrganisationMixin):
    """Views about one plan: looks it up among the person's organisations (else 404)."""

    plan_url_kwarg = "plan_pk"
    # Read with the plan, for pages that show them; pages that do not, name fewer.
    plan_related = ("role", "category", "owner")

    def get_scoped_object(self):
        plans = (
            ImplementationPlan.objects.for_memberships(self.request.memberships)
            .with_reference_generation()
            .select_related(*self.plan_related)
        )
        self.plan = get_object_or_404(plans, pk=self.kwargs[self.plan_url_kwarg])
        # The organisation came with the person's memberships; no need to read it again.
        membership = membership_for(self.request, self.plan.organisation_id)
        self.plan.organisation = membership.organisation
        return self.plan

    @cached_property
    def cached(self):
        """The request's `plan_cache.PlanCache` for this plan: what its pages derive from it."""
        return PlanCache(self.plan)

    def plan_url(self):
        return reverse("planning:plan_detail", args=[self.plan.pk])

    def get_breadcrumbs(self):
        return [("Plans", reverse("planning:plan_list")), (self.plan.title, self.plan_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = PlanPresenter(self.plan)
        context.setdefault("breadcrumbs", self.get_breadcrumbs())
        context.setdefault("caption", self.plan.title)
        return context
