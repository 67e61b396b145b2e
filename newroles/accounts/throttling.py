"""Limits on guessing passwords and on password reset emails.

Sign-in failures are django-axes' records in the database, shared by every worker and host.
Axes locks an account at one address (``AXES_FAILURE_LIMIT``); ``SignInAttemptHandler`` also
locks an address that fails on many accounts (``SIGN_IN_FAILURES_PER_ADDRESS``). Requests for
reset emails are rows of ``PasswordResetRequest``, also shared. Both use the client's address
as axes finds it, behind the proxy too (see ``PROXY_COUNT`` in the settings).
"""

import hashlib
from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from .models import PasswordResetRequest

RESET_WINDOW_SECONDS = 60 * 60


class SignInAttemptHandler(AxesDatabaseHandler):
    """Axes' database handler, which also locks an address that has failed too often across
    accounts. Axes has one failure limit for all its lockout parameters, so it cannot lock an
    account at an address after five failures and the address alone after twenty."""

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or address_is_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and address_is_locked(request):
            # As axes does when it locks out: AxesMiddleware answers with the lockout page.
            request.axes_locked_out = True
            request.axes_credentials = credentials


def address_is_locked(request):
    failures = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= settings.SIGN_IN_FAILURES_PER_ADDRESS


def clear_sign_in_failures(*, user):
    """A new password ends any lockout of the account, wherever it was locked from."""
    reset(username=user.get_username())


@transaction.atomic
def may_send_password_reset(request, email):
    """Records a request for a reset email to ``email``; False once the client's address or
    the account has had its share of the hour (then no email is sent)."""
    now = timezone.now()
    hour_ago = now - timedelta(seconds=RESET_WINDOW_SECONDS)
    PasswordResetRequest.objects.filter(requested_at__lt=hour_ago).delete()
    address = get_client_ip_address(request) or None
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    recent = PasswordResetRequest.objects.filter(requested_at__gte=hour_ago)
    by_address = recent.filter(address=address).count() if address else 0
    by_account = recent.filter(account=account).count()
    PasswordResetRequest.objects.create(address=address, account=account, requested_at=now)
    return (
        by_address < settings.PASSWORD_RESET_REQUESTS_PER_ADDRESS
        and by_account < settings.PASSWORD_RESET_EMAILS_PER_ACCOUNT
    )
