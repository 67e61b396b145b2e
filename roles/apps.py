from django.apps import AppConfig


class RolesConfig(AppConfig):
    """Reference data: role categories, kinds of skill-mix change, the role catalogue."""

    name = "roles"
    verbose_name = "Roles and reference data"
