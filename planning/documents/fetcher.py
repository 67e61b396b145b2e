"""The documents' security boundary: WeasyPrint typesets through `InternalFetcher` only.

It serves the project's own files, `https://newroles.invalid/static/<path>` (found by the
staticfiles finders) and `https://newroles.invalid/media/<path>` (inside MEDIA_ROOT), and
refuses every other URL by raising `RefusedURL`, recording what it refused. It never opens a
connection. `render_pdf` is the only place that runs WeasyPrint.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("newroles.documents")

INTERNAL_HOST = "newroles.invalid"
INTERNAL_BASE = f"https://{INTERNAL_HOST}/"
STATIC_PREFIX = "/static/"
MEDIA_PREFIX = "/media/"
MAX_RESOURCE_BYTES = 5 * 1024 * 1024
RESOURCE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


class RefusedURL(ValueError):
    """WeasyPrint asked for something other than the project's own static or media files."""


class InternalFetcher(URLFetcher):
    """WeasyPrint's only way out: serves the project's own files, refuses everything else.

    The rule: a URL is served only if it is `https://newroles.invalid/static/<path>` (a file
    the staticfiles finders find) or `https://newroles.invalid/media/<path>` (a file inside
    MEDIA_ROOT once symlinks are resolved), with no `.`/`..` segments, backslashes or NUL,
    of an image, stylesheet or font type, at most 5 MB. Anything else (http, https to any
    other host, file, data, ftp...) raises `RefusedURL` and is recorded in `refused`. The
    parent's network code is never called, so no request ever leaves the process.
    """

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols=("https",), allow_redirects=False)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            path = self.resolve(url)
            data = path.read_bytes()
        except (RefusedURL, OSError) as error:
            self.refused.append(url)
            logger.warning("Document asked for %s: refused (%s)", url[:200], error)
            raise RefusedURL(f"Refused: {url[:200]}") from None
        self.served.append(url)
        content_type = RESOURCE_TYPES[path.suffix.lower()]
        return URLFetcherResponse(url, body=data, headers={"Content-Type": content_type})

    def open(self, url, data=None, timeout=None):  # never urllib's opener
        return self.fetch(getattr(url, "full_url", url))

    @staticmethod
    def resolve(url: str) -> Path:
        """The file a URL stands for, or RefusedURL."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise RefusedURL("not a URL") from None
        if parts.scheme.lower() != "https" or parts.netloc.lower() != INTERNAL_HOST:
            raise RefusedURL("not the internal base")
        path = unquote(parts.path)
        if "\x00" in path or "\\" in path:
            raise RefusedURL("bad characters")
        if any(segment in (".", "..") for segment in path.split("/")):
            raise RefusedURL("path traversal")
        if PurePosixPath(path).suffix.lower() not in RESOURCE_TYPES:
            raise RefusedURL("not an image, stylesheet or font")
        if path.startswith(STATIC_PREFIX):
            found = _static_file(path[len(STATIC_PREFIX) :])
        elif path.startswith(MEDIA_PREFIX):
            found = _inside(Path(settings.MEDIA_ROOT), path[len(MEDIA_PREFIX) :])
        else:
            raise RefusedURL("neither static nor media")
        if found is None or not found.is_file():
            raise RefusedURL("no such file")
        if found.stat().st_size > MAX_RESOURCE_BYTES:
            raise RefusedURL("too large")
        return found


def _inside(root: Path, relative: str) -> Path | None:
    root = root.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root):
        raise RefusedURL("outside its folder")
    return candidate


def _static_file(relative: str) -> Path | None:
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        raise RefusedURL("outside the static folders") from None
    if found:
        return Path(found).resolve()
    if settings.STATIC_ROOT:
        return _inside(Path(settings.STATIC_ROOT), relative)
    return None


def internal_media_url(name: str) -> str:
    """The address a media file has in a document (the fetcher serves it from MEDIA_ROOT)."""
    return f"{INTERNAL_BASE}media/{quote(name)}"


@dataclass
class RenderedPdf:
    pdf: bytes
    page_count: int
    fetcher: InternalFetcher
    seconds: float


def render_pdf(html: str, *, fetcher: InternalFetcher | None = None) -> RenderedPdf:
    """Typeset HTML (from the documents' templates) as PDF. Fonts come from fontconfig."""
    fetcher = fetcher or InternalFetcher()
    started = time.perf_counter()
    document = HTML(string=html, base_url=INTERNAL_BASE, url_fetcher=fetcher).render()
    pdf = document.write_pdf()
    return RenderedPdf(pdf, len(document.pages), fetcher, time.perf_counter() - started)
