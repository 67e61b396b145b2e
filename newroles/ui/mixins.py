"""A view mixin shared by the apps: a form that creates something creates it once."""

import re
import secrets

from django.db import transaction
from django.shortcuts import redirect

from . import selectors, services
from .models import FORM_TOKEN_MAX_LENGTH

# The name of the hidden input that carries the token (form_page.html, confirm_page.html).
FORM_TOKEN = "form_token"
_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{16,{FORM_TOKEN_MAX_LENGTH}}}")


def _sent_token(request) -> str | None:
    value = request.POST.get(FORM_TOKEN, "")
    return value if _TOKEN.fullmatch(value) else None


class CreateOnceMixin:
    """A POST that creates something creates it once, however many times it is sent.

    A double or triple click on "Add", or a request the browser sends again, repeats the same
    POST. Each time the page is drawn it carries a new single-use token (``form_token`` in the
    context; the shared form_page.html and confirm_page.html put it in the form). The first
    POST with it claims it in the database, in the same transaction as what the view creates,
    and records where the response led; a repeat finds the token claimed and is sent the same
    way, creating nothing and showing no error. A form shown again with its errors created
    nothing: it keeps its token, which can be sent again.

    Put it after the organisation mixin (``PartCreateView(PartMixin, CreateOnceMixin,
    FormView)``), so only a request the person may make claims a token. ``PartCreateView`` has
    it, so every page adding a plan's record does; tests/test_create_once.py finds every view
    that creates and checks it.
    """

    def dispatch(self, request, *args, **kwargs):
        token = _sent_token(request) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            # Not a form this mixin drew (a script's POST): nothing to compare it with.
            return super().dispatch(request, *args, **kwargs)
        user = request.user
        with transaction.atomic():
            if not services.claim_form(user=user, token=token):
                led_to = selectors.where_form_led(user=user, token=token)
                return redirect(led_to or request.get_full_path())
            response = super().dispatch(request, *args, **kwargs)
            if 300 <= response.status_code < 400 and response.has_header("Location"):
                services.record_where_form_led(user=user, token=token, url=response["Location"])
            else:
                services.release_form(user=user, token=token)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Shown again with errors, the form keeps the token it was drawn with.
        context[FORM_TOKEN] = _sent_token(self.request) or secrets.token_urlsafe(24)
        return context
