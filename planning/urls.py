from django.urls import path

from . import audit_views, export_views, views

app_name = "planning"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path(
        "from-template/<slug:slug>/",
        views.StartFromTemplateView.as_view(),
        name="start_from_template",
    ),
    path("register.csv", views.RegisterCsvView.as_view(), name="register_csv"),
    path("audit/", audit_views.OrganisationAuditLogView.as_view(), name="audit_log"),
    path("<int:plan_pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<int:plan_pk>/details/", views.PlanUpdateView.as_view(), name="plan_update"),
    path("<int:plan_pk>/status/", views.PlanStatusView.as_view(), name="plan_status"),
    path("<int:plan_pk>/archive/", views.PlanArchiveView.as_view(), name="plan_archive"),
    path("<int:plan_pk>/unarchive/", views.PlanUnarchiveView.as_view(), name="plan_unarchive"),
    path("<int:plan_pk>/copy/", views.PlanCopyView.as_view(), name="plan_copy"),
    path("<int:plan_pk>/offer/", views.OfferAsTemplateView.as_view(), name="plan_offer"),
    path("<int:plan_pk>/stages/<slug:stage>/", views.StageView.as_view(), name="stage"),
    path("<int:plan_pk>/history/", views.PlanHistoryView.as_view(), name="plan_history"),
    path("<int:plan_pk>/bin/", views.PlanBinView.as_view(), name="plan_bin"),
    path("<int:plan_pk>/audit/", audit_views.PlanAuditLogView.as_view(), name="plan_audit"),
    path("<int:plan_pk>/actions/new/", views.ActionCreateView.as_view(), name="action_create"),
    path("<int:plan_pk>/actions/<int:pk>/", views.ActionUpdateView.as_view(), name="action_update"),
    path(
        "<int:plan_pk>/actions/<int:pk>/delete/",
        views.ActionDeleteView.as_view(),
        name="action_delete",
    ),
    path("<int:plan_pk>/risks/", views.RiskListView.as_view(), name="risk_list"),
    path("<int:plan_pk>/risks/new/", views.RiskCreateView.as_view(), name="risk_create"),
    path(
        "<int:plan_pk>/risks/from-the-guide/",
        views.GuideRiskSuggestionsView.as_view(),
        name="risk_suggestions",
    ),
    path("<int:plan_pk>/risks/<int:pk>/", views.RiskUpdateView.as_view(), name="risk_update"),
    path(
        "<int:plan_pk>/risks/<int:pk>/delete/", views.RiskDeleteView.as_view(), name="risk_delete"
    ),
    path("<int:plan_pk>/training/", views.TrainingView.as_view(), name="training"),
    path(
        "<int:plan_pk>/training/support/",
        views.SupportArrangementView.as_view(),
        name="support_update",
    ),
    path("<int:plan_pk>/training/new/", views.TrainingCreateView.as_view(), name="training_create"),
    path(
        "<int:plan_pk>/training/<int:pk>/",
        views.TrainingUpdateView.as_view(),
        name="training_update",
    ),
    path(
        "<int:plan_pk>/training/<int:pk>/delete/",
        views.TrainingDeleteView.as_view(),
        name="training_delete",
    ),
    path(
        "<int:plan_pk>/competencies/new/",
        views.CompetencyCreateView.as_view(),
        name="competency_create",
    ),
    path(
        "<int:plan_pk>/competencies/<int:pk>/",
        views.CompetencyUpdateView.as_view(),
        name="competency_update",
    ),
    path(
        "<int:plan_pk>/competencies/<int:pk>/delete/",
        views.CompetencyDeleteView.as_view(),
        name="competency_delete",
    ),
    path("<int:plan_pk>/funding/", views.FundingView.as_view(), name="funding"),
    path("<int:plan_pk>/funding/new/", views.FundingCreateView.as_view(), name="funding_create"),
    path(
        "<int:plan_pk>/funding/assumptions/",
        views.CostAssumptionsView.as_view(),
        name="cost_assumptions",
    ),
    path(
        "<int:plan_pk>/funding/<int:pk>/", views.FundingUpdateView.as_view(), name="funding_update"
    ),
    path(
        "<int:plan_pk>/funding/<int:pk>/delete/",
        views.FundingDeleteView.as_view(),
        name="funding_delete",
    ),
    path("<int:plan_pk>/posts/", views.PostsView.as_view(), name="posts"),
    path("<int:plan_pk>/posts/new/", views.PostCreateView.as_view(), name="post_create"),
    path(
        "<int:plan_pk>/posts/documentation/",
        views.RoleDocumentationView.as_view(),
        name="role_documentation",
    ),
    path("<int:plan_pk>/posts/<int:pk>/", views.PostUpdateView.as_view(), name="post_update"),
    path(
        "<int:plan_pk>/posts/<int:pk>/delete/", views.PostDeleteView.as_view(), name="post_delete"
    ),
    path(
        "<int:plan_pk>/export/calendar.ics",
        export_views.PlanCalendarView.as_view(),
        name="export_calendar",
    ),
    path(
        "<int:plan_pk>/export/<slug:key>.csv",
        export_views.PlanCsvExportView.as_view(),
        name="export_csv",
    ),
]
