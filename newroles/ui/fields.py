"""Form fields with NHS.UK-style validation messages."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

from .widgets import DATE_PARTS, NHSDateInput

_DIGITS = re.compile(r"[0-9]+")

# People type month names as often as numbers: accept "Feb", "february", "Sept", ...
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def _format_date(value):
    return f"{value.day} {value:%B %Y}"


class NHSDateField(forms.Field):
    """A date typed into the NHS.UK date input (day, month, year); cleans to a ``datetime.date``.

    Messages follow the NHS.UK and GOV.UK date input guidance, naming the part that is wrong::

        start_date = NHSDateField(
            label="When will the first person start?",
            help_text="For example, 15 9 2025",
            subject="Start date",  # "Start date must include a month"
            error_messages={"required": "Enter the start date"},
            min_date=datetime.date(2020, 1, 1),
        )

    ``subject`` (default "Date") starts every message except ``required``, which you will
    usually want to word yourself. Each message can be replaced through ``error_messages``; the
    keys are those of ``default_error_messages``. ``%(subject)s``, ``%(min)s`` and ``%(max)s``
    are filled in.

    Each error carries ``params["parts"]``: the parts of the date it is about. The template pack
    uses them to highlight only those inputs and to link the error summary to the first one.
    """

    widget = NHSDateInput
    default_error_messages = {
        "required": "Enter a date",
        "missing_day": "%(subject)s must include a day",
        "missing_month": "%(subject)s must include a month",
        "missing_year": "%(subject)s must include a year",
        "missing_day_month": "%(subject)s must include a day and month",
        "missing_day_year": "%(subject)s must include a day and year",
        "missing_month_year": "%(subject)s must include a month and year",
        "invalid": "%(subject)s must be a real date",
        "invalid_year": "Year must include 4 numbers",
        "before_min": "%(subject)s must be the same as or after %(min)s",
        "after_max": "%(subject)s must be the same as or before %(max)s",
    }

    def __init__(self, *, subject="Date", min_date=None, max_date=None, **kwargs):
        self.subject = subject
        self.min_date = min_date
        self.max_date = max_date
        super().__init__(**kwargs)

    def _error(self, code, parts=DATE_PARTS, **params):
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={"subject": self.subject, "parts": tuple(parts), **params},
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise self._error("invalid") from None

        values = list(value)[: len(DATE_PARTS)]
        values += [None] * (len(DATE_PARTS) - len(values))
        texts = ["" if v is None else str(v).strip() for v in values]
        day, month, year = texts
        missing = [part for part, text in zip(DATE_PARTS, texts, strict=True) if not text]
        if len(missing) == len(DATE_PARTS):
            return None
        if missing:
            raise self._error("missing_" + "_".join(missing), parts=missing)

        if not _DIGITS.fullmatch(day) or not 1 <= int(day) <= 31:
            raise self._error("invalid", parts=["day"])
        if _DIGITS.fullmatch(month):
            month_number = int(month)
        else:
            month_number = _MONTH_NAMES.get(month.lower().rstrip("."), 0)
        if not 1 <= month_number <= 12:
            raise self._error("invalid", parts=["month"])
        if not _DIGITS.fullmatch(year):
            raise self._error("invalid", parts=["year"])
        if len(year) != 4:
            raise self._error("invalid_year", parts=["year"])
        try:
            return datetime.date(int(year), month_number, int(day))
        except ValueError:
            raise self._error("invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_date and value < self.min_date:
            raise self._error("before_min", min=_format_date(self.min_date))
        if self.max_date and value > self.max_date:
            raise self._error("after_max", max=_format_date(self.max_date))
