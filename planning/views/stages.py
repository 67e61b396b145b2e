"""A stage of the cycle: its questions, its good-practice checklist, the panels of other parts."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from newroles.accounts.permissions import Action

from .. import panels, records, selectors, services, workflow
from ..forms import StageForm
from ..mixins import PlanMixin
from ..models import PointStatus, Stage
from ..presenters import StageAnswersPresenter, StageProgress
from .parts import ConflictAwareFormMixin


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
        self.points = selectors.points_of_stage(self.stage_slug)
        self.checklist = selectors.stage_checklist(self.plan, self.points)
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
        messages.success(self.request, "Saved. You can come back to this stage at any time.")
        return redirect("planning:stage", self.plan.pk, self.stage_slug)

    def get_context_data(self, **kwargs):
        self.load_stage()
        context = super().get_context_data(**kwargs)
        can_edit = bool(context["can"]["edit"])
        counts = self.cached.get("progress", lambda: selectors.stage_counts(self.plan))
        progress = StageProgress.all_of(self.plan, counts)
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
            answers=StageAnswersPresenter(
                workflow.questions_for(self.stage_slug),
                self.stage_response,
                self.points,
                self.checklist,
            ),
        )
        return context
