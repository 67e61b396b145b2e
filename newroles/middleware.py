"""Protections for people who share a computer, as NHS staff often do.

- Nothing a signed-in person sees is kept in the browser's cache (`Cache-Control: no-store`),
  so the next person cannot bring it back with Back or from the disk cache.
- A session ends after a spell without activity and, in any case, some hours after signing in.
- Every response denies the powerful browser features the product never uses.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control

# Powerful features the product never uses are denied to every page and anything it embeds;
# full screen stays available to our own pages (the browser's PDF viewer offers it).
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "autoplay=()",
        "browsing-topics=()",
        "camera=()",
        "display-capture=()",
        "encrypted-media=()",
        "fullscreen=(self)",
        "geolocation=()",
        "gyroscope=()",
        "hid=()",
        "idle-detection=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "picture-in-picture=()",
        "publickey-credentials-get=()",
        "screen-wake-lock=()",
        "serial=()",
        "usb=()",
        "xr-spatial-tracking=()",
    ]
)


class SecurityHeadersMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in person, and the
    `Permissions-Policy` on every response (Django has no setting for it).

    Pages for visitors who are not signed in (the start page, the accessibility statement)
    hold nothing personal and may be cached; the sign-in and password pages already say
    no-store (Django's views are `never_cache`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Asked after the view, so the response to signing in is covered too.
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# Session keys: when the person signed in, and when they were last seen (seconds since epoch).
SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
# Last-seen is written at most this often. Django's own idle expiry
# (SESSION_SAVE_EVERY_REQUEST) would write the session row on every request; this writes it at
# most once a minute per person, and measures idleness to within that minute.
TOUCH_EVERY_SECONDS = 60


def in_words(minutes: int) -> str:
    """ "8 hours", "1 hour", "90 minutes"."""
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'' if hours == 1 else 's'}"
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


class SessionLimits:
    """The session limits in words, read from the settings when a page shows them."""

    @property
    def idle(self) -> str:
        return in_words(settings.SESSION_IDLE_MINUTES)

    @property
    def maximum(self) -> str:
        return in_words(settings.SESSION_MAX_HOURS * 60)


class SessionTimeoutMiddleware:
    """Sign a person out after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS
    after they signed in however active they were, saying why on the sign-in page.

    Runs before the current organisation is read, so a request that ends the session is
    handled as a visitor's from then on (a page that needs signing in sends them to sign in).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.time()
        if request.user.is_authenticated:
            reason = self.expired(request.session, now)
            if reason:
                logout(request)
                messages.info(request, reason)
            elif now - request.session.get(LAST_SEEN_AT, 0) >= TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN_AT] = now
        response = self.get_response(request)
        # A person who has just signed in (or a session from before these limits) starts now.
        if request.user.is_authenticated and SIGNED_IN_AT not in request.session:
            request.session[SIGNED_IN_AT] = now
            request.session[LAST_SEEN_AT] = now
        return response

    @staticmethod
    def expired(session, now) -> str | None:
        signed_in_at = session.get(SIGNED_IN_AT)
        if signed_in_at is None:
            return None
        limits = SessionLimits()
        if now - signed_in_at >= settings.SESSION_MAX_HOURS * 3600:
            return (
                f"You were signed out because you signed in more than {limits.maximum} ago. "
                "Sign in again to continue."
            )
        if now - session.get(LAST_SEEN_AT, signed_in_at) >= settings.SESSION_IDLE_MINUTES * 60:
            return (
                f"You were signed out after {limits.idle} without activity. "
                "Sign in again to continue."
            )
        return None
