from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("evaluation/", views.MonitoringView.as_view(), name="monitoring"),
    path("evaluation/objectives/", views.ObjectiveListView.as_view(), name="objective_list"),
    path(
        "evaluation/objectives/new/", views.ObjectiveCreateView.as_view(), name="objective_create"
    ),
    path(
        "evaluation/objectives/<int:pk>/",
        views.ObjectiveUpdateView.as_view(),
        name="objective_update",
    ),
    path(
        "evaluation/objectives/<int:pk>/delete/",
        views.ObjectiveDeleteView.as_view(),
        name="objective_delete",
    ),
    path("evaluation/logic-model/", views.LogicModelView.as_view(), name="logic_model"),
    path("evaluation/metrics/new/", views.MetricCreateView.as_view(), name="metric_create"),
    path("evaluation/metrics/<int:pk>/", views.MetricDetailView.as_view(), name="metric_detail"),
    path(
        "evaluation/metrics/<int:pk>/measure/",
        views.MetricMeasureView.as_view(),
        name="metric_measure",
    ),
    path(
        "evaluation/metrics/<int:pk>/change/",
        views.MetricUpdateView.as_view(),
        name="metric_update",
    ),
    path(
        "evaluation/metrics/<int:pk>/delete/",
        views.MetricDeleteView.as_view(),
        name="metric_delete",
    ),
    path("evaluation/checkpoints/", views.CheckpointListView.as_view(), name="checkpoint_list"),
    path(
        "evaluation/checkpoints/new/",
        views.CheckpointCreateView.as_view(),
        name="checkpoint_create",
    ),
    path(
        "evaluation/checkpoints/<int:pk>/",
        views.CheckpointUpdateView.as_view(),
        name="checkpoint_update",
    ),
    path(
        "evaluation/checkpoints/<int:pk>/delete/",
        views.CheckpointDeleteView.as_view(),
        name="checkpoint_delete",
    ),
    path(
        "evaluation/checkpoints/<int:pk>/measurements/",
        views.MeasurementsView.as_view(),
        name="measurements",
    ),
]
