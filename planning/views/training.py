"""Training and support: arrangements, training activities and competencies."""

from django.urls import reverse

from newroles.ui.presenters import format_money

from ..forms import CompetencyForm, SupportArrangementForm, TrainingActivityForm
from ..models import Competency, SupportArrangement, TrainingActivity
from ..presenters import TrainingPresenter
from .parts import PartCreateView, PartDeleteView, PartListView, PartSingletonView, PartUpdateView


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
