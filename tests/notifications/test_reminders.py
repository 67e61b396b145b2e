"""The daily "overdue" email and the weekly "due soon" digest, from registered sources."""

import threading
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from newroles.notifications import reminders, services
from newroles.notifications.models import NotificationKind, SentNotification
from newroles.notifications.reminders import Reminder, send_reminders, send_reminders_task
from tests.factories import UserFactory

from .conftest import SITE_URL

pytestmark = pytest.mark.django_db

MONDAY = date(2027, 3, 1)
TUESDAY = MONDAY + timedelta(days=1)
assert MONDAY.weekday() == 0


def work(today):
    """What a person has: one thing overdue, one due today, one in 7 days, one in 8, one
    undated."""

    def due(n, title, plan, days):
        when = None if days is None else today + timedelta(days)
        return Reminder(f"planning.planaction:{n}", title, plan, when, f"/plans/{n}/a/{n}/")

    return [
        due(1, "Agree the rota", "Peer support", -1),
        due(2, "Book the room", "Peer support", 0),
        due(3, "Write the JD", "Care navigators", 7),
        due(4, "Later", "Care navigators", 8),
        due(5, "Some day", "Care navigators", None),
    ]


@pytest.fixture
def people(source):
    """Two people with work, and the source that says what it is."""
    alex = UserFactory(email="alex@example.nhs.uk")
    sam = UserFactory(email="sam@example.nhs.uk")
    UserFactory(email="closed@example.nhs.uk", is_active=False)
    idle = UserFactory(email="idle@example.nhs.uk")
    asked = []

    @source
    def planning_work(user, *, today):
        asked.append(user.email)
        return [] if user == idle else work(today)

    return {"alex": alex, "sam": sam, "idle": idle, "asked": asked}


def test_on_a_monday_the_overdue_email_and_the_weekly_digest(smtp, people):
    sent = send_reminders(today=MONDAY)
    assert (sent.overdue, sent.due_soon, sent.failed) == (2, 2, 0)
    mine = smtp.to("alex@example.nhs.uk")
    subjects = sorted(r.subject for r in mine)
    assert subjects == [
        "NewRoles: 1 thing is overdue",
        "NewRoles: 2 things due in the next 7 days",
    ]
    overdue = next(r for r in mine if "overdue" in r.subject)
    assert "Agree the rota" in overdue.text and "Book the room" not in overdue.text
    assert f"{SITE_URL}/plans/1/a/1/" in overdue.links()
    assert "Due: 28 February 2027" in overdue.text
    digest = next(r for r in mine if "next 7 days" in r.subject)
    for title in ("Book the room", "Write the JD"):  # today and a week today
        assert title in digest.text and title in digest.html
    for title in ("Agree the rota", "Later", "Some day"):
        assert title not in digest.text
    assert "/notifications/unsubscribe/" in digest.unsubscribe_link
    assert (
        services.read_unsubscribe_token(digest.unsubscribe_link.rstrip("/").rsplit("/")[-1])[1]
        == NotificationKind.DUE_SOON
    )
    assert smtp.to("closed@example.nhs.uk") == [] and smtp.to("idle@example.nhs.uk") == []
    assert "closed@example.nhs.uk" not in people["asked"]


def test_the_weekly_digest_goes_on_mondays_only(smtp, people):
    for day in (TUESDAY + timedelta(n) for n in range(6)):
        assert day.weekday() != 0
        sent = send_reminders(today=day)
        assert sent.due_soon == 0
        assert sent.overdue == 2
    assert not SentNotification.objects.filter(kind=NotificationKind.DUE_SOON).exists()
    assert send_reminders(today=MONDAY + timedelta(7)).due_soon == 2


def test_each_email_goes_once_a_day_however_often_it_runs(smtp, people):
    first = send_reminders(today=MONDAY)
    again = send_reminders(today=MONDAY)
    assert (first.overdue, first.due_soon) == (2, 2)
    assert (again.overdue, again.due_soon, again.skipped) == (0, 0, 4)
    assert len(smtp.received) == 4
    # The next day the overdue email goes again (the digest waits for Monday).
    tuesday = send_reminders(today=TUESDAY)
    assert (tuesday.overdue, tuesday.due_soon) == (2, 0)


def test_a_run_that_another_worker_already_made_sends_nothing(smtp, people):
    """Two workers at once, as the database sees them: the other one's rows are committed
    first, so every insert of this one is refused and nothing is sent twice."""
    for person in (people["alex"], people["sam"]):
        for kind in (NotificationKind.OVERDUE, NotificationKind.DUE_SOON):
            SentNotification.objects.create(user=person, kind=kind, key="digest", day=MONDAY)
    sent = send_reminders(today=MONDAY)
    assert (sent.overdue, sent.due_soon, sent.skipped) == (0, 0, 4)
    assert smtp.received == []


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite (the embedded default) refuses a second writer at once in its test "
    "database; production's PostgreSQL runs this test (the race is simulated above)",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_send_each_email_once(smtp, people):
    """Two runs in two threads, each on its own connection, started together; the mail
    server is slow, so each holds its transaction while sending and the other's insert of
    the same row waits for it, then is refused."""
    smtp.delay = 0.2
    started, results, errors = threading.Barrier(2), [], []

    def run():
        try:
            started.wait()
            results.append(send_reminders(today=MONDAY))
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.overdue for r in results) == 2
    assert sum(r.due_soon for r in results) == 2
    assert sum(r.failed for r in results) == 0
    assert len(smtp.received) == 4
    assert sorted(r.subject for r in smtp.to("alex@example.nhs.uk")) == [
        "NewRoles: 1 thing is overdue",
        "NewRoles: 2 things due in the next 7 days",
    ]
    assert SentNotification.objects.count() == 4


def test_kinds_turned_off_are_not_sent_and_sources_are_not_asked_for_nothing(smtp, people):
    alex = people["alex"]
    services.set_preference(user=alex, kind=NotificationKind.DUE_SOON, enabled=False)
    send_reminders(today=MONDAY)
    assert [r.subject for r in smtp.to("alex@example.nhs.uk")] == ["NewRoles: 1 thing is overdue"]
    services.set_preference(user=alex, kind=NotificationKind.OVERDUE, enabled=False)
    people["asked"].clear()
    send_reminders(today=TUESDAY)
    assert "alex@example.nhs.uk" not in people["asked"]


def test_one_persons_failure_does_not_stop_the_others_and_is_sent_later(smtp, source):
    alex = UserFactory(email="alex@example.nhs.uk")
    UserFactory(email="sam@example.nhs.uk")

    @source
    def flaky(user, *, today):
        if user == alex and not flaky.mended:
            raise RuntimeError("the source failed")
        return work(today)

    flaky.mended = False
    sent = send_reminders(today=TUESDAY)
    assert (sent.overdue, sent.failed) == (1, 1)
    assert "RuntimeError" in sent.errors[0]
    assert smtp.to("alex@example.nhs.uk") == []
    flaky.mended = True
    sent = send_reminders(today=TUESDAY)
    assert (sent.overdue, sent.skipped, sent.failed) == (1, 1, 0)
    assert len(smtp.to("alex@example.nhs.uk")) == 1


def test_a_mail_server_that_refuses_fails_the_run_and_the_next_run_sends(smtp, people):
    smtp.refuse = True
    sent = send_reminders(today=TUESDAY)
    assert (sent.overdue, sent.failed) == (0, 2)
    assert not SentNotification.objects.exists()
    smtp.refuse = False
    assert send_reminders(today=TUESDAY).overdue == 2


def test_sources_are_merged_and_registered_once(smtp, people, source):
    @source
    def same_again(user, *, today):
        scope = Reminder("governance.item:9", "Sign off scope", "Peer", today - timedelta(3), "/g/")
        return work(today)[:1] + [scope]

    reminders.register_reminder_source(same_again)
    assert reminders.reminder_sources().count(same_again) == 1
    found = reminders.reminders_for(people["alex"], today=MONDAY)
    assert [r.key for r in found][:2] == ["governance.item:9", "planning.planaction:1"]
    assert len(found) == 6


def test_the_command_sends_and_prints_what_it_did(smtp, people, capsys):
    call_command("send_reminders", "--date", MONDAY.isoformat())
    out = capsys.readouterr().out
    assert "3 people: 2 overdue emails and 2 weekly digests sent, 0 skipped" in out
    assert len(smtp.received) == 4
    call_command("send_reminders", "--date", MONDAY.isoformat())
    assert "0 overdue emails and 0 weekly digests sent, 4 skipped" in capsys.readouterr().out


def test_the_command_refuses_a_date_it_cannot_read():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "1/3/2027")


def test_the_command_runs_for_today_in_london_by_default(smtp, people, monkeypatch, capsys):
    monkeypatch.setattr(services, "today", lambda: TUESDAY)
    call_command("send_reminders")
    assert SentNotification.objects.filter(day=TUESDAY).count() == 2


def test_the_task_runs_the_same_for_the_worker(smtp, people):
    # The tests' task backend runs a task at once (tests/conftest.py).
    result = send_reminders_task.enqueue(MONDAY.isoformat())
    assert "2 overdue emails and 2 weekly digests sent" in result.return_value
    assert len(smtp.received) == 4


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_the_command_queues_the_run_for_the_worker(smtp, people, task_worker, capsys):
    call_command("send_reminders", "--date", MONDAY.isoformat(), "--enqueue")
    assert "Queued for the task worker" in capsys.readouterr().out
    assert smtp.received == []
    task_worker()
    assert len(smtp.received) == 4


def test_what_was_sent_is_kept_for_90_days(smtp, people):
    old = SentNotification.objects.create(
        user=people["alex"], kind="overdue", key="digest", day=TUESDAY - timedelta(91)
    )
    kept = SentNotification.objects.create(
        user=people["alex"], kind="overdue", key="digest", day=TUESDAY - timedelta(90)
    )
    send_reminders(today=TUESDAY)
    assert not SentNotification.objects.filter(pk=old.pk).exists()
    assert SentNotification.objects.filter(pk=kept.pk).exists()
