"""Reading what the product hands out (PDFs and spreadsheets) the way a person would."""

import csv
import io

import pypdf


def pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages)


def squashed(text: str) -> str:
    """Text without any whitespace: lines may wrap anywhere in a narrow cell."""
    return "".join(text.split())


def read_csv(response):
    """The rows of a CSV download, which starts with a byte-order mark so that Excel reads it
    as UTF-8."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf"), response.content[:20]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
