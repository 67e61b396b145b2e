"""URLs of the plan's documents (PDF, print preview, approvals). Included under plans/."""

from django.urls import path  # noqa: F401

urlpatterns = []
