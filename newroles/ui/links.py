"""Addresses without walking the URL patterns each time.

`reverse()` walks the URL patterns on every call; a list of 200 stakeholders or 40 actions
spent more time there than on the rest of its rendering. `RecordUrls` reverses once with a
placeholder and fills in each record's key; `cached_reverse` (behind every template's
`{% url %}`, see templatetags/cached_url.py) remembers each address asked for.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = 987654321


class RecordUrls:
    """`RecordUrls("planning:action_update", plan.pk)(action.pk)` is
    `reverse("planning:action_update", args=[plan.pk, action.pk])`."""

    def __init__(self, name: str, *leading_args):
        url = reverse(name, args=[*leading_args, PLACEHOLDER])
        self.head, _, self.tail = url.rpartition(str(PLACEHOLDER))

    def __call__(self, pk) -> str:
        return f"{self.head}{int(pk)}{self.tail}"


def cached_reverse(viewname, args=(), kwargs=None, current_app=None) -> str:
    """`reverse()`, remembered per process for plain int and str arguments.

    A URL depends only on its name and arguments, the URL configuration and the script
    prefix, all of which are in the key; a plan page asks for a few dozen, each of which cost
    a walk of the URL patterns. Other arguments (lazy strings, model instances) are reversed
    as usual."""
    kwargs = kwargs or {}
    if not all(type(value) in (int, str) for value in (*args, *kwargs.values())):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _remembered(
        viewname,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )


@functools.lru_cache(maxsize=8192)
def _remembered(viewname, args, kwargs, current_app, prefix, urlconf) -> str:
    # The prefix is in the key; reverse() reads the current one itself.
    return reverse(viewname, urlconf, args, dict(kwargs), current_app)
