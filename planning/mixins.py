from functools import cached_property

from django.http import Http404
from django.shortcuts import get_object_or_404

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.querysets import membership_organisation_ids
from newroles.accounts.selectors import membership_for
from newroles.prepared import PreparedRead
from newroles.ui.links import cached_reverse

from .models import ImplementationPlan
from .plan_cache import PlanCache
from .presenters import PlanPresenter


def plans_for_pages(plans):
    """Plans with what plan_cache keys on, read in the same query."""
    return plans.with_reference_generation().with_content_versions()


PLAN_FOR_PAGES = PreparedRead(
    lambda organisation_ids, pk: plans_for_pages(
        ImplementationPlan.objects.for_organisation_ids(organisation_ids).filter(pk=pk)
    )
)


class PlanMixin(OrganisationMixin):
    """Views about one plan: looks it up among the person's organisations (else 404)."""

    plan_url_kwarg = "plan_pk"
    # Read with the plan, for pages that show them; busy pages that do not, name fewer.
    plan_related = ("role", "category", "owner")

    def get_scoped_object(self):
        pk = self.kwargs[self.plan_url_kwarg]
        if self.plan_related:
            self.plan = get_object_or_404(
                plans_for_pages(
                    ImplementationPlan.objects.for_memberships(self.request.memberships)
                ).select_related(*self.plan_related),
                pk=pk,
            )
        else:  # the busiest pages: the same read, its SQL written once (newroles.prepared)
            ids = membership_organisation_ids(self.request.memberships)
            found = PLAN_FOR_PAGES(ids, pk) if ids else []
            if not found:
                raise Http404("No plan matches the given query.")
            self.plan = found[0]
        # The organisation came with the person's memberships; no need to read it again.
        membership = membership_for(self.request, self.plan.organisation_id)
        self.plan.organisation = membership.organisation
        return self.plan

    @cached_property
    def cached(self):
        """The request's `plan_cache.PlanCache` for this plan: what its pages derive from it."""
        return PlanCache(self.plan)

    def plan_url(self):
        return cached_reverse("planning:plan_detail", args=[self.plan.pk])

    def get_breadcrumbs(self):
        return [("Plans", cached_reverse("planning:plan_list")), (self.plan.title, self.plan_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = PlanPresenter(self.plan)
        context.setdefault("breadcrumbs", self.get_breadcrumbs())
        context.setdefault("caption", self.plan.title)
        return context
