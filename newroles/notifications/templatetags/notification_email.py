from django import template

from newroles.ui.text import one_line as _one_line

register = template.Library()


@register.filter
def one_line(value):
    """The text on one line: in a plain-text email a line break in a title would start what
    looks like another line of the email."""
    return _one_line(value)
