"""Discussion: comments on a stage of a plan or on one of its records."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..records import PlanPart
from .plans import ImplementationPlan, Stage

EDIT_MINUTES = 15  # an author may correct a comment this long after writing it


class Comment(PlanPart):
    """A comment on a stage (`stage`) or on a record of the plan (`about`, as
    "planning.risk:12"). Kept in the plan's history; binned and restored with its record."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="comments")
    stage = models.CharField(max_length=30, choices=Stage.choices, blank=True, editable=False)
    about = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    text = models.TextField(max_length=5000)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta(PlanPart.Meta):
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(stage__in=Stage.values) & Q(about="")) | (Q(stage="") & ~Q(about="")),
                name="comment_on_a_stage_or_a_record",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty"),
        ]

    def __str__(self):
        return self.text[:60]
