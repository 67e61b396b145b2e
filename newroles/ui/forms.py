"""The bases of every form of the product: what may be typed into a text field.

Every text field (a ``CharField``, and so every model ``CharField`` and ``TextField``) of a
form built on ``Form``, ``ModelForm`` or ``SafeTextMixin``:

- refuses hidden control characters (see ``HIDDEN_CHARACTERS``) with a message next to the
  field, instead of Django's bare refusal of NUL alone;
- refuses line breaks when it is typed into a one-line input (a title, a name, an owner):
  they break calendar files and email subjects, and nobody sees them in the input. Long
  answers (a ``Textarea``) keep their line breaks;
- has a length limit: its own ``max_length``, or ``LONG_TEXT_MAX_LENGTH`` for long answers
  (model ``TextField``s) that have none, with an NHS.UK-style message naming the field. A long
  answer shows its limit with the NHS.UK character count (the template pack, ``counted_limit``)
  and is never cut short in the browser: over the limit, it is refused with the message.
- counts a line break in a long answer as one character, as the character count does: browsers
  send each as CR LF, which is made a line feed before the answer is measured and saved.

Passwords are left alone: they are never shown, and refusing one could lock a person out.
The rules are applied when the form is cleaned, so fields a form adds in its ``__init__``
(questions, metrics) are covered too.
"""

import re

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.deconstruct import deconstructible

from .text import HIDDEN_CHARACTERS, LINE_BREAKS
from .widgets import RENDERER

LONG_TEXT_MAX_LENGTH = 10_000

_OPTIONAL = re.compile(r"\s*\(optional\)\s*$", re.IGNORECASE)


def field_subject(field, name: str) -> str | None:
    """How a message names the field ("Plan title"), or None when its label is a question
    or a sentence, which reads badly inside a message."""
    label = _OPTIONAL.sub("", str(field.label or name.replace("_", " ").capitalize())).strip()
    if not label or label.endswith(("?", ".", ")", ":")) or len(label) > 40:
        return None
    return label


def _in_sentence(subject: str) -> str:
    """'Plan title' -> 'plan title', keeping acronyms ('WTE', 'NHS number')."""
    first = subject.split()[0]
    return subject if first.isupper() and len(first) > 1 else subject[0].lower() + subject[1:]


def text_limit(field) -> int | None:
    """The most characters the field accepts once the rules apply (None: not a text field)."""
    if not _is_text(field):
        return None
    return field.max_length or LONG_TEXT_MAX_LENGTH


def counted_limit(bound_field) -> int | None:
    """The limit the character count shows under a long answer (a ``Textarea``): the one the
    server applies. None for other fields, and for a form the rules do not cover."""
    field = bound_field.field
    if not isinstance(field.widget, forms.Textarea) or not _is_text(field):
        return None
    if field.max_length is None and not isinstance(bound_field.form, SafeTextMixin):
        return None
    return text_limit(field)


@deconstructible
class NoHiddenCharacters:
    """Refuses text containing any of ``HIDDEN_CHARACTERS``."""

    code = "hidden_characters"

    def __init__(self, message="Remove the hidden control characters from your answer"):
        self.message = message

    def __call__(self, value):
        if value and HIDDEN_CHARACTERS.search(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoHiddenCharacters) and self.message == other.message


@deconstructible
class OnOneLine:
    """Refuses text with a line break (see ``LINE_BREAKS``)."""

    code = "line_breaks"

    def __init__(self, message="Remove the line breaks from your answer"):
        self.message = message

    def __call__(self, value):
        if value and LINE_BREAKS.search(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, OnOneLine) and self.message == other.message


def is_one_line(field) -> bool:
    """Whether a person types this field's text into a one-line input (not a Textarea; not a
    hidden input, which nobody types into and whose message nobody would see)."""
    return isinstance(field.widget, forms.widgets.Input) and not isinstance(
        field.widget, forms.HiddenInput
    )


def _is_text(field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


def guard_text_field(field, name: str) -> None:
    """Give one form field the rules (once; the field belongs to one form instance)."""
    if not _is_text(field) or getattr(field, "_text_guarded", False):
        return
    field._text_guarded = True
    subject = field_subject(field, name)
    where = _in_sentence(subject) if subject else "your answer"
    # Ours names the field and covers NUL too: Django's own would say it a second time.
    field.validators = [
        v for v in field.validators if not isinstance(v, validators.ProhibitNullCharactersValidator)
    ]
    message = f"Remove the hidden control characters from {where}"
    field.validators.append(NoHiddenCharacters(message))
    if is_one_line(field):
        field.validators.append(OnOneLine(f"Remove the line breaks from {where}"))
    if field.max_length is None:
        field.max_length = LONG_TEXT_MAX_LENGTH
        field.validators.append(validators.MaxLengthValidator(LONG_TEXT_MAX_LENGTH))
    field.error_messages.setdefault(
        "max_length", f"{subject or 'Answer'} must be {field.max_length:,} characters or fewer"
    )


class TextBoundField(BoundField):
    """A long answer as sent, with each line break made one line feed.

    The browser's textarea (and the character count reading it) holds a line break as one
    character, but a form sends it as CR LF, two: measured as sent, an answer the count allowed
    would be refused, and a browser ``maxlength`` cut it short without a word.
    """

    @property
    def data(self):
        value = super().data
        if isinstance(value, str) and isinstance(self.field.widget, forms.Textarea):
            return value.replace("\r\n", "\n").replace("\r", "\n")
        return value

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if isinstance(widget or self.field.widget, forms.Textarea):
            # Django sets maxlength from max_length, and the browser would cut a long answer
            # short without a word; the character count shows the limit instead.
            attrs["maxlength"] = False
        return attrs


class SafeTextMixin:
    """Applies the text rules to every text field of the form before it is cleaned, and draws
    its widgets with the Jinja2 renderer."""

    default_renderer = RENDERER  # see newroles.ui.widgets
    bound_field_class = TextBoundField

    def full_clean(self):
        if self.is_bound:
            for name, field in self.fields.items():
                guard_text_field(field, name)
        super().full_clean()


class Form(SafeTextMixin, forms.Form):
    pass


class ModelForm(SafeTextMixin, forms.ModelForm):
    pass
