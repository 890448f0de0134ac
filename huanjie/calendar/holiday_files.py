"""Reading and checking a holiday notice file (xlsx or CSV: 日期, 类型, 名称).

Every row is checked before anything is written; the result is either the rows or the full list
of row-level errors.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import IO, Any

import python_calamine

from huanjie.calendar import messages
from huanjie.calendar.models import HolidayDay, HolidayKind

COLUMNS = ("日期", "类型", "名称")
KINDS = {label: HolidayKind(value) for value, label in HolidayKind.choices}
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
FIRST_YEAR, LAST_YEAR = 1949, 2999  # HolidayYear's constraint: a typo such as 0227 is refused
FIRST_DATA_ROW = 2  # row 1 is the header, as the user sees it in the spreadsheet
NAME_LENGTH = HolidayDay._meta.get_field("name").max_length or 64


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the whole file
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return messages.ROW_PREFIX.format(row=self.row, message=self.message)


@dataclass(frozen=True)
class HolidayRow:
    row: int
    date: date
    kind: HolidayKind
    name: str


class HolidayFileError(Exception):
    """The file was refused; `errors` lists every problem found, by row."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def parse_holiday_file(file: IO[bytes], name: str) -> tuple[list[HolidayRow], list[RowError]]:
    """The well-formed rows of the notice and the faults of the others.

    A fault of the whole file (unreadable, no header, no rows) raises `HolidayFileError`.
    """
    table = _read_table(file, name)
    if not table:
        raise HolidayFileError([RowError(None, messages.NO_ROWS)])
    header = [_text(cell) for cell in table[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise HolidayFileError(
            [RowError(None, messages.MISSING_COLUMNS.format(columns="、".join(missing)))]
        )
    at = {column: header.index(column) for column in COLUMNS}
    rows: list[HolidayRow] = []
    errors: list[RowError] = []
    first_seen: dict[date, int] = {}
    for number, cells in enumerate(table[1:], start=FIRST_DATA_ROW):
        values = [cells[at[c]] if at[c] < len(cells) else "" for c in COLUMNS]
        if all(_text(v) == "" for v in values):
            continue
        row_errors, parsed = _check_row(number, values, first_seen)
        errors.extend(row_errors)
        if parsed is not None:
            rows.append(parsed)
    if not rows and not errors:
        raise HolidayFileError([RowError(None, messages.NO_ROWS)])
    return rows, errors


def _check_row(
    number: int, values: list[Any], first_seen: dict[date, int]
) -> tuple[list[RowError], HolidayRow | None]:
    raw_date, raw_kind, raw_name = values
    errors: list[RowError] = []
    day = _date(raw_date)
    if day is None:
        errors.append(RowError(number, messages.BAD_DATE.format(value=_text(raw_date))))
    elif day in first_seen:
        text = f"{day:%Y-%m-%d}"
        errors.append(
            RowError(number, messages.DUPLICATE_DATE.format(date=text, other=first_seen[day]))
        )
    else:
        first_seen[day] = number
    kind = KINDS.get(_text(raw_kind))
    if kind is None:
        errors.append(RowError(number, messages.UNKNOWN_KIND.format(value=_text(raw_kind))))
    name = _text(raw_name)
    if not name:
        errors.append(RowError(number, messages.EMPTY_NAME))
    elif len(name) > NAME_LENGTH:
        # PostgreSQL would refuse the whole import with a database error; SQLite would keep it.
        text = messages.NAME_TOO_LONG.format(length=len(name), limit=NAME_LENGTH)
        errors.append(RowError(number, text))
    if day is not None and kind is HolidayKind.MAKEUP_WORKDAY and day.weekday() < 5:
        weekday = messages.WEEKDAYS[day.weekday()]
        errors.append(
            RowError(
                number, messages.MAKEUP_ON_WEEKDAY.format(date=f"{day:%Y-%m-%d}", weekday=weekday)
            )
        )
    if errors or day is None or kind is None:
        return errors, None
    return errors, HolidayRow(number, day, kind, name)


def _read_table(file: IO[bytes], name: str) -> list[list[Any]]:
    suffix = PurePath(name).suffix.lower()
    data = file.read()
    if suffix == ".csv":
        return _read_csv(data, name)
    if suffix in SPREADSHEET_SUFFIXES:
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            return [list(r) for r in book.get_sheet_by_index(0).to_python(skip_empty_area=True)]
        except python_calamine.CalamineError as exc:
            raise _unreadable(name, str(exc)) from exc
    raise HolidayFileError([RowError(None, messages.UNSUPPORTED_FILE.format(name=name))])


def _read_csv(data: bytes, name: str) -> list[list[Any]]:
    # Excel in China saves CSV as GB18030 (GBK); other tools write UTF-8, often with a BOM.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
    raise _unreadable(name, "文字编码无法识别（应为 UTF-8 或 GBK）")


def _unreadable(name: str, reason: str) -> HolidayFileError:
    return HolidayFileError(
        [RowError(None, messages.UNREADABLE_FILE.format(name=name, reason=reason))]
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: Any) -> date | None:
    day: date | None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        match = DATE_TEXT.match(_text(value))
        try:
            day = date(*(int(part) for part in match.groups())) if match else None
        except ValueError:
            day = None
    if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return day
