"""Every gap of a plan on one page; the overview lists the few most serious."""

from django.views.generic import TemplateView

from .. import overview
from ..gaps import severity_summary
from ..mixins import PlanMixin


class PlanGapsView(PlanMixin, TemplateView):
    template_name = "planning/plan_gaps.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The overview's cached content: the two pages cannot disagree.
        content = self.cached.get("overview", lambda: overview.overview_content(self.plan))
        context.update(gaps=content.gaps, severity_summary=severity_summary(content.gaps))
        return context
