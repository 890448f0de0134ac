"""Reading an uploaded register: xlsx/xls through python-calamine, or CSV in the encodings
Excel in China writes (UTF-8 with or without BOM, GB18030). Only the file's shape is checked
here; what the cells say is `parsing`'s job.
"""

from __future__ import annotations

import csv
import hashlib
import io
import operator
import re
import time
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as daytime
from itertools import repeat
from typing import Any, cast

import numpy as np
from django.conf import settings
from numpy.typing import NDArray
from python_calamine import CalamineError, CalamineWorkbook

from huanjie.people import messages as msg
from huanjie.people.register.columns import COLUMN_NAMES, REQUIRED
from huanjie.people.register.sandbox import ChildCrashed, ChildTimedOut, run_in_child
from huanjie.people.register.shape import Limits, ShapeError, check_xlsx_shape, check_xlsx_size
from huanjie.people.register.xlsx import Cells, read_cells

Cell = str | int | float | bool | date | datetime | daytime | timedelta | None

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
class SheetColumn:
    """One column's cells, dictionary-encoded: data row i holds `values[codes[i]]`. A register
    repeats most of its words (groups, relations, 是/否), and a million rows travel from the
    reading process and are checked as a few thousand distinct cells."""

    values: list[Cell]
    codes: NDArray[np.int32]

    def cells(self) -> list[Cell]:
        """The cells row by row."""
        return _as_objects(self.values)[self.codes].tolist()  # type: ignore[no-any-return]

    def __reduce__(self) -> tuple[Any, ...]:
        """Sent from the reading child with its texts as one string when they are all texts:
        a million ID numbers pickle and travel as one object, not a million."""
        joined = _joined(self.values)
        if joined is None:
            return (SheetColumn, (self.values, self.codes))
        return (_split_column, (joined, self.codes))


_SEPARATOR = "\x00"


def _joined(values: list[Cell]) -> str | None:
    """The values joined by a separator none of them holds, or None (not all texts, or one
    holds it: a CSV may)."""
    if not values:
        return None
    try:
        joined = _SEPARATOR.join(values)  # type: ignore[arg-type]
    except TypeError:
        return None
    return joined if joined.count(_SEPARATOR) == len(values) - 1 else None


def _split_column(joined: str, codes: NDArray[np.int32]) -> SheetColumn:
    return SheetColumn(joined.split(_SEPARATOR), codes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Sheet:
    """The data rows, column by column: `numbers` (the row numbers as Excel shows them) and
    the template's columns the file has, in the file's order."""

    numbers: NDArray[np.int32]
    columns: dict[str, SheetColumn]

    def __len__(self) -> int:
        return len(self.numbers)

    @property
    def rows(self) -> list[tuple[int, dict[str, Cell]]]:
        """Each row as (row number, {column name: cell})."""
        cells = {name: column.cells() for name, column in self.columns.items()}
        return [
            (number, {name: cells[name][i] for name in cells})
            for i, number in enumerate(self.numbers.tolist())
        ]


def _as_objects(values: list[Any]) -> NDArray[np.object_]:
    objects = np.empty(len(values), dtype=object)
    objects[:] = values
    return objects


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
            check_xlsx_size(data, bounds)
            cells = read_cells(data, bounds)  # a plain workbook: read as arrays
            if cells is not None:
                return _from_cells(cells)
            check_xlsx_shape(data, bounds)  # before calamine sizes its grid from the sheet
        except ShapeError as exc:
            raise RegisterFileError(exc.message) from exc
    table = _spreadsheet(data) if data.startswith((_ZIP, _OLE2)) else _csv(data)
    return _with_header(table, max_rows=bounds.max_rows)


def read_register_isolated(
    data: bytes, *, name: str = "", on_wait: Callable[[], None] | None = None
) -> Sheet:
    """`read_register` in a child process with the settings' memory and time limits: a file
    that crashes or exhausts the parser fails alone, as a `RegisterFileError`.

    A large file's sheet is kept (one, in this process) for the import's next step: the
    check reads it, the write that follows takes it instead of reading the same bytes again.
    The sheet depends on nothing but the bytes and the limits; the checks run again on it.
    """
    key = kept_key(data)
    kept = _KEPT.pop(key, None) if key is not None else None
    if kept is not None and time.monotonic() - kept[0] < KEEP_SECONDS:
        return kept[1]
    timeout = settings.HUANJIE_REGISTER_PARSE_TIMEOUT
    try:
        sheet = run_in_child(
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
    _KEPT.clear()
    if key is not None:
        _KEPT[key] = (time.monotonic(), sheet)
    return sheet


# The sheet of the last large file read, by the file's digest and the limits it was read under.
KEEP_BYTES = 4 << 20
KEEP_SECONDS = 1800
_KEPT: dict[str, tuple[float, Sheet]] = {}


def kept_key(data: bytes) -> str | None:
    """What a large file's kept results are found by (its digest and the limits it was read
    under); None for a small file, which is read again each time."""
    if len(data) < KEEP_BYTES:
        return None
    return f"{hashlib.sha256(data).hexdigest()}:{limits()}"


def forget_kept(key: str | None) -> None:
    """Let go of the file's kept sheet (its checked result is kept instead)."""
    if key is not None:
        _KEPT.pop(key, None)


def _spreadsheet(data: bytes) -> Iterator[list[Cell]]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # skip_empty_area=False keeps row numbers equal to Excel's (minus one); a row at a time,
        # so that the cells are never all Python objects at once.
        rows = cast(Iterator[list[Cell]], workbook.get_sheet_by_index(0).iter_rows())
    except (CalamineError, ValueError, OSError) as exc:
        # CalamineError and its zip/xml/password subclasses; ValueError for an empty workbook.
        raise RegisterFileError(msg.FILE_UNREADABLE) from exc
    return rows


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
    for cell in cells:  # most rows end this at their first cell
        if cell is not None and not (isinstance(cell, str) and not cell.strip()):
            return False
    return True


class _Encoder:
    """A column's distinct cells as they come, and each row's index into them. Cells are told
    apart by type as well as value (1, 1.0 and True are equal in Python, not in a cell)."""

    def __init__(self) -> None:
        self.index: dict[object, int] = {}
        self.values: list[Cell] = []
        self.codes = array("i")

    def add(self, cell: Cell) -> None:
        key: object = cell if type(cell) is str else (type(cell), cell)
        code = self.index.get(key)
        if code is None:
            code = self.index[key] = len(self.values)
            self.values.append(cell)
        self.codes.append(code)

    def column(self) -> SheetColumn:
        return SheetColumn(self.values, np.frombuffer(self.codes, dtype=np.int32).copy())


def _with_header(table: Iterator[list[Cell]], *, max_rows: int) -> Sheet:
    header: list[str] | None = None
    numbers = array("i")
    columns: list[tuple[str, int, _Encoder]] = []
    for index, cells in enumerate(table):
        if index >= max_rows:  # a CSV has no declared range: count its rows
            count = index + 1 + sum(1 for _ in table)
            raise RegisterFileError(msg.FILE_TOO_MANY_ROWS.format(count=count, limit=max_rows))
        if _blank(cells):
            continue
        if header is None:
            header = [_header_name(c) for c in cells]
            _check_header(header)
            columns = [(n, i, _Encoder()) for i, n in enumerate(header) if n in COLUMN_NAMES]
            continue
        numbers.append(index + 1)
        width = len(cells)
        for _name, position, encoder in columns:
            encoder.add(cells[position] if position < width else "")
    if header is None:
        raise RegisterFileError(msg.FILE_EMPTY)
    if not numbers:
        raise RegisterFileError(msg.FILE_NO_DATA)
    return Sheet(
        numbers=np.frombuffer(numbers, dtype=np.int32).copy(),
        columns={name: encoder.column() for name, _, encoder in columns},
    )


def _from_cells(cells: Cells) -> Sheet:
    """`_with_header` of a sheet read as arrays (every cell within the row limit): blank rows
    skipped, the first other row the header, the template's columns of the rows after it."""
    blank = _blank_values(cells.values)
    filled = ~blank[cells.codes] if len(cells.codes) else np.zeros(0, bool)
    rows = cells.rows[filled]  # in the sheet's order: sorted
    rows = rows[np.r_[True, rows[1:] != rows[:-1]]] if len(rows) else rows
    if not len(rows):
        raise RegisterFileError(msg.FILE_EMPTY)
    header_row, numbers = int(rows[0]), rows[1:]
    width = int(cells.columns.max()) + 1
    header_names = [""] * width
    in_header = np.flatnonzero(cells.rows == header_row)
    for at in in_header.tolist():
        header_names[int(cells.columns[at])] = _header_name(cells.values[cells.codes[at]])
    _check_header(header_names)
    if not len(numbers):
        raise RegisterFileError(msg.FILE_NO_DATA)
    # Each data row's index among `numbers` (-1: a blank row), by a table over row numbers.
    index_of = np.full(int(cells.rows.max()) + 1, -1, np.int64)
    index_of[numbers] = np.arange(len(numbers))
    # Each cell's slot among the template's columns (-1: a column of no interest).
    wanted = [p for p, name in enumerate(header_names) if name in COLUMN_NAMES]
    slot_of = np.full(width, -1, np.int64)
    slot_of[wanted] = np.arange(len(wanted))
    at_row, slot = index_of[cells.rows], slot_of[cells.columns]
    mine = (at_row >= 0) & (slot >= 0)
    grid = np.full((len(numbers), len(wanted)), -1, np.int64)  # the rows × the columns
    grid[at_row[mine], slot[mine]] = cells.codes[mine]
    every = _as_objects([*cells.values, ""])  # code -1: an empty cell, read as ""
    seen = np.zeros(len(every), bool)
    columns: dict[str, SheetColumn] = {}
    for position in wanted:
        codes = grid[:, slot_of[position]]
        # np.unique's values and inverse, by a table over the codes instead of a sort.
        seen[:] = False
        seen[codes] = True
        found = np.flatnonzero(seen)
        found = np.roll(found, 1) if seen[-1] else found  # the empty cell sorts first
        rank = np.empty(len(every), np.int64)
        rank[found] = np.arange(len(found))
        values: list[Cell] = every[found].tolist()
        columns[header_names[position]] = SheetColumn(values, rank[codes].astype(np.int32))
    return Sheet(numbers=numbers.astype(np.int32), columns=columns)


def _blank_values(values: Sequence[object]) -> NDArray[np.bool_]:
    """Which values are blank: texts of nothing but spaces (`not text.strip()`)."""
    texts = np.fromiter(map(isinstance, values, repeat(str)), bool, len(values))
    blank = np.zeros(max(len(values), 1), bool)
    at = np.flatnonzero(texts)
    strings = [values[i] for i in at.tolist()] if len(at) < len(values) else values
    stripped = map(str.strip, cast(list[str], strings))
    blank[at] = np.fromiter(map(operator.not_, stripped), bool, len(at))
    return blank


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
