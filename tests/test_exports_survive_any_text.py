"""Every export works whatever text the plan holds (issue 24).

Forms refuse line breaks in one-line fields, but text also arrives through the admin, imports
and older data. With the worst case in every text field of a plan, of every record of it, of
its organisation and of its people (written straight to the database, as such data would be),
every export is still a file that opens: each spreadsheet parses and runs no formula, the
calendar file and subscription parse with each event's title on one line, the PDFs are PDFs,
and every download is named by one safe Content-Disposition header.
"""

import csv
import io
import itertools
import re
from datetime import date

import pypdf
import pytest
import vobject
from django.db.models import CharField, TextField
from django.urls import reverse
from icalendar import Calendar

from evaluation.models import EvaluationCheckpoint, Measurement
from newroles.accounts.models import Organisation, User
from planning import panels, services
from planning.models import (
    ChecklistResponse,
    FundingSource,
    GoodPracticePoint,
    ImplementationPlan,
    PlanApproval,
    PointStatus,
    Post,
    RoleDocumentation,
    Stage,
    StageResponse,
    TrainingActivity,
)
from planning.records import plan_part_models
from planning.workflow import questions_for
from tests import needs
from tests.evaluation.factories import CheckpointFactory
from tests.factories import ImplementationPlanFactory, PlanActionFactory
from tests.forms import form_data
from tests.url_walk import make

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
BYTE_ORDER_MARK = b"\xef\xbb\xbf"

# The worst cases, each written into every text field (cut to the field's length).
WORST_CASES = {
    "line breaks": "First line\nsecond line\r\nthird line\rfourth line\n\nafter a blank line",
    "hidden line breaks": "Separated\u2028by\u2029Unicode\x85next\x0bvertical\x0cfeed\x1crecord",
    "punctuation": "Semi; colon, comma \"double\" 'single' <b>angle</b> & amp = equals \\ back",
    "formulas": '=HYPERLINK("https://evil.example/","Click")',
    "non-ASCII": "Café naïve — Ysbyty Gwynedd, Llanfairpwllgwyngyll: ŵ ŷ ŵ, emoji 👩🏽‍⚕️ «»",
    "very long": " ".join(["Supervision"] * 2_000),
    "one very long word": "x" * 10_000,
}
CASES = [pytest.param(text, id=kind) for kind, text in WORST_CASES.items()]
# Typesetting every field at its full length takes minutes (a 200-page document): the PDFs
# get long text that still wraps, splits table cells and crosses pages.
PDF_CASES = [pytest.param(text[:1_500], id=kind) for kind, text in WORST_CASES.items()]


def worst(text: str, n: int, limit: int | None) -> str:
    """The case for the n-th field: formulas take each prefix in turn."""
    if text.startswith("="):
        text = "=+-@"[n % 4] + text[1:]
    return text[: limit or None]


def fill_text_fields(record, text, counter) -> None:
    """Every free-text field of one record (not choices), written straight to the database."""
    values = {
        field.attname: worst(text, next(counter), field.max_length)
        for field in type(record)._meta.concrete_fields
        if isinstance(field, CharField | TextField)
        and not field.choices
        and field.editable
        and field.name not in ("token", "pdf_sha256", "password", "email", "ods_code")
        and "link" not in field.name
        and "url" not in field.name
    }
    type(record)._base_manager.filter(pk=record.pk).update(**values)


@pytest.fixture
def worst_plan(request, organisation, cycle, lead):
    text = request.param
    counter = itertools.count()
    plan = ImplementationPlanFactory(
        organisation=organisation, owner=lead, target_start_date=date(2027, 4, 1)
    )
    for model in plan_part_models():
        if model not in (StageResponse, ChecklistResponse):
            fill_text_fields(make(model, plan), text, counter)
    # Dated, so the calendar carries them.
    fill_text_fields(PlanActionFactory(plan=plan, due_date=date(2027, 5, 1)), text, counter)
    checkpoint = CheckpointFactory(plan=plan, due_date=date(2027, 6, 1))
    fill_text_fields(checkpoint, text, counter)
    # Every other kind of dated thing too, so each kind of calendar event carries the text.
    TrainingActivity.objects.filter(plan=plan).update(
        start_date=date(2027, 7, 1), end_date=date(2027, 8, 1)
    )
    FundingSource.objects.filter(plan=plan).update(end_date=date(2029, 3, 31))
    Post.objects.filter(plan=plan).update(start_date=date(2027, 9, 1))
    RoleDocumentation.objects.filter(plan=plan).update(banding_date=date(2027, 6, 15))
    for stage in Stage.values:
        answers = {q.code: worst(text, next(counter), None) for q in questions_for(stage)}
        answers |= {q.code: q.choices[0][0] for q in questions_for(stage) if q.is_choice}
        StageResponse.objects.create(plan=plan, stage=stage, answers=answers)
    for point in GoodPracticePoint.objects.all()[:12]:
        ChecklistResponse.objects.create(
            plan=plan, point=point, status=PointStatus.IN_PROGRESS, note=text[:2000]
        )
    for measurement in Measurement.objects.filter(metric__plan=plan):
        fill_text_fields(measurement, text, counter)
    approval = PlanApproval.objects.create(
        plan=plan,
        version=plan.version,
        approver="Board",
        decided_on=date(2027, 1, 5),
        decision="approved",
        pdf=b"%PDF-1.4",
        pdf_sha256="0" * 64,
    )
    fill_text_fields(approval, text, counter)
    fill_text_fields(organisation, text, counter)
    fill_text_fields(lead, text, counter)
    fill_text_fields(plan, text, counter)
    return ImplementationPlan.objects.get(pk=plan.pk)


def attachment_name(response) -> str:
    """The file name of a download, checking its header is one well-formed line."""
    header = response["Content-Disposition"]
    assert not re.search(r"[\x00-\x1f\x7f]", header), header
    assert header.isascii(), header
    match = re.fullmatch(r'attachment; filename="([a-z0-9][a-z0-9._-]*)"', header)
    assert match, header
    assert len(match.group(1)) <= 100, header
    return match.group(1)


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert attachment_name(response).endswith(".csv")
    assert response.content.startswith(BYTE_ORDER_MARK)  # so that Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert len(rows) >= 2, rows
    for row in rows:
        assert len(row) == len(rows[0]), row
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    return rows


def read_calendar(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert "\n" not in str(calendar["X-WR-CALNAME"]), calendar["X-WR-CALNAME"]
    events = calendar.walk("VEVENT")
    assert len(events) >= 2, [str(e["SUMMARY"]) for e in events]
    for event in events:
        assert set(event) == {"UID", "SUMMARY", "DTSTART", "DTSTAMP", "DESCRIPTION", "URL"}, event
        assert "\n" not in str(event["SUMMARY"]) and "\r" not in str(event["SUMMARY"])
        assert str(event["URL"]).startswith("http://testserver/"), event["URL"]
    # A second parser, not the library that wrote the file, reads the same events.
    other = vobject.readOne(response.content.decode("utf-8"))
    assert sorted(e.summary.value for e in other.vevent_list) == sorted(
        str(e["SUMMARY"]) for e in events
    )
    return calendar


def read_pdf(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    assert response.content.startswith(b"%PDF")
    assert attachment_name(response).endswith(".pdf")
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages]


@pytest.mark.parametrize("worst_plan", CASES, indirect=True)
def test_every_spreadsheet_opens_and_runs_no_formula(worst_plan, lead_client):
    exports = panels.csv_exports()
    assert len(exports) >= 3
    for export in exports:
        url = reverse("planning:export_csv", args=[worst_plan.pk, export.key])
        read_csv(lead_client.get(url))
    rows = read_csv(lead_client.get(reverse("planning:register_csv")))
    assert len(rows) == 2


# Every kind of calendar event, by the start of its UID.
EVENT_KINDS = {
    "plan-start",
    "action",
    "evaluation-checkpoint",
    "objective",
    "training-start",
    "training-end",
    "funding-end",
    "post-start",
    "banding-panel",
}


@pytest.mark.parametrize("worst_plan", CASES, indirect=True)
def test_the_calendar_file_and_subscription_open_with_one_line_titles(worst_plan, lead_client):
    response = lead_client.get(reverse("planning:export_calendar", args=[worst_plan.pk]))
    assert attachment_name(response).endswith(".ics")
    kinds = {str(e["UID"]).rsplit("-", 1)[0] for e in read_calendar(response).walk("VEVENT")}
    assert kinds == EVENT_KINDS

    feed = services.renew_calendar_feed(user=worst_plan.owner, organisation=worst_plan.organisation)
    read_calendar(lead_client.get(reverse("calendar_feed", args=[feed.token])))


@pytest.mark.parametrize("worst_plan", PDF_CASES, indirect=True)
def test_the_pdfs_and_the_preview_are_made(worst_plan, lead_client):
    for name in ("documents:pdf", "documents:summary_pdf"):
        assert read_pdf(lead_client.get(reverse(name, args=[worst_plan.pk])))
    approval = PlanApproval.objects.get(plan=worst_plan)
    response = lead_client.get(reverse("documents:approval_pdf", args=[worst_plan.pk, approval.pk]))
    assert attachment_name(response).endswith(".pdf")
    assert lead_client.get(reverse("documents:preview", args=[worst_plan.pk])).status_code == 200


# --- What each export does with such text ---------------------------------------------------------


@pytest.fixture
def plan(organisation, cycle, lead):
    return ImplementationPlanFactory(organisation=organisation, owner=lead, title="Peer support")


def test_a_plan_title_with_a_line_break_is_refused_next_to_the_field(lead_client, plan):
    url = reverse("planning:plan_create")
    data = form_data(lead_client.get(url).context["form"]) | {"title": "Peer\nsupport"}
    response = lead_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Remove the line breaks from plan title"]
    assert "Remove the line breaks from plan title</span>" in response.content.decode()
    assert list(ImplementationPlan.objects.values_list("title", flat=True)) == ["Peer support"]


def test_a_title_with_line_breaks_saved_before_the_rule_still_downloads_as_a_calendar(
    lead_client, plan
):
    ImplementationPlan.objects.filter(pk=plan.pk).update(title="Peer\nsupport\r\nworkers")
    PlanActionFactory(plan=plan, description="Agree\nsupervision", due_date=date(2027, 5, 4))
    response = lead_client.get(reverse("planning:export_calendar", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="peer-support-workers.ics"'
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Peer support workers"
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Action due: Agree supervision (Peer support workers)"


def test_the_calendar_names_and_titles_keep_their_punctuation(lead_client, plan):
    ImplementationPlan.objects.filter(pk=plan.pk).update(title='Nurses; "ACPs", & others')
    PlanActionFactory(plan=plan, description="Book rooms, A&E; 2\\3", due_date=date(2027, 5, 4))
    calendar = Calendar.from_ical(
        lead_client.get(reverse("planning:export_calendar", args=[plan.pk])).content
    )
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == 'Action due: Book rooms, A&E; 2\\3 (Nurses; "ACPs", & others)'
    assert b'X-WR-CALNAME:Nurses\\; "ACPs"\\, & others' in calendar.to_ical()


def test_descriptions_keep_their_line_breaks_without_hidden_characters(lead_client, plan):
    action = PlanActionFactory(plan=plan, description="Plan", due_date=date(2027, 5, 4))
    type(action).objects.filter(pk=action.pk).update(owner_name="Sam\r\nJones\u2028\x07")
    calendar = Calendar.from_ical(
        lead_client.get(reverse("planning:export_calendar", args=[plan.pk])).content
    )
    [event] = calendar.walk("VEVENT")
    assert str(event["DESCRIPTION"]).startswith("Owner: Sam\nJones\n.")


def test_a_title_in_welsh_names_its_download_in_plain_letters(lead_client, plan):
    ImplementationPlan.objects.filter(pk=plan.pk).update(title="Gweithwyr cymorth ŵyr ac ŷd")
    response = lead_client.get(reverse("planning:export_calendar", args=[plan.pk]))
    assert (
        response["Content-Disposition"] == 'attachment; filename="gweithwyr-cymorth-wyr-ac-yd.ics"'
    )


def test_a_title_of_emoji_only_downloads_as_plan(lead_client, plan):
    ImplementationPlan.objects.filter(pk=plan.pk).update(title="👩🏽‍⚕️🏥")
    response = lead_client.get(reverse("planning:export_calendar", args=[plan.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="plan.ics"'


def test_spreadsheet_cells_keep_line_breaks_lose_hidden_characters_and_run_no_formula(
    lead_client, plan
):
    from tests.factories import RiskFactory

    RiskFactory(plan=plan, description="Staff\r\nleave\u2028early\x07", owner="\n=1+1")
    rows = read_csv(lead_client.get(reverse("planning:export_csv", args=[plan.pk, "risks"])))
    assert rows[1][0] == "Staff\nleave\nearly"
    assert rows[1][6] == "'\n=1+1"


def test_people_and_organisations_named_with_line_breaks_export_too(lead_client, plan, lead):
    User.objects.filter(pk=lead.pk).update(first_name="Alex\nVisit", last_name="https://x.example")
    Organisation.objects.filter(pk=plan.organisation_id).update(name="Trust\r\nInjected: yes")
    EvaluationCheckpoint.objects.filter(plan=plan).delete()
    CheckpointFactory(plan=plan, due_date=date(2027, 6, 1), reviewer="Kim\nLee")
    feed = services.renew_calendar_feed(user=lead, organisation=plan.organisation)
    calendar = Calendar.from_ical(
        lead_client.get(reverse("calendar_feed", args=[feed.token])).content
    )
    assert str(calendar["X-WR-CALNAME"]) == "NewRoles – Trust Injected: yes"
    assert "Injected" not in calendar
    for name in ("documents:pdf", "documents:summary_pdf"):
        assert read_pdf(lead_client.get(reverse(name, args=[plan.pk])))


# --- Characters outside the PDF's text fonts --------------------------------------------------

# The PDFs set text in Liberation Sans and DejaVu Sans (templates/planning/pdf/base.css); a
# character neither has is drawn from a font that has it, found through fontconfig among the
# fonts .ci/run installs, or it would print as an empty box. Each sample: the characters, and
# the Debian package and font family that cover them.
BEYOND_THE_TEXT_FONTS = {
    "👩🏽‍⚕️🏥": ("fonts-noto-color-emoji", "Noto Color Emoji"),
    "বাংলা": ("fonts-noto-core", "Noto Sans Bengali"),
    "中文": ("fonts-droid-fallback", "Droid Sans Fallback"),
}
TEXT_FONTS = ("Liberation", "DejaVu")


def fonts_drawing(content: bytes) -> dict[str, str]:
    """text -> the embedded font that draws it, from each font's ToUnicode map."""
    drawn = {}
    for page in pypdf.PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            to_unicode = font.get("/ToUnicode")
            if to_unicode is None:
                continue
            cmap = to_unicode.get_object().get_data().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
                for text in re.findall(r"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>", block):
                    drawn[bytes.fromhex(text).decode("utf-16-be")] = str(font["/BaseFont"])
    return drawn


def test_emoji_and_other_scripts_in_a_title_print_as_characters_not_boxes(lead_client, plan):
    for package, family in BEYOND_THE_TEXT_FONTS.values():
        needs.font(family, package)
    title = "Gwŷr " + " ".join(BEYOND_THE_TEXT_FONTS)
    ImplementationPlan.objects.filter(pk=plan.pk).update(title=title)
    for name in ("documents:pdf", "documents:summary_pdf"):
        response = lead_client.get(reverse(name, args=[plan.pk]))
        drawn = fonts_drawing(response.content)
        for sample in BEYOND_THE_TEXT_FONTS:
            fonts = {font for text, font in drawn.items() if text and text in sample}
            assert fonts, (name, sample, drawn)
            # A font subset is named "ABCDEF+Family-Name".
            assert not any(f.split("+")[-1].startswith(TEXT_FONTS) for f in fonts), (
                f"{name}: {sample} is drawn in {fonts}, which have no such characters: boxes"
            )
        assert any("Emoji" in font for font in drawn.values()), name
        assert title in "".join(read_pdf(response)).replace("\n", " "), name
