from django.core.paginator import Paginator
from django.urls import reverse

from newroles.ui.presenters import Pagination
from planning.views.parts import (
    PartCreateView,
    PartDeleteView,
    PartListView,
    PartSingletonView,
    PartUpdateView,
)

from . import selectors
from .forms import (
    CommunicationItemForm,
    GovernanceArrangementForm,
    ImpactAssessmentForm,
    PolicyRequirementForm,
    ScopeActivityForm,
    StakeholderForm,
)
from .models import (
    CommunicationItem,
    GovernanceArrangement,
    ImpactAssessment,
    PolicyRequirement,
    ScopeActivity,
    Stakeholder,
    StakeholderGroup,
)
from .presenters import (
    ArrangementPresenter,
    AssessmentPresenter,
    CommunicationPresenter,
    PolicyPresenter,
    PowerInterestGrid,
    ScopeActivityPresenter,
    StakeholderPresenter,
    group_counts_rows,
)

STAKEHOLDERS_PER_PAGE = 50


class GovernancePartMixin:
    """Where a governance part's pages return to, and what its forms say first."""

    list_url_name = ""
    success_anchor = ""
    add_title = ""
    intro = ""

    def get_success_url(self):
        return reverse(self.list_url_name, args=[self.plan.pk]) + self.success_anchor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.intro:
            context.setdefault("intro", self.intro)
        return context


class GovernanceCreateView(PartCreateView):
    """Adds a record, titled in plain words ("Add an impact assessment")."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.add_title:
            context["page_title"] = context["submit_label"] = self.add_title
        return context


# --- Stakeholders -----------------------------------------------------------------------------


class StakeholderPageMixin(GovernancePartMixin):
    model = Stakeholder
    form_class = StakeholderForm
    list_url_name = "governance:stakeholder_list"
    add_title = "Add a stakeholder"


class StakeholderListView(PartListView):
    """Stakeholders on the influence and interest grid, then as a paginated table."""

    template_name = "governance/stakeholder_list.html"
    model = Stakeholder
    page_title = "Stakeholders"

    def get_records(self):
        paginator = Paginator(selectors.stakeholders_of(self.plan), STAKEHOLDERS_PER_PAGE)
        self.page_obj = paginator.get_page(self.request.GET.get("page"))
        return [StakeholderPresenter(s) for s in self.page_obj]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = self.page_obj
        context["pagination"] = Pagination(self.page_obj)
        context["total"] = self.page_obj.paginator.count
        context["grid"] = PowerInterestGrid(self.plan.pk, selectors.grid_stakeholders(self.plan))
        context["group_counts"] = group_counts_rows(selectors.stakeholder_group_counts(self.plan))
        return context


class StakeholderCreateView(StakeholderPageMixin, GovernanceCreateView):
    def get_initial(self):
        # Gaps link here with the missing group chosen already.
        group = self.request.GET.get("group")
        return {"group": group} if group in StakeholderGroup.values else {}


class StakeholderUpdateView(StakeholderPageMixin, PartUpdateView):
    pass


class StakeholderDeleteView(StakeholderPageMixin, PartDeleteView):
    pass


# --- Communication plan -----------------------------------------------------------------------


class CommunicationPageMixin(GovernancePartMixin):
    model = CommunicationItem
    form_class = CommunicationItemForm
    list_url_name = "governance:communication_list"
    add_title = "Add a message to the communication plan"


class CommunicationListView(PartListView):
    template_name = "governance/communication_list.html"
    model = CommunicationItem
    page_title = "Communication plan"

    def get_records(self):
        return [CommunicationPresenter(c) for c in selectors.communication_plan(self.plan)]


class CommunicationCreateView(CommunicationPageMixin, GovernanceCreateView):
    pass


class CommunicationUpdateView(CommunicationPageMixin, PartUpdateView):
    pass


class CommunicationDeleteView(CommunicationPageMixin, PartDeleteView):
    pass


# --- Governance and scope of practice ---------------------------------------------------------


class GovernanceView(PartListView):
    """The governance arrangements, scope of practice, impact assessments and policies."""

    template_name = "governance/governance.html"
    model = ScopeActivity
    page_title = "Governance and scope of practice"

    def get_records(self):
        return [ScopeActivityPresenter(a) for a in selectors.scope_of(self.plan)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["arrangement"] = ArrangementPresenter(selectors.arrangement_of(self.plan))
        context["assessments"] = [
            AssessmentPresenter(a) for a in selectors.impact_assessments_of(self.plan)
        ]
        context["policies"] = [PolicyPresenter(p) for p in selectors.policies_of(self.plan)]
        return context


class GovernancePageMixin(GovernancePartMixin):
    list_url_name = "governance:governance"


class ArrangementView(GovernancePageMixin, PartSingletonView):
    model = GovernanceArrangement
    form_class = GovernanceArrangementForm
    success_anchor = "#arrangements"
    intro = (
        "Record who answers for the role and how it is supervised. Fill in what you know "
        "now and come back as decisions are made."
    )


class ScopePageMixin(GovernancePageMixin):
    model = ScopeActivity
    form_class = ScopeActivityForm
    success_anchor = "#scope"
    add_title = "Add an activity to the scope of practice"
    intro = (
        "Rate the harm if the role did this activity: likelihood times severity, each from "
        "1 to 5. Ratings of 15 or more are red."
    )


class ScopeCreateView(ScopePageMixin, GovernanceCreateView):
    pass


class ScopeUpdateView(ScopePageMixin, PartUpdateView):
    pass


class ScopeDeleteView(ScopePageMixin, PartDeleteView):
    pass


class AssessmentPageMixin(GovernancePageMixin):
    model = ImpactAssessment
    form_class = ImpactAssessmentForm
    success_anchor = "#assessments"
    add_title = "Add an impact assessment"


class AssessmentCreateView(AssessmentPageMixin, GovernanceCreateView):
    pass


class AssessmentUpdateView(AssessmentPageMixin, PartUpdateView):
    pass


class AssessmentDeleteView(AssessmentPageMixin, PartDeleteView):
    pass


class PolicyPageMixin(GovernancePageMixin):
    model = PolicyRequirement
    form_class = PolicyRequirementForm
    success_anchor = "#policies"
    add_title = "Add a policy"


class PolicyCreateView(PolicyPageMixin, GovernanceCreateView):
    pass


class PolicyUpdateView(PolicyPageMixin, PartUpdateView):
    pass


class PolicyDeleteView(PolicyPageMixin, PartDeleteView):
    pass
