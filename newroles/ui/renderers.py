"""The form renderer: Django's, with its simplest widget templates built in Python.

A stage page renders a text box, a note and four radio buttons for every good-practice point:
well over a hundred trips through the template engine for a few characters each, which was
a third of the page's time (and a select of sixty roles cost the plan list a third of its).
For the templates below the renderer builds the same markup
directly (tests/ui/test_renderers.py checks it is byte for byte what the templates give);
every other template, and any project override of these, goes through the engine.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape


def _attrs(attrs) -> str:
    # django/forms/widgets/attrs.html: False leaves the attribute out, True writes it bare.
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget) -> str:  # django/forms/widgets/input.html
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _input_option(widget) -> str:  # django/forms/widgets/input_option.html
    if not widget.get("wrap_label"):
        return _input(widget)
    id_ = widget["attrs"].get("id")
    label_for = f' for="{conditional_escape(id_)}"' if id_ else ""
    # The newline is input.html's last character, kept by the include.
    return f"<label{label_for}>{_input(widget)}\n {conditional_escape(widget['label'])}</label>"


def _textarea(widget) -> str:  # django/forms/widgets/textarea.html
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    name = conditional_escape(widget["name"])
    return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _option(widget) -> str:  # django/forms/widgets/select_option.html, its newline included
    return (
        f'<option value="{conditional_escape(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{conditional_escape(widget['label'])}</option>\n"
    )


def _select(widget) -> str:  # django/forms/widgets/select.html
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts += [f"\n  {_option(option)}" for option in options]
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


BUILT_IN_PYTHON = {
    "django/forms/widgets/input.html": _input,
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/email.html": _input,
    "django/forms/widgets/number.html": _input,
    "django/forms/widgets/url.html": _input,
    "django/forms/widgets/hidden.html": _input,
    "django/forms/widgets/password.html": _input,
    "django/forms/widgets/checkbox.html": _input,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/radio_option.html": _input_option,
    "django/forms/widgets/checkbox_option.html": _input_option,
    "django/forms/widgets/input_option.html": _input_option,
    "django/forms/widgets/select.html": _select,
}


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        build = BUILT_IN_PYTHON.get(template_name)
        if build is _select and any(
            option["template_name"] != OPTION_TEMPLATE
            for _, options, _ in context["widget"]["optgroups"]
            for option in options
        ):
            build = None  # a widget with its own option template
        if build is None:
            return super().render(template_name, context, request)
        return build(context["widget"]).strip()
