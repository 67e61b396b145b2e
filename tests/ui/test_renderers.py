"""The form renderer builds the simplest widgets in Python: byte for byte what Django's
templates give, for every widget and every awkward value."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from newroles.ui.renderers import BUILT_IN_PYTHON, FormRenderer

AWKWARD = '<b>"Tom" & Jerry\'s</b>'


class EveryWidget(forms.Form):
    text = forms.CharField(help_text="A hint", max_length=20)
    email = forms.EmailField(required=False)
    number = forms.DecimalField(required=False, min_value=0)
    url = forms.URLField(required=False, assume_scheme="https")
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    agree = forms.BooleanField(required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    empty_notes = forms.CharField(widget=forms.Textarea, required=False)
    choice = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[("a", AWKWARD), ("b", "Plain"), ("c", mark_safe("<em>Safe</em>"))],
    )
    many = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple(attrs={"class": "nhsuk-checkboxes"}),
        choices=[(1, "One"), (2, AWKWARD)],
        required=False,
    )
    disabled = forms.CharField(disabled=True, required=False)
    select = forms.ChoiceField(choices=[("", "Any"), ("x", AWKWARD), ("y", "Y")], required=False)
    grouped = forms.ChoiceField(
        choices=[("Group <1>", [("a", "A"), ("b", AWKWARD)]), ("c", "C")], required=False
    )
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    day = forms.DateField(required=False)


DATA = {
    "text": AWKWARD,
    "email": "a@b.invalid",
    "number": "3.50",
    "url": 'https://x.invalid/?a=1&b="2"',
    "hidden": AWKWARD,
    "password": AWKWARD,
    "agree": "on",
    "notes": f"Line one\n{AWKWARD}",
    "choice": "a",
    "many": ["2"],
    "day": datetime.date(2027, 4, 1).isoformat(),
    "select": "x",
    "grouped": "b",
    "several": ["a", "b"],
}


@pytest.mark.parametrize(
    "data", [None, DATA, {"text": "", "choice": "zz"}], ids=["new", "filled", "bad"]
)
@pytest.mark.parametrize("name", list(EveryWidget.base_fields))
def test_each_widget_renders_exactly_as_djangos_templates_do(name, data):
    form = EveryWidget(data=data, initial={"notes": "Initial", "many": [1]})
    field = form[name]
    with_engine = field.field.widget.render(
        field.html_name, field.value(), {"id": field.auto_id}, renderer=DjangoTemplates()
    )
    built = field.field.widget.render(
        field.html_name, field.value(), {"id": field.auto_id}, renderer=FormRenderer()
    )
    assert built == with_engine


def test_the_product_uses_it_and_it_covers_djangos_simple_widget_templates(settings):
    assert settings.FORM_RENDERER == "newroles.ui.renderers.FormRenderer"
    assert "django/forms/widgets/radio_option.html" in BUILT_IN_PYTHON
    assert "django/forms/widgets/textarea.html" in BUILT_IN_PYTHON
    assert "django/forms/widgets/select.html" in BUILT_IN_PYTHON
    # Anything else still goes through the template engine.
    date = forms.SelectDateWidget(years=[2027]).render("d", "2027-04-01", renderer=FormRenderer())
    assert '<option value="2027" selected>2027</option>' in date


def test_wrapped_labels_match_too():
    widget = forms.RadioSelect(choices=[("a", AWKWARD), ("b", "B")])
    context = widget.get_context("r", "a", {"id": "id_r"})
    for option in context["widget"]["optgroups"][0][1]:
        option = {**option, "wrap_label": True}
        engine = DjangoTemplates().render(option["template_name"], {"widget": option})
        assert FormRenderer().render(option["template_name"], {"widget": option}) == engine
