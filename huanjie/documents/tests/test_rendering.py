"""render_document: paper sizes, page numbers, headers repeated on each page, the red header,
and nothing fetched but the app's own static files."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.template import engines
from pypdf import PdfReader

from huanjie.documents.numbering import document_number
from huanjie.documents.rendering import (
    BASE_URL,
    Orientation,
    Paper,
    ResourceRefused,
    _fetcher,
    _static_file,
    render_document,
)
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf

MM = 72 / 25.4  # PDF points per millimetre
SIZES = {"A4": (210, 297), "A3": (297, 420)}


def _size_mm(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width) / MM), round(float(box.height) / MM)


ANNOUNCEMENT = {
    "issuer": "东坑村村民选举委员会",
    "doc_number": document_number(2026, 3, prefix="东坑村选委"),
    "title": "关于选民登记的公告",
    "paragraphs": [
        "根据《中华人民共和国村民委员会组织法》的规定，本村选民登记工作定于2026年3月16日至3月20日进行。",
        "登记地点：村民委员会办公室。",
    ],
    "issued_on": date(2026, 3, 15),
}


@pytest.mark.parametrize(
    ("paper", "orientation"), [("A4", "portrait"), ("A4", "landscape"), ("A3", "portrait")]
)
def test_the_paper_is_the_size_asked_for(paper: Paper, orientation: Orientation) -> None:
    document = render_document(
        "documents/red_header.html", ANNOUNCEMENT, paper=paper, orientation=orientation
    )
    width, height = SIZES[paper]
    expected = (width, height) if orientation == "portrait" else (height, width)
    assert _size_mm(document.pdf()) == expected


def test_an_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError):
        render_document("documents/red_header.html", ANNOUNCEMENT, paper="B5")  # type: ignore[arg-type]


def test_the_red_header_announcement_reads_as_practice_describes_it() -> None:
    document = render_document("documents/red_header.html", ANNOUNCEMENT)
    look = read_pdf(document.pdf())
    assert_printed_well(look)
    lines = ["".join(line.split()) for line in look.text.splitlines() if line.strip()]
    # Issuer, 公告, 文号, title, body, 特此公告, then issuer and date at the bottom right.
    head = ["东坑村村民选举委员会", "公告", "东坑村选委〔2026〕3号", "关于选民登记的公告"]
    assert lines[:4] == head
    assert lines[4].startswith("根据《中华人民共和国村民委员会组织法》")
    closing = lines.index("特此公告。")
    assert lines[closing + 1 : closing + 3] == ["东坑村村民选举委员会", "2026年3月15日"]
    signoff = next(line for line in look.text.splitlines() if "2026年3月15日" in line)
    assert signoff.index("2026") > len(signoff) / 3  # on the right, not at the margin
    assert "第1页共1页" in look.flat
    # The red header is red: the top third of the page carries red ink.
    assert _red_share(look.pages[0], top=True) > 0.005
    assert _red_share(look.pages[0], top=False) < 0.001
    # The screen preview is the same HTML; its toolbar appears only with its links.
    assert "下载PDF" not in document.html


def _red_share(png: bytes, *, top: bool) -> float:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        box = (0, 0, width, height // 3) if top else (0, height // 3, width, height)
        data = rgb.crop(box).tobytes()
    pixels = [data[i : i + 3] for i in range(0, len(data), 3)]
    red = sum(1 for r, g, b in pixels if r > 150 and g < 90 and b < 90)
    return red / len(pixels)


def test_a_long_table_repeats_its_header_and_numbers_its_pages() -> None:
    template = engines["django"].from_string(
        '{% extends "documents/base_print.html" %}{% block document %}'
        '<h1 class="hj-doc-title">长表</h1><table class="hj-table"><thead><tr><th>序号</th><th>姓名</th></tr></thead>'
        "<tbody>{% for n in rows %}<tr><td>{{ n }}</td><td>村民{{ n }}</td></tr>{% endfor %}</tbody></table>"
        "{% endblock %}"
    )
    html = template.render({"rows": range(1, 121), "page_class": "hj-page-a4-portrait"})
    from huanjie.documents.rendering import PrintedDocument

    look = read_pdf(PrintedDocument(html=html, paper="A4", orientation="portrait").pdf(), last=None)
    assert look.page_count >= 2
    for number, text in enumerate(look.page_texts(), start=1):
        assert "序号姓名" in text, f"no header on page {number}"
        assert f"第{number}页共{look.page_count}页" in text
        assert "长表" in text  # the title in every page's footer
    assert "村民120" in look.page_texts()[-1]
    assert_printed_well(look)


def test_the_app_s_static_files_are_served_and_nothing_else() -> None:
    assert _static_file(f"{BASE_URL}static/documents/print.css").name == "print.css"
    for url in [
        "https://cdn.example.com/bootstrap.css",
        f"{BASE_URL}media/register_imports/x.xlsx",
        f"{BASE_URL}static/../config/settings.py",
        f"{BASE_URL}static/documents/missing.css",
        "file:///etc/passwd",
    ]:
        with pytest.raises(ResourceRefused):
            _static_file(url)
    fetched = _fetcher().fetch(f"{BASE_URL}static/documents/print.css")
    assert b"@page" in fetched.read()
    with pytest.raises(ResourceRefused):
        _fetcher().fetch("http://example.com/logo.png")


def test_a_document_asking_for_an_external_picture_still_prints_without_it() -> None:
    template = engines["django"].from_string(
        '{% extends "documents/base_print.html" %}{% block document %}'
        '<h1 class="hj-doc-title">外部图片</h1><p>正文照常打印。</p><img src="http://example.com/seal.png" alt="">'
        "{% endblock %}"
    )
    from huanjie.documents.rendering import PrintedDocument

    html = template.render({"page_class": "hj-page-a4-portrait"})
    look = read_pdf(PrintedDocument(html=html, paper="A4", orientation="portrait").pdf())
    assert "正文照常打印" in look.text


def test_document_numbers_use_the_hexagonal_brackets() -> None:
    assert document_number(2026, 3) == "〔2026〕3号"
    assert document_number(2026, 12, prefix="鹤溪街道指导组") == "鹤溪街道指导组〔2026〕12号"
    with pytest.raises(ValueError):
        document_number(26, 1)
    with pytest.raises(ValueError):
        document_number(2026, 0)
