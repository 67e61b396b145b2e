"""Training and support: arrangements, training activities and competencies."""

from functools import cached_property

from django.urls import reverse

from ..forms import CompetencyForm, SupportArrangementForm, TrainingActivityForm
from ..models import Competency, SupportArrangement, TrainingActivity
from ..presenters import PlanTraining
from .parts import PartCreateView, PartDeleteView, PartListView, PartSingletonView, PartUpdateView


class TrainingPageMixin:
    def get_success_url(self):
        return reverse("planning:training", args=[self.plan.pk])


class TrainingView(PartListView):
    """Training and support: the arrangements, training activities and competencies."""

    template_name = "planning/training.html"
    model = TrainingActivity
    page_title = "Training and support"

    @cached_property
    def training(self) -> PlanTraining:
        return PlanTraining.of(self.plan)

    def get_records(self):
        return self.training.activities

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["training"] = self.training
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
