"""The audit log pages: who viewed, exported and approved a plan (or any of the organisation's
plans), for the organisation's leads. The events are written by `planning/audit.py`."""

from django import forms
from django.urls import reverse
from django.views.generic import ListView

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.permissions import Action
from newroles.ui.forms import Form
from newroles.ui.presenters import Pagination

from .. import audit
from ..mixins import PlanMixin
from ..models import AuditAction, PlanAuditEvent
from ..presenters import AuditEventPresenter

EVENTS_PER_PAGE = 50
RECORDING_NOTE = (
    "Opening the plan overview or the print preview again within "
    f"{int(audit.VIEW_COALESCE_WINDOW.total_seconds() // 60)} minutes counts as one view; "
    "every download counts. Entries cannot be changed or removed."
)


class AuditFilterForm(Form):
    action = forms.ChoiceField(
        label="Show", required=False, choices=[("", "Everything")] + AuditAction.choices
    )

    def chosen_action(self) -> str:
        return self.cleaned_data["action"] if self.is_valid() else ""


class AuditLogMixin:
    """Newest first, paginated, filtered by action. Subclasses say whose events."""

    template_name = "planning/audit_log.html"
    required_action = Action.VIEW_AUDIT
    paginate_by = EVENTS_PER_PAGE
    show_plan = False

    def events(self):
        raise NotImplementedError

    def get_queryset(self):
        self.filter_form = AuditFilterForm(self.request.GET or None)
        self.action = self.filter_form.chosen_action()
        return self.events().with_action(self.action).for_log()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=self.filter_form,
            filtered=bool(self.action),
            events=[AuditEventPresenter(e) for e in context["object_list"]],
            pagination=Pagination(context["page_obj"], query.urlencode()),
            show_plan=self.show_plan,
            page_url=self.request.path,
            recording_note=RECORDING_NOTE,
        )
        return context


class PlanAuditLogView(AuditLogMixin, PlanMixin, ListView):
    def events(self):
        return PlanAuditEvent.objects.filter(plan=self.plan)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Audit log",
            intro="Who viewed, exported and approved this plan, newest first.",
            organisation_log_url=reverse("planning:audit_log"),
            back_url=self.plan_url(),
            back_label="Back to the plan overview",
        )
        return context


class OrganisationAuditLogView(AuditLogMixin, OrganisationMixin, ListView):
    show_plan = True

    def events(self):
        return PlanAuditEvent.objects.filter(organisation=self.organisation).select_related("plan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Audit log of all plans",
            caption=self.organisation.name,
            intro="Who viewed, exported and approved each of your organisation's plans, "
            "newest first.",
            breadcrumbs=[("Plans", reverse("planning:plan_list"))],
            back_url=reverse("planning:plan_list"),
            back_label="Back to the plans",
        )
        return context
