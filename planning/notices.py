"""What planning emails people about (through newroles.notifications): work assigned to
them, sign-off asked of them and its outcome; and what it gives the daily and weekly
reminders (`reminders_for`). Every email is sent once the change that causes it is
committed, so a change rolled back tells nobody."""

from functools import partial

from django.db import transaction
from django.urls import reverse

from newroles.accounts.models import Organisation
from newroles.notifications.models import NotificationKind
from newroles.notifications.reminders import Reminder
from newroles.notifications.services import notify

from . import home, records
from .models import ImplementationPlan, SignOffDecision, SignOffRequest, SignOffStatus


def _later(**kwargs) -> None:
    transaction.on_commit(partial(notify, **kwargs), robust=True)


def reminders_for(user, *, today) -> list[Reminder]:
    """Everything open `user` owns in the live plans of every organisation they belong to."""
    plans = ImplementationPlan.objects.filter(
        organisation__in=Organisation.objects.filter(memberships__user=user)
    ).active()
    return [
        Reminder(
            key=work.key,
            title=work.title,
            plan_title=work.plan_title,
            due_date=work.due,
            url=work.path,
        )
        for work in home.owned_work(user, plans)
    ]


def tell_new_owner(record, *, by) -> None:
    """`record` has just been given to a member (not the one who gave it): tell them."""
    owner = record.owner_member
    if owner is None or owner == by:
        return
    kind = record._meta.verbose_name
    a = "an" if kind[:1] in "aeiou" else "a"
    _later(
        user=owner,
        kind=NotificationKind.ASSIGNED,
        key=records.record_key(record),
        subject=f"You own {a} {kind} in {record.plan.title}",
        template="item",
        context={
            "heading": f"{by.display_name if by else 'Someone'} made you the owner of {a} {kind}.",
            "title": str(record),
            "plan_title": record.plan.title,
            "due_date": getattr(record, "due_date", None),
        },
        url=reverse("planning:my_work"),
    )


def tell_approvers(request: SignOffRequest) -> None:
    asker = request.requested_by.display_name if request.requested_by else "A lead"
    for sign_off in request.sign_offs.exclude(approver=request.requested_by).select_related(
        "approver"
    ):
        _later(
            user=sign_off.approver,
            kind=NotificationKind.SIGNOFF_REQUEST,
            key=f"planning.signoffrequest:{request.pk}",
            subject=f"Sign-off asked of you: {request.plan.title}, version {request.version}",
            template="item",
            context={
                "heading": f"{asker} asks you to sign off version {request.version} of a plan.",
                "title": request.plan.title,
                "detail": request.message,
            },
            url=reverse("documents:sign_off", args=[request.plan_id, request.pk]),
        )


def tell_requester(request: SignOffRequest) -> None:
    if request.requested_by is None:
        return
    if request.status == SignOffStatus.APPROVED:
        heading = f"Version {request.version} is signed off by everyone you asked."
    else:
        back = request.sign_offs.filter(decision=SignOffDecision.SENT_BACK).select_related(
            "approver"
        )
        heading = f"Version {request.version} was sent back: " + "; ".join(
            f"{s.approver.display_name}: {s.comment}" for s in back
        )
    _later(
        user=request.requested_by,
        kind=NotificationKind.SIGNOFF_OUTCOME,
        key=f"planning.signoffrequest:{request.pk}",
        subject=f"Sign-off {request.get_status_display().lower()}: {request.plan.title}",
        template="item",
        context={"heading": heading, "title": request.plan.title},
        url=reverse("documents:sign_off", args=[request.plan_id, request.pk]),
    )


def tell_mentioned(comment, member, *, url: str) -> None:
    """A member mentioned in a comment is told (not its author)."""
    if member == comment.author:
        return
    who = comment.author.display_name if comment.author else "Someone"
    _later(
        user=member,
        kind=NotificationKind.MENTION,
        key=records.record_key(comment),
        subject=f"{who} mentioned you in {comment.plan.title}",
        template="item",
        context={
            "heading": f"{who} mentioned you in a comment.",
            "title": comment.plan.title,
            "detail": comment.text,
        },
        url=url,
    )
