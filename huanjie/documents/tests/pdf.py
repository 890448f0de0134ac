"""Looking at a PDF as a reader would: its text (pdftotext -layout), its pages as pictures
(pdftoppm -r 60 -png) and its fonts (pdffonts), for every document test to check all three.

`read_pdf` needs poppler-utils (`make system-deps` installs it).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

RESOLUTION = 60
# A page with a table or a paragraph of characters inks well over 1% of its pixels; a blank
# page, or one whose text fell out, stays near 0.
MIN_INK = 0.01
CJK_FONT = "Noto"  # pdffonts names them "ABCDEF+Noto-Sans-CJK-SC", "…+Noto-Serif-CJK-SC-Bold"


@dataclass(frozen=True)
class Font:
    name: str
    embedded: bool


@dataclass(frozen=True)
class PdfLook:
    text: str
    pages: tuple[bytes, ...]  # one PNG per page rendered
    page_count: int
    fonts: tuple[Font, ...]

    @property
    def flat(self) -> str:
        """The text without any blank: pdftotext spaces CJK and digits by their positions
        ("第 1 页" may come out as "第1页"), so compare against this."""
        return "".join(self.text.split())

    def page_texts(self) -> list[str]:
        """The text of each page without blanks (pdftotext ends every page with a form feed)."""
        return ["".join(page.split()) for page in self.text.split("\f")[: self.page_count]]

    def ink(self, page: int = 0) -> float:
        """The share of the page's pixels that are not white."""
        with Image.open(io.BytesIO(self.pages[page])) as image:
            grey = image.convert("L")
            histogram = grey.histogram()
            total = grey.width * grey.height
        return sum(histogram[:240]) / total

    def save(self, folder: Path, stem: str) -> list[Path]:
        """Write the page pictures out (to look at them)."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for number, png in enumerate(self.pages, start=1):
            path = folder / f"{stem}-{number}.png"
            path.write_bytes(png)
            paths.append(path)
        return paths


def _run(*command: str) -> str:
    if shutil.which(command[0]) is None:
        raise RuntimeError(f"{command[0]} 未安装：请安装 poppler-utils（make system-deps）。")
    done = subprocess.run(command, capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8")


def _fonts(pdf: Path) -> tuple[Font, ...]:
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]  # after the header and its rule
    fonts = []
    for line in lines:
        columns = line.split()
        # name type… encoding emb sub uni object ID: "emb" is the fifth column from the end
        if len(columns) >= 6:
            fonts.append(Font(name=columns[0], embedded=columns[-5] == "yes"))
    return tuple(fonts)


def read_pdf(data: bytes, *, first: int = 1, last: int | None = 2) -> PdfLook:
    """The text of every page, the pictures of pages `first`…`last` (None: to the end)."""
    assert data.startswith(b"%PDF-"), "not a PDF"
    with tempfile.TemporaryDirectory(prefix="hj-pdf-") as folder:
        pdf = Path(folder) / "document.pdf"
        pdf.write_bytes(data)
        text = _run("pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-")
        info = _run("pdfinfo", str(pdf))
        count = int(
            next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
        )
        command = ["pdftoppm", "-r", str(RESOLUTION), "-png", "-f", str(first)]
        if last is not None:
            command += ["-l", str(min(last, count))]
        _run(*command, str(pdf), str(Path(folder) / "page"))
        pages = tuple(p.read_bytes() for p in sorted(Path(folder).glob("page-*.png")))
        return PdfLook(text=text, pages=pages, page_count=count, fonts=_fonts(pdf))


def assert_printed_well(look: PdfLook) -> None:
    """Every rendered page carries ink, and every font is an embedded Noto CJK one: a glyph no
    font had (tofu) would pull in another font or none."""
    assert look.pages, "no page rendered"
    for number in range(len(look.pages)):
        assert look.ink(number) > MIN_INK, f"page {number + 1} is blank"
    assert look.fonts, "no font in the PDF: the text was not printed"
    for font in look.fonts:
        assert font.embedded, f"font {font.name} is not embedded"
        assert CJK_FONT in font.name and "CJK" in font.name, f"font {font.name} is not Noto CJK"
    assert "\ufffd" not in look.text, "characters the PDF cannot give back (tofu)"
