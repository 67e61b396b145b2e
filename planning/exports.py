"""Spreadsheets and calendars built from a plan, safe to open in Excel and calendar apps
whatever text the plan holds (forms refuse the worst of it, but the admin, imports and older
data do not go through forms)."""

import csv
import io

from django.utils.text import slugify
from icalendar import Calendar, Event, vText

from newroles.ui.text import one_line, plain_text

from . import panels

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection),
# the full-width forms included; a line break first can hide a formula on the cell's
# second line.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(value) -> str:
    text = plain_text(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def file_name(title, ending: str) -> str:
    """A download's name from a plan's title: lower-case letters, digits and hyphens only,
    so any title gives the same safe name in every browser and in the header."""
    return f"{slugify(title)[:60].strip('-') or 'plan'}{ending}"


def calendar_bytes(plans, name: str) -> bytes:
    """Every dated checkpoint and action of these plans as an iCalendar file."""
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
            event.add("dtstamp", _now())
            if item.description:
                event.add("description", plain_text(item.description))
            calendar.add_component(event)
    return calendar.to_ical()


def _now():
    from django.utils import timezone

    return timezone.now()
