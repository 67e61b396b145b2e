"""The "nhsuk" crispy-forms template pack, NHSDateInput/NHSDateField and the error summary.

Each test states, in NHS.UK design system markup (nhsuk-frontend 10), what one kind of Django
form field must render as. Markup is compared as parsed HTML (attribute and class order, and
whitespace between tags, do not matter).
"""

import datetime

import pytest
from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Button, Fieldset, Layout, Submit
from django import forms
from django.template import Context, Template
from django.template.loader import get_template
from django.test.html import parse_html
from pytest_django.asserts import assertInHTML

from newroles.ui.fields import NHSDateField
from newroles.ui.forms import LONG_TEXT_MAX_LENGTH, Form
from newroles.ui.widgets import NHSDateInput

HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


# Helpers -----------------------------------------------------------------------------------------


def render(source, **context):
    context.setdefault("csrf_token", "test-csrf-token")
    return Template("{% load crispy_forms_tags %}" + source).render(Context(context))


def crispy(form):
    """A form rendered with the |crispy filter, as most pages do."""
    return render("{{ form|crispy }}", form=form)


def crispy_tag(form):
    """A form rendered with {% crispy form %}, using form.helper."""
    return render("{% crispy form %}", form=form)


def error_summary(**context):
    return render('{% include "nhsuk/error_summary.html" %}', **context)


def find_all(html, tag, **attrs):
    """Parsed elements named ``tag`` whose attributes include ``attrs``.

    ``class_`` matches when the element has all the given classes.
    """
    wanted_classes = set(attrs.pop("class_", "").split())
    found = []

    def walk(node):
        if isinstance(node, str):
            return
        node_attrs = dict(node.attributes)
        if (
            node.name == tag
            and wanted_classes <= set((node_attrs.get("class") or "").split())
            and all(node_attrs.get(name) == value for name, value in attrs.items())
        ):
            found.append(node)
        for child in node.children:
            walk(child)

    walk(parse_html(html))
    return found


def find(html, tag, **attrs):
    matches = find_all(html, tag, **attrs)
    assert len(matches) == 1, f"expected one <{tag} {attrs}>, found {len(matches)} in:\n{html}"
    return dict(matches[0].attributes)


# The template pack -------------------------------------------------------------------------------

# Every template django-crispy-forms 2 loads for a pack, by the tag, filter or layout object
# that loads it.
CRISPY_TEMPLATES = [
    "whole_uni_form.html",  # {% crispy form %}
    "whole_uni_formset.html",  # {% crispy formset %}
    "display_form.html",
    "uni_form.html",  # {{ form|crispy }}
    "uni_formset.html",  # {{ formset|crispy }}
    "errors.html",  # non-field errors; {{ form|as_crispy_errors }}
    "errors_formset.html",  # {{ formset|as_crispy_errors }}
    "field.html",  # every field; {{ form.field|as_crispy_field }}; Field()
    "inputs.html",  # helper.add_input(...)
    "multifield.html",  # MultiField's fields
    "table_inline_formset.html",  # helper.template for formsets as a table
    "layout/baseinput.html",  # Submit, Button, Reset, Hidden
    "layout/buttonholder.html",  # ButtonHolder
    "layout/fieldset.html",  # Fieldset
    "layout/multifield.html",  # MultiField
    "layout/div.html",  # Div
    "layout/row.html",  # Row
    "layout/column.html",  # Column
    "layout/formactions.html",  # bootstrap.FormActions
    "layout/button.html",  # bootstrap.StrictButton
    "layout/prepended_appended_text.html",  # bootstrap.PrependedText, AppendedText
    "layout/radioselect_inline.html",  # bootstrap.InlineRadios
    "layout/checkboxselectmultiple_inline.html",  # bootstrap.InlineCheckboxes
    "error_summary.html",  # the page's error summary include
]


@pytest.mark.parametrize("name", CRISPY_TEMPLATES)
def test_the_pack_provides_every_template_crispy_forms_loads(name):
    assert get_template(f"nhsuk/{name}")


def test_the_date_input_is_a_widget_template_of_the_forms_renderer():
    from newroles.ui.widgets import RENDERER

    assert RENDERER.get_template("nhsuk/widgets/date_input.html")


# One test per kind of field ----------------------------------------------------------------------


def test_text_input_renders_as_nhsuk_label_and_input_in_a_form_group():
    class NameForm(Form):
        full_name = forms.CharField(label="What is your full name?")

    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_full_name">What is your full name?</label>
          <input class="nhsuk-input" id="id_full_name" name="full_name" type="text" required>
        </div>
        """,
        crispy(NameForm()),
    )


def test_email_input_keeps_its_type_and_attributes():
    class EmailForm(Form):
        email = forms.EmailField(
            label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
        )

    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_email">Email address</label>
          <input class="nhsuk-input" id="id_email" name="email" type="email"
                 autocomplete="email" maxlength="320" required>
        </div>
        """,
        crispy(EmailForm()),
    )


def test_number_input_keeps_width_classes_set_on_the_widget():
    """Modifier classes given to the widget (here a width) are kept alongside nhsuk-input."""

    class CountForm(Form):
        people = forms.IntegerField(
            label="How many people?",
            widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-4"}),
        )

    html = crispy(CountForm(initial={"people": 3}))
    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_people">How many people?</label>
          <input class="nhsuk-input nhsuk-input--width-4" id="id_people" name="people"
                 type="number" value="3" required>
        </div>
        """,
        html,
    )


def test_textarea_renders_as_nhsuk_character_count_with_the_servers_limit():
    """A long answer is the NHS.UK character count, showing the limit the server applies; no
    browser maxlength, which would cut a pasted answer short without a word (issue 18)."""

    class DetailForm(Form):
        detail = forms.CharField(
            label="Can you provide more detail?",
            max_length=1200,
            widget=forms.Textarea(attrs={"rows": 5}),
        )

    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-character-count"
             data-module="nhsuk-character-count" data-maxlength="1200" data-threshold="75">
          <label class="nhsuk-label" for="id_detail">Can you provide more detail?</label>
          <textarea class="nhsuk-textarea nhsuk-js-character-count" id="id_detail"
                    name="detail" cols="40" rows="5" aria-describedby="id_detail-info"
                    required></textarea>
          <div class="nhsuk-hint nhsuk-character-count__message" id="id_detail-info">
            You can enter up to 1,200 characters
          </div>
        </div>
        """,
        crispy(DetailForm()),
    )


def test_a_long_answer_without_a_limit_of_its_own_counts_to_the_rules_limit():
    class NotesForm(Form):
        notes = forms.CharField(label="Notes", widget=forms.Textarea, help_text="Anything else")

    html = crispy(NotesForm())
    assert f'data-maxlength="{LONG_TEXT_MAX_LENGTH}"' in html
    assert "You can enter up to 10,000 characters" in html
    assert 'aria-describedby="id_notes-info id_notes-hint"' in html
    assert "maxlength=" not in html.replace("data-maxlength=", "")


def test_select_renders_as_nhsuk_select():
    class SortForm(Form):
        sort = forms.ChoiceField(
            label="Sort by",
            choices=[("published", "Recently published"), ("updated", "Recently updated")],
        )

    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_sort">Sort by</label>
          <select class="nhsuk-select" id="id_sort" name="sort">
            <option value="published" selected>Recently published</option>
            <option value="updated">Recently updated</option>
          </select>
        </div>
        """,
        crispy(SortForm(initial={"sort": "published"})),
    )


class ContactForm(Form):
    contact = forms.ChoiceField(
        label="How do you want to be contacted about this?",
        choices=[("email", "Email"), ("phone", "Phone")],
        widget=forms.RadioSelect,
    )


def test_radio_select_renders_as_nhsuk_radios_in_a_fieldset_with_legend():
    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              How do you want to be contacted about this?
            </legend>
            <div class="nhsuk-radios" data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_contact_0" name="contact" type="radio"
                       value="email" required>
                <label class="nhsuk-label nhsuk-radios__label" for="id_contact_0">Email</label>
              </div>
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_contact_1" name="contact" type="radio"
                       value="phone" required checked>
                <label class="nhsuk-label nhsuk-radios__label" for="id_contact_1">Phone</label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
        crispy(ContactForm(initial={"contact": "phone"})),
    )


def test_inline_radios_layout_object_adds_the_inline_modifier():
    form = ContactForm()
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.layout = Layout(InlineRadios("contact"))

    find(crispy_tag(form), "div", class_="nhsuk-radios nhsuk-radios--inline")


def test_checkbox_select_multiple_renders_as_nhsuk_checkboxes_in_a_fieldset():
    class ConditionsForm(Form):
        conditions = forms.MultipleChoiceField(
            label="What medical conditions do you have?",
            choices=[("asthma", "Asthma"), ("diabetes", "Diabetes")],
            widget=forms.CheckboxSelectMultiple,
        )

    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              What medical conditions do you have?
            </legend>
            <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_conditions_0" name="conditions"
                       type="checkbox" value="asthma">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_conditions_0">
                  Asthma
                </label>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_conditions_1" name="conditions"
                       type="checkbox" value="diabetes" checked>
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_conditions_1">
                  Diabetes
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
        crispy(ConditionsForm(initial={"conditions": ["diabetes"]})),
    )


def test_single_boolean_checkbox_is_one_nhsuk_checkbox_labelled_on_the_item():
    """No fieldset or legend: the field's label is the checkbox's own label."""

    class ConsentForm(Form):
        consent = forms.BooleanField(
            label="I agree to the terms", help_text="You can withdraw at any time"
        )

    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
            <div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id="id_consent" name="consent"
                     type="checkbox" aria-describedby="id_consent-hint" required>
              <label class="nhsuk-label nhsuk-checkboxes__label" for="id_consent">
                I agree to the terms
              </label>
              <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_consent-hint">
                You can withdraw at any time
              </div>
            </div>
          </div>
        </div>
        """,
        crispy(ConsentForm()),
    )


def test_hidden_field_renders_bare_without_a_form_group():
    class StepForm(Form):
        step = forms.CharField(widget=forms.HiddenInput)

    html = crispy(StepForm(initial={"step": "2"}))
    assert parse_html(html) == parse_html(
        '<input type="hidden" name="step" value="2" id="id_step">'
    )


# Date input --------------------------------------------------------------------------------------


class StartForm(Form):
    start = NHSDateField(
        label="When will the first person start?", help_text="For example, 15 9 2025"
    )


def date_data(day, month, year, name="start"):
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def test_date_input_renders_the_nhsuk_date_input_in_a_fieldset_with_legend():
    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset" role="group" aria-describedby="id_start-hint">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              When will the first person start?
            </legend>
            <div class="nhsuk-hint" id="id_start-hint">For example, 15 9 2025</div>
            <div class="nhsuk-date-input" id="id_start">
              <div class="nhsuk-date-input__item">
                <div class="nhsuk-form-group">
                  <label class="nhsuk-label nhsuk-date-input__label" for="id_start_0">Day</label>
                  <input class="nhsuk-input nhsuk-input--width-2 nhsuk-date-input__input"
                         id="id_start_0" name="start_0" type="text" inputmode="numeric"
                         value="4">
                </div>
              </div>
              <div class="nhsuk-date-input__item">
                <div class="nhsuk-form-group">
                  <label class="nhsuk-label nhsuk-date-input__label" for="id_start_1">Month</label>
                  <input class="nhsuk-input nhsuk-input--width-2 nhsuk-date-input__input"
                         id="id_start_1" name="start_1" type="text" inputmode="numeric"
                         value="3">
                </div>
              </div>
              <div class="nhsuk-date-input__item">
                <div class="nhsuk-form-group">
                  <label class="nhsuk-label nhsuk-date-input__label" for="id_start_2">Year</label>
                  <input class="nhsuk-input nhsuk-input--width-4 nhsuk-date-input__input"
                         id="id_start_2" name="start_2" type="text" inputmode="numeric"
                         value="2025">
                </div>
              </div>
            </div>
          </fieldset>
        </div>
        """,
        crispy(StartForm(initial={"start": datetime.date(2025, 3, 4)})),
    )


def test_date_input_autocomplete_names_each_part():
    widget = NHSDateInput(autocomplete="bday")
    html = widget.render("born", None, attrs={"id": "id_born"})
    assert find(html, "input", id="id_born_0")["autocomplete"] == "bday-day"
    assert find(html, "input", id="id_born_1")["autocomplete"] == "bday-month"
    assert find(html, "input", id="id_born_2")["autocomplete"] == "bday-year"


def test_date_field_cleans_day_month_and_year_to_a_date():
    form = StartForm(data=date_data(" 15 ", "09", "2025"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == datetime.date(2025, 9, 15)


def test_date_field_accepts_month_names():
    form = StartForm(data=date_data("1", "Feb", "2026"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == datetime.date(2026, 2, 1)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2025", "Date must be a real date"),
        ("32", "1", "2025", "Date must be a real date"),
        ("1", "13", "2025", "Date must be a real date"),
        ("x", "1", "2025", "Date must be a real date"),
        ("1", "1", "25", "Year must include 4 numbers"),
        ("1", "", "2025", "Date must include a month"),
        ("", "1", "2025", "Date must include a day"),
        ("1", "1", "", "Date must include a year"),
        ("", "1", "", "Date must include a day and year"),
        ("", "", "", "Enter a date"),
    ],
)
def test_date_field_explains_what_is_wrong_in_nhs_style(day, month, year, message):
    form = StartForm(data=date_data(day, month, year))
    assert not form.is_valid()
    assert form.errors["start"] == [message]


def test_date_field_31_february_is_not_a_real_date_and_keeps_what_was_typed():
    form = StartForm(data=date_data("31", "2", "2025"))
    html = crispy(form)
    assert form.errors["start"] == ["Date must be a real date"]
    assert find(html, "input", id="id_start_0")["value"] == "31"
    assert find(html, "input", id="id_start_1")["value"] == "2"
    assert find(html, "input", id="id_start_2")["value"] == "2025"


def test_date_input_in_error_highlights_only_the_missing_part():
    html = crispy(StartForm(data=date_data("15", "", "2025")))
    groups_in_error = find_all(html, "div", class_="nhsuk-form-group--error")
    assert len(groups_in_error) == 2  # the whole field, and the month inside it
    assert "nhsuk-input--error" not in find(html, "input", id="id_start_0")["class"]
    assert "nhsuk-input--error" in find(html, "input", id="id_start_1")["class"]
    assert "nhsuk-input--error" not in find(html, "input", id="id_start_2")["class"]
    fieldset = find(html, "fieldset", class_="nhsuk-fieldset")
    assert fieldset["aria-describedby"] == "id_start-hint id_start-error"
    assertInHTML(
        '<span class="nhsuk-error-message" id="id_start-error">'
        '<span class="nhsuk-u-visually-hidden">Error:</span> Date must include a month</span>',
        html,
    )


def test_date_input_not_a_real_date_highlights_every_part():
    html = crispy(StartForm(data=date_data("31", "2", "2025")))
    for part in range(3):
        assert "nhsuk-input--error" in find(html, "input", id=f"id_start_{part}")["class"]


def test_date_field_is_optional_when_not_required():
    class OptionalForm(Form):
        start = NHSDateField(required=False)

    form = OptionalForm(data=date_data("", "", ""))
    assert form.is_valid()
    assert form.cleaned_data["start"] is None


def test_date_field_subject_and_limits_word_the_messages():
    class PlanForm(Form):
        start = NHSDateField(subject="Start date", min_date=datetime.date(2025, 1, 1))

    assert PlanForm(data=date_data("1", "", "2025")).errors["start"] == [
        "Start date must include a month"
    ]
    assert PlanForm(data=date_data("31", "12", "2024")).errors["start"] == [
        "Start date must be the same as or after 1 January 2025"
    ]


# Layout, hints, errors ---------------------------------------------------------------------------


class AddressForm(Form):
    line1 = forms.CharField(label="Address line 1")
    town = forms.CharField(label="Town or city")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Fieldset("What is your address?", "line1", "town"))


def test_crispy_layout_fieldset_renders_as_nhsuk_fieldset_with_legend():
    assertInHTML(
        """
        <fieldset class="nhsuk-fieldset">
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
            What is your address?
          </legend>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="id_line1">Address line 1</label>
            <input class="nhsuk-input" id="id_line1" name="line1" type="text" required>
          </div>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="id_town">Town or city</label>
            <input class="nhsuk-input" id="id_town" name="town" type="text" required>
          </div>
        </fieldset>
        """,
        crispy_tag(AddressForm()),
    )


class NHSNumberForm(Form):
    nhs_number = forms.CharField(
        label="What is your NHS number?",
        help_text="This is a 10 digit number",
        error_messages={"required": "Enter NHS number"},
    )


def test_help_text_is_an_nhsuk_hint_that_describes_the_input():
    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_nhs_number">What is your NHS number?</label>
          <div class="nhsuk-hint" id="id_nhs_number-hint">This is a 10 digit number</div>
          <input class="nhsuk-input" id="id_nhs_number" name="nhs_number" type="text"
                 aria-describedby="id_nhs_number-hint" required>
        </div>
        """,
        crispy(NHSNumberForm()),
    )


def test_help_text_on_radios_describes_the_fieldset():
    class RoleForm(Form):
        role = forms.ChoiceField(
            choices=[("lead", "Lead")], widget=forms.RadioSelect, help_text="Select 1 option"
        )

    html = crispy(RoleForm())
    assert find(html, "fieldset")["aria-describedby"] == "id_role-hint"
    assertInHTML('<div class="nhsuk-hint" id="id_role-hint">Select 1 option</div>', html)
    assert "aria-describedby" not in find(html, "input", id="id_role_0")


def test_field_in_error_has_error_group_message_and_input_classes():
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label" for="id_nhs_number">What is your NHS number?</label>
          <div class="nhsuk-hint" id="id_nhs_number-hint">This is a 10 digit number</div>
          <span class="nhsuk-error-message" id="id_nhs_number-error">
            <span class="nhsuk-u-visually-hidden">Error:</span> Enter NHS number
          </span>
          <input class="nhsuk-input nhsuk-input--error" id="id_nhs_number" name="nhs_number"
                 type="text" aria-describedby="id_nhs_number-hint id_nhs_number-error"
                 aria-invalid="true" required>
        </div>
        """,
        crispy(NHSNumberForm(data={})),
    )


def test_textarea_and_select_in_error_get_their_own_error_classes():
    class DetailForm(Form):
        detail = forms.CharField(widget=forms.Textarea)
        sort = forms.ChoiceField(choices=[("", "Choose"), ("a", "A")])

    html = crispy(DetailForm(data={}))
    assert "nhsuk-textarea--error" in find(html, "textarea")["class"]
    assert "nhsuk-select--error" in find(html, "select")["class"]


def test_radios_in_error_show_the_message_inside_the_fieldset():
    html = crispy(ContactForm(data={}))
    find(html, "div", class_="nhsuk-form-group nhsuk-form-group--error")
    assert find(html, "fieldset")["aria-describedby"] == "id_contact-error"
    assertInHTML(
        '<span class="nhsuk-error-message" id="id_contact-error">'
        '<span class="nhsuk-u-visually-hidden">Error:</span> This field is required.</span>',
        html,
    )


class SignInForm(Form):
    email = forms.EmailField(label="Email address")

    def clean(self):
        raise forms.ValidationError("Enter a correct email address and password.")


def test_non_field_errors_render_above_the_fields():
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-form-group--error" id="non-field-errors">
          <span class="nhsuk-error-message">
            <span class="nhsuk-u-visually-hidden">Error:</span>
            Enter a correct email address and password.
          </span>
        </div>
        """,
        crispy(SignInForm(data={"email": "a@example.com"})),
    )


# Error summary -----------------------------------------------------------------------------------


class EverythingForm(Form):
    name = forms.CharField(error_messages={"required": "Enter your name"})
    contact = forms.ChoiceField(
        choices=[("email", "Email"), ("phone", "Phone")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you want to be contacted"},
    )
    conditions = forms.MultipleChoiceField(
        choices=[("asthma", "Asthma")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select your conditions"},
    )
    consent = forms.BooleanField(error_messages={"required": "Confirm you agree"})
    start = NHSDateField()


def test_error_summary_links_each_error_to_the_control_to_fix():
    """Inputs by id; radios and checkboxes to their first option; dates to the part in error."""
    form = EverythingForm(data=date_data("1", "", "2025"))
    assertInHTML(
        """
        <div class="nhsuk-error-summary" data-module="nhsuk-error-summary">
          <div role="alert">
            <h2 class="nhsuk-error-summary__heading">There is a problem</h2>
            <div class="nhsuk-error-summary__body">
              <ul class="nhsuk-list nhsuk-error-summary__list">
                <li><a href="#id_name">Enter your name</a></li>
                <li><a href="#id_contact_0">Select how you want to be contacted</a></li>
                <li><a href="#id_conditions_0">Select your conditions</a></li>
                <li><a href="#id_consent">Confirm you agree</a></li>
                <li><a href="#id_start_1">Date must include a month</a></li>
              </ul>
            </div>
          </div>
        </div>
        """,
        error_summary(form=form),
    )


def test_error_summary_links_a_wholly_wrong_date_to_the_day():
    form = StartForm(data=date_data("31", "2", "2025"))
    html = error_summary(form=form)
    assert find(html, "a")["href"] == "#id_start_0"


def test_error_summary_links_targets_exist_in_the_rendered_form():
    form = EverythingForm(data={"start_0": "1"})
    page = crispy(form)
    hrefs = [dict(a.attributes)["href"] for a in find_all(error_summary(form=form), "a")]
    assert hrefs
    for href in hrefs:
        find(page, "input", id=href.removeprefix("#"))


def test_error_summary_links_non_field_errors_to_where_the_form_shows_them():
    form = SignInForm(data={"email": "a@example.com"})
    html = error_summary(form=form)
    assertInHTML(
        '<li><a href="#non-field-errors">Enter a correct email address and password.</a></li>',
        html,
    )
    find(crispy(form), "div", id="non-field-errors")


def test_error_summary_is_absent_when_the_form_is_valid_or_unbound():
    assert error_summary(form=NHSNumberForm(data={"nhs_number": "9991234567"})).strip() == ""
    assert error_summary(form=NHSNumberForm()).strip() == ""
    assert error_summary().strip() == ""


def test_error_summary_lists_the_errors_of_several_forms():
    first = NHSNumberForm(data={}, prefix="first")
    second = ContactForm(data={}, prefix="second")
    html = error_summary(forms=[first, second])
    assert [dict(a.attributes)["href"] for a in find_all(html, "a")] == [
        "#id_first-nhs_number",
        "#id_second-contact_0",
    ]


# Escaping ----------------------------------------------------------------------------------------


def test_labels_hints_values_choices_and_errors_are_escaped():
    """Nothing a person types, nor any label or help text, is ever output as markup."""

    class HostileForm(Form):
        name = forms.CharField(label=HOSTILE, help_text=HOSTILE)
        colour = forms.ChoiceField(choices=[("red", HOSTILE)], widget=forms.RadioSelect)
        start = NHSDateField(label=HOSTILE)

    form = HostileForm(data={"name": HOSTILE, "colour": HOSTILE, **date_data(HOSTILE, "1", "2025")})
    html = crispy(form) + error_summary(form=form)

    assert "<script>" not in html
    assertInHTML(f'<label class="nhsuk-label" for="id_name">{ESCAPED}</label>', html)
    assertInHTML(f'<div class="nhsuk-hint" id="id_name-hint">{ESCAPED}</div>', html)
    assert find(html, "input", id="id_name")["value"] == HOSTILE  # escaped in the attribute
    assertInHTML(
        f'<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{ESCAPED}</legend>',
        html,
    )
    assertInHTML(
        f'<label class="nhsuk-label nhsuk-radios__label" for="id_colour_0">{ESCAPED}</label>',
        html,
    )
    assert find(html, "input", id="id_start_0")["value"] == HOSTILE
    # Django's invalid-choice message repeats what was typed: in the field and in the summary.
    invalid_choice = f"Select a valid choice. {ESCAPED} is not one of the available choices."
    assertInHTML(f'<a href="#id_colour_0">{invalid_choice}</a>', html)
    assertInHTML(
        f'<span class="nhsuk-error-message" id="id_colour-error">'
        f'<span class="nhsuk-u-visually-hidden">Error:</span> {invalid_choice}</span>',
        html,
    )
    # Widgets escape quotes as &#34; (Jinja2, the form renderer), templates as &quot;.
    assert html.count(ESCAPED) + html.count(ESCAPED.replace("&quot;", "&#34;")) == 8


# Buttons and the form tag ------------------------------------------------------------------------


def test_submit_input_renders_as_nhsuk_button():
    form = NHSNumberForm()
    form.helper = FormHelper()
    form.helper.add_input(Submit("save", "Save and continue"))
    assertInHTML(
        """
        <button class="nhsuk-button" type="submit" data-module="nhsuk-button"
                name="save" value="Save and continue" id="submit-id-save">
          Save and continue
        </button>
        """,
        crispy_tag(form),
    )


def test_button_input_renders_as_secondary_nhsuk_button():
    form = NHSNumberForm()
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.layout = Layout("nhs_number", Button("back", "Go back"))
    assert find(crispy_tag(form), "button")["class"] == "nhsuk-button nhsuk-button--secondary"


def test_crispy_tag_wraps_the_form_in_a_novalidate_form_with_csrf_token():
    form = NHSNumberForm()
    form.helper = FormHelper()
    form.helper.form_action = "/submit/"
    html = crispy_tag(form)
    assert find(html, "form") == {
        "action": "/submit/",
        "method": "post",
        "novalidate": None,
    }
    assert find(html, "input", name="csrfmiddlewaretoken")["value"] == "test-csrf-token"
    find(html, "input", id="id_nhs_number")


def test_crispy_tag_without_form_tag_renders_only_the_fields():
    form = AddressForm()
    html = crispy_tag(form)
    assert find_all(html, "form") == []
    find(html, "input", id="id_line1")


def test_as_crispy_field_renders_a_single_field():
    form = NHSNumberForm()
    html = render("{{ form.nhs_number|as_crispy_field }}", form=form)
    find(html, "div", class_="nhsuk-form-group")
    find(html, "input", id="id_nhs_number", class_="nhsuk-input")


# Formsets ----------------------------------------------------------------------------------------


def test_formset_with_crispy_filter_renders_management_form_and_every_form():
    formset = forms.formset_factory(NHSNumberForm, extra=2)()
    html = crispy(formset)
    find(html, "input", name="form-TOTAL_FORMS")
    find(html, "input", id="id_form-0-nhs_number")
    find(html, "input", id="id_form-1-nhs_number")


def test_table_inline_formset_renders_an_nhsuk_table_with_hidden_labels():
    formset = forms.formset_factory(NHSNumberForm, extra=1)()
    helper = FormHelper()
    helper.template = "nhsuk/table_inline_formset.html"
    html = render("{% crispy formset helper %}", formset=formset, helper=helper)
    find(html, "table", class_="nhsuk-table")
    find(html, "th", class_="nhsuk-table__header")
    assert "nhsuk-u-visually-hidden" in find(html, "label", class_="nhsuk-label")["class"]
