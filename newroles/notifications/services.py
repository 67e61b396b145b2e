"""Sending an email to a person about their work, once, if they want it.

`notify` is the one way to send: it honours the person's preference for the kind, and sends
at most one email per person, kind, thing (`key`) and day. Which of two workers or hosts
sends it is decided by the database: the `SentNotification` row is inserted first, in a
transaction, and a second insert of the same row fails (or waits for the first to commit and
then fails); the email is sent inside that transaction, so a send that fails rolls the row
back and a later run tries again.
"""

import logging
import zoneinfo
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from newroles.ui.text import one_line

from .models import ABOUT, NotificationKind, NotificationPreference, SentNotification

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "newroles.notifications.unsubscribe"


def today() -> date:
    """Today in the product's time zone (Europe/London), whatever time zone is active."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def absolute_url(url: str) -> str:
    """A path of the site ("/plans/3/") as an address that works from an email."""
    if url.startswith(("https://", "http://")):
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


# --- Preferences ---------------------------------------------------------------------------


def wants(*, user, kind) -> bool:
    """Whether the person gets emails of this kind (yes unless they turned it off)."""
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return preference is None or preference.enabled


def enabled_kinds(*, user) -> set[str]:
    turned_off = set(
        NotificationPreference.objects.filter(user=user, enabled=False).values_list(
            "kind", flat=True
        )
    )
    return set(NotificationKind.values) - turned_off


@transaction.atomic
def set_preference(*, user, kind, enabled: bool) -> None:
    NotificationPreference.objects.update_or_create(
        user=user, kind=NotificationKind(kind), defaults={"enabled": enabled}
    )


@transaction.atomic
def set_preferences(*, user, enabled_kinds) -> None:
    """Every kind on or off at once, as the preferences page sends them."""
    enabled_kinds = set(enabled_kinds)
    for kind in NotificationKind.values:
        set_preference(user=user, kind=kind, enabled=kind in enabled_kinds)


# --- Unsubscribe links ----------------------------------------------------------------------


def unsubscribe_token(*, user, kind) -> str:
    """A signed token naming the person and the kind: the unsubscribe link's credential, so
    that it works without signing in (and from a mail client's one-click POST)."""
    return signing.dumps({"user": user.pk, "kind": str(kind)}, salt=UNSUBSCRIBE_SALT)


class InvalidUnsubscribeToken(Exception):
    pass


def read_unsubscribe_token(token: str) -> tuple[int, NotificationKind]:
    """(user pk, kind) from a token made by `unsubscribe_token`; raises
    InvalidUnsubscribeToken for anything else (tampered, made with another key, truncated)."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(value["user"]), NotificationKind(value["kind"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidUnsubscribeToken from error


def unsubscribe_url(*, user, kind) -> str:
    token = unsubscribe_token(user=user, kind=kind)
    return absolute_url(reverse("notifications:unsubscribe", args=[token]))


# --- Sending --------------------------------------------------------------------------------


def notify(
    *, user, kind, key: str, subject: str, template: str, context: dict, url: str, day=None
) -> bool:
    """Email `user` about `key` (what it is about, e.g. "planning.planaction:12"), unless they
    turned `kind` off or were sent this kind about this key on `day` (default: today in
    Europe/London) already. True if this call sent it.

    The email has a plain text and an HTML part, from templates/notifications/email/
    <template>.txt and .html, which get `context` and `user`, `kind`, `link` (`url` made
    absolute with SITE_URL), `unsubscribe_link` and `about` (what the kind's emails are about).
    An error while sending is raised, and nothing is recorded, so a later call sends it.
    From a request, call it once the request's changes are committed:
    `transaction.on_commit(partial(notify, ...), robust=True)`.
    """
    kind = NotificationKind(kind)
    if not user.is_active or not user.email or not wants(user=user, kind=kind):
        return False
    day = day or today()
    unsubscribe = unsubscribe_url(user=user, kind=kind)
    full_context = {
        **context,
        "user": user,
        "kind": kind,
        "about": ABOUT[kind],
        "link": absolute_url(url),
        "unsubscribe_link": unsubscribe,
        "preferences_link": absolute_url(reverse("notifications:preferences")),
    }
    message = EmailMultiAlternatives(
        # On one line: a line break in a subject is refused (BadHeaderError).
        subject=one_line(subject),
        body=render_to_string(f"notifications/email/{template}.txt", full_context),
        from_email=None,
        to=[user.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients offer "Unsubscribe", which POSTs to the link.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # RFC 3834: no out-of-office replies to a machine.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}.html", full_context), "text/html"
    )
    try:
        with transaction.atomic():
            SentNotification.objects.create(user=user, kind=kind, key=key, day=day)
            # Inside the transaction: if sending fails, the row goes with it.
            message.send()
    except IntegrityError:
        logger.debug("%s about %s to user %s on %s was sent already", kind, key, user.pk, day)
        return False
    return True
