"""What text may carry, and text made safe for files and emails whatever it carries.

Forms refuse hidden characters everywhere and line breaks in one-line fields
(``newroles.ui.forms``); what came in another way (the admin, an import, older data) is made
safe again where it leaves the product: calendar files, spreadsheets and emails.
"""

import re

# Characters nobody types on purpose, which break or disguise text in pages, PDFs, CSV and
# calendar files: C0 controls other than tab, line feed and carriage return; DEL; C1
# controls; the Unicode line and paragraph separators (line breaks most programs do not
# show); and the bidirectional embedding, override and isolate controls, which make text
# display differently from what it is ("Trojan Source").
HIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

# The line breaks people type. Every other character that starts a new line somewhere
# (vertical tab, form feed, the file/group/record separators, NEL, U+2028, U+2029) is one of
# HIDDEN_CHARACTERS, refused everywhere.
LINE_BREAKS = re.compile("[\r\n]")

# What a mail client or a spreadsheet would turn into a link: a scheme ("https://",
# "ftp://"), "www.", or a domain followed by a path ("evil.example/offer").
WEB_ADDRESS = re.compile(
    r"[a-z][a-z0-9+.-]*://|\bwww\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/", re.IGNORECASE
)


def plain_text(value) -> str:
    """The text with every kind of line break made a line feed, and the other hidden
    characters removed. For notes in a spreadsheet cell or a calendar event's description."""
    lines = ("" if value is None else str(value)).splitlines()
    return "\n".join(HIDDEN_CHARACTERS.sub("", line) for line in lines)


def one_line(value) -> str:
    """The text on one line: line breaks, hidden characters and runs of spaces become one
    space. For a calendar event's title, an email's subject, a name in a sentence."""
    return " ".join(HIDDEN_CHARACTERS.sub(" ", "" if value is None else str(value)).split())
