"""Addresses of many records of one kind, with one URL lookup between them.

`reverse()` walks the URL patterns on every call; a list of 200 stakeholders or 40 actions
spent more time there than on the rest of its rendering. `RecordUrls` reverses once with a
placeholder and fills in each record's key.
"""

from django.urls import reverse

PLACEHOLDER = 987654321


class RecordUrls:
    """`RecordUrls("planning:action_update", plan.pk)(action.pk)` is
    `reverse("planning:action_update", args=[plan.pk, action.pk])`."""

    def __init__(self, name: str, *leading_args):
        url = reverse(name, args=[*leading_args, PLACEHOLDER])
        self.head, _, self.tail = url.rpartition(str(PLACEHOLDER))

    def __call__(self, pk) -> str:
        return f"{self.head}{int(pk)}{self.tail}"
