"""Sign-off, asked for. A lead asks named members to sign off the plan's current version;
each reads the board paper of that version and approves it or sends it back with a comment.
When every one has approved, the version is approved and its PDF frozen as any approval
(`services.record_approval`). A change to the plan after the request puts the request out of
date: nobody can sign off a version that is no longer the plan's."""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import notices, services
from .models import (
    ApprovalDecision,
    ImplementationPlan,
    SignOff,
    SignOffDecision,
    SignOffRequest,
    SignOffStatus,
)


class SignOffRefused(Exception):
    """The sign-off cannot be given: the message says why, for the person giving it."""


def is_out_of_date(request: SignOffRequest) -> bool:
    return request.status == SignOffStatus.OPEN and request.plan.version != request.version


@transaction.atomic
def request_sign_off(*, plan, approvers, message: str, user) -> SignOffRequest:
    # The version as it is now in the database (a plan object in hand may be older).
    version = ImplementationPlan.objects.values_list("version", flat=True).get(pk=plan.pk)
    request = SignOffRequest.objects.create(
        plan=plan, version=version, message=message.strip(), requested_by=user
    )
    SignOff.objects.bulk_create(SignOff(request=request, approver=a) for a in approvers)
    notices.tell_approvers(request)  # once committed
    return request


@transaction.atomic
def respond(*, sign_off: SignOff, user, decision: str, comment: str) -> SignOffRequest:
    """Record `user`'s decision. Raises SignOffRefused when it cannot be given."""
    request = SignOffRequest.objects.select_for_update().get(pk=sign_off.request_id)
    sign_off = SignOff.objects.select_for_update().get(pk=sign_off.pk)
    if sign_off.approver_id != user.pk:
        raise SignOffRefused("Only the person asked can give this sign-off.")
    if request.status != SignOffStatus.OPEN:
        raise SignOffRefused(f"This request is closed: {request.get_status_display().lower()}.")
    plan = ImplementationPlan.objects.select_for_update().get(pk=request.plan_id)
    if plan.version != request.version:
        raise SignOffRefused(
            f"The plan has changed since sign-off was asked for: it is now version "
            f"{plan.version}, not {request.version}. Ask the lead to request sign-off again."
        )
    if sign_off.decision != SignOffDecision.WAITING:
        raise SignOffRefused("You have already responded to this request.")
    sign_off.decision, sign_off.comment = decision, comment.strip()
    sign_off.decided_at = timezone.now()
    sign_off.save()
    if decision == SignOffDecision.SENT_BACK:
        request.status = SignOffStatus.SENT_BACK
        request.save(update_fields=["status"])
    elif not request.sign_offs.exclude(decision=SignOffDecision.APPROVED).exists():
        signed = list(request.sign_offs.select_related("approver"))
        names = ", ".join(s.approver.display_name for s in signed)
        request.approval = services.record_approval(
            plan=plan,
            version=request.version,
            approver=names[:200],
            decided_on=timezone.localdate(),
            decision=ApprovalDecision.APPROVED,
            notes="Signed off in NewRoles by "
            + "; ".join(
                f"{s.approver.display_name}" + (f" ({s.comment})" if s.comment else "")
                for s in signed
            ),
            user=request.requested_by or user,
        )
        request.status = SignOffStatus.APPROVED
        request.save(update_fields=["status", "approval"])
    if request.status != SignOffStatus.OPEN:
        notices.tell_requester(request)  # once committed
    return request


@dataclass(frozen=True)
class AskedOfMe:
    request: SignOffRequest
    sign_off: SignOff

    @property
    def out_of_date(self) -> bool:
        return is_out_of_date(self.request)

    @property
    def url(self) -> str:
        return reverse("documents:sign_off", args=[self.request.plan_id, self.request.pk])


def asked_of(user, organisation) -> list[AskedOfMe]:
    """Open requests waiting for `user`'s sign-off in the organisation's plans (one query)."""
    return [
        AskedOfMe(s.request, s)
        for s in SignOff.objects.filter(
            approver=user,
            decision=SignOffDecision.WAITING,
            request__status=SignOffStatus.OPEN,
            request__plan__organisation=organisation,
            request__plan__archived_at__isnull=True,
        )
        .select_related("request__plan", "request__requested_by")
        .order_by("request__created_at")
    ]
