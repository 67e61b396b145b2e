"""Included under plans/<plan_pk>/ by the root URLconf."""

from django.urls import path

from . import views

app_name = "governance"


def part_urls(prefix, name, create, update, delete):
    """Add, change and delete (to the bin) for one kind of record."""
    return [
        path(f"{prefix}/new/", create.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", update.as_view(), name=f"{name}_update"),
        path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"),
    ]


urlpatterns = [
    path("stakeholders/", views.StakeholderListView.as_view(), name="stakeholder_list"),
    *part_urls(
        "stakeholders",
        "stakeholder",
        views.StakeholderCreateView,
        views.StakeholderUpdateView,
        views.StakeholderDeleteView,
    ),
    path("communication/", views.CommunicationListView.as_view(), name="communication_list"),
    *part_urls(
        "communication",
        "communication",
        views.CommunicationCreateView,
        views.CommunicationUpdateView,
        views.CommunicationDeleteView,
    ),
    path("governance/", views.GovernanceView.as_view(), name="governance"),
    path("governance/arrangements/", views.ArrangementView.as_view(), name="arrangement_update"),
    *part_urls(
        "governance/scope",
        "scope",
        views.ScopeCreateView,
        views.ScopeUpdateView,
        views.ScopeDeleteView,
    ),
    *part_urls(
        "governance/impact-assessments",
        "assessment",
        views.AssessmentCreateView,
        views.AssessmentUpdateView,
        views.AssessmentDeleteView,
    ),
    *part_urls(
        "governance/policies",
        "policy",
        views.PolicyCreateView,
        views.PolicyUpdateView,
        views.PolicyDeleteView,
    ),
]
