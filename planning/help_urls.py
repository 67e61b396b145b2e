"""The help pages, at /help/ (public: see planning/views/help.py)."""

from django.urls import path

from .views import help

app_name = "help"

urlpatterns = [
    path("", help.HelpIndexView.as_view(), name="index"),
    path("stages/<slug:stage>/", help.StageHelpView.as_view(), name="stage"),
]
