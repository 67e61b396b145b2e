from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from roles.models import AgendaForChangeBand

from ..records import PlanPart
from .plans import ImplementationPlan


class PostStatus(models.TextChoices):
    VACANT = "vacant", "Funded, vacant"
    RECRUITING = "recruiting", "Recruiting"
    OFFER_MADE = "offer_made", "Offer made"
    IN_POST = "in_post", "In post"
    LEFT = "left", "Postholder left"


VACANT_STATUSES = {PostStatus.VACANT, PostStatus.RECRUITING, PostStatus.OFFER_MADE}


class Post(PlanPart):
    """A post the plan creates, and where recruitment to it stands."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=200, help_text="For example, Peer support worker 1.")
    wte = models.DecimalField(
        "whole-time equivalent",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(1.5)],
        help_text="For one post, usually 1.0 or less.",
    )
    status = models.CharField(max_length=12, choices=PostStatus.choices, default=PostStatus.VACANT)
    recruited_date = models.DateField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    leaving_date = models.DateField(null=True, blank=True)
    # For a regulated role: the postholder's registration, and when someone last checked it
    # on the regulator's register (a check more than a year old is a gap).
    registration_number = models.CharField(max_length=40, blank=True)
    registration_checked_on = models.DateField(
        "date the registration was last checked", null=True, blank=True
    )

    class Meta(PlanPart.Meta):
        ordering = ["title", "pk"]
        verbose_name = "post"
        constraints = [
            models.CheckConstraint(condition=Q(wte__gt=0, wte__lte=1.5), name="post_wte_range"),
            models.CheckConstraint(
                condition=Q(status__in=PostStatus.values), name="post_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(leaving_date__isnull=True)
                | Q(leaving_date__gte=F("start_date")),
                name="post_leaves_after_start",
            ),
        ]

    def __str__(self):
        return self.title


class DocumentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFTING = "drafting", "Drafting"
    APPROVED = "approved", "Approved"


class RoleDocumentation(PlanPart):
    """The job description, person specification and banding outcome (one per plan)."""

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.CASCADE, related_name="role_documentation"
    )
    job_description_status = models.CharField(
        max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.NOT_STARTED
    )
    job_description_link = models.URLField(blank=True)
    person_specification_status = models.CharField(
        max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.NOT_STARTED
    )
    person_specification_link = models.URLField(blank=True)
    banding_outcome = models.CharField(
        "band agreed by the banding panel",
        max_length=3,
        choices=AgendaForChangeBand.choices,
        blank=True,
    )
    banding_date = models.DateField("date of the banding panel", null=True, blank=True)
    banding_notes = models.TextField(blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = "job description and banding"
        verbose_name_plural = "job descriptions and banding"
        constraints = [
            models.UniqueConstraint(fields=["plan"], name="role_documentation_one_per_plan"),
            models.CheckConstraint(
                condition=Q(job_description_status__in=DocumentStatus.values)
                & Q(person_specification_status__in=DocumentStatus.values),
                name="role_documentation_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(banding_outcome="") | Q(banding_outcome__in=AgendaForChangeBand.values),
                name="role_documentation_band_valid",
            ),
        ]

    def __str__(self):
        return "Job description and banding"
