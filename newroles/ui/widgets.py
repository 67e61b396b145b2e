"""Widgets that render as NHS.UK design system components.

Most widgets need nothing special: the "nhsuk" crispy-forms template pack adds the NHS.UK
classes to Django's own widgets. The date input is the exception, because the NHS.UK component
is three separate text inputs (day, month, year) rather than one.
"""

import datetime

from django import forms
from django.forms.renderers import Jinja2

# The parts of a date, in the order the NHS.UK date input shows them.
DATE_PARTS = ("day", "month", "year")

# A private key the template pack passes in a widget's attrs to say which parts of a date are
# wrong (a collection of names from DATE_PARTS). NHSDateInput removes it before rendering.
ERROR_PARTS_ATTR = "nhsuk_error_parts"


# Django's Jinja2 form renderer draws the same widget markup as its template renderer, about
# three times faster (a stage page has some sixty widgets). The project's forms use it
# (newroles.ui.forms); the admin keeps Django's default, whose widgets are Django templates.
RENDERER = Jinja2()


class NHSDateInput(forms.MultiWidget):
    """The NHS.UK date input: day, month and year text inputs with numeric keypads.

    Renders only the ``nhsuk-date-input`` block; the fieldset, legend, hint and error message
    around it come from the template pack's field template. The subwidgets are named and
    identified ``<name>_0`` (day), ``<name>_1`` (month) and ``<name>_2`` (year), so the error
    summary links to ``#<id>_0``.

    ``autocomplete`` (for example ``"bday"``) sets ``bday-day``, ``bday-month``, ``bday-year``.
    """

    template_name = "nhsuk/widgets/date_input.html"
    part_labels = ("Day", "Month", "Year")
    part_widths = (2, 2, 4)

    def render(self, name, value, attrs=None, renderer=None):
        # Its template is a Jinja2 one, whichever form it is in.
        return super().render(name, value, attrs, RENDERER)

    def __init__(self, attrs=None, autocomplete=None):
        self.autocomplete = autocomplete
        widgets = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in DATE_PARTS]
        super().__init__(widgets, attrs)

    def use_required_attribute(self, initial):
        # Forms are rendered with novalidate: the server's NHS-style messages are the ones
        # people see, so no browser "required" popups.
        return False

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        error_parts = attrs.pop(ERROR_PARTS_ATTR, None) or ()
        # Django marks every subwidget invalid; only the parts in error should be.
        attrs.pop("aria-invalid", None)
        # The hint and error describe the fieldset, not each input.
        attrs.pop("aria-describedby", None)
        context = super().get_context(name, value, attrs)
        parts = []
        for index, subwidget in enumerate(context["widget"]["subwidgets"]):
            part = DATE_PARTS[index]
            in_error = part in error_parts
            sub_attrs = subwidget["attrs"]
            classes = ["nhsuk-input"]
            if in_error:
                classes.append("nhsuk-input--error")
                sub_attrs["aria-invalid"] = "true"
            classes += [f"nhsuk-input--width-{self.part_widths[index]}", "nhsuk-date-input__input"]
            sub_attrs["class"] = " ".join(classes)
            sub_attrs["inputmode"] = "numeric"
            if self.autocomplete:
                sub_attrs["autocomplete"] = f"{self.autocomplete}-{part}"
            parts.append(
                {
                    "name": part,
                    "label": self.part_labels[index],
                    "error": in_error,
                    "widget": subwidget,
                }
            )
        context["widget"]["parts"] = parts
        return context
