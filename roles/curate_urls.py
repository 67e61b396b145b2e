"""The curators' pages, under /curate/ (roles/curate_views.py)."""

from django.urls import path

from . import curate_views as views

app_name = "curate"

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("case-studies/<int:pk>/", views.CaseStudyReviewView.as_view(), name="case_study"),
    path(
        "case-studies/<int:pk>/publish/",
        views.CaseStudyPublishView.as_view(),
        name="case_study_publish",
    ),
    path(
        "case-studies/<int:pk>/send-back/",
        views.CaseStudySendBackView.as_view(),
        name="case_study_send_back",
    ),
    path(
        "case-studies/<int:pk>/retire/",
        views.CaseStudyRetireView.as_view(),
        name="case_study_retire",
    ),
    path("templates/<int:pk>/", views.TemplateReviewView.as_view(), name="template"),
    path(
        "templates/<int:pk>/publish/", views.TemplatePublishView.as_view(), name="template_publish"
    ),
    path(
        "templates/<int:pk>/send-back/",
        views.TemplateSendBackView.as_view(),
        name="template_send_back",
    ),
    path("templates/<int:pk>/retire/", views.TemplateRetireView.as_view(), name="template_retire"),
]
