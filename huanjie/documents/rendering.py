"""One way to make every document: a Django template, shown on screen as HTML and printed to PDF
by WeasyPrint from the very same HTML.

The print stylesheet (static/documents/print.css) holds the paper sizes as named pages, the
page numbers "第 N 页 共 M 页" and the table rules; a document picks its paper with
`paper`/`orientation`. Fonts are named by family (Noto Serif/Sans CJK SC, Debian's
fonts-noto-cjk) and found through fontconfig. Nothing is fetched from the network: the only
URLs WeasyPrint may open are the app's own static files (`StaticOnlyFetcher`).
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from django.http import HttpRequest
    from weasyprint.urls import URLFetcherResponse

Paper = Literal["A4", "A3"]
Orientation = Literal["portrait", "landscape"]
PAPERS: tuple[Paper, ...] = ("A4", "A3")
ORIENTATIONS: tuple[Orientation, ...] = ("portrait", "landscape")
# The base URL of every document: relative and /static/ links resolve against it, and the
# fetcher answers only for it. ".invalid" is a name that can never resolve (RFC 2606).
BASE_URL = "http://huanjie.invalid/"
PDF = "application/pdf"


class ResourceRefused(ValueError):
    """A document asked for something that is not one of the app's static files."""


def _static_file(url: str) -> Path:
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(
        prefix
    ):
        raise ResourceRefused(f"不是本系统的静态文件：{url}")
    relative = posixpath.normpath(unquote(parts.path[len(prefix) :]))
    if relative.startswith(("/", "..")) or relative == ".":
        raise ResourceRefused(f"不是本系统的静态文件：{url}")
    found = finders.find(relative)
    if isinstance(found, list):
        found = found[0] if found else None
    if found is None:  # collected (production, no finders' source dirs)
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    if found is None:
        raise ResourceRefused(f"找不到静态文件：{relative}")
    return Path(found)


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Serves the app's static files and data: URLs; refuses everything else (no network)."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_file(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return StaticOnlyFetcher(allowed_protocols=("http", "data"))


@dataclass(frozen=True)
class PrintedDocument:
    """A rendered document: `html` for the screen; `pdf()` prints that same HTML."""

    html: str
    paper: Paper
    orientation: Orientation

    def pdf(self) -> bytes:
        return self.pdf_and_pages()[0]

    def pdf_and_pages(self) -> tuple[bytes, int]:
        from weasyprint import HTML

        layout = HTML(string=self.html, base_url=BASE_URL, url_fetcher=_fetcher()).render()
        data: bytes = layout.write_pdf()
        return data, len(layout.pages)


def render_document(
    template: str,
    context: Mapping[str, Any],
    *,
    paper: Paper = "A4",
    orientation: Orientation = "portrait",
    request: HttpRequest | None = None,
) -> PrintedDocument:
    """Render a document template (one extending documents/base_print.html).

    The template gets `paper`, `orientation` and `page_class` (the named page of print.css)
    besides `context`. The same HTML is the screen preview: its toolbar is hidden in print.
    """
    if paper not in PAPERS or orientation not in ORIENTATIONS:
        raise ValueError(f"unknown paper {paper!r} / orientation {orientation!r}")
    page_class = f"hj-page-{paper.lower()}-{orientation}"
    full = {**context, "paper": paper, "orientation": orientation, "page_class": page_class}
    html = render_to_string(template, full, request=request)
    return PrintedDocument(html=html, paper=paper, orientation=orientation)


def join_pdfs(parts: Iterable[Path], target: BinaryIO) -> int:
    """Write the PDFs `parts` one after the other into `target` (a batch: one file to print,
    each part keeping its own page numbers); the number of pages written.

    The parts are read from disk one at a time: a township's villages laid out together would
    hold gigabytes, their finished PDFs a few megabytes.
    """
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(str(part))
    pages = len(writer.pages)
    if not pages:
        raise ValueError("join_pdfs needs at least one page")
    writer.write(target)
    return pages
