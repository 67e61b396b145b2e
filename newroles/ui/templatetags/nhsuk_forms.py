"""Template helpers for the "nhsuk" crispy-forms template pack.

The pack's templates hold the markup; this module only answers questions about a bound field
(which NHS.UK component it is, which ids describe it, which ids the error summary links to) and
renders a field's control with the NHS.UK classes added. Widgets are always rendered by Django,
so every value and attribute is escaped as usual.
"""

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.safestring import mark_safe

from newroles.ui.forms import counted_limit
from newroles.ui.widgets import DATE_PARTS, ERROR_PARTS_ATTR, RENDERER, NHSDateInput

register = template.Library()


# Widget type checks -----------------------------------------------------------------------------


def _widget(field):
    return field.field.widget


@register.filter
def is_checkbox(field):
    """A single checkbox (BooleanField)."""
    return isinstance(_widget(field), forms.CheckboxInput)


@register.filter
def is_checkboxselectmultiple(field):
    return isinstance(_widget(field), forms.CheckboxSelectMultiple)


@register.filter
def is_radioselect(field):
    return isinstance(_widget(field), forms.RadioSelect) and not is_checkboxselectmultiple(field)


@register.filter
def is_select(field):
    return isinstance(_widget(field), forms.Select)


@register.filter
def is_textarea(field):
    return isinstance(_widget(field), forms.Textarea)


@register.filter
def is_date_input(field):
    return isinstance(_widget(field), NHSDateInput)


@register.filter
def is_file(field):
    return isinstance(_widget(field), forms.FileInput)


@register.filter
def is_multivalue(field):
    return isinstance(_widget(field), forms.MultiWidget)


def field_kind(field):
    """The NHS.UK component a bound field renders as."""
    if field.is_hidden:
        return "hidden"
    if is_date_input(field):
        return "date"
    if is_multivalue(field):
        return "multi"
    if is_checkbox(field):
        return "checkbox"
    if is_checkboxselectmultiple(field):
        return "checkboxes"
    if is_radioselect(field):
        return "radios"
    if is_select(field):
        return "select"
    if is_textarea(field):
        return "textarea"
    if is_file(field):
        return "file"
    return "input"


register.filter("nhsuk_kind", field_kind)

# Kinds shown as a fieldset whose legend is the field's label.
FIELDSET_KINDS = {"date", "multi", "radios", "checkboxes"}

# The class every control of a kind gets, and the one it gets when in error.
CONTROL_CLASSES = {
    "input": ("nhsuk-input", "nhsuk-input--error"),
    "multi": ("nhsuk-input", "nhsuk-input--error"),
    "textarea": ("nhsuk-textarea", "nhsuk-textarea--error"),
    "select": ("nhsuk-select", "nhsuk-select--error"),
    "file": ("nhsuk-file-upload__input", None),
    "checkbox": ("nhsuk-checkboxes__input", None),
}


# Ids ---------------------------------------------------------------------------------------------


def field_id(field):
    """The id of the field's control (or of its group), "" when the form has no auto ids."""
    return _widget(field).attrs.get("id") or field.auto_id or ""


def _date_error_parts(field):
    """The date parts named by a date field's errors: all of them unless the errors say."""
    parts = set()
    for error in field.errors.as_data():
        named = (error.params or {}).get("parts") if hasattr(error, "params") else None
        parts.update(named or DATE_PARTS)
    return [part for part in DATE_PARTS if part in parts]


@register.filter
def error_anchor(field):
    """The id the error summary links to for a field: its control, or the first of several.

    Date inputs link to the first part in error (usually the day), radios and checkboxes to
    their first option.
    """
    id_ = field_id(field)
    if not id_:
        return ""
    kind = field_kind(field)
    if kind == "date":
        parts = _date_error_parts(field) or DATE_PARTS
        return f"{id_}_{DATE_PARTS.index(parts[0])}"
    if kind == "multi":
        return f"{id_}_0"
    if kind in ("radios", "checkboxes"):
        for option in field.subwidgets:
            return option.id_for_label or id_
    return id_


@register.filter
def non_field_errors_id(form):
    """The id of the block errors.html renders a form's non-field errors in."""
    return f"{form.prefix}-non-field-errors" if form.prefix else "non-field-errors"


# Field state -------------------------------------------------------------------------------------

# The character count shows how many characters are left once an answer reaches this share of
# its limit (a stage page has a dozen long answers nobody fills); screen readers are told the
# limit from the start.
COUNT_THRESHOLD_PERCENT = 75


def field_state(field, *, show_errors=True):
    """Everything the field template needs to know about a bound field, as one dict."""
    kind = field_kind(field)
    id_ = field_id(field)
    has_errors = bool(show_errors and field.errors)
    has_hint = bool(field.help_text)
    hint_id = f"{id_}-hint" if id_ else ""
    error_id = f"{id_}-error" if id_ else ""
    # A long answer shows the server's limit with the NHS.UK character count.
    count_limit = counted_limit(field) if kind == "textarea" and id_ else None
    count_id = f"{id_}-info" if count_limit else ""
    describedby = [
        *([count_id] if count_id else []),
        *([hint_id] if has_hint and hint_id else []),
        *([error_id] if has_errors and error_id else []),
    ]
    return {
        "kind": kind,
        "id": id_,
        "fieldset": kind in FIELDSET_KINDS,
        "has_errors": has_errors,
        "has_hint": has_hint,
        "hint_id": hint_id,
        "error_id": error_id,
        "describedby": " ".join(describedby),
        "choices_module": kind if kind in ("radios", "checkboxes") else "",
        "error_parts": _date_error_parts(field) if has_errors and kind == "date" else [],
        "count_limit": count_limit,
        "count_id": count_id,
        "count_message": f"You can enter up to {count_limit:,} characters" if count_limit else "",
        "count_threshold": COUNT_THRESHOLD_PERCENT,
    }


def _merge_classes(*groups):
    classes = []
    for group in groups:
        for name in (group or "").split():
            if name not in classes:
                classes.append(name)
    return " ".join(classes)


def field_control(field, state):
    """Render a field's control (input, textarea, select, ...) with the NHS.UK classes.

    Classes already on the widget (for example ``nhsuk-input--width-10``, or from crispy's
    ``Field(css_class=...)``) are kept. Fieldset kinds are described on their fieldset, so only
    single controls get ``aria-describedby`` here.
    """
    kind = state["kind"]
    widget = _widget(field)
    attrs = {}
    if kind == "date":
        attrs[ERROR_PARTS_ATTR] = tuple(state["error_parts"])
        return field.as_widget(attrs=attrs)
    base, error = CONTROL_CLASSES.get(kind, (None, None))
    if base:
        attrs["class"] = _merge_classes(
            base,
            error if state["has_errors"] else "",
            "nhsuk-js-character-count" if state.get("count_limit") else "",
            widget.attrs.get("class"),
        )
    if not state["fieldset"]:
        describedby = _merge_classes(widget.attrs.get("aria-describedby"), state["describedby"])
        if describedby:
            attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)


def field_choices(field, module):
    """The options of a radios or checkboxes field, as Django's widget works them out (name,
    value, label, attrs with id and checked); the template draws each ``<input>``."""
    choices = []
    for option in field.subwidgets:
        data = dict(option.data)
        # Classes on the widget style the whole group (nhsuk-radios--inline and so on); the
        # template puts them on the container, so the inputs get only their own class.
        data["attrs"] = {**data["attrs"], "class": f"nhsuk-{module}__input"}
        choices.append(data)
    return choices


# What the pack's Django templates and crispy-forms pass to a field, read from their context.
_FIELD_CONTEXT = (
    "form_show_labels",
    "label_class",
    "wrapper_class",
    "form_group_wrapper_class",
    "inline_class",
    "crispy_prepended_text",
    "crispy_appended_text",
)


@register.simple_tag(takes_context=True)
def nhsuk_field(context, field):
    """One field as an NHS.UK form group, drawn by the Jinja2 template ``nhsuk/field.html``
    (a stage page has some thirty fields, and Jinja2 draws them several times faster than
    Django's templates). Honours the crispy context's ``form_show_errors`` and labels."""
    if field.is_hidden:
        return str(field)
    state = field_state(field, show_errors=context.get("form_show_errors", True) is not False)
    values = {name: context.get(name) for name in _FIELD_CONTEXT}
    values.update(field=field, state=state)
    if state["choices_module"]:
        values["choices"] = field_choices(field, state["choices_module"])
        values["group_classes"] = _widget(field).attrs.get("class", "")
    else:
        values["control"] = field_control(field, state)
    return mark_safe(RENDERER.render("nhsuk/field.html", values))


# Error summary -----------------------------------------------------------------------------------


def _form_errors(form):
    items = []
    if isinstance(form, BaseFormSet):
        for error in form.non_form_errors():
            items.append({"href": "", "message": error})
        for each in form.forms:
            items += _form_errors(each)
        return items
    if not hasattr(form, "errors") or not form.errors:
        return items
    for error in form.non_field_errors():
        items.append({"href": f"#{non_field_errors_id(form)}", "message": error})
    for field in form:
        anchor = "" if field.is_hidden else error_anchor(field)
        for error in field.errors:
            items.append({"href": f"#{anchor}" if anchor else "", "message": error})
    return items


@register.simple_tag
def nhsuk_error_summary_items(form=None, forms=None):
    """The error summary's list, in page order: ``[{"href": "#id" or "", "message": ...}]``.

    Takes a form, and/or a list of forms and formsets; anything else (an unset variable) is
    ignored.
    """
    everything = []
    if form:
        everything.append(form)
    if forms and not isinstance(forms, str):
        everything += [each for each in forms if each is not form]
    items = []
    for each in everything:
        items += _form_errors(each)
    return items


# Buttons -----------------------------------------------------------------------------------------

# The Bootstrap classes crispy-forms puts on its inputs by default.
_BOOTSTRAP_BUTTON_CLASSES = {"btn", "btn-primary", "btn-inverse", "hidden"}
_BUTTON_COLOURS = {
    "nhsuk-button--secondary",
    "nhsuk-button--reverse",
    "nhsuk-button--warning",
    "nhsuk-button--login",
}


@register.filter
def nhsuk_button_classes(input_object):
    """Classes for a crispy Submit/Button/Reset as an NHS.UK button.

    Submit is the primary (green) button; Button and Reset are secondary unless ``css_class``
    names another colour (``nhsuk-button--warning``, ``--reverse``, ``--login``).
    """
    extra = [
        name
        for name in getattr(input_object, "field_classes", "").split()
        if name not in _BOOTSTRAP_BUTTON_CLASSES
    ]
    classes = ["nhsuk-button"]
    if getattr(input_object, "input_type", "") != "submit" and not _BUTTON_COLOURS & set(extra):
        classes.append("nhsuk-button--secondary")
    return _merge_classes(" ".join(classes), " ".join(extra))


@register.filter
def nhsuk_strict_button_attrs(button):
    """The attributes of a crispy StrictButton, with Bootstrap's "btn" swapped for NHS.UK's.

    ``flat_attrs`` is already escaped by crispy-forms; only the fixed class prefix changes.
    """
    attrs = str(button.flat_attrs).replace(' class="btn ', ' class="nhsuk-button ', 1)
    attrs = attrs.replace(' class="btn"', ' class="nhsuk-button"', 1)
    return mark_safe(attrs + ' data-module="nhsuk-button"')


@register.filter
def any_errors(bound_fields):
    """Whether any of a layout object's bound fields has errors."""
    return any(field.errors for field in bound_fields or ())
