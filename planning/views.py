from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.permissions import Action
from newroles.ui.presenters import Pagination, format_money

from . import (
    audit,
    costing,
    exports,
    history,
    panels,
    plan_cache,
    records,
    register,
    selectors,
    services,
    workflow,
)
from .forms import (
    CompetencyForm,
    CopyPlanForm,
    CostAssumptionsForm,
    FreshStageForm,
    FundingSourceForm,
    GuideRiskSuggestionsForm,
    ImplementationPlanForm,
    PlanActionForm,
    PlanFilterForm,
    PlanStatusForm,
    PostForm,
    RiskForm,
    RoleDocumentationForm,
    StageForm,
    StartFromTemplateForm,
    SupportArrangementForm,
    TrainingActivityForm,
)
from .mixins import PlanMixin
from .models import (
    Competency,
    CostAssumptions,
    FundingSource,
    ImplementationPlan,
    PlanAction,
    PointStatus,
    Post,
    Risk,
    RoleDocumentation,
    Stage,
    SupportArrangement,
    TrainingActivity,
)
from .part_views import (
    ConflictAwareFormMixin,
    PartCreateView,
    PartDeleteView,
    PartListView,
    PartSingletonView,
    PartUpdateView,
)
from .presenters import (
    CostYearPresenter,
    FundingPresenter,
    PlanCard,
    PostPosition,
    PostPresenter,
    RiskPresenter,
    StageAnswersPresenter,
    StageProgress,
    TrainingPresenter,
)

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
        context["filter_form_html"] = self.filter_form_html()
        context["plans"] = PlanCard.all_of(context["object_list"])
        context["plans_html"] = self.plan_cards_html(context["plans"])
        query = self.request.GET.copy()
        query.pop("page", None)
        context["pagination"] = Pagination(context["page_obj"], query.urlencode())
        context["filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        return context

    def plan_cards_html(self, cards):
        """The cards, each cached under what it shows: a plan changed re-renders its card
        only (the list's order changes with every change to any plan, the cards rarely)."""
        html = [
            plan_cache.fragment(
                "plan-card",
                card,
                lambda c=card: render_to_string("planning/includes/plan_card.html", {"card": c}),
            )
            for card in cards
        ]
        return mark_safe("".join(html))  # noqa: S308 (escaped when rendered)

    def filter_form_html(self):
        """The filters as form fields. Their choices are the curated roles and kinds of role,
        so the HTML is cached for what was asked (the query less its page) and the reference
        data's generation: one small query instead of two and a select of every role."""
        asked = sorted((k, v) for k, v in self.request.GET.lists() if k != "page")
        made_from = (plan_cache.reference_generation(), asked)
        return plan_cache.fragment(
            "plan-filters",
            made_from,
            lambda: render_to_string(
                "planning/includes/plan_filters.html", {"form": self.filter_form}
            ),
        )


class PlanFormKwargsMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisation"] = self.organisation
        return kwargs

    def get_conflict_form_kwargs(self, current):
        return {"instance": current, "organisation": self.organisation}


class PlanCreateView(PlanFormKwargsMixin, OrganisationMixin, FormView):
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
        # The plan's derived content and the HTML made from it are cached per version of what
        # each piece reads, and day (see plan_cache); permissions are applied here, per request.
        cached = self.cached
        content = selectors.overview_content(self.plan, cached)
        progress = [StageProgress(self.plan, *counts) for counts in content.stage_counts]
        can_edit = bool(context["can"]["edit"])
        context.update(
            skill_mix_changes=content.skill_mix_changes,
            actions=content.actions,
            overdue_actions=content.overdue_actions,
            bin_count=content.bin_count,
            progress=progress,
            gaps=content.gaps,
            post_summary=content.post_summary,
            recent_changes=content.recent_changes,
            csv_exports=panels.csv_exports(),
            # Keyed on what it shows (stages are reference data), not on the kinds it is
            # made from: a stakeholder added that closes no gap keeps it.
            status_html=plan_cache.fragment(
                "overview-status",
                (
                    self.plan.pk,
                    cached.generation(),
                    [
                        (stage.pk, done, applicable)
                        for stage, done, applicable in content.stage_counts
                    ],
                    content.gaps,
                    content.overdue_actions,
                ),
                lambda: render_to_string(
                    "planning/includes/overview_status.html",
                    {
                        "progress": progress,
                        "gaps": content.gaps,
                        "overdue_actions": content.overdue_actions,
                    },
                ),
            ),
            actions_html=cached.get(
                f"overview-actions-{'edit' if can_edit else 'read'}",
                lambda: render_to_string(
                    "planning/includes/overview_actions.html",
                    {"actions": content.actions, "can": {"edit": can_edit}},
                ),
                reads=selectors.ACTIONS_READ,
            ),
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


class PlanCopyView(PlanMixin, FormView):
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
            records.restore_from_bin(record)
            messages.success(request, f"“{record.bin_label}” restored.")
        return redirect("planning:plan_bin", self.plan.pk)


class ActionCreateView(PartCreateView):
    model = PlanAction
    form_class = PlanActionForm
    success_anchor = "#actions"


class ActionUpdateView(PartUpdateView):
    model = PlanAction
    form_class = PlanActionForm
    success_anchor = "#actions"


class ActionDeleteView(PartDeleteView):
    model = PlanAction
    success_anchor = "#actions"


class StageView(ConflictAwareFormMixin, PlanMixin, FormView):
    """One stage of the cycle: what it is for, its questions and its checklist.

    Everyone in the organisation reads it; editors and leads also get the form.
    """

    template_name = "planning/stage.html"
    form_class = StageForm
    required_action_for_post = Action.EDIT
    plan_related = ()  # the page shows none of the plan's role, category or owner

    def dispatch(self, request, *args, **kwargs):
        if kwargs["stage"] not in Stage.values:
            raise Http404
        self.stage_slug = kwargs["stage"]
        return super().dispatch(request, *args, **kwargs)

    def stage_kwargs(self, stage_response):
        return {
            "questions": workflow.questions_for(self.stage_slug),
            "points": self.points,
            "stage_response": stage_response,
            "checklist": self.checklist,
        }

    def load_stage(self):
        """The stage's points, the plan's checklist of them and its answers (once a request)."""
        if hasattr(self, "stage_response"):
            return
        self.points = self.cached.reference(
            f"points-{self.stage_slug}", lambda: selectors.points_of_stage(self.stage_slug)
        )
        self.checklist = selectors.cached_stage_checklist(
            self.plan, self.stage_slug, self.points, self.cached
        )
        self.stage_response = selectors.stage_response(self.plan, self.stage_slug)

    def get_form_kwargs(self):
        self.load_stage()
        return {**super().get_form_kwargs(), **self.stage_kwargs(self.stage_response)}

    def save_form(self, form):
        try:
            return services.save_stage(
                self.plan,
                self.stage_slug,
                answers=form.answers(),
                checklist=form.checklist(),
                based_on_version=form.based_on_version(),
            )
        except records.EditConflict as conflict:
            self.conflict = conflict
            return None

    def get_conflict_form_kwargs(self, current):
        self.checklist = selectors.stage_checklist(self.plan, self.points)
        return self.stage_kwargs(current)

    def current_value(self, record, name):
        kind, _, code = name.partition("_")
        if kind in ("status", "note") and code in {p.code for p in self.points}:
            point = next(p for p in self.points if p.code == code)
            response = self.checklist.get(point.pk)
            if kind == "status":
                return response.status if response else PointStatus.NOT_STARTED
            return response.note if response else ""
        return record.answers.get(name, "") if record else ""

    def form_valid(self, form):
        if self.save_form(form) is None:
            self.checklist = selectors.stage_checklist(self.plan, self.points)
            return self.conflict_response(form)
        _, following = workflow.neighbours(self.stage_slug)
        if "continue" in self.request.POST and following:
            messages.success(self.request, "Saved. Here is the next stage of the cycle.")
            return redirect("planning:stage", self.plan.pk, following)
        if "continue" in self.request.POST:
            messages.success(self.request, "Saved. You have reached the end of the cycle.")
            return redirect(self.plan_url())
        messages.success(self.request, "Saved as a draft.")
        return redirect("planning:stage", self.plan.pk, self.stage_slug)

    def get_context_data(self, **kwargs):
        self.load_stage()
        if "form" not in kwargs:  # a fresh page (GET): the fields come from form_fields_html
            response = self.stage_response
            version = response.lock_version if response else 0
            kwargs["form"] = FreshStageForm(version, self.get_form)
        context = super().get_context_data(**kwargs)
        can_edit = bool(context["can"]["edit"])
        progress = selectors.cached_stage_progress(self.plan, self.cached)
        current = next(p for p in progress if p.stage.slug == self.stage_slug)
        previous, following = workflow.neighbours(self.stage_slug)
        context.update(
            stage=current.stage,
            stage_number=current.stage.order,
            stage_count=len(progress),
            progress=progress,
            current_progress=current,
            previous_url=reverse("planning:stage", args=[self.plan.pk, previous])
            if previous
            else "",
            next_stage=following,
            read_only=not can_edit,
            panels=panels.rendered_panels(
                self.plan, self.stage_slug, can_edit=can_edit, cache=self.cached
            ),
            form_fields_html=self.form_fields_html(context["form"]) if can_edit else "",
            answers=StageAnswersPresenter(
                workflow.questions_for(self.stage_slug),
                self.stage_response,
                self.points,
                self.checklist,
            ),
        )
        return context

    def form_fields_html(self, form):
        """The questions and the checklist as form fields. Rendering them is most of the
        page's work, so each question and each point of a fresh form (not one sent back with
        errors or a conflict) comes from the cache, keyed by everything it shows: saving one
        answer renders that one field again, not the stage's dozen, and the whole form is
        built only when one of them is not cached."""
        if form.is_bound:
            return self.render_fields(
                form, lambda name, made_from, render: render(), values=lambda name: None
            )
        return self.render_fields(
            form,  # a FreshStageForm: the whole form is built only if a field is not cached
            plan_cache.fragment,
            # What a fresh form shows: its initial values (see StageForm).
            values=lambda name: self.current_value(self.stage_response, name),
        )

    def render_fields(self, form, piece, values):
        """Each field's HTML through `piece(name, made_from, render)`; `values(name)` is
        the field's value as shown, for the key."""
        questions = [
            piece(
                "stage-question",
                (question, values(question.code)),
                lambda question=question: as_crispy_field(form[question.code]),
            )
            for question in workflow.questions_for(self.stage_slug)
        ]
        points = [
            piece(
                "stage-point",
                (point.pk, point.code, point.text, point.guidance, point.risk)
                + (values(f"status_{point.code}"), values(f"note_{point.code}")),
                lambda point=point: render_to_string(
                    "planning/includes/stage_point.html",
                    {
                        "point": point,
                        "status": form[f"status_{point.code}"],
                        "note": form[f"note_{point.code}"],
                    },
                ),
            )
            for point in self.points
        ]
        return render_to_string(
            "planning/includes/stage_fields.html", {"questions": questions, "points": points}
        )


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
        return [RiskPresenter(r) for r in selectors.risk_register(self.plan)]

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


class GuideRiskSuggestionsView(PlanMixin, FormView):
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


class TrainingPageMixin:
    def get_success_url(self):
        return reverse("planning:training", args=[self.plan.pk])


class TrainingView(PartListView):
    """Training and support: the arrangements, training activities and competencies."""

    template_name = "planning/training.html"
    model = TrainingActivity
    page_title = "Training and support"

    def get_records(self):
        return [TrainingPresenter(t) for t in TrainingActivity.objects.filter(plan=self.plan)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["support"] = SupportArrangement.objects.filter(plan=self.plan).first()
        context["competencies"] = Competency.objects.filter(plan=self.plan)
        context["training_total"] = format_money(
            sum((t.cost or 0) for t in context["records"] if t.status != "cancelled")
        )
        return context


class SupportArrangementView(TrainingPageMixin, PartSingletonView):
    model = SupportArrangement
    form_class = SupportArrangementForm


class TrainingCreateView(TrainingPageMixin, PartCreateView):
    model = TrainingActivity
    form_class = TrainingActivityForm


class TrainingUpdateView(TrainingPageMixin, PartUpdateView):
    model = TrainingActivity
    form_class = TrainingActivityForm


class TrainingDeleteView(TrainingPageMixin, PartDeleteView):
    model = TrainingActivity


class CompetencyCreateView(TrainingPageMixin, PartCreateView):
    model = Competency
    form_class = CompetencyForm


class CompetencyUpdateView(TrainingPageMixin, PartUpdateView):
    model = Competency
    form_class = CompetencyForm


class CompetencyDeleteView(TrainingPageMixin, PartDeleteView):
    model = Competency


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


class PostsPageMixin:
    def get_success_url(self):
        return reverse("planning:posts", args=[self.plan.pk])


class PostsView(PartListView):
    template_name = "planning/posts.html"
    model = Post
    page_title = "Posts and recruitment"

    def get_records(self):
        return [PostPresenter(p) for p in Post.objects.filter(plan=self.plan)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["position"] = PostPosition([p.post for p in context["records"]])
        context["documentation"] = RoleDocumentation.objects.filter(plan=self.plan).first()
        return context


class PostCreateView(PostsPageMixin, PartCreateView):
    model = Post
    form_class = PostForm


class PostUpdateView(PostsPageMixin, PartUpdateView):
    model = Post
    form_class = PostForm


class PostDeleteView(PostsPageMixin, PartDeleteView):
    model = Post


class RoleDocumentationView(PostsPageMixin, PartSingletonView):
    model = RoleDocumentation
    form_class = RoleDocumentationForm


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


class StartFromTemplateView(OrganisationMixin, FormView):
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


class OfferAsTemplateView(PlanMixin, TemplateView):
    """A lead offers the plan to the library; names come out before curators see it."""

    template_name = "confirm_page.html"
    required_action = Action.MANAGE_PLAN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Offer this plan to the library as a role template",
            warning="We will make a draft template from this plan's answers, scope of practice, "
            "stakeholders, risks, measures and checkpoints. Every name we know (your "
            "organisation, its members, stakeholders and people named in the plan) is replaced "
            "by the role they play. Curators review it before anyone else can see it.",
            confirm_label="Offer to the library",
            cancel_url=self.plan_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        from .sharing import OfferRefused, offer_plan_as_template

        try:
            offer_plan_as_template(self.plan, user=request.user)
        except OfferRefused as refusal:
            return self.render_to_response(self.get_context_data(error=str(refusal)), status=400)
        messages.success(
            request, "Thank you. Curators will review the template before publishing it."
        )
        return redirect(self.plan_url())


class PlanHistoryView(PlanMixin, TemplateView):
    """Who changed what, when, across the plan and all its parts; restore earlier versions."""

    template_name = "planning/history.html"
    required_action_for_post = Action.EDIT
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(range(history.history_count(self.plan)), self.per_page)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        context["entries"] = history.plan_history(
            self.plan,
            limit=self.per_page,
            offset=page_obj.start_index() - 1 if paginator.count else 0,
        )
        context["page_obj"] = page_obj
        context["pagination"] = Pagination(page_obj)
        return context

    def post(self, request, *args, **kwargs):
        try:
            history_id = int(request.POST.get("history_id", ""))
        except ValueError:
            history_id = None
        model, row = (None, None)
        if history_id:
            model, row = history.find_history_row(
                self.plan, request.POST.get("kind", ""), history_id
            )
        if row is None or row.history_type == "-":
            messages.error(request, "That version can no longer be restored.")
        else:
            history.restore_version(model, row)
            messages.success(
                request, f"Restored the version of {row.history_date:%d %B %Y, %H:%M}."
            )
        return redirect("planning:plan_history", self.plan.pk)
