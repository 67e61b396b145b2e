from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Objectives, metrics and evaluation checkpoints."""

    name = "evaluation"
    verbose_name = "Monitoring and evaluation"
