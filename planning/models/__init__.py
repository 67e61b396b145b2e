"""Planning's models, one module per part of a plan; import them from here."""

from .board_paper import BoardPaper, PaperPurpose, PaperStatus
from .calendar import CalendarFeed
from .cycle import (
    SEVERITY_RANK,
    ChecklistResponse,
    CycleStage,
    GoodPracticePoint,
    PointStatus,
    Severity,
    StageResponse,
)
from .funding import COVERAGE_FIELDS, CostAssumptions, FundingKind, FundingSource
from .need import AppraisedOption, OptionKind, SkillMixLine
from .plans import (
    MAX_WTE,
    MIN_WTE,
    ActionStatus,
    CareSetting,
    ImplementationPlan,
    ImplementationPlanQuerySet,
    PlanAction,
    PlanActionQuerySet,
    PlanStatus,
    Stage,
)
from .posts import VACANT_STATUSES, DocumentStatus, Post, PostStatus, RoleDocumentation
from .risks import HIGH_RISK_SCORE, Risk, RiskQuerySet, RiskStatus
from .training import (
    Competency,
    SupportArrangement,
    TrainingActivity,
    TrainingKind,
    TrainingStatus,
)

__all__ = [
    "AppraisedOption",
    "OptionKind",
    "SkillMixLine",
    "BoardPaper",
    "PaperPurpose",
    "PaperStatus",
    "CalendarFeed",
    "VACANT_STATUSES",
    "DocumentStatus",
    "Post",
    "PostStatus",
    "RoleDocumentation",
    "COVERAGE_FIELDS",
    "CostAssumptions",
    "FundingKind",
    "FundingSource",
    "Competency",
    "SupportArrangement",
    "TrainingActivity",
    "TrainingKind",
    "TrainingStatus",
    "HIGH_RISK_SCORE",
    "Risk",
    "RiskQuerySet",
    "RiskStatus",
    "MAX_WTE",
    "MIN_WTE",
    "SEVERITY_RANK",
    "ActionStatus",
    "CareSetting",
    "ChecklistResponse",
    "CycleStage",
    "GoodPracticePoint",
    "ImplementationPlan",
    "ImplementationPlanQuerySet",
    "PlanAction",
    "PlanActionQuerySet",
    "PlanStatus",
    "PointStatus",
    "Severity",
    "Stage",
    "StageResponse",
]

# The plan's documents: cached PDFs and sign-offs (planning/documents/).
# Discussion on stages and records (planning/discussion.py).
from .comments import EDIT_MINUTES, Comment  # noqa: E402
from .documents import (  # noqa: E402
    ApprovalDecision,
    DocumentBuild,
    DocumentKind,
    PlanApproval,
    PlanApprovalQuerySet,
    RenderedDocument,
)

__all__ += ["Comment", "EDIT_MINUTES"]

# Sign-off asked of named members (planning/sign_off.py).
from .sign_off import SignOff, SignOffDecision, SignOffRequest, SignOffStatus  # noqa: E402

__all__ += ["SignOff", "SignOffDecision", "SignOffRequest", "SignOffStatus"]

__all__ += [
    "ApprovalDecision",
    "DocumentKind",
    "PlanApproval",
    "PlanApprovalQuerySet",
    "DocumentBuild",
    "RenderedDocument",
]

# Who viewed, exported and approved which plan (planning/audit.py writes it).
from .audit import AuditAction, PlanAuditEvent, PlanAuditEventQuerySet  # noqa: E402

__all__ += ["AuditAction", "PlanAuditEvent", "PlanAuditEventQuerySet"]
