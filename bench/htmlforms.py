"""The POST forms of an HTML page, as a browser would submit them untouched (for loadgen)."""

from html.parser import HTMLParser


class FormParser(HTMLParser):
    """Every POST form of a page: its fields as a browser would submit them untouched."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form = None
        self.textarea = None
        self.select = None
        self.radios: dict = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.form = {"action": attrs.get("action") or "", "fields": {}}
            self.radios = {}
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file"):
                return
            if kind == "radio":
                self.radios.setdefault(name, attrs.get("value", "on"))
                if "checked" in attrs:
                    self.form["fields"][name] = attrs.get("value", "on")
            elif kind == "checkbox":
                if "checked" in attrs:
                    self.form["fields"][name] = attrs.get("value", "on")
            else:
                self.form["fields"][name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.form["fields"][name] = ""
        elif tag == "select" and name:
            self.select = name
            self.form["fields"][name] = ""
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            fields = self.form["fields"]
            if value and ("selected" in attrs or not fields.get(self.select)):
                fields[self.select] = value  # the selected option, else the first real one

    def handle_data(self, data):
        if self.textarea and self.form is not None:
            self.form["fields"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self.form is not None and self.textarea:
                # As browsers do, drop the newline that may follow <textarea> (HTML spec).
                value = self.form["fields"][self.textarea]
                self.form["fields"][self.textarea] = value.removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.form is not None:
            for name, first in self.radios.items():  # a required choice: take the first
                self.form["fields"].setdefault(name, first)
            self.forms.append(self.form)
            self.form = None


def form_with(html: str, field: str) -> dict | None:
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if field in form["fields"]:
            return form
    return None
