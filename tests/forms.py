"""Helpers for submitting forms the way a browser would."""

from django.forms import MultiWidget


def form_data(form) -> dict:
    """The POST data a browser sends back for this form unchanged (prefixes ignored)."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, MultiWidget):
            parts = value if isinstance(value, list | tuple) else field.widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{name}_{index}"] = "" if part is None else str(part)
            continue
        if value is None:
            value = ""
        if isinstance(value, list | tuple):
            value = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, bool):
            if not value:
                continue
            value = "on"
        data[name] = value
    return data
