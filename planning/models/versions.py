"""How many times each kind of a plan's content has changed: what cached pages key on.

The plan's `version` rises with any change at all, so under everyday editing (a stage saved
here, a stakeholder added there) anything keyed on it is thrown away every few requests. Most
of what a page derives reads only a few kinds of record: the risks panel only risks, the
funding gaps only funding and costs. Keyed on the versions of just those kinds, it survives
changes to everything else (see planning.plan_cache).
"""

from django.db import models
from django.db.models import Q


class PlanContentVersion(models.Model):
    """One kind of a plan's content (a model label, e.g. "governance.stakeholder") and how
    many times it has changed. Raised by `planning.records.bump_plan_version`, in the same
    transaction as the change; a kind never changed has no row (version 0)."""

    plan = models.ForeignKey(
        "planning.ImplementationPlan", on_delete=models.CASCADE, related_name="content_versions"
    )
    kind = models.CharField(max_length=100)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="plan_content_version_unique"),
            models.CheckConstraint(condition=~Q(kind=""), name="plan_content_kind_not_blank"),
        ]

    def __str__(self):
        return f"{self.kind} v{self.version}"
