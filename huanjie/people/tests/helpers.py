"""Test helpers: register rows and files (ID numbers come from the shared region tree)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from huanjie.accounts.tests.region_tree import valid_id
from huanjie.people.register.columns import COLUMN_NAMES


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


# The seven members of `family`: name prefix, relation to the head, male?, birth date.
_FAMILY = [
    ("户主", "户主", True, "19790315"),
    ("配偶", "配偶", False, "19790315"),
    ("儿子", "子", True, "20050101"),
    ("女儿", "女", False, "20070101"),
    ("父亲", "父母", True, "19500101"),
    ("孙子", "孙子", True, "20200101"),
    ("儿媳", "儿媳", False, "19860101"),
]


def family(household: str, start: int, *, group: str = "第一村民小组") -> list[list[str]]:
    """A household of seven: head, spouse, son, daughter, a parent, a grandson, a daughter-in-law;
    their ID numbers take the serials `start` to `start + 6`."""
    return [
        row(
            household,
            f"{title}{household}",
            valid_id(start + offset, male=male, birth=birth),
            relation,
            sex="男" if male else "女",
            group=group,
        )
        for offset, (title, relation, male, birth) in enumerate(_FAMILY)
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
