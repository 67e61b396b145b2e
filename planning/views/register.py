"""The organisation's register of new roles, on a page and as CSV."""

from django.http import HttpResponse
from django.views import View
from django.views.generic import ListView

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.permissions import Action
from newroles.ui.presenters import Pagination

from .. import audit, exports, register
from ..forms import PlanFilterForm
from ..models import ImplementationPlan


class RegisterView(OrganisationMixin, ListView):
    """The organisation's register of new roles."""

    template_name = "planning/register.html"
    paginate_by = 50

    def filtered_plans(self):
        self.filter_form = PlanFilterForm(self.request.GET or None)
        plans = ImplementationPlan.objects.for_organisation(self.organisation)
        return self.filter_form.filter(plans)

    def get_queryset(self):
        return register.register_plans(self.filtered_plans()).order_by("title", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plans = self.filtered_plans()
        context.update(
            filter_form=self.filter_form,
            rows=register.rows_for(context["object_list"]),
            by_category=register.counts_by_category(plans),
            by_skill_mix=register.counts_by_skill_mix(plans),
            csv_query=self.request.GET.urlencode(),
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context["pagination"] = Pagination(context["page_obj"], query.urlencode())
        return context


class RegisterCsvView(OrganisationMixin, View):
    required_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        form = PlanFilterForm(request.GET or None)
        plans = form.filter(ImplementationPlan.objects.for_organisation(self.organisation))
        rows = register.rows_for(register.register_plans(plans).order_by("title", "pk"))
        content = exports.csv_text(register.CSV_HEADER, [row.csv_row() for row in rows])
        audit.record_for_plans(request, plans, audit.AuditAction.EXPORTED, audit.REGISTER_CSV)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="register-of-new-roles.csv"'
        return response
