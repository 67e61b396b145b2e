from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("", views.LibraryView.as_view(), name="library"),
    path("propose/", views.ProposeCaseStudyView.as_view(), name="propose_case_study"),
    path("<slug:slug>/", views.CaseStudyDetailView.as_view(), name="case_study"),
]
