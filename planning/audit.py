"""Recording who viewed, exported and approved which plan (`PlanAuditEvent`).

Each function records with at most two queries (a read of the plans, an INSERT), however many
plans it records for. Who it was comes from `request.user` (or a user), already loaded by
then; the plan's organisation from the plan.

What is recorded
----------------
- viewed: the plan overview and the print preview, the two ways of reading the whole plan.
  Not the stage pages and part lists, which are reached from the overview and would bury the
  log. Repeat views of the same page of the same plan by the same person within
  `VIEW_COALESCE_WINDOW` (30 minutes) are one event: reloading or coming back to the overview
  while working on a plan is not news.
- exported: every download (PDF, plan on a page, the PDF an approval froze, each CSV, the
  register CSV, once for each plan in it, and the calendar file), each one an event. Calendar
  subscriptions are fetched by calendar apps every few minutes to hours, so a feed's fetches
  are recorded at most once per plan and person per `FEED_COALESCE_WINDOW` (a day), for
  every active plan the feed carries, as exported by the feed's owner.
- approved: a decision recorded on a version, with the decision in `detail` (written by
  `services.record_approval`, in the same transaction as the approval).
"""

from datetime import timedelta

from django.utils import timezone

from .models import AuditAction, ImplementationPlan, PlanAuditEvent

VIEW_COALESCE_WINDOW = timedelta(minutes=30)
FEED_COALESCE_WINDOW = timedelta(days=1)
DETAIL_MAX = PlanAuditEvent._meta.get_field("detail").max_length


def _now():
    return timezone.now()


def _user_of(request_or_user):
    user = getattr(request_or_user, "user", request_or_user)
    return user if user is not None and user.is_authenticated else None


def _who(user) -> dict:
    if user is None:
        return {"user_id": None, "user_email": "", "user_name": ""}
    return {
        "user_id": user.pk,
        "user_email": user.email,
        "user_name": user.get_full_name()[:300],
    }


def record(request_or_user, plan, action: AuditAction, detail: str = "") -> PlanAuditEvent:
    """Record that the person (a request's user, or a user) did `action` to the plan."""
    return PlanAuditEvent.objects.create(
        organisation_id=plan.organisation_id,
        plan_id=plan.pk,
        action=AuditAction(action),
        detail=detail[:DETAIL_MAX],
        occurred_at=_now(),
        **_who(_user_of(request_or_user)),
    )


def record_for_plans(
    request_or_user, plans, action: AuditAction, detail: str = "", *, coalesce=None
) -> int:
    """Record the same event for every plan of a queryset (one read, one INSERT).

    With `coalesce` (a timedelta), plans for which the same person already has the same
    event (action and detail) that recent are left out. Returns how many were recorded.
    """
    user = _user_of(request_or_user)
    now = _now()
    detail = detail[:DETAIL_MAX]
    rows = plans.order_by().values_list("pk", "organisation_id")
    if coalesce is not None and user is not None:
        recent = PlanAuditEvent.objects.filter(
            user=user, action=action, detail=detail, occurred_at__gte=now - coalesce
        )
        rows = rows.exclude(pk__in=recent.values("plan_id"))
    events = [
        PlanAuditEvent(
            organisation_id=organisation_id,
            plan_id=plan_id,
            action=action,
            detail=detail,
            occurred_at=now,
            **_who(user),
        )
        for plan_id, organisation_id in rows
    ]
    PlanAuditEvent.objects.bulk_create(events, batch_size=1000)
    return len(events)


def record_view(request_or_user, plan, detail: str) -> bool:
    """Record that the person read the plan, unless they already did within the window."""
    plans = ImplementationPlan.objects.filter(pk=plan.pk)
    recorded = record_for_plans(
        request_or_user, plans, AuditAction.VIEWED, detail, coalesce=VIEW_COALESCE_WINDOW
    )
    return recorded > 0


# --- What `detail` says -----------------------------------------------------------------------


def approval_detail(approval) -> str:
    """For example: Approved with conditions by Trust Board (version 4)."""
    return f"{approval.get_decision_display()} by {approval.approver} (version {approval.version})"


def approved_pdf_detail(approval) -> str:
    """The PDF an approval froze, downloaded: Approved PDF (version 4, Approved)."""
    return f"Approved PDF (version {approval.version}, {approval.get_decision_display()})"


def document_detail(label: str, version: int) -> str:
    """For example: PDF (version 4), Plan on a page PDF (version 4)."""
    return f"{label} (version {version})"


def csv_detail(title: str) -> str:
    """For example: CSV: Risk register."""
    return f"CSV: {title}"


OVERVIEW = "Plan overview"
PRINT_PREVIEW = "Print preview"
CALENDAR_FILE = "Calendar (.ics)"
CALENDAR_SUBSCRIPTION = "Calendar subscription"
REGISTER_CSV = csv_detail("Register of new roles")
