"""Every CSV download opens in a spreadsheet with names and dates intact (issue 18).

Each spreadsheet of a plan, and the register, is downloaded and opened in LibreOffice (Debian's
package, run headless) as a person would open it: comma-separated, Unicode (UTF-8), the
character set a spreadsheet offers for a file that starts with a byte-order mark, which Excel
needs to read UTF-8 at all. Every cell must arrive as it was written: a Welsh name with ŵ and ŷ
as the same letters, an ISO date as a date (not text), a number as a number, an empty cell
empty. Skipped outside CI when LibreOffice is missing; required in CI.
"""

import re
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from planning import panels
from planning.models import ImplementationPlan, RoleDocumentation
from tests import needs
from tests.evaluation.factories import (
    CheckpointFactory,
    MeasurementFactory,
    MetricFactory,
    ObjectiveFactory,
)
from tests.factories import (
    FundingSourceFactory,
    ImplementationPlanFactory,
    PlanActionFactory,
    PostFactory,
    RiskFactory,
    TrainingActivityFactory,
)
from tests.governance.factories import StakeholderFactory
from tests.reading import read_csv

pytestmark = pytest.mark.django_db

WELSH = "Gwŷr a ŵyr Ysbyty Gwynedd"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
# What a person picks in LibreOffice's text import for these files: comma, double quote,
# Unicode (UTF-8, character set 76), from the first line, British English.
CSV_IMPORT = "CSV:44,34,76,1,,2057"

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


@dataclass(frozen=True)
class Cell:
    kind: str  # LibreOffice's value type: string, date, float, ... ("" for an empty cell)
    value: str  # the date or number it holds, or its text


def _text(element) -> str:
    """The text of a paragraph, with ODF's spaces, tabs and line breaks put back."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.split("}")[1]
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _cell(element) -> Cell:
    kind = element.get(f"{{{OFFICE}}}value-type", "")
    if kind == "date":
        return Cell(kind, element.get(f"{{{OFFICE}}}date-value"))
    if kind in ("float", "percentage", "currency"):
        return Cell(kind, element.get(f"{{{OFFICE}}}value"))
    paragraphs = element.findall(f"{{{TEXT}}}p")
    return Cell(kind, "\n".join(_text(p) for p in paragraphs))


def ods_rows(path) -> list[list[Cell]]:
    """The first sheet of an OpenDocument spreadsheet, cell by cell."""
    with zipfile.ZipFile(path) as ods:
        root = ElementTree.fromstring(ods.read("content.xml"))  # noqa: S314 (our own file)
    table = root.find(f".//{{{TABLE}}}table")
    rows = []
    for row in table.iter(f"{{{TABLE}}}table-row"):
        cells = []
        for element in row:
            repeated = int(element.get(f"{{{TABLE}}}number-columns-repeated", "1"))
            cells.extend([_cell(element)] * min(repeated, 100))
        rows.append(cells)
    while rows and all(not c.kind for c in rows[-1]):
        rows.pop()
    return rows


def open_in_libreoffice(soffice, csv_files, tmp_path) -> dict:
    """Each CSV file opened in LibreOffice and saved as a spreadsheet (one run for all)."""
    out = tmp_path / "ods"
    # A profile of its own, so parallel runs and a person's LibreOffice do not collide.
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            f"--infilter={CSV_IMPORT}",
            "--convert-to",
            "ods",
            "--outdir",
            str(out),
            *[str(f) for f in csv_files],
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {f.stem: ods_rows(out / f"{f.stem}.ods") for f in csv_files}


def expected(text: str) -> Cell:
    """What LibreOffice must make of a CSV cell's text."""
    if not text:
        return Cell("", "")
    if ISO_DATE.fullmatch(text):
        return Cell("date", text)
    if NUMBER.fullmatch(text):
        return Cell("float", text)
    return Cell("string", text)


def same(cell: Cell, want: Cell) -> bool:
    if want.kind == "float":
        return cell.kind == "float" and float(cell.value) == float(want.value)
    return cell == want


@pytest.fixture
def soffice():
    return needs.program("soffice", "libreoffice-calc-nogui")


@pytest.fixture
def welsh_plan(organisation, cycle, lead):
    """A plan whose every kind of record carries the Welsh name and a date."""
    plan = ImplementationPlanFactory(
        organisation=organisation,
        owner=lead,
        title=f"Cynllun {WELSH}",
        target_start_date=date(2027, 9, 1),
    )
    RiskFactory(plan=plan, description=f"Colli {WELSH}", owner=WELSH)
    StakeholderFactory(plan=plan, name=WELSH)
    FundingSourceFactory(
        plan=plan, name=WELSH, start_date=date(2027, 9, 1), end_date=date(2029, 8, 31)
    )
    FundingSourceFactory(plan=plan, name="Recurrent budget", end_date=None)
    TrainingActivityFactory(
        plan=plan,
        title=WELSH,
        provider="Prifysgol Bangor",
        start_date=date(2027, 10, 4),
        end_date=date(2028, 7, 14),
    )
    TrainingActivityFactory(plan=plan, title="Shadowing, dates to agree")
    PlanActionFactory(plan=plan, description="Banding panel", owner_name=WELSH)
    PlanActionFactory(
        plan=plan, description=WELSH, owner_name="Siân", due_date=date(2027, 5, 4), stage=""
    )
    checkpoint = CheckpointFactory(plan=plan, title=WELSH, due_date=date(2028, 3, 1))
    objective = ObjectiveFactory(plan=plan, statement=f"Llai o aros: {WELSH}")
    metric = MetricFactory(plan=plan, objective=objective, name=WELSH, baseline=-2.5)
    MeasurementFactory(metric=metric, checkpoint=checkpoint, value="12.25", note=WELSH)
    MetricFactory(plan=plan, objective=objective, name="Not measured yet")
    PostFactory(plan=plan, title=WELSH, start_date=date(2027, 9, 1))
    RoleDocumentation.objects.create(plan=plan, banding_date=date(2027, 6, 15))
    return ImplementationPlan.objects.get(pk=plan.pk)


def test_every_spreadsheet_opens_in_libreoffice_with_welsh_names_and_dates_intact(
    soffice, welsh_plan, lead_client, tmp_path
):
    downloads = {
        export.key: lead_client.get(
            reverse("planning:export_csv", args=[welsh_plan.pk, export.key])
        )
        for export in panels.csv_exports()
    }
    downloads["register"] = lead_client.get(reverse("planning:register_csv"))
    written = {}
    for key, response in downloads.items():
        written[key] = read_csv(response)  # asserts the byte-order mark Excel needs
        (tmp_path / f"{key}.csv").write_bytes(response.content)

    opened = open_in_libreoffice(soffice, [tmp_path / f"{key}.csv" for key in written], tmp_path)

    dated = set()
    for key, rows in written.items():
        sheet = opened[key]
        assert len(sheet) == len(rows), key
        for number, (row, cells) in enumerate(zip(rows, sheet, strict=True)):
            cells = cells + [Cell("", "")] * (len(row) - len(cells))
            for column, text in enumerate(row):
                want = expected(text) if number else Cell("string", text)
                assert same(cells[column], want), (key, rows[0][column], text, cells[column])
                if number and want.kind == "date":
                    dated.add(key)
        assert any(WELSH in c.value for cells in sheet for c in cells), key
        assert sheet[0][0].value == rows[0][0] and not rows[0][0].startswith("\ufeff"), key
    assert {"funding", "training", "actions", "checkpoints", "metrics", "register"} <= dated


def test_dates_are_dates_and_a_missing_date_is_an_empty_cell(welsh_plan, lead_client):
    """Words such as "None planned" or "Ongoing" never stand in a date column: the cell is
    empty, and a column of its own says what the empty date means."""
    rows = read_csv(
        lead_client.get(reverse("planning:export_csv", args=[welsh_plan.pk, "funding"]))
    )
    header, *sources = rows
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in sources}
    assert by_name[WELSH]["End date"] == "2029-08-31"
    assert by_name[WELSH]["Ongoing (no end date)"] == "No"
    assert by_name["Recurrent budget"]["End date"] == ""
    assert by_name["Recurrent budget"]["Ongoing (no end date)"] == "Yes"

    header, *plans = read_csv(lead_client.get(reverse("planning:register_csv")))
    [row] = [dict(zip(header, r, strict=True)) for r in plans]
    assert row["Funding ends"] == "" and row["Funding"] == "Ongoing"
    assert ISO_DATE.fullmatch(row["Next checkpoint"])

    ImplementationPlanFactory(organisation=welsh_plan.organisation, title="Nothing yet")
    header, *plans = read_csv(lead_client.get(reverse("planning:register_csv")))
    [row] = [dict(zip(header, r, strict=True)) for r in plans if r[0] == "Nothing yet"]
    assert row["Next checkpoint"] == "" and row["Funding ends"] == ""
    assert row["Funding"] == "None recorded"

    header, *training = read_csv(
        lead_client.get(reverse("planning:export_csv", args=[welsh_plan.pk, "training"]))
    )
    assert [(r[0], r[4], r[5]) for r in training] == [
        (WELSH, "2027-10-04", "2028-07-14"),
        ("Shadowing, dates to agree", "", ""),
    ]
