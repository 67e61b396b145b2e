from django.apps import AppConfig


class UiConfig(AppConfig):
    """Shared presentation: the NHS.UK crispy-forms template pack, widgets and presenters."""

    name = "newroles.ui"
    label = "ui"
    verbose_name = "User interface"
