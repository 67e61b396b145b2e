"""notify: one multipart email per person, kind, thing and day, through a real SMTP server."""

import smtplib
from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from newroles.notifications import services
from newroles.notifications.models import NotificationKind, SentNotification
from tests.factories import UserFactory

from .conftest import SITE_URL

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 2)


def assigned(user, *, key="planning.planaction:12", day=DAY, title="Agree the rota", **extra):
    return services.notify(
        user=user,
        kind=NotificationKind.ASSIGNED,
        key=key,
        subject=f"Assigned to you: {title}",
        template="item",
        context={
            "heading": "Something is assigned to you",
            "title": title,
            "plan_title": "Peer support workers",
        },
        url="/plans/3/actions/12/",
        day=day,
        **extra,
    )


def test_one_multipart_email_with_links_back_and_a_one_click_unsubscribe(smtp):
    person = UserFactory(email="alex.smith@example.nhs.uk")
    assert assigned(person) is True
    (received,) = smtp.received
    assert received.subject == "Assigned to you: Agree the rota"
    assert received["From"] == "NewRoles <no-reply@newroles.example.nhs.uk>"
    assert received["To"] == "alex.smith@example.nhs.uk"
    assert received.rcpt_tos == ["alex.smith@example.nhs.uk"]
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["Auto-Submitted"] == "auto-generated"
    unsubscribe = received.unsubscribe_link
    assert unsubscribe.startswith(f"{SITE_URL}/accounts/notifications/unsubscribe/")
    assert received.message.get_content_type() == "multipart/alternative"
    for part in (received.text, received.html):
        assert "Agree the rota" in part
        assert "Peer support workers" in part
        assert f"{SITE_URL}/plans/3/actions/12/" in part
        assert f"{SITE_URL}/accounts/notifications/" in part
    assert unsubscribe in received.text
    assert unsubscribe in received.links()
    assert f"{SITE_URL}/plans/3/actions/12/" in received.links()
    sent = SentNotification.objects.get()
    assert (sent.user, sent.kind, sent.key, sent.day) == (
        person,
        NotificationKind.ASSIGNED,
        "planning.planaction:12",
        DAY,
    )


def test_the_same_thing_is_sent_once_a_day(smtp):
    person = UserFactory()
    assert assigned(person) is True
    assert assigned(person) is False  # the same thing, the same day
    assert assigned(person, key="planning.planaction:13") is True  # another thing
    assert assigned(person, day=date(2027, 3, 3)) is True  # the next day
    assert len(smtp.received) == 3
    assert SentNotification.objects.count() == 3


def test_what_another_worker_sent_already_is_skipped(smtp):
    """Two workers at once, as the database sees them: the other's row is in first (its
    transaction committed), so this one's insert is refused and it sends nothing."""
    person = UserFactory()
    with transaction.atomic():  # the other worker
        SentNotification.objects.create(
            user=person, kind=NotificationKind.ASSIGNED, key="planning.planaction:12", day=DAY
        )
    assert assigned(person) is False
    assert smtp.received == []
    # The refused insert leaves the caller's transaction usable (a savepoint).
    assert SentNotification.objects.filter(user=person).count() == 1


def test_the_database_refuses_a_second_row_for_the_same_thing_and_day():
    person = UserFactory()
    row = {"user": person, "kind": NotificationKind.OVERDUE, "key": "digest", "day": DAY}
    SentNotification.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        SentNotification.objects.create(**row)


def test_an_unknown_kind_is_refused_by_the_database():
    person = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SentNotification.objects.create(user=person, kind="carrier_pigeon", key="x", day=DAY)


def test_a_send_that_fails_records_nothing_so_a_later_run_sends_it(smtp):
    person = UserFactory()
    smtp.refuse = True
    with pytest.raises(smtplib.SMTPException):
        assigned(person)
    assert not SentNotification.objects.exists()
    smtp.refuse = False
    assert assigned(person) is True
    assert len(smtp.received) == 1
    assert SentNotification.objects.count() == 1


def test_a_kind_turned_off_is_not_sent_and_others_still_are(smtp):
    person = UserFactory()
    services.set_preference(user=person, kind=NotificationKind.ASSIGNED, enabled=False)
    assert assigned(person) is False
    assert not SentNotification.objects.exists()
    sent = services.notify(
        user=person,
        kind=NotificationKind.MENTION,
        key="planning.comment:4",
        subject="You are mentioned",
        template="item",
        context={"heading": "You are mentioned", "title": "A comment"},
        url="/plans/3/",
        day=DAY,
    )
    assert sent is True
    assert [r.subject for r in smtp.received] == ["You are mentioned"]
    services.set_preference(user=person, kind=NotificationKind.ASSIGNED, enabled=True)
    assert assigned(person) is True


def test_no_row_means_every_kind_is_on():
    person = UserFactory()
    assert services.enabled_kinds(user=person) == set(NotificationKind.values)
    assert all(services.wants(user=person, kind=kind) for kind in NotificationKind)


def test_a_person_whose_account_is_closed_gets_nothing(smtp):
    person = UserFactory(is_active=False)
    assert assigned(person) is False
    assert smtp.received == []


def test_text_from_people_is_escaped_in_the_html_part_and_on_one_line_in_the_text(smtp):
    person = UserFactory()
    title = '<script>alert("x")</script> & <b>bold</b>\nSecond line'
    assert assigned(person, title=title) is True
    (received,) = smtp.received
    assert "<script>" not in received.html and "<b>bold" not in received.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold" in received.html
    # Plain text is not HTML: shown as typed, on one line (no line of its own to mislead).
    assert '<script>alert("x")</script> & <b>bold</b> Second line' in received.text
    assert "\nSecond line" not in received.text
    # A subject is one line: a line break in a header is refused.
    assert (
        received.subject == 'Assigned to you: <script>alert("x")</script> & <b>bold</b> Second line'
    )


def test_today_is_the_day_in_london_whatever_the_time_in_utc(monkeypatch):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    monkeypatch.setattr(timezone, "now", lambda: datetime(2027, 6, 30, 23, 30, tzinfo=UTC))
    assert services.today() == date(2027, 7, 1)
    with timezone.override("America/New_York"):
        assert services.today() == date(2027, 7, 1)


def test_links_are_made_absolute_with_the_site_url(settings):
    settings.SITE_URL = "https://newroles.example.nhs.uk/"
    assert services.absolute_url("/plans/3/") == "https://newroles.example.nhs.uk/plans/3/"
    assert services.absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"
