"""The plan's forms, split into modules by feature."""

from .actions import PlanActionForm
from .base import OwnerFormMixin, VersionedModelForm
from .funding import CostAssumptionsForm, FundingSourceForm
from .need import AppraisedOptionForm, SkillMixLineForm
from .plans import (
    EARLIEST_START,
    LATEST_START,
    CopyPlanForm,
    ImplementationPlanForm,
    PlanFilterForm,
    PlanStatusForm,
    StartFromTemplateForm,
)
from .posts import PostForm, RoleDocumentationForm
from .risks import SCORE_CHOICES, GuideRiskSuggestionsForm, RiskForm
from .stages import StageForm
from .training import CompetencyForm, SupportArrangementForm, TrainingActivityForm

__all__ = [
    "EARLIEST_START",
    "LATEST_START",
    "SCORE_CHOICES",
    "AppraisedOptionForm",
    "CompetencyForm",
    "CopyPlanForm",
    "CostAssumptionsForm",
    "FundingSourceForm",
    "GuideRiskSuggestionsForm",
    "ImplementationPlanForm",
    "OwnerFormMixin",
    "PlanActionForm",
    "PlanFilterForm",
    "PlanStatusForm",
    "PostForm",
    "RiskForm",
    "RoleDocumentationForm",
    "SkillMixLineForm",
    "StageForm",
    "StartFromTemplateForm",
    "SupportArrangementForm",
    "TrainingActivityForm",
    "VersionedModelForm",
]
