"""What the shared parts of the product keep: the create forms people have sent."""

from django.conf import settings
from django.db import models

FORM_TOKEN_MAX_LENGTH = 64


class SentForm(models.Model):
    """A create form a person sent, named by the single-use token drawn into the page that
    showed it, and where sending it led. A repeat of the same POST (a double or triple click, a
    request the browser sends again) finds it here and goes the same way, creating nothing
    (``newroles.ui.mixins.CreateOnceMixin``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=FORM_TOKEN_MAX_LENGTH)
    led_to = models.CharField("where it led", max_length=2000, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # The database decides which of two simultaneous sendings is the first.
            models.UniqueConstraint(fields=["user", "token"], name="ui_sentform_once_per_token")
        ]

    def __str__(self):
        return f"Form {self.token} sent by {self.user_id}"
