"""Formatting shared by pages and PDFs: money, dates, numbers and status tags.

Templates call these through presenter objects; they hold no logic of their own.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

EMPTY = "Not given"


def format_money(amount) -> str:
    """£12,345 (whole pounds), or £12,345.50 when pence matter."""
    if amount is None:
        return EMPTY
    amount = Decimal(amount)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount == amount.to_integral_value():
        return f"{sign}£{amount:,.0f}"
    return f"{sign}£{amount.quantize(Decimal('0.01'), ROUND_HALF_UP):,.2f}"


def format_date(value) -> str:
    """NHS.UK style: 1 April 2027."""
    if value is None:
        return EMPTY
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.day} {value:%B %Y} at {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def format_decimal(value, places=2) -> str:
    if value is None:
        return EMPTY
    text = f"{Decimal(value):,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Tag:
    """An NHS.UK tag: a short label with a colour."""

    label: str
    colour: str = ""  # grey, white, green, aqua-green, blue, purple, pink, red, orange, yellow

    @property
    def css_class(self) -> str:
        return f"nhsuk-tag nhsuk-tag--{self.colour}" if self.colour else "nhsuk-tag"


def display_value(form_field, value) -> str:
    """A form value as a person reads it (used to show edit conflicts)."""
    from django import forms

    if value in (None, "", [], ()):
        return "(empty)"
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return ", ".join(str(v) for v in value) or "(empty)"
    if isinstance(form_field, forms.ModelChoiceField):
        return str(value)
    choices = getattr(form_field, "choices", None)
    if choices:
        labels = {str(k): v for k, v in choices}
        if isinstance(value, list | tuple):
            return ", ".join(str(labels.get(str(v), v)) for v in value)
        return str(labels.get(str(value), value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date | datetime):
        return format_date(value)
    return str(value)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    url: str = ""
    current: bool = False


class Pagination:
    """NHS.UK numbered pagination for a Django page, keeping the list's filters in each link."""

    WINDOW = 2

    def __init__(self, page_obj, query_string: str = ""):
        self.page_obj = page_obj
        self.prefix = f"?{query_string}&page=" if query_string else "?page="

    def url(self, number) -> str:
        return f"{self.prefix}{number}"

    @property
    def show(self) -> bool:
        return self.page_obj.has_other_pages()

    @property
    def previous_url(self) -> str:
        return (
            self.url(self.page_obj.previous_page_number()) if self.page_obj.has_previous() else ""
        )

    @property
    def next_url(self) -> str:
        return self.url(self.page_obj.next_page_number()) if self.page_obj.has_next() else ""

    @property
    def links(self) -> list[PageLink]:
        current, last = self.page_obj.number, self.page_obj.paginator.num_pages
        links, gap = [], False
        for number in range(1, last + 1):
            if number in (1, last) or abs(number - current) <= self.WINDOW:
                links.append(PageLink(number, self.url(number), number == current))
                gap = False
            elif not gap:
                links.append(PageLink(None))
                gap = True
        return links
