"""Spreadsheets and calendars built from a plan, safe to open in Excel and calendar apps."""

import csv
import io

from icalendar import Calendar, Event

from . import panels

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def calendar_bytes(plans, name: str) -> bytes:
    """Every dated checkpoint and action of these plans as an iCalendar file."""
    calendar = Calendar()
    calendar.add("prodid", "-//NewRoles//Implementation plans//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for source in panels.calendar_sources():
        for item in source(plans):
            event = Event()
            event.add("uid", item.uid)
            event.add("summary", item.title)
            event.add("dtstart", item.day)
            event.add("dtstamp", _now())
            if item.description:
                event.add("description", item.description)
            calendar.add_component(event)
    return calendar.to_ical()


def _now():
    from django.utils import timezone

    return timezone.now()
