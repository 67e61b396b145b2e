from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.generic import DetailView, FormView, ListView

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.permissions import Action, can
from newroles.ui.mixins import CreateOnceMixin
from newroles.ui.presenters import Pagination

from . import selectors, services
from .forms import LibraryFilterForm, ProposeCaseStudyForm
from .models import CaseStudy, RoleTemplate
from .presenters import CaseStudyPresenter, RoleTemplatePresenter

CASE_STUDIES_PER_PAGE = 20


class LibraryView(LoginRequiredMixin, ListView):
    """The library of published case studies: search, filters, pages."""

    template_name = "roles/library.html"
    paginate_by = CASE_STUDIES_PER_PAGE

    def get_queryset(self):
        self.filter_form = LibraryFilterForm(self.request.GET or None)
        return selectors.library(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["case_studies"] = [CaseStudyPresenter(c) for c in context["object_list"]]
        query = self.request.GET.copy()
        query.pop("page", None)
        context["pagination"] = Pagination(context["page_obj"], query.urlencode())
        context["filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        context["can_propose"] = can(self.request.membership, Action.MANAGE_PLAN)
        if context["can_propose"]:
            # What the organisation sent the curators, and any comment they sent back.
            context["proposals"] = selectors.proposals_of(self.request.membership.organisation)
        return context


class CaseStudyDetailView(LoginRequiredMixin, DetailView):
    template_name = "roles/case_study.html"
    queryset = (
        CaseStudy.objects.published()
        .select_related("skill_mix_change")
        .prefetch_related("roles", "stage_links")
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case_study"] = CaseStudyPresenter(self.object)
        context["breadcrumbs"] = [("Library", reverse_lazy("roles:library"))]
        return context


class ProposeCaseStudyView(OrganisationMixin, CreateOnceMixin, FormView):
    template_name = "form_page.html"
    form_class = ProposeCaseStudyForm
    required_action = Action.MANAGE_PLAN
    extra_context = {
        "page_title": "Propose a case study from your organisation",
        "submit_label": "Send to the curators",
        "cancel_url": reverse_lazy("roles:library"),
        "breadcrumbs": [("Library", reverse_lazy("roles:library"))],
    }

    def form_valid(self, form):
        services.propose_case_study(form, organisation=self.organisation, user=self.request.user)
        messages.success(
            self.request,
            "Thank you. The curators will review your case study before it is published.",
        )
        return redirect("roles:library")


class RoleTemplateListView(LoginRequiredMixin, ListView):
    template_name = "roles/template_list.html"
    queryset = RoleTemplate.objects.published().select_related("role", "current_version")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Library", reverse_lazy("roles:library"))]
        return context


class RoleTemplateDetailView(LoginRequiredMixin, DetailView):
    template_name = "roles/template_detail.html"
    queryset = RoleTemplate.objects.published().select_related(
        "role", "category", "current_version"
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["package"] = RoleTemplatePresenter(self.object.current_version)
        context["breadcrumbs"] = [
            ("Library", reverse_lazy("roles:library")),
            ("Role templates", reverse_lazy("roles:template_list")),
        ]
        context["can_start"] = can(self.request.membership, Action.EDIT)
        return context
