"""The declared and used size of an xlsx's first sheet, read from the zip without calamine.

calamine allocates the whole rectangle from A1 to the last cell it meets: a 2 KB file whose only
cell is XFD1048576 asks for half a terabyte. So the sheet's XML is streamed first (its
<dimension ref> and every cell's r="…") and a sheet beyond the register's limits is refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from huanjie.people import messages as msg

_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Za-z$]+)?\$?(\d+)?(?::\$?([A-Za-z]+)\$?(\d+))?"'
)
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"')
_CHUNK = 1 << 20
_SMALL_PART = 8 << 20  # workbook.xml and its relations: a few KB in any real file
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class ShapeError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_rows: int
    max_columns: int
    max_unpacked_bytes: int


def column_number(letters: str) -> int:
    """A=1 … XFD=16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_xlsx_shape(data: bytes, limits: Limits) -> None:
    """Raise `ShapeError` if the zip unpacks too large or its first sheet is too big.

    A zip that is not an xlsx (or not a zip at all) passes: calamine then says it is unreadable.
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return
    with book:
        _check_unpacked(book, limits)
        sheet = _first_sheet(book)
        if sheet is None:
            return
        _check_sheet(book, sheet, limits)


def check_xlsx_size(data: bytes, limits: Limits) -> None:
    """Raise `ShapeError` if the zip unpacks larger than the limit (before anything inflates
    it); a file that is not a zip passes."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return
    with book:
        _check_unpacked(book, limits)


def _check_unpacked(book: zipfile.ZipFile, limits: Limits) -> None:
    unpacked = sum(info.file_size for info in book.infolist())
    if unpacked > limits.max_unpacked_bytes:
        raise ShapeError(msg.FILE_UNPACKED_TOO_LARGE.format(limit=limits.max_unpacked_bytes >> 20))


def _first_sheet(book: zipfile.ZipFile) -> str | None:
    """The zip path of the workbook's first sheet (the one the import reads)."""
    names = set(book.namelist())
    if "xl/workbook.xml" not in names:
        return None
    fallback = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else None
    try:
        workbook = _small_xml(book, "xl/workbook.xml")
        sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
        rels = _small_xml(book, "xl/_rels/workbook.xml.rels")
    except (KeyError, ElementTree.ParseError, ValueError):
        return fallback
    if sheet is None:
        return fallback
    wanted = sheet.get(f"{_REL}id")
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == wanted and (target := rel.get("Target")):
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            path = posixpath.normpath(path)
            return path if path in names else fallback
    return fallback


def _small_xml(book: zipfile.ZipFile, name: str) -> ElementTree.Element:
    if book.getinfo(name).file_size > _SMALL_PART:
        raise ValueError(name)
    return ElementTree.fromstring(book.read(name))


def _check_sheet(book: zipfile.ZipFile, name: str, limits: Limits) -> None:
    max_row = max_column = 0
    where = ""
    tail = b""
    seen_dimension = False
    with book.open(name) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            cut = text.rfind(b">") + 1  # a tag is never split across two scans
            text, tail = text[:cut], text[cut:]
            if not seen_dimension and (found := _DIMENSION.search(text)):
                seen_dimension = True
                _check_dimension(found, limits)
            for letters, digits in _CELL.findall(text):
                row, column = int(digits), column_number(letters.decode())
                if row > max_row or column > max_column:
                    max_row, max_column = max(row, max_row), max(column, max_column)
                    if max_row > limits.max_rows or max_column > limits.max_columns:
                        where = f"{letters.decode()}{row}"
                        raise ShapeError(
                            msg.FILE_RANGE_USED_TOO_LARGE.format(
                                cell=where, rows=limits.max_rows, columns=limits.max_columns
                            )
                        )
            if len(tail) > _CHUNK:  # no '>' in a whole chunk: not a sheet worth scanning
                tail = b""


def _check_dimension(found: re.Match[bytes], limits: Limits) -> None:
    first_col, first_row, last_col, last_row = (g.decode() if g else "" for g in found.groups())
    col_letters, row_digits = (last_col, last_row) if last_col else (first_col, first_row)
    if not col_letters or not row_digits:
        return
    if int(row_digits) > limits.max_rows or column_number(col_letters) > limits.max_columns:
        declared = f"{first_col}{first_row}" + (f":{last_col}{last_row}" if last_col else "")
        raise ShapeError(
            msg.FILE_RANGE_DECLARED_TOO_LARGE.format(
                range=declared.upper(), rows=limits.max_rows, columns=limits.max_columns
            )
        )
