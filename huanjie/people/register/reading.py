"""Reading an uploaded register: xlsx/xls through python-calamine, or CSV in the encodings
Excel in China writes (UTF-8 with or without BOM, GB18030). Only the file's shape is checked
here; what the cells say is `parsing`'s job.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import cast

from django.conf import settings
from python_calamine import CalamineError, CalamineWorkbook

from huanjie.people import messages as msg
from huanjie.people.register.columns import COLUMN_NAMES, REQUIRED
from huanjie.people.register.sandbox import ChildCrashed, ChildTimedOut, run_in_child
from huanjie.people.register.shape import Limits, ShapeError, check_xlsx_shape

Cell = str | int | float | bool | date | datetime | time | timedelta | None

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
# "户籍在本村（是/否）" and "户籍在本村(是/否)" are the same column as "户籍在本村".
_HEADER_NOTE = re.compile(r"[（(].*?[)）]\s*$")


class RegisterFileError(Exception):
    """The file as a whole cannot be read as a register; `message` says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Sheet:
    """The data rows, each as (row number as Excel shows it, {column name: cell})."""

    rows: list[tuple[int, dict[str, Cell]]]


def limits() -> Limits:
    return Limits(
        max_rows=settings.HUANJIE_REGISTER_MAX_ROWS,
        max_columns=settings.HUANJIE_REGISTER_MAX_COLUMNS,
        max_unpacked_bytes=settings.HUANJIE_REGISTER_MAX_UNCOMPRESSED_MB * 1024 * 1024,
    )


def read_register(data: bytes, name: str = "") -> Sheet:
    """Read a register file; raises `RegisterFileError` when it is not one. `name` is the
    uploaded file's name: a file named .xlsx that is not a workbook is a damaged one."""
    if not data.strip():
        raise RegisterFileError(msg.FILE_EMPTY)
    if name.lower().endswith(_EXCEL_SUFFIXES) and not data.startswith((_ZIP, _OLE2)):
        raise RegisterFileError(msg.FILE_DAMAGED.format(name=name))
    bounds = limits()
    if data.startswith(_ZIP):
        try:
            check_xlsx_shape(data, bounds)  # before calamine sizes its grid from the sheet
        except ShapeError as exc:
            raise RegisterFileError(exc.message) from exc
    table = _spreadsheet(data) if data.startswith((_ZIP, _OLE2)) else _csv(data)
    return _with_header(table, max_rows=bounds.max_rows)


def read_register_isolated(
    data: bytes, *, name: str = "", on_wait: Callable[[], None] | None = None
) -> Sheet:
    """`read_register` in a child process with the settings' memory and time limits: a file
    that crashes or exhausts the parser fails alone, as a `RegisterFileError`."""
    timeout = settings.HUANJIE_REGISTER_PARSE_TIMEOUT
    try:
        return run_in_child(
            read_register,
            data,
            name,
            memory_mb=settings.HUANJIE_REGISTER_PARSE_MEMORY_MB,
            timeout=timeout,
            passed=(RegisterFileError,),
            on_wait=on_wait,
        )
    except ChildCrashed as exc:
        raise RegisterFileError(msg.FILE_READ_CRASHED) from exc
    except ChildTimedOut as exc:
        raise RegisterFileError(msg.FILE_READ_TIMEOUT.format(limit=timeout)) from exc


def _spreadsheet(data: bytes) -> Iterator[list[Cell]]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # skip_empty_area=False keeps row numbers equal to Excel's (minus one).
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as exc:
        # CalamineError and its zip/xml/password subclasses; ValueError for an empty workbook.
        raise RegisterFileError(msg.FILE_UNREADABLE) from exc
    return iter(cast(list[list[Cell]], rows))


def _csv(data: bytes) -> Iterator[list[Cell]]:
    if b"\x00" in data[:4096]:
        raise RegisterFileError(msg.FILE_NOT_SPREADSHEET)
    for encoding in _CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        rows: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
        return iter(rows)
    raise RegisterFileError(msg.FILE_NOT_SPREADSHEET)


def _header_name(cell: Cell) -> str:
    return _HEADER_NOTE.sub("", str(cell if cell is not None else "").strip()).strip()


def _blank(cells: list[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _with_header(table: Iterator[list[Cell]], *, max_rows: int) -> Sheet:
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, Cell]]] = []
    for index, cells in enumerate(table):
        if index >= max_rows:  # a CSV has no declared range: count its rows
            count = index + 1 + sum(1 for _ in table)
            raise RegisterFileError(msg.FILE_TOO_MANY_ROWS.format(count=count, limit=max_rows))
        if _blank(cells):
            continue
        if header is None:
            header = [_header_name(c) for c in cells]
            _check_header(header)
            continue
        record = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name}
        rows.append((index + 1, {k: v for k, v in record.items() if k in COLUMN_NAMES}))
    if header is None:
        raise RegisterFileError(msg.FILE_EMPTY)
    if not rows:
        raise RegisterFileError(msg.FILE_NO_DATA)
    return Sheet(rows=rows)


def _check_header(header: list[str]) -> None:
    known = [name for name in header if name in COLUMN_NAMES]
    if not known:
        raise RegisterFileError(msg.FILE_NO_HEADER)
    duplicates = sorted({n for n in known if known.count(n) > 1}, key=COLUMN_NAMES.index)
    if duplicates:
        raise RegisterFileError(msg.FILE_DUPLICATE_COLUMNS.format(columns="、".join(duplicates)))
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise RegisterFileError(msg.FILE_MISSING_COLUMNS.format(columns="、".join(missing)))
