from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("", views.LibraryView.as_view(), name="library"),
    path("propose/", views.ProposeCaseStudyView.as_view(), name="propose_case_study"),
    path("templates/", views.RoleTemplateListView.as_view(), name="template_list"),
    path("templates/<slug:slug>/", views.RoleTemplateDetailView.as_view(), name="template"),
    path("<slug:slug>/", views.CaseStudyDetailView.as_view(), name="case_study"),
]
