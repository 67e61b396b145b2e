"""The board paper as a Word file, for HR to edit before it goes to a board.

It is the PDF's own HTML (`content.document_html`) read element by element into python-docx,
so the two cannot disagree on a heading or a figure, and a section another app registers
appears in Word without code of its own. `<h1>`-`<h4>` become Word's Heading 1-4 styles (the
navigation pane shows the paper's structure), tables become tables whose header row repeats
on every page, lists become bulleted or numbered paragraphs, and the footer numbers the pages.

What Word cannot take from the HTML is left out on purpose: the contents list (the navigation
pane does its job and would show no page numbers), the running header, charts drawn as SVG
(their caption stays, with the figures that are in tables beside them), the logo and the
draft watermark.
"""

from __future__ import annotations

import io
import re

import lxml.html
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import content

WORD_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SKIPPED_TAGS = {"nav", "style", "script", "svg", "img", "head", "title", "meta"}
SKIPPED_CLASSES = {"running", "watermark", "preview-bar"}
CONTAINER_TAGS = {
    *("section", "article", "div", "body", "html", "header", "footer", "main"),
    *("figure", "figcaption"),  # a chart's caption stays; its SVG is skipped
}
TEXT_WIDTH_MM = 170  # A4 less 20 mm margins
WIDTH = re.compile(r"width:\s*([\d.]+)%")
MUTED = RGBColor(0x4C, 0x61, 0x72)  # NHS mid grey, as the PDF's doc-muted


def word_document(plan) -> bytes:
    """The implementation plan (the board paper) as a .docx file."""
    plan = content.load_plan(plan)
    html = content.document_html(plan)
    return WordWriter(
        title=f"{plan.title}: implementation plan", author=plan.organisation.name
    ).write(html)


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element) -> str:
    """The element's text as a reader sees it: `<br>` as a line break, runs of white space
    (the template's indentation) as one space."""
    parts = []

    def walk(node):
        if node.tag == "br":
            parts.append("\n")
        elif node.tag in SKIPPED_TAGS or (_classes(node) & SKIPPED_CLASSES):
            pass
        else:
            classes = _classes(node)
            if "sub" in classes:  # a block under the cell's main text in the PDF
                parts.append("\n")
            elif "tag" in classes:  # a label beside the text
                parts.append(" ")
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    parts.append(child.tail)

    walk(element)
    lines = "".join(parts).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _span(cell) -> int:
    try:
        return max(int(cell.get("colspan") or 1), 1)
    except ValueError:
        return 1


def _column_widths(table, columns: int):
    """The widths the PDF gives the columns (`style="width: 9%"` on the header cells), as
    lengths on an A4 page, or None to let Word share the width out evenly."""
    first = table.find(".//tr")
    cells = [cell for cell in first if cell.tag in {"th", "td"}] if first is not None else []
    shares = []
    for cell in cells:
        match = WIDTH.search(cell.get("style") or "")
        shares.append(float(match.group(1)) if match else None)
    if len(shares) != columns or None in shares:
        return None
    return [Mm(TEXT_WIDTH_MM * share / 100) for share in shares]


class WordWriter:
    def __init__(self, *, title: str, author: str):
        self.document = Document()
        self.title = title
        self.author = author
        self._set_up()

    def _set_up(self):
        properties = self.document.core_properties
        properties.title = self.title
        properties.author = self.author
        properties.comments = "Exported from NewRoles"
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm((210 - TEXT_WIDTH_MM) / 2))
        normal = self.document.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(11)
        header = section.header.paragraphs[0]
        header.text = self.title
        header.runs[0].font.size = Pt(9)
        header.runs[0].font.color.rgb = MUTED
        self._page_numbers(section.footer.paragraphs[0])

    def _page_numbers(self, paragraph):
        """'Page n of m', as Word fields, so they stay right however HR edit the paper."""
        paragraph.add_run("Page ")
        self._field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        self._field(paragraph, "NUMPAGES")
        for run in paragraph.runs:
            run.font.size = Pt(9)

    @staticmethod
    def _field(paragraph, instruction):
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), instruction)
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "18")  # half-points: 9 pt, as the words around it
        properties.append(size)
        run.append(properties)
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)  # python-docx has no API for fields: this is its XML

    def write(self, html: str) -> bytes:
        tree = lxml.html.document_fromstring(html)
        self._block(tree.body)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # Elements -----------------------------------------------------------------------------

    def _block(self, element):
        for child in element:
            if not isinstance(child.tag, str):  # comments
                continue
            if child.tag in SKIPPED_TAGS or (_classes(child) & SKIPPED_CLASSES):
                continue
            if child.tag in CONTAINER_TAGS:
                self._block(child)
            elif child.tag in {"h1", "h2", "h3", "h4"}:
                self._heading(child)
            elif child.tag == "p":
                self._paragraph(child)
            elif child.tag == "table":
                self._table(child)
            elif child.tag in {"ul", "ol"}:
                self._list(child)
            elif child.tag == "dl":
                self._definitions(child)
            else:
                text = _text(child)
                if text:
                    self.document.add_paragraph(text)

    def _heading(self, element):
        text = _text(element)
        if not text:
            return
        level = int(element.tag[1])
        if "cover__title" in _classes(element):
            self.document.add_heading(text, level=0)
            return
        heading = self.document.add_heading(text, level=level)
        # The parts of the paper that start a page in the PDF start one in Word.
        parent = element.getparent()
        if level == 1 and parent is not None and "section--part" in _classes(parent):
            heading.paragraph_format.page_break_before = True

    def _paragraph(self, element):
        text = _text(element)
        if not text:
            return
        paragraph = self.document.add_paragraph()
        self._runs(paragraph, text)
        classes = _classes(element)
        if classes & {"doc-muted", "doc-small", "cover__footnote"}:
            for run in paragraph.runs:
                run.font.size = Pt(9)
                run.font.color.rgb = MUTED

    @staticmethod
    def _runs(paragraph, text, *, bold=False):
        """The text in the paragraph, each line after the first after a line break."""
        lines = text.split("\n")
        run = paragraph.add_run(lines[0])
        run.bold = bold
        for line in lines[1:]:
            run.add_break(WD_BREAK.LINE)
            run = paragraph.add_run(line)
            run.bold = bold

    def _list(self, element):
        style = "List Number" if element.tag == "ol" else "List Bullet"
        for item in element.findall("li"):
            text = _text(item)
            if text:
                self._runs(self.document.add_paragraph(style=style), text)

    def _definitions(self, element):
        for child in element:
            text = _text(child) if isinstance(child.tag, str) else ""
            if not text:
                continue
            paragraph = self.document.add_paragraph()
            self._runs(paragraph, text, bold=child.tag == "dt")
            paragraph.paragraph_format.space_after = Pt(2 if child.tag == "dt" else 8)
            if child.tag == "dt":
                paragraph.paragraph_format.keep_with_next = True

    def _table(self, element):
        rows = []
        for row in element.iter("tr"):
            cells = [cell for cell in row if cell.tag in {"th", "td"}]
            header = row.getparent().tag == "thead"
            rows.append((header, [(cell.tag == "th", _text(cell), _span(cell)) for cell in cells]))
        if not rows:
            return
        width = max(sum(span for *_, span in cells) for _, cells in rows)
        table = self.document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        widths = _column_widths(element, width)
        if widths:
            # Word reads the cells' widths, LibreOffice the grid's: give both.
            table.autofit = False
            for column, column_width in zip(table.columns, widths, strict=True):
                column.width = column_width
        for header, cells in rows:
            word_row = table.add_row()
            if header:
                # The header row repeats at the top of each page the table runs onto.
                properties = word_row._tr.get_or_add_trPr()  # no API for it: its XML
                repeat = OxmlElement("w:tblHeader")
                repeat.set(qn("w:val"), "true")
                properties.append(repeat)
            index = 0
            for is_heading, text, span in cells:
                cell = word_row.cells[index]
                if span > 1:  # a total's label across several columns
                    cell = cell.merge(word_row.cells[min(index + span, width) - 1])
                elif widths:
                    cell.width = widths[index]
                index += span
                paragraph = cell.paragraphs[0]
                self._runs(paragraph, text, bold=header or is_heading)
                for run in paragraph.runs:
                    run.font.size = Pt(10)
        self.document.add_paragraph()
