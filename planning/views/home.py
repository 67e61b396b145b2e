"""A member's Home page: where their organisation's plans stand, the work due, and how to
start a plan (blank, or from a role template)."""

from django.utils import timezone
from django.views.generic import TemplateView

from newroles.accounts.mixins import OrganisationMixin
from roles.models import RoleTemplate

from .. import home, sign_off
from ..presenters import PlanCard


class HomeView(OrganisationMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plans = home.plans_on_home(self.organisation)
        today = timezone.localdate()
        overdue, due_soon = home.work_due(self.organisation, today=today)
        context.update(
            my_work=home.my_work(self.request.user, self.organisation, today=today),
            sign_offs_asked=sign_off.asked_of(self.request.user, self.organisation),
            plans=PlanCard.all_of(plans[: home.HOME_PLANS]),
            plan_count=plans.count(),
            overdue=overdue,
            due_soon=due_soon,
            due_within_days=home.DUE_WITHIN_DAYS,
            role_templates=RoleTemplate.objects.published()
            .select_related("role")
            .order_by("title"),
        )
        return context


class MyWorkView(OrganisationMixin, TemplateView):
    """Every open thing the signed-in member owns across the organisation's live plans."""

    template_name = "planning/my_work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            work=home.my_work(self.request.user, self.organisation, today=timezone.localdate()),
            due_within_days=home.DUE_WITHIN_DAYS,
        )
        return context
