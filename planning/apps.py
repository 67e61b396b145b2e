from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Implementation plans and the guided workflow through the HEE cycle."""

    name = "planning"
    verbose_name = "Implementation plans"
