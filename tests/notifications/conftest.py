"""A real SMTP server for the notification emails: aiosmtpd on 127.0.0.1, in a thread."""

import email
import email.policy
import re
import socket
import threading
import time
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

from newroles.notifications import reminders

SITE_URL = "https://newroles.example.nhs.uk"


@dataclass
class Received:
    """One message as it arrived: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: email.message.EmailMessage

    def __getitem__(self, header):
        return self.message[header]

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(preferencelist=("html",)).get_content()

    @property
    def unsubscribe_link(self) -> str:
        # Folded onto a line of its own when long (RFC 5322): unfolded, it starts with a space.
        return re.fullmatch(r"<(.+)>", str(self.message["List-Unsubscribe"]).strip())[1]

    def links(self) -> list[str]:
        return re.findall(r'href="([^"]+)"', self.html)


@dataclass
class Inbox:
    """The SMTP server's handler: keeps every message; `refuse` makes it refuse them (as a
    mail server that is down would), `delay` makes it slow to accept."""

    received: list[Received] = field(default_factory=list)
    refuse: bool = False
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)  # holds the sender in its transaction, as a slow server does
        if self.refuse:
            return "554 Transaction failed: refused for the test"
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """An SMTP server on a free port of 127.0.0.1, and Django sending to it through its SMTP
    backend, as production does; yields the Inbox of what arrived."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "NewRoles <no-reply@newroles.example.nhs.uk>"
    settings.SITE_URL = SITE_URL
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def source():
    """source(fn) registers fn as a reminder source for the test."""
    added = []

    def register(fn):
        reminders.register_reminder_source(fn)
        added.append(fn)
        return fn

    yield register
    for fn in added:
        reminders.unregister_reminder_source(fn)
