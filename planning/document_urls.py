"""URLs of the plan's documents (PDF, print preview, approvals). Included under plans/."""

from django.urls import path

from .views import documents as views

urlpatterns = [
    path("document/plan.pdf", views.PlanPdfView.as_view(), name="pdf"),
    path("document/summary.pdf", views.SummaryPdfView.as_view(), name="summary_pdf"),
    path("document/preview/", views.PreviewView.as_view(), name="preview"),
    path("document/board-paper/", views.BoardPaperView.as_view(), name="board_paper"),
    path("approvals/", views.ApprovalListView.as_view(), name="approvals"),
    path("approvals/new/", views.ApprovalCreateView.as_view(), name="approval_create"),
    path("approvals/<int:pk>/plan.pdf", views.ApprovalPdfView.as_view(), name="approval_pdf"),
]
