"""Writes of the shared parts: claiming a create form's single-use token."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SentForm

# Long after anyone could click twice or a browser send a request again.
KEEP_SENT_FORMS = timedelta(days=1)


def claim_form(*, user, token: str) -> bool:
    """Record that this person sent the form drawn with this token, in the caller's
    transaction (the one that creates what the form asks for). False if they had sent it
    already: the unique constraint refuses the second, however close together the two are."""
    try:
        # A savepoint: on PostgreSQL a refused insert spoils the transaction around it, and the
        # caller still reads where the first sending led.
        with transaction.atomic():
            SentForm.objects.create(user=user, token=token)
    except IntegrityError:
        return False
    SentForm.objects.filter(user=user, sent_at__lt=timezone.now() - KEEP_SENT_FORMS).delete()
    return True


@transaction.atomic
def record_where_form_led(*, user, token: str, url: str) -> None:
    SentForm.objects.filter(user=user, token=token).update(led_to=url)


@transaction.atomic
def release_form(*, user, token: str) -> None:
    """The form was shown again with its errors and created nothing: it can be sent again."""
    SentForm.objects.filter(user=user, token=token).delete()
