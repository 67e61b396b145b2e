"""Spreadsheets and calendars built from a plan, safe to open in Excel and calendar apps
whatever text the plan holds (forms refuse the worst of it, but the admin, imports and older
data do not go through forms)."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar, Event, vText

from newroles.ui.text import one_line, plain_text

from . import panels

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection),
# the full-width forms included; a line break first can hide a formula on the cell's
# second line.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


# Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark; without one,
# "Gwŷr" arrives as "GwÅ·r". LibreOffice and Python's "utf-8-sig" read it too.
BYTE_ORDER_MARK = "\ufeff"


def neutralise(value) -> str:
    text = plain_text(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def cell(value) -> str:
    """One spreadsheet cell. A date is an ISO date (2027-06-01), which spreadsheets read as a
    date in every locale, and a moment is local time (2027-06-01 14:30); an empty value is an
    empty cell; a number is written as a plain number (a minus sign included: it cannot be a
    formula); text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return str(value)
    return neutralise(value)


def csv_text(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return BYTE_ORDER_MARK + out.getvalue()


def file_name(title, ending: str) -> str:
    """A download's name from a plan's title: lower-case letters, digits and hyphens only,
    so any title gives the same safe name in every browser and in the header."""
    return f"{slugify(title)[:60].strip('-') or 'plan'}{ending}"


def calendar_bytes(plans, name: str, *, link) -> bytes:
    """Every dated thing of these plans as an iCalendar file, each event with the address of
    its page: `link(path)` makes a site path absolute (the request's own host)."""
    calendar = Calendar()
    calendar.add("prodid", "-//NewRoles//Implementation plans//EN")
    calendar.add("version", "2.0")
    # An X- property is written as given unless typed as text (icalendar 7): a line break
    # would end the line, so it is one line, escaped like every other text.
    calendar.add("x-wr-calname", vText(one_line(name)))
    for source in panels.calendar_sources():
        for item in source(plans):
            event = Event()
            event.add("uid", item.uid)
            # Calendars show a title on one line; a description may have several.
            event.add("summary", one_line(item.title))
            event.add("dtstart", item.day)
            event.add("dtstamp", timezone.now())
            if item.description:
                event.add("description", plain_text(item.description))
            event.add("url", link(item.path))
            calendar.add_component(event)
    return calendar.to_ical()
