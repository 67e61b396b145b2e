"""What a board paper needs that the plan itself cannot know: the meeting, who leads and wrote
it, what the board is asked to decide, and the trust's own strategy and assurance links."""

from django.db import models
from django.db.models import Q

from ..records import PlanPart
from .plans import ImplementationPlan


class PaperPurpose(models.TextChoices):
    APPROVAL = "approval", "For approval"
    ASSURANCE = "assurance", "For assurance"
    INFORMATION = "information", "For information"


class PaperStatus(models.TextChoices):
    # "Approved" is not chosen here: it is read from the approvals of the plan's version.
    DRAFT = "draft", "Draft for discussion"
    FOR_APPROVAL = "for_approval", "Final, for approval"


class BoardPaper(PlanPart):
    """The cover sheet of the plan's board paper (one per plan; every field may wait)."""

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="board_papers"
    )
    meeting = models.CharField(max_length=200, blank=True)
    meeting_date = models.DateField("date of the meeting", null=True, blank=True)
    executive_lead = models.CharField(max_length=200, blank=True)
    author = models.CharField("author", max_length=200, blank=True)
    purpose = models.CharField(
        max_length=12, choices=PaperPurpose.choices, default=PaperPurpose.APPROVAL
    )
    paper_status = models.CharField(
        "status of the paper", max_length=12, choices=PaperStatus.choices, default="draft"
    )
    board_asked_to = models.TextField("the board is asked to", blank=True)
    considered_before = models.TextField("previously considered by", blank=True)
    strategic_objectives = models.TextField("link to strategic objectives", blank=True)
    assurance_framework_risks = models.TextField("board assurance framework risks", blank=True)
    quality_implications = models.TextField(blank=True)
    equality_implications = models.TextField(blank=True)
    workforce_implications = models.TextField(blank=True)
    prepared_by = models.CharField(max_length=200, blank=True)
    prepared_on = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=200, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "board paper details"
        verbose_name_plural = "board paper details"
        constraints = [
            models.UniqueConstraint(fields=["plan"], name="board_paper_one_per_plan"),
            models.CheckConstraint(
                condition=Q(purpose__in=PaperPurpose.values), name="board_paper_purpose_valid"
            ),
            models.CheckConstraint(
                condition=Q(paper_status__in=PaperStatus.values),
                name="board_paper_status_valid",
            ),
        ]

    def __str__(self):
        return "Board paper details"
