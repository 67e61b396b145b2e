"""Downloads of a plan's records (CSV, iCalendar) and the private calendar subscription."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from newroles.accounts.mixins import OrganisationMixin
from newroles.accounts.permissions import Action

from .. import audit, exports, panels, services
from ..mixins import PlanMixin
from ..models import AuditAction, CalendarFeed, ImplementationPlan


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


class PlanCsvExportView(PlanMixin, View):
    required_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        export = panels.csv_export(kwargs["key"])
        if export is None:
            raise Http404
        header, rows = export.rows(self.plan)
        filename = exports.file_name(self.plan.title, f"-{export.key}.csv")
        audit.record(request, self.plan, AuditAction.EXPORTED, audit.csv_detail(export.title))
        return _attachment(exports.csv_text(header, rows), "text/csv; charset=utf-8", filename)


class PlanCalendarView(PlanMixin, View):
    required_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        plans = ImplementationPlan.objects.filter(pk=self.plan.pk)
        content = exports.calendar_bytes(plans, self.plan.title, link=request.build_absolute_uri)
        filename = exports.file_name(self.plan.title, ".ics")
        audit.record(request, self.plan, AuditAction.EXPORTED, audit.CALENDAR_FILE)
        return _attachment(content, "text/calendar; charset=utf-8", filename)


class CalendarFeedManageView(OrganisationMixin, TemplateView):
    """Where a person gets, replaces or revokes their private calendar address."""

    template_name = "planning/calendar_feed.html"
    required_action = Action.EXPORT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feed = (
            CalendarFeed.objects.active()
            .filter(user=self.request.user, organisation=self.organisation)
            .first()
        )
        context["feed_url"] = (
            self.request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
            if feed
            else ""
        )
        context["page_title"] = "Follow the dates of your plans in your calendar"
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_feed(user=request.user, organisation=self.organisation)
        else:
            services.renew_calendar_feed(user=request.user, organisation=self.organisation)
        return redirect("calendar_feed_manage")


class CalendarFeedView(View):
    """The subscription itself: no sign-in, the token is the credential."""

    def get(self, request, token):
        # One query: an unknown, revoked or no longer entitled address looks the same.
        feed = (
            CalendarFeed.objects.serving()
            .select_related("organisation", "user")
            .filter(token=token)
            .first()
        )
        if feed is None:
            raise Http404
        plans = ImplementationPlan.objects.for_organisation(feed.organisation).active()
        content = exports.calendar_bytes(
            plans, f"NewRoles – {feed.organisation.name}", link=request.build_absolute_uri
        )
        audit.record_for_plans(
            feed.user,
            plans,
            AuditAction.EXPORTED,
            audit.CALENDAR_SUBSCRIPTION,
            coalesce=audit.FEED_COALESCE_WINDOW,
        )
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
