"""The plans themselves: the list, starting one (blank or from a role template), the overview,
details, status, archive, copy, the bin, and offering a plan to the library."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import FormView, ListView, TemplateView

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.permissions import Action
from newroles.ui.mixins import CreateOnceMixin
from newroles.ui.presenters import Pagination

from .. import audit, overview, panels, records, services
from ..forms import (
    CopyPlanForm,
    ImplementationPlanForm,
    PlanFilterForm,
    PlanStatusForm,
    StartFromTemplateForm,
)
from ..gaps import TOP_GAPS, severity_summary
from ..mixins import PlanMixin
from ..models import ImplementationPlan
from ..presenters import PlanCard, StageProgress
from .parts import ConflictAwareFormMixin

PLANS_PER_PAGE = 25


class PlanListView(OrganisationMixin, ListView):
    template_name = "planning/plan_list.html"
    paginate_by = PLANS_PER_PAGE

    def get_queryset(self):
        self.filter_form = PlanFilterForm(self.request.GET or None)
        plans = ImplementationPlan.objects.for_organisation(self.organisation).for_list()
        return self.filter_form.filter(plans)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["plans"] = PlanCard.all_of(context["object_list"])
        query = self.request.GET.copy()
        query.pop("page", None)
        context["pagination"] = Pagination(context["page_obj"], query.urlencode())
        context["filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        return context


class PlanFormKwargsMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisation"] = self.organisation
        return kwargs

    def get_conflict_form_kwargs(self, current):
        return {"instance": current, "organisation": self.organisation}


class PlanCreateView(PlanFormKwargsMixin, OrganisationMixin, CreateOnceMixin, FormView):
    template_name = "planning/plan_form.html"
    form_class = ImplementationPlanForm
    required_action = Action.EDIT
    extra_context = {
        "page_title": "Start a plan for a new role",
        "submit_label": "Create plan",
        "cancel_url": reverse_lazy("planning:plan_list"),
        "breadcrumbs": [("Plans", reverse_lazy("planning:plan_list"))],
    }

    def get_initial(self):
        return {"owner": self.request.user.pk, "horizon_years": 3}

    def form_valid(self, form):
        plan = services.create_plan(form, organisation=self.organisation, user=self.request.user)
        messages.success(self.request, f"Plan “{plan.title}” created.")
        return redirect("planning:plan_detail", plan.pk)


class PlanDetailView(PlanMixin, TemplateView):
    template_name = "planning/plan_detail.html"

    def get_breadcrumbs(self):
        return [("Plans", reverse("planning:plan_list"))]

    def get(self, request, *args, **kwargs):
        audit.record_view(request, self.plan, audit.OVERVIEW)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Worked out once per plan version and day (plan_cache); permissions apply per request.
        content = self.cached.get("overview", lambda: overview.overview_content(self.plan))
        context.update(
            skill_mix_changes=content.skill_mix_changes,
            actions=content.actions,
            overdue_actions=content.overdue_actions,
            bin_count=content.bin_count,
            progress=StageProgress.all_of(self.plan, content.stage_counts),
            gaps=content.gaps,
            top_gaps=content.gaps[:TOP_GAPS],
            severity_summary=severity_summary(content.gaps),
            post_summary=content.post_summary,
            recent_changes=content.recent_changes,
            csv_exports=panels.csv_exports(),
        )
        return context


class PlanUpdateView(PlanFormKwargsMixin, ConflictAwareFormMixin, PlanMixin, FormView):
    template_name = "planning/plan_form.html"
    form_class = ImplementationPlanForm
    required_action = Action.EDIT

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.plan
        return kwargs

    def form_valid(self, form):
        if self.save_form(form) is None:
            return self.conflict_response(form)
        messages.success(self.request, "Plan details saved.")
        return redirect(self.plan_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Plan details", submit_label="Save changes", cancel_url=self.plan_url()
        )
        return context


class PlanStatusView(ConflictAwareFormMixin, PlanMixin, FormView):
    template_name = "planning/part_form.html"
    form_class = PlanStatusForm
    required_action = Action.MANAGE_PLAN

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.plan
        return kwargs

    def form_valid(self, form):
        if self.save_form(form) is None:
            return self.conflict_response(form)
        messages.success(self.request, f"Status changed to {self.plan.get_status_display()}.")
        return redirect(self.plan_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Change the plan's status",
            submit_label="Save status",
            cancel_url=self.plan_url(),
        )
        return context


class PlanArchiveView(PlanMixin, TemplateView):
    template_name = "confirm_page.html"
    required_action = Action.MANAGE_PLAN
    archive = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.archive:
            context.update(
                page_title=f"Archive “{self.plan.title}”?",
                warning="Archived plans leave the plan list but keep everything. "
                "You can restore an archived plan at any time.",
                confirm_label="Archive plan",
            )
        else:
            context.update(
                page_title=f"Restore “{self.plan.title}” from the archive?",
                warning="The plan returns to the plan list as it was.",
                confirm_label="Restore plan",
            )
        context["cancel_url"] = self.plan_url()
        return context

    def post(self, request, *args, **kwargs):
        if self.archive:
            services.archive_plan(self.plan)
            messages.success(request, f"“{self.plan.title}” archived.")
            return redirect("planning:plan_list")
        services.unarchive_plan(self.plan)
        messages.success(request, f"“{self.plan.title}” restored from the archive.")
        return redirect(self.plan_url())


class PlanUnarchiveView(PlanArchiveView):
    archive = False


class PlanCopyView(PlanMixin, CreateOnceMixin, FormView):
    template_name = "planning/part_form.html"
    form_class = CopyPlanForm
    required_action = Action.MANAGE_PLAN

    def get_initial(self):
        return {"title": f"Copy of {self.plan.title}"[:200]}

    def form_valid(self, form):
        copy = services.copy_plan(
            self.plan, title=form.cleaned_data["title"], user=self.request.user
        )
        messages.success(self.request, f"Copied to “{copy.title}”, a new draft.")
        return redirect("planning:plan_detail", copy.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Copy this plan",
            intro="The copy is a new draft in your organisation with the same answers and "
            "parts. Its history starts afresh.",
            submit_label="Copy plan",
            cancel_url=self.plan_url(),
        )
        return context


class PlanBinView(PlanMixin, TemplateView):
    template_name = "planning/plan_bin.html"
    required_action_for_post = Action.EDIT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = records.bin_entries(self.plan)
        context["retention_days"] = records.BIN_RETENTION_DAYS
        return context

    def post(self, request, *args, **kwargs):
        try:
            pk = int(request.POST.get("pk", ""))
        except ValueError:
            pk = None
        record = records.find_in_bin(self.plan, request.POST.get("kind", ""), pk) if pk else None
        if record is None:
            messages.error(request, "That record is no longer in the bin.")
        else:
            try:
                records.restore_from_bin(record)
            except IntegrityError:  # a live record now holds its place (a unique constraint)
                messages.error(
                    request,
                    f"“{record.bin_label}” cannot be restored: the plan has a record in its "
                    "place now (the chosen option, or the same profession and band). Change "
                    "or delete that one first.",
                )
            else:
                messages.success(request, f"“{record.bin_label}” restored.")
        return redirect("planning:plan_bin", self.plan.pk)


class StartFromTemplateView(OrganisationMixin, CreateOnceMixin, FormView):
    """Start a plan pre-filled from a published role template."""

    template_name = "form_page.html"
    form_class = StartFromTemplateForm
    required_action = Action.EDIT

    def dispatch(self, request, *args, **kwargs):
        from roles.models import RoleTemplate

        self.template = get_object_or_404(
            RoleTemplate.objects.published().select_related("current_version", "role"),
            slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"title": f"{self.template.role.name} plan"}

    def form_valid(self, form):
        plan = services.start_plan_from_template(
            self.template.current_version,
            organisation=self.organisation,
            user=self.request.user,
            **form.cleaned_data,
        )
        messages.success(
            self.request,
            f"Plan started from “{self.template.title}”. Everything is yours to change.",
        )
        return redirect("planning:plan_detail", plan.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = reverse("roles:template", args=[self.template.slug])
        context.update(
            page_title=f"Start a plan from “{self.template.title}”",
            caption=f"Version {self.template.current_version.number}",
            submit_label="Start the plan",
            cancel_url=url,
            breadcrumbs=[
                ("Role templates", reverse("roles:template_list")),
                (self.template.title, url),
            ],
        )
        return context


class OfferAsTemplateView(PlanMixin, CreateOnceMixin, TemplateView):
    """A lead offers the plan to the library; names come out before curators see it."""

    template_name = "confirm_page.html"
    required_action = Action.MANAGE_PLAN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Offer this plan to the library as a role template",
            warning="We will make a role template from this plan's answers, scope of practice, "
            "stakeholders, risks, measures and checkpoints. Every name we know (your "
            "organisation, its members, stakeholders and people named in the plan) is replaced "
            "by the role they play, as whole words only. Curators review it, each replacement "
            "highlighted, before anyone else can see it.",
            confirm_label="Offer to the library",
            cancel_url=self.plan_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        from ..sharing import OfferRefused, offer_plan_as_template

        try:
            offer_plan_as_template(self.plan, user=request.user)
        except OfferRefused as refusal:
            return self.render_to_response(self.get_context_data(error=str(refusal)), status=400)
        messages.success(
            request, "Thank you. Curators will review the template before publishing it."
        )
        return redirect(self.plan_url())
