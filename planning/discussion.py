"""Discussion on a stage of a plan or on one of its records: comments with their author and
time, which the author may correct for EDIT_MINUTES; members mentioned are emailed."""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from . import notices, records
from .models import EDIT_MINUTES, Comment


def can_edit(comment: Comment, user, *, now=None) -> bool:
    now = now or timezone.now()
    return comment.author_id == user.pk and now - comment.created_at <= timedelta(
        minutes=EDIT_MINUTES
    )


def record_named(plan, about: str):
    """The live record of `plan` that "app.model:pk" names, or None."""
    label, _, pk = about.partition(":")
    try:
        model = apps.get_model(label)
        pk = int(pk)
    except (LookupError, ValueError):
        return None
    if not issubclass(model, records.PlanPart) or model is Comment:
        return None
    return model.objects.filter(plan=plan, pk=pk).first()


@dataclass
class Discussion:
    comments: list
    stage: str = ""
    about: str = ""

    @classmethod
    def of(cls, plan, *, stage: str = "", about: str = "") -> "Discussion":
        return cls(
            list(
                Comment.objects.filter(plan=plan, stage=stage, about=about).select_related("author")
            ),
            stage,
            about,
        )

    def editable_by(self, user) -> set[int]:
        now = timezone.now()
        return {c.pk for c in self.comments if can_edit(c, user, now=now)}


@transaction.atomic
def add_comment(*, plan, author, text: str, stage: str = "", about: str = "", mentions=(), url):
    comment = records.create_part(
        Comment(plan=plan, author=author, text=text.strip(), stage=stage, about=about)
    )
    comment.mentions.set(mentions)
    for member in mentions:
        notices.tell_mentioned(comment, member, url=url)
    return comment
