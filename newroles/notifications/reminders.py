"""The daily and weekly reminder emails, from what other apps say is due.

An app registers a source in its `AppConfig.ready()`:

    from newroles.notifications.reminders import Reminder, register_reminder_source

    def reminders_for(user, *, today) -> list[Reminder]: ...

    register_reminder_source(reminders_for)

`send_reminders(today=...)` (run daily by `manage.py send_reminders` or the task
`send_reminders_task`) asks every source about every active person, and sends

- the daily "overdue" email: what was due before today;
- on Mondays (Europe/London), the weekly "due soon" digest: what is due from today to a week
  today.

Each goes at most once a day to a person (`key="digest"`; see services.notify), however many
workers or hosts run it at once, and not at all to someone who turned the kind off.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from . import services
from .models import NotificationKind, SentNotification

logger = logging.getLogger(__name__)

DIGEST_KEY = "digest"
DUE_SOON_DAYS = 7
# What was sent is kept this long (a record for support questions); only today's rows are
# needed to send once.
KEEP_SENT_DAYS = 90
MONDAY = 0


@dataclass(frozen=True)
class Reminder:
    """One thing a person is to do, as the reminder emails list it."""

    key: str  # what it is, e.g. "planning.planaction:12"
    title: str
    plan_title: str
    due_date: date | None
    url: str  # the page where it is done, a path ("/plans/3/actions/12/") or an address


ReminderSource = Callable[..., list[Reminder]]

_sources: list[ReminderSource] = []


def register_reminder_source(fn: ReminderSource) -> ReminderSource:
    """Add `fn(user, *, today) -> list[Reminder]` to what the reminders ask. Registering the
    same function twice (ready() may run more than once in tests) adds it once. Returns `fn`,
    so it works as a decorator."""
    if fn not in _sources:
        _sources.append(fn)
    return fn


def unregister_reminder_source(fn: ReminderSource) -> None:
    if fn in _sources:
        _sources.remove(fn)


def reminder_sources() -> list[ReminderSource]:
    return list(_sources)


def reminders_for(user, *, today: date) -> list[Reminder]:
    """Every source's reminders for the person, each thing once, soonest first."""
    found: dict[str, Reminder] = {}
    for source in _sources:
        for reminder in source(user, today=today):
            found.setdefault(reminder.key, reminder)
    return sorted(found.values(), key=lambda r: (r.due_date or date.max, r.plan_title, r.title))


def overdue(reminders, *, today: date) -> list[Reminder]:
    return [r for r in reminders if r.due_date is not None and r.due_date < today]


def due_soon(reminders, *, today: date) -> list[Reminder]:
    end = today + timedelta(days=DUE_SOON_DAYS)
    return [r for r in reminders if r.due_date is not None and today <= r.due_date <= end]


@dataclass
class Sent:
    """What a run did, for the command's report."""

    overdue: int = 0
    due_soon: int = 0
    skipped: int = 0  # sent already today, or turned off
    failed: int = 0
    people: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.people} people: {self.overdue} overdue emails and {self.due_soon} weekly "
            f"digests sent, {self.skipped} skipped (sent already today or turned off), "
            f"{self.failed} failed"
        )


def _digest(*, user, kind, reminders, today, subject, heading) -> bool:
    items = [
        {
            "title": r.title,
            "plan_title": r.plan_title,
            "due_date": r.due_date,
            "link": services.absolute_url(r.url),
        }
        for r in reminders
    ]
    return services.notify(
        user=user,
        kind=kind,
        key=DIGEST_KEY,
        subject=subject,
        template="digest",
        context={"items": items, "today": today, "heading": heading},
        url=reverse("home"),
        day=today,
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def send_reminders_to(user, *, today: date, sent: Sent) -> None:
    kinds = services.enabled_kinds(user=user)
    weekly = today.weekday() == MONDAY and NotificationKind.DUE_SOON in kinds
    if NotificationKind.OVERDUE not in kinds and not weekly:
        return  # neither email is wanted today: the sources are not asked
    reminders = reminders_for(user, today=today)
    late = overdue(reminders, today=today) if NotificationKind.OVERDUE in kinds else []
    soon = due_soon(reminders, today=today) if weekly else []
    if late:
        if _digest(
            user=user,
            kind=NotificationKind.OVERDUE,
            reminders=late,
            today=today,
            subject=f"NewRoles: {_count(len(late), 'thing is', 'things are')} overdue",
            heading=f"{_count(len(late), 'thing is', 'things are')} overdue",
        ):
            sent.overdue += 1
        else:
            sent.skipped += 1
    if soon:
        if _digest(
            user=user,
            kind=NotificationKind.DUE_SOON,
            reminders=soon,
            today=today,
            subject=f"NewRoles: {_count(len(soon), 'thing', 'things')} due in the next 7 days",
            heading=f"{_count(len(soon), 'thing', 'things')} due in the next 7 days",
        ):
            sent.due_soon += 1
        else:
            sent.skipped += 1


def send_reminders(*, today: date | None = None) -> Sent:
    """The day's reminder emails to every active person (see the module's docstring). A
    failure for one person (a source's error, the mail server refusing) is logged and counted,
    and the others still get theirs; the failed ones are sent by the next run that day."""
    today = today or services.today()
    sent = Sent()
    people = get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk")
    for user in people.iterator():
        sent.people += 1
        try:
            send_reminders_to(user, today=today, sent=sent)
        except Exception as error:  # one person's failure must not stop the others'
            logger.exception("Reminders to user %s failed", user.pk)
            sent.failed += 1
            sent.errors.append(f"user {user.pk}: {error!r}")
    with transaction.atomic():
        SentNotification.objects.filter(day__lt=today - timedelta(days=KEEP_SENT_DAYS)).delete()
    return sent


@task()
def send_reminders_task(day: str | None = None) -> str:
    """send_reminders for the task worker (`manage.py db_worker`); `day` is an ISO date
    (default: today in Europe/London). Returns the run's report."""
    return str(send_reminders(today=date.fromisoformat(day) if day else None))
