"""The board paper's cover sheet: the form for what only the lead knows, and one presenter
that the page, the print preview and the PDF all read (so they cannot disagree)."""

from django import forms

from newroles.ui.fields import NHSDateField
from newroles.ui.presenters import format_date, format_decimal

from .documents.registry import implications_of
from .forms import EARLIEST_START, LATEST_START, VersionedModelForm
from .models import ApprovalDecision, BoardPaper, PaperPurpose, PaperStatus, PlanApproval

# The cover sheet's free text, each drawn as a three-row textarea.
LONG_TEXT_FIELDS = (
    "board_asked_to",
    "considered_before",
    "strategic_objectives",
    "assurance_framework_risks",
    "quality_implications",
    "equality_implications",
    "workforce_implications",
)
NOT_YET = "Not given yet"
APPROVING = (ApprovalDecision.APPROVED, ApprovalDecision.APPROVED_WITH_CONDITIONS)


def _day(value) -> str:
    return format_date(value) if value else ""


def _date_field(label, subject):
    return NHSDateField(
        label=label,
        subject=subject,
        required=False,
        min_date=EARLIEST_START,
        max_date=LATEST_START,
        help_text="For example, 14 1 2027",
    )


class BoardPaperForm(VersionedModelForm):
    meeting_date = _date_field("Date of the meeting (optional)", "Date of the meeting")
    prepared_on = _date_field("Date prepared (optional)", "Date prepared")
    reviewed_on = _date_field("Date reviewed (optional)", "Date reviewed")

    class Meta:
        model = BoardPaper
        fields = [
            "meeting",
            "meeting_date",
            "purpose",
            "paper_status",
            "executive_lead",
            "author",
            *LONG_TEXT_FIELDS,
            "prepared_by",
            "prepared_on",
            "reviewed_by",
            "reviewed_on",
        ]
        labels = {
            "meeting": "Meeting (optional)",
            "purpose": "Purpose of the paper",
            "paper_status": "Status of the paper",
            "board_asked_to": "The board is asked to (optional)",
            "executive_lead": "Executive lead (optional)",
            "author": "Author (optional)",
            "considered_before": "Previously considered by (optional)",
            "strategic_objectives": "Link to the trust's strategic objectives (optional)",
            "assurance_framework_risks": "Board assurance framework risks (optional)",
            "quality_implications": "Quality implications (optional)",
            "equality_implications": "Equality implications (optional)",
            "workforce_implications": "Workforce implications (optional)",
            "prepared_by": "Prepared by, with their role (optional)",
            "reviewed_by": "Reviewed by, with their role (optional)",
        }
        help_texts = {
            "meeting": "For example, 'Trust Board, public session'.",
            "paper_status": "Once the board approves this version, record the approval: the "
            "paper then says 'Approved'.",
            "board_asked_to": "The decision sought, for example 'approve the introduction of "
            "six nursing associate posts on Ward 7 from September 2027'.",
            "considered_before": "For example, 'People Committee, 3 December 2026'.",
            "quality_implications": "The paper already gives the latest quality impact "
            "assessment recorded in the plan (its date and outcome). Add anything else the "
            "board should know.",
            "equality_implications": "The paper already gives the latest equality impact "
            "assessment recorded in the plan. Add anything else the board should know.",
            "workforce_implications": "The plan's posts, band and WTE are shown with it.",
            "prepared_by": "For example, 'Harriet Rees, HR business partner'.",
            "reviewed_by": "For example, 'Director of Nursing'.",
        }
        widgets = {
            "purpose": forms.RadioSelect,
            "paper_status": forms.RadioSelect,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in LONG_TEXT_FIELDS},
        }
        error_messages = {
            "purpose": {"invalid_choice": "Select the purpose of the paper"},
            "paper_status": {"invalid_choice": "Select the status of the paper"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = PaperPurpose.choices
        self.fields["paper_status"].choices = PaperStatus.choices


class BoardPaperPresenter:
    """The cover sheet as a reader sees it. `details` is the plan's BoardPaper or None; the
    paper's version is its own (Draft, then Approved version 1, 2...), not the plan's change
    counter, which stays in the audit trail."""

    def __init__(self, plan, details, approvals, funding, implications=None):
        self.plan = plan
        # What other parts of the plan say (the impact assessments), by "quality"/"equality".
        self.implications = implications or {}
        self.details = details or BoardPaper(plan=plan)
        # Approving decisions, oldest first: the nth is "Approved version n".
        self.approvals = sorted(
            (a for a in approvals if a.decision in APPROVING), key=lambda a: (a.version, a.pk)
        )
        self.funding = funding

    @classmethod
    def of(cls, plan, funding):
        return cls(
            plan,
            BoardPaper.objects.filter(plan=plan).first(),
            PlanApproval.objects.filter(plan=plan).defer("pdf"),
            funding,
            implications_of(plan),
        )

    @property
    def approval(self):
        """The approval of the plan as it is now, if the board has approved this version."""
        return next((a for a in self.approvals if a.version == self.plan.version), None)

    @property
    def version_label(self) -> str:
        approval = self.approval
        if approval is None:
            return "Draft"
        return f"Approved version {self.approvals.index(approval) + 1}"

    @property
    def status_label(self) -> str:
        approval = self.approval
        if approval is not None:
            return f"{approval.get_decision_display()} by {approval.approver} on " + format_date(
                approval.decided_on
            )
        return self.details.get_paper_status_display()

    @property
    def meeting_label(self) -> str:
        parts = [self.details.meeting.strip(), _day(self.details.meeting_date)]
        return ", ".join(p for p in parts if p) or NOT_YET

    @property
    def financial_implications(self) -> str:
        """From the plan's costs and funding, in a sentence or two."""
        funding = self.funding
        if funding.is_estimated:
            cost = f"The role is estimated to cost {funding.total_cost} over {funding.horizon}"
        else:
            cost = "No costs have been estimated yet"
        if not funding.sources:
            return f"{cost}. No funding has been recorded."
        return f"{cost}, against {funding.total_funding} of funding recorded. " + (
            f"{funding.status.label}."
        )

    @property
    def workforce_implications(self) -> str:
        """The plan's posts (WTE and band), then what the lead adds."""
        plan = self.plan
        band = f"Agenda for Change band {plan.band}" if plan.band else "a band not given yet"
        if plan.planned_wte is not None:
            facts = f"{format_decimal(plan.planned_wte)} WTE planned at {band}."
        else:
            facts = f"Posts at {band}; the WTE is not given yet."
        added = self.details.workforce_implications.strip()
        return " ".join(part for part in (facts, added) if part) or NOT_YET

    def _text(self, name) -> str:
        return getattr(self.details, name).strip() or NOT_YET

    def _implication(self, name) -> str:
        """What the plan's impact assessments say, then what the lead adds."""
        said = [*self.implications.get(name, []), getattr(self.details, f"{name}_implications")]
        return " ".join(part.strip() for part in said if part.strip()) or NOT_YET

    @property
    def rows(self) -> list[tuple[str, str]]:
        """The cover sheet's rows, in the order trust boards' cover sheets give them."""
        d = self.details
        return [
            ("Meeting", self.meeting_label),
            ("Purpose", d.get_purpose_display()),
            ("Status", self.status_label),
            ("Version", self.version_label),
            ("Executive lead", self._text("executive_lead")),
            ("Author", self._text("author")),
            ("The board is asked to", self._text("board_asked_to")),
            ("Previously considered by", self._text("considered_before")),
            ("Link to strategic objectives", self._text("strategic_objectives")),
            ("Board assurance framework risks", self._text("assurance_framework_risks")),
            ("Financial implications", self.financial_implications),
            ("Quality implications", self._implication("quality")),
            ("Equality implications", self._implication("equality")),
            ("Workforce implications", self.workforce_implications),
        ]

    @property
    def sign_off(self) -> list[tuple[str, str, str]]:
        """(step, who, when) for preparing, reviewing and approving the paper."""
        d = self.details
        approval = self.approval
        return [
            ("Prepared", d.prepared_by or NOT_YET, _day(d.prepared_on)),
            ("Reviewed", d.reviewed_by or NOT_YET, _day(d.reviewed_on)),
            (
                "Approved",
                approval.approver if approval else "Not yet approved",
                _day(approval.decided_on) if approval else "",
            ),
        ]
