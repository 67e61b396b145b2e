"""A plan's history: who changed what, when; restoring earlier versions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.views.generic import TemplateView

from newroles.accounts.permissions import Action, can
from newroles.ui.presenters import Pagination

from .. import history
from ..mixins import PlanMixin


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
            # Restore only what this person could change directly.
            actions = frozenset(a for a in Action if can(self.membership, a))
            restored = history.restore_version(model, row, actions=actions)
            if restored.changed:
                done = f"Restored the version of {row.history_date:%d %B %Y, %H:%M}."
                messages.success(request, " ".join([done, *restored.kept]))
            elif restored.kept:
                messages.info(request, " ".join(["Nothing was restored.", *restored.kept]))
            else:
                messages.info(request, "Nothing was restored: that version is the same as now.")
        return redirect("planning:plan_history", self.plan.pk)
