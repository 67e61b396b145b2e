"""The need analysis: the options appraised for meeting the need, and the team's skill mix
before and after."""

from functools import cached_property

from django.urls import reverse

from ..forms import AppraisedOptionForm, SkillMixLineForm
from ..models import AppraisedOption, OptionKind, SkillMixLine
from ..presenters.need import OptionAppraisal, SkillMix
from .parts import PartCreateView, PartDeleteView, PartListView, PartUpdateView


class NeedPageMixin:
    success_anchor = ""

    def get_success_url(self):
        return reverse("planning:need_analysis", args=[self.plan.pk]) + self.success_anchor


class NeedAnalysisView(PartListView):
    template_name = "planning/need_analysis.html"
    model = AppraisedOption
    page_title = "Need analysis: options and skill mix"

    @cached_property
    def appraisal(self) -> OptionAppraisal:
        return OptionAppraisal.of(self.plan)

    def get_records(self):
        return self.appraisal.options

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["appraisal"] = self.appraisal
        context["skill_mix"] = SkillMix.of(self.plan)
        return context


class OptionPartMixin(NeedPageMixin):
    model = AppraisedOption
    form_class = AppraisedOptionForm
    success_anchor = "#options"


class OptionCreateView(OptionPartMixin, PartCreateView):
    def get_initial(self):
        """'Appraise' links name one of the guide's options: start from it."""
        initial = super().get_initial()
        kind = self.request.GET.get("kind", "")
        if kind in OptionKind.values:
            initial["kind"] = kind
            if kind != OptionKind.OTHER:
                initial["title"] = OptionKind(kind).label
        return initial


class OptionUpdateView(OptionPartMixin, PartUpdateView):
    pass


class OptionDeleteView(OptionPartMixin, PartDeleteView):
    pass


class SkillMixPartMixin(NeedPageMixin):
    model = SkillMixLine
    form_class = SkillMixLineForm
    success_anchor = "#skill-mix"


class SkillMixLineCreateView(SkillMixPartMixin, PartCreateView):
    pass


class SkillMixLineUpdateView(SkillMixPartMixin, PartUpdateView):
    pass


class SkillMixLineDeleteView(SkillMixPartMixin, PartDeleteView):
    pass
