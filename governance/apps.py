from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Stakeholders, communication, governance arrangements and scope of practice."""

    name = "governance"
    verbose_name = "Governance and stakeholders"
