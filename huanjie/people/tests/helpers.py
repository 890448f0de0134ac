"""Test helpers: valid ID numbers (own check-digit code), register rows and files."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from huanjie.people.register.columns import COLUMN_NAMES

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"


def valid_id(
    serial: int, *, male: bool = True, birth: str = "19790315", area: str = "331127"
) -> str:
    """An 18-character ID number with a correct check digit (GB 11643, ISO 7064 MOD 11-2)."""
    sequence = (serial * 2 + (1 if male else 0)) % 1000
    first17 = f"{area}{birth}{sequence:03d}"
    return first17 + _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def row(
    household: str,
    name: str,
    id_number: str,
    relation: str = "户主",
    *,
    sex: str = "男",
    group: str = "第一村民小组",
    ethnicity: str = "汉族",
    education: str = "初中",
    political: str = "群众",
    hukou: str = "是",
    resides: str = "是",
    phone: str = "",
    tags: str = "",
) -> list[str]:
    """One register row in template column order."""
    return [
        household,
        group,
        name,
        sex,
        id_number,
        relation,
        ethnicity,
        education,
        political,
        hukou,
        resides,
        phone,
        tags,
    ]


def family(household: str, start: int, *, group: str = "第一村民小组") -> list[list[str]]:
    """A household of seven: head, spouse, son, daughter, a parent, a grandson, a daughter-in-law."""
    return [
        row(household, f"户主{household}", valid_id(start), "户主", group=group),
        row(
            household,
            f"配偶{household}",
            valid_id(start + 1, male=False),
            "配偶",
            sex="女",
            group=group,
        ),
        row(
            household, f"儿子{household}", valid_id(start + 2, birth="20050101"), "子", group=group
        ),
        row(
            household,
            f"女儿{household}",
            valid_id(start + 3, male=False, birth="20070101"),
            "女",
            sex="女",
            group=group,
        ),
        row(
            household,
            f"父亲{household}",
            valid_id(start + 4, birth="19500101"),
            "父母",
            group=group,
        ),
        row(
            household,
            f"孙子{household}",
            valid_id(start + 5, birth="20200101"),
            "孙子",
            group=group,
        ),
        row(
            household,
            f"儿媳{household}",
            valid_id(start + 6, male=False, birth="19860101"),
            "儿媳",
            sex="女",
            group=group,
        ),
    ]


def xlsx_bytes(rows: Sequence[Sequence[str]], header: Sequence[str] = COLUMN_NAMES) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("户籍")
    sheet.write_row(0, 0, list(header))
    for index, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            sheet.write_string(index, column, value)
    book.close()
    return buffer.getvalue()


def write_xlsx(
    path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = COLUMN_NAMES
) -> Path:
    path.write_bytes(xlsx_bytes(rows, header))
    return path


def csv_bytes(rows: Sequence[Sequence[str]], encoding: str) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(COLUMN_NAMES)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)
