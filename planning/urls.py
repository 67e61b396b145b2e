from django.urls import path

from .views import (
    actions,
    audit,
    discussion,
    exports,
    funding,
    gaps,
    history,
    home,
    need,
    owners,
    plans,
    posts,
    register,
    risks,
    stages,
    training,
)

app_name = "planning"

urlpatterns = [
    path("", plans.PlanListView.as_view(), name="plan_list"),
    path("new/", plans.PlanCreateView.as_view(), name="plan_create"),
    path("register/", register.RegisterView.as_view(), name="register"),
    path("my-work/", home.MyWorkView.as_view(), name="my_work"),
    path("owners/", owners.OwnerMatchView.as_view(), name="owner_matches"),
    path(
        "from-template/<slug:slug>/",
        plans.StartFromTemplateView.as_view(),
        name="start_from_template",
    ),
    path("register.csv", register.RegisterCsvView.as_view(), name="register_csv"),
    path("audit/", audit.OrganisationAuditLogView.as_view(), name="audit_log"),
    path("<int:plan_pk>/", plans.PlanDetailView.as_view(), name="plan_detail"),
    path("<int:plan_pk>/gaps/", gaps.PlanGapsView.as_view(), name="plan_gaps"),
    path("<int:plan_pk>/details/", plans.PlanUpdateView.as_view(), name="plan_update"),
    path("<int:plan_pk>/status/", plans.PlanStatusView.as_view(), name="plan_status"),
    path("<int:plan_pk>/archive/", plans.PlanArchiveView.as_view(), name="plan_archive"),
    path("<int:plan_pk>/unarchive/", plans.PlanUnarchiveView.as_view(), name="plan_unarchive"),
    path("<int:plan_pk>/copy/", plans.PlanCopyView.as_view(), name="plan_copy"),
    path("<int:plan_pk>/offer/", plans.OfferAsTemplateView.as_view(), name="plan_offer"),
    path("<int:plan_pk>/stages/<slug:stage>/", stages.StageView.as_view(), name="stage"),
    path("<int:plan_pk>/history/", history.PlanHistoryView.as_view(), name="plan_history"),
    path("<int:plan_pk>/bin/", plans.PlanBinView.as_view(), name="plan_bin"),
    path("<int:plan_pk>/audit/", audit.PlanAuditLogView.as_view(), name="plan_audit"),
    path("<int:plan_pk>/actions/new/", actions.ActionCreateView.as_view(), name="action_create"),
    path(
        "<int:plan_pk>/actions/<int:pk>/", actions.ActionUpdateView.as_view(), name="action_update"
    ),
    path(
        "<int:plan_pk>/actions/<int:pk>/delete/",
        actions.ActionDeleteView.as_view(),
        name="action_delete",
    ),
    path("<int:plan_pk>/need/", need.NeedAnalysisView.as_view(), name="need_analysis"),
    path(
        "<int:plan_pk>/stages/<slug:stage>/discussion/",
        discussion.StageDiscussionView.as_view(),
        name="stage_discussion",
    ),
    path(
        "<int:plan_pk>/records/<str:kind>/<int:pk>/discussion/",
        discussion.RecordDiscussionView.as_view(),
        name="record_discussion",
    ),
    path(
        "<int:plan_pk>/comments/<int:pk>/",
        discussion.CommentUpdateView.as_view(),
        name="comment_update",
    ),
    path("<int:plan_pk>/need/options/new/", need.OptionCreateView.as_view(), name="option_create"),
    path(
        "<int:plan_pk>/need/options/<int:pk>/",
        need.OptionUpdateView.as_view(),
        name="option_update",
    ),
    path(
        "<int:plan_pk>/need/options/<int:pk>/delete/",
        need.OptionDeleteView.as_view(),
        name="option_delete",
    ),
    path(
        "<int:plan_pk>/need/skill-mix/new/",
        need.SkillMixLineCreateView.as_view(),
        name="skill_mix_create",
    ),
    path(
        "<int:plan_pk>/need/skill-mix/<int:pk>/",
        need.SkillMixLineUpdateView.as_view(),
        name="skill_mix_update",
    ),
    path(
        "<int:plan_pk>/need/skill-mix/<int:pk>/delete/",
        need.SkillMixLineDeleteView.as_view(),
        name="skill_mix_delete",
    ),
    path("<int:plan_pk>/risks/", risks.RiskListView.as_view(), name="risk_list"),
    path("<int:plan_pk>/risks/new/", risks.RiskCreateView.as_view(), name="risk_create"),
    path(
        "<int:plan_pk>/risks/from-the-guide/",
        risks.GuideRiskSuggestionsView.as_view(),
        name="risk_suggestions",
    ),
    path("<int:plan_pk>/risks/<int:pk>/", risks.RiskUpdateView.as_view(), name="risk_update"),
    path(
        "<int:plan_pk>/risks/<int:pk>/delete/", risks.RiskDeleteView.as_view(), name="risk_delete"
    ),
    path("<int:plan_pk>/training/", training.TrainingView.as_view(), name="training"),
    path(
        "<int:plan_pk>/training/support/",
        training.SupportArrangementView.as_view(),
        name="support_update",
    ),
    path(
        "<int:plan_pk>/training/new/", training.TrainingCreateView.as_view(), name="training_create"
    ),
    path(
        "<int:plan_pk>/training/<int:pk>/",
        training.TrainingUpdateView.as_view(),
        name="training_update",
    ),
    path(
        "<int:plan_pk>/training/<int:pk>/delete/",
        training.TrainingDeleteView.as_view(),
        name="training_delete",
    ),
    path(
        "<int:plan_pk>/competencies/new/",
        training.CompetencyCreateView.as_view(),
        name="competency_create",
    ),
    path(
        "<int:plan_pk>/competencies/<int:pk>/",
        training.CompetencyUpdateView.as_view(),
        name="competency_update",
    ),
    path(
        "<int:plan_pk>/competencies/<int:pk>/delete/",
        training.CompetencyDeleteView.as_view(),
        name="competency_delete",
    ),
    path("<int:plan_pk>/funding/", funding.FundingView.as_view(), name="funding"),
    path("<int:plan_pk>/funding/new/", funding.FundingCreateView.as_view(), name="funding_create"),
    path(
        "<int:plan_pk>/funding/assumptions/",
        funding.CostAssumptionsView.as_view(),
        name="cost_assumptions",
    ),
    path(
        "<int:plan_pk>/funding/<int:pk>/",
        funding.FundingUpdateView.as_view(),
        name="funding_update",
    ),
    path(
        "<int:plan_pk>/funding/<int:pk>/delete/",
        funding.FundingDeleteView.as_view(),
        name="funding_delete",
    ),
    path("<int:plan_pk>/posts/", posts.PostsView.as_view(), name="posts"),
    path("<int:plan_pk>/posts/new/", posts.PostCreateView.as_view(), name="post_create"),
    path(
        "<int:plan_pk>/posts/documentation/",
        posts.RoleDocumentationView.as_view(),
        name="role_documentation",
    ),
    path("<int:plan_pk>/posts/<int:pk>/", posts.PostUpdateView.as_view(), name="post_update"),
    path(
        "<int:plan_pk>/posts/<int:pk>/delete/", posts.PostDeleteView.as_view(), name="post_delete"
    ),
    path(
        "<int:plan_pk>/export/calendar.ics",
        exports.PlanCalendarView.as_view(),
        name="export_calendar",
    ),
    path(
        "<int:plan_pk>/export/<slug:key>.csv",
        exports.PlanCsvExportView.as_view(),
        name="export_csv",
    ),
]
