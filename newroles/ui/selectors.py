"""Reads of the shared parts."""

from .models import SentForm


def where_form_led(*, user, token: str) -> str:
    """Where sending this person's form with this token led ("" if it has not been sent)."""
    sent = SentForm.objects.filter(user=user, token=token).values_list("led_to", flat=True)
    return next(iter(sent), "")
