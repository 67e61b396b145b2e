"""The plan's documents: the PDF, the plan on a page, the Word file and their builds, the
print preview, and approvals."""

from datetime import date

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import FormView, TemplateView

from newroles.accounts.permissions import Action, can
from newroles.ui.fields import NHSDateField
from newroles.ui.forms import ModelForm
from newroles.ui.mixins import CreateOnceMixin

from .. import audit, documents, exports, services
from ..board_paper import BoardPaperForm
from ..documents import builds, word
from ..mixins import PlanMixin
from ..models import (
    ApprovalDecision,
    AuditAction,
    BoardPaper,
    DocumentKind,
    PlanApproval,
    SignOffRequest,
)
from .parts import PartSingletonView

EARLIEST_DECISION = date(2000, 1, 1)

# The preview is a document, not a page of the site: no scripts, nothing from elsewhere.
PREVIEW_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


def document_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    return document_response(content, filename, "application/pdf")


def _filename(plan, suffix: str, extension: str = ".pdf") -> str:
    return exports.file_name(plan.title, f"-{suffix}{extension}")


class PlanPdfView(PlanMixin, View):
    """The implementation plan as a PDF: at once when this version was built before, else
    built by the task worker while the person follows its progress (`BuildProgressView`)."""

    required_action = Action.EXPORT
    kind = DocumentKind.FULL
    suffix = "implementation-plan"
    extension = ".pdf"
    content_type = "application/pdf"
    audit_label = "PDF"

    def get(self, request, *args, **kwargs):
        requested = builds.request_document(self.plan, self.kind)
        if requested.document is None:
            return redirect("documents:build", self.plan.pk, requested.task_id)
        document = requested.document
        detail = audit.document_detail(self.audit_label, document.version)
        audit.record(request, self.plan, AuditAction.EXPORTED, detail)
        return document_response(
            document.content,
            _filename(self.plan, f"{self.suffix}-v{document.version}", self.extension),
            self.content_type,
        )


class SummaryPdfView(PlanPdfView):
    """The plan on a page."""

    kind = DocumentKind.SUMMARY
    suffix = "plan-on-a-page"
    audit_label = "Plan on a page PDF"


class WordView(PlanPdfView):
    """The implementation plan as a Word file, for HR to edit before the board."""

    kind = DocumentKind.WORD
    suffix = "board-paper"
    extension = ".docx"
    content_type = word.WORD_CONTENT_TYPE
    audit_label = "Word file"


DOWNLOADS = {
    DocumentKind.FULL: ("documents:pdf", "Implementation plan (PDF)"),
    DocumentKind.SUMMARY: ("documents:summary_pdf", "Plan on a page (PDF)"),
    DocumentKind.WORD: ("documents:word", "Implementation plan (Word)"),
}


class BuildProgressView(PlanMixin, TemplateView):
    """How a document's build is going: refreshes itself without JavaScript, updates in
    place with it (static/js/document-build.js), and offers the download when it is ready or
    another try when it failed."""

    template_name = "planning/documents/build_progress.html"
    required_action = Action.EXPORT

    def progress(self):
        progress = builds.BuildProgress.of(self.kwargs["task_id"], self.plan.pk)
        if progress is None:
            raise Http404("No such document build for this plan.")
        return progress

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        progress = self.progress()
        url_name, label = DOWNLOADS[progress.kind]
        context.update(
            progress=progress,
            download_url=reverse(url_name, args=[self.plan.pk]),
            document_label=label,
            download_label=f"Download the {label[0].lower()}{label[1:]}",
            page_title=label,
            refresh_seconds=2,
        )
        return context

    def post(self, request, *args, **kwargs):
        """Try again: a new build (or the document, if it was stored meanwhile)."""
        progress = self.progress()
        if not progress.can_retry:
            return redirect("documents:build", self.plan.pk, self.kwargs["task_id"])
        requested = builds.request_document(
            self.plan, progress.kind, retrying=self.kwargs["task_id"]
        )
        if requested.document is not None:
            return redirect(DOWNLOADS[progress.kind][0], self.plan.pk)
        return redirect("documents:build", self.plan.pk, requested.task_id)


class PreviewView(PlanMixin, View):
    """The same document as the PDF, as HTML in the browser (everyone who can read plans)."""

    required_action = Action.VIEW

    def get(self, request, *args, **kwargs):
        audit.record_view(request, self.plan, audit.PRINT_PREVIEW)
        html = documents.document_html(
            self.plan,
            preview=True,
            extra_context={"can_export": can(self.membership, Action.EXPORT)},
        )
        response = HttpResponse(html)
        response["Content-Security-Policy"] = PREVIEW_CSP
        response["Cache-Control"] = "private, no-store"
        return response


class BoardPaperView(PartSingletonView):
    """What the board paper's cover sheet needs that the plan cannot know."""

    model = BoardPaper
    form_class = BoardPaperForm
    template_name = "planning/board_paper_form.html"
    success_anchor = "#documents"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = "Board paper details"
        context["submit_label"] = "Save the details"
        return context


class ApprovalListView(PlanMixin, TemplateView):
    template_name = "planning/approvals.html"
    required_action = Action.VIEW

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["approvals"] = list(PlanApproval.objects.filter(plan=self.plan).for_list())
        context["sign_off_requests"] = [
            (request, request.plan.version != request.version and request.status == "open")
            for request in SignOffRequest.objects.filter(plan=self.plan)
            .select_related("plan", "requested_by")
            .prefetch_related("sign_offs__approver")
        ]
        context["page_title"] = "Approvals"
        return context


class ApprovalForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decided_on = NHSDateField(
        label="Date of the decision",
        subject="Date of the decision",
        help_text="For example, 15 3 2027",
        error_messages={"required": "Enter the date of the decision"},
    )

    class Meta:
        model = PlanApproval
        fields = ["approver", "decided_on", "decision", "notes"]
        widgets = {"decision": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "approver": {
                "required": "Enter who made the decision",
                "max_length": "Approving body or person must be 200 characters or fewer",
            },
            "decision": {
                "required": "Select the decision",
                "invalid_choice": "Select the decision",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = ApprovalDecision.choices
        # A decision already taken: not before the service existed, not in the future.
        self.fields["decided_on"].min_date = EARLIEST_DECISION
        self.fields["decided_on"].max_date = timezone.localdate()

    def clean_approver(self):
        approver = self.cleaned_data["approver"].strip()
        if not approver:
            raise forms.ValidationError("Enter who made the decision")
        return approver

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == ApprovalDecision.APPROVED_WITH_CONDITIONS
            and not (cleaned.get("notes") or "").strip()
        ):
            self.add_error("notes", "Enter the conditions of the approval")
        return cleaned


class ApprovalCreateView(PlanMixin, CreateOnceMixin, FormView):
    """A lead records a decision on the current version; its PDF is frozen with it."""

    template_name = "planning/documents/approval_form.html"
    form_class = ApprovalForm
    required_action = Action.MANAGE_PLAN

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            ("Approvals", reverse("documents:approvals", args=[self.plan.pk])),
        ]

    def get_initial(self):
        return {"version": self.plan.version}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            approval = services.record_approval(
                plan=self.plan,
                version=data["version"],
                approver=data["approver"],
                decided_on=data["decided_on"],
                decision=data["decision"],
                notes=data["notes"],
                user=self.request.user,
            )
        except documents.VersionChanged as changed:
            form.add_error(
                None,
                f"The plan has changed since you opened this page: it is now version "
                f"{changed.current_version}. Check the latest version, then record the decision "
                "again.",
            )
            form.data = form.data.copy()
            form.data["version"] = changed.current_version
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Decision recorded for version {approval.version}. Its PDF is kept as it is now.",
        )
        return redirect("documents:approvals", self.plan.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = "Record an approval"
        context["submit_label"] = "Record the decision"
        context["cancel_url"] = reverse("documents:approvals", args=[self.plan.pk])
        return context


class ApprovalPdfView(PlanMixin, View):
    """The PDF a decision was made on, byte for byte as it was stored."""

    required_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        approval = get_object_or_404(PlanApproval.objects.filter(plan=self.plan), pk=kwargs["pk"])
        audit.record(request, self.plan, AuditAction.EXPORTED, audit.approved_pdf_detail(approval))
        response = pdf_response(
            bytes(approval.pdf),
            _filename(self.plan, f"v{approval.version}-{approval.decision.replace('_', '-')}"),
        )
        response["ETag"] = f'"{approval.pdf_sha256}"'
        return response
