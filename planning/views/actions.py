"""The plan's actions (shown on the overview)."""

from ..forms import PlanActionForm
from ..models import PlanAction
from .parts import PartCreateView, PartDeleteView, PartUpdateView


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
