"""URLs of the plan's documents (PDF, Word, their builds, print preview, approvals).
Included under plans/."""

from django.urls import path

from .views import documents as views
from .views import sign_off

urlpatterns = [
    path("document/plan.pdf", views.PlanPdfView.as_view(), name="pdf"),
    path("document/summary.pdf", views.SummaryPdfView.as_view(), name="summary_pdf"),
    path("document/board-paper.docx", views.WordView.as_view(), name="word"),
    path("document/builds/<str:task_id>/", views.BuildProgressView.as_view(), name="build"),
    path("document/preview/", views.PreviewView.as_view(), name="preview"),
    path("document/board-paper/", views.BoardPaperView.as_view(), name="board_paper"),
    path("approvals/", views.ApprovalListView.as_view(), name="approvals"),
    path("approvals/new/", views.ApprovalCreateView.as_view(), name="approval_create"),
    path("approvals/<int:pk>/plan.pdf", views.ApprovalPdfView.as_view(), name="approval_pdf"),
    path(
        "approvals/sign-off/new/",
        sign_off.SignOffRequestCreateView.as_view(),
        name="sign_off_request",
    ),
    path("approvals/sign-off/<int:pk>/", sign_off.SignOffView.as_view(), name="sign_off"),
]
