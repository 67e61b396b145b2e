"""The board paper as a Word file HR can edit: the PDF's headings as Word headings (so the
navigation pane shows the paper's structure), its tables as tables, its figures, page
numbers, and a file LibreOffice opens without complaint."""

import io
import subprocess
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from newroles.accounts.permissions import Action, MemberRole
from planning.documents import content
from planning.presenters import PlanFunding
from tests import needs
from tests.access import assert_access
from tests.factories import ImplementationPlanFactory
from tests.planning.test_documents import fill, pdf_pages, squashed

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, cycle, lead):
    plan = ImplementationPlanFactory(
        organisation=organisation,
        title="Peer support workers in the community team",
        owner=lead,
        target_start_date=date(2027, 4, 1),
        planned_wte=3,
        band="4",
    )
    fill(plan)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def hr_client(client, organisation, member_of):
    client.force_login(member_of(organisation, MemberRole.HR))
    return client


def download_word(client, plan) -> bytes:
    response = client.get(reverse("documents:word", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "board-paper" in response["Content-Disposition"]
    return response.content


def download_pdf(client, plan) -> bytes:
    response = client.get(reverse("documents:pdf", args=[plan.pk]))
    assert response.status_code == 200
    return response.content


def headings(document, level) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def pdf_bookmarks(pdf: bytes) -> list[str]:
    """The PDF's top-level bookmarks: its <h1> headings, as a PDF reader's sidebar lists them."""
    outline = pypdf.PdfReader(io.BytesIO(pdf)).outline
    return [item.title for item in outline if not isinstance(item, list)]


def word_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_word_file_has_the_pdfs_headings_in_its_navigation_pane(hr_client, plan):
    document = docx.Document(io.BytesIO(download_word(hr_client, plan)))
    parts = headings(document, 1)
    assert parts[:2] == ["Cover sheet", "Executive summary"]
    assert parts == [t for t in content.section_titles(plan) if t != "Contents"]
    # The PDF's bookmarks are the same parts, in the same order (its cover and contents
    # aside, which Word's title and navigation pane stand for).
    bookmarks = [t for t in pdf_bookmarks(download_pdf(hr_client, plan)) if t in parts]
    assert bookmarks == parts
    assert "The decision sought" in headings(document, 2)
    assert document.paragraphs[0].style.name != "Heading 1"
    assert any(p.style.name == "Title" and p.text == plan.title for p in document.paragraphs)


def test_word_and_pdf_carry_the_same_figures(hr_client, plan):
    document = docx.Document(io.BytesIO(download_word(hr_client, plan)))
    text = word_text(document)
    pdf = squashed("\n".join(pdf_pages(download_pdf(hr_client, plan))))
    funding = PlanFunding.of(plan)
    figures = [funding.total_funding, "Transformation fund", "Supervisors lose protected time 0"]
    if funding.is_estimated:
        figures.append(funding.total_cost)
    for figure in figures:
        assert figure in text, figure
        assert squashed(figure) in pdf, figure


def test_tables_repeat_their_header_row_and_pages_are_numbered(hr_client, plan):
    document = docx.Document(io.BytesIO(download_word(hr_client, plan)))
    checklist = next(t for t in document.tables if t.rows[0].cells[0].text == "Point")
    assert [c.text for c in checklist.rows[0].cells] == ["Point", "Good practice", "Status", "Note"]
    assert checklist.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert "Not started" in word_text(document) or "Done" in word_text(document)
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert document.core_properties.title.startswith(plan.title)
    assert document.core_properties.author == plan.organisation.name


def test_a_plan_with_nothing_recorded_still_gives_a_sensible_word_file(
    hr_client, organisation, cycle
):
    empty = ImplementationPlanFactory(organisation=organisation, title="Just started")
    text = word_text(docx.Document(io.BytesIO(download_word(hr_client, empty))))
    assert "No funding has been recorded" in text
    assert "None" not in text.split()
    assert "{{" not in text and "{%" not in text


def test_libreoffice_opens_the_word_file_without_errors(hr_client, plan, tmp_path):
    soffice = needs.program("soffice", "libreoffice-writer-nogui")
    # Calc alone (enough for the CSV tests) cannot open a Word file: Writer must be there too.
    writer = Path("/usr/lib/libreoffice/program/libswlo.so")
    needs.require(writer.exists(), "LibreOffice Writer is not installed (libreoffice-writer-nogui)")
    source = tmp_path / "board-paper.docx"
    source.write_bytes(download_word(hr_client, plan))
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr + result.stdout
    converted = (tmp_path / "board-paper.pdf").read_bytes()
    pages = pdf_pages(converted)
    assert len(pages) > 3
    assert "Executive summary" in "\n".join(pages)
    assert "Page 1 of" in pages[0]


def test_access_to_the_word_file_is_as_for_the_pdf(client, plan):
    url = reverse("documents:word", args=[plan.pk])
    assert_access(client, url, organisation=plan.organisation, action=Action.EXPORT)


def test_a_total_row_spans_its_label_columns_and_keeps_the_figures_in_theirs(hr_client, plan):
    from tests.factories import SkillMixLineFactory

    SkillMixLineFactory(
        plan=plan, profession="Peer support workers", band="3", wte_before=0, wte_after=3
    )
    SkillMixLineFactory(
        plan=plan, profession="Registered nurses", band="5", wte_before=8, wte_after=7
    )
    document = docx.Document(io.BytesIO(download_word(hr_client, plan)))
    table = next(
        t for t in document.tables if t.rows[0].cells[0].text == "Profession or staff group"
    )
    header = [cell.text for cell in table.rows[0].cells]
    total = [cell.text for cell in table.rows[-1].cells]
    assert total[0] == total[1] == "Whole team"  # one cell across profession and band
    assert total[header.index("WTE before")] == "8"
    assert total[header.index("WTE after")] == "10"
    assert total[header.index("Change")] == "+2"


def test_a_cells_note_and_label_are_not_run_into_its_text(hr_client, plan):
    from tests.factories import AppraisedOptionFactory

    AppraisedOptionFactory(plan=plan, title="Three peer workers", chosen=True, reason_chosen="Fit")
    document = docx.Document(io.BytesIO(download_word(hr_client, plan)))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Option")
    assert table.rows[1].cells[0].text.splitlines() == [
        "Three peer workers Chosen",
        "Introduce a new role",
    ]
