"""Reading register files: formats, encodings, and files that are not registers."""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable

import numpy as np
import pytest
import xlsxwriter

from huanjie.accounts.tests.region_tree import valid_id
from huanjie.people import messages as msg
from huanjie.people.register.columns import COLUMN_NAMES
from huanjie.people.register.parsing import parse_sheet
from huanjie.people.register.reading import RegisterFileError, SheetColumn, read_register
from huanjie.people.tests.helpers import csv_bytes, row, xlsx_bytes

ROWS = [
    row("101", "王建国", valid_id(1), "户主", tags="致富带头人；退役军人"),
    row("101", "李秀英", valid_id(2, male=False), "配偶", sex="女", tags="大学生"),
]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030"], ids=["utf8", "utf8-bom", "gb18030"]
)
def test_csv_encodings_read_the_same_as_xlsx(encoding: str) -> None:
    from_csv = parse_sheet(read_register(csv_bytes(ROWS, encoding)))
    from_xlsx = parse_sheet(read_register(xlsx_bytes(ROWS)))
    assert from_csv.problems == [] and from_xlsx.problems == []
    assert from_csv.households == from_xlsx.households
    members = from_csv.households[0].members
    assert [m.name for m in members] == ["王建国", "李秀英"]
    assert members[0].tags == ("business_leader", "veteran")


def test_row_numbers_are_excels_and_blank_rows_are_skipped() -> None:
    data = xlsx_bytes([ROWS[0], [""] * len(COLUMN_NAMES), ROWS[1]])
    assert [number for number, _ in read_register(data).rows] == [2, 4]


def test_header_note_in_brackets_is_the_same_column() -> None:
    header = [f"{n}（是/否）" if n in ("户籍在本村", "在本村居住") else n for n in COLUMN_NAMES]
    sheet = read_register(xlsx_bytes(ROWS, header=header))
    assert sheet.rows[0][1]["户籍在本村"] == "是"


def _broken_zip() -> bytes:
    return b"PK\x03\x04" + b"\x00garbage" * 20


def _xlsx_header_only() -> bytes:
    return xlsx_bytes([])


def _no_header() -> bytes:
    return "甲,乙,丙\n1,2,3\n".encode()


def _missing_columns() -> bytes:
    header = [n for n in COLUMN_NAMES if n not in ("身份证号", "与户主关系")]
    return xlsx_bytes([], header=header)


def _duplicate_columns() -> bytes:
    return xlsx_bytes([], header=[*COLUMN_NAMES, "姓名"])


def _blank_workbook() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet()
    book.close()
    return buffer.getvalue()


MALFORMED = [
    ("empty file", lambda: b"", msg.FILE_EMPTY),
    ("whitespace only", lambda: b" \r\n ", msg.FILE_EMPTY),
    ("blank workbook", _blank_workbook, msg.FILE_EMPTY),
    (
        "binary, not a spreadsheet",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        msg.FILE_NOT_SPREADSHEET,
    ),
    ("neither utf-8 nor gb18030", lambda: b"\xff\xfe\xfa\xfb" * 10, msg.FILE_NOT_SPREADSHEET),
    ("broken xlsx", _broken_zip, msg.FILE_UNREADABLE),
    ("header only", _xlsx_header_only, msg.FILE_NO_DATA),
    ("no header", _no_header, msg.FILE_NO_HEADER),
    (
        "missing columns",
        _missing_columns,
        msg.FILE_MISSING_COLUMNS.format(columns="身份证号、与户主关系"),
    ),
    ("duplicate columns", _duplicate_columns, msg.FILE_DUPLICATE_COLUMNS.format(columns="姓名")),
]


@pytest.mark.parametrize(
    ("make", "message"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_malformed_files_are_refused_with_a_message(
    make: Callable[[], bytes], message: str
) -> None:
    with pytest.raises(RegisterFileError) as info:
        read_register(make())
    assert info.value.message == message


@pytest.mark.parametrize(
    "values",
    [
        ["", "张三", "330102199001011234"],  # texts: sent as one string
        ["1", 1.0, ""],  # a number among them: sent as they are
        ["a\x00b", "c"],  # a text holding the separator (a CSV may): sent as they are
        [],
    ],
)
def test_a_column_travels_from_the_reading_child_unchanged(values: list[object]) -> None:
    codes = np.arange(len(values), dtype=np.int32)[::-1].copy()
    column = SheetColumn(values, codes)  # type: ignore[arg-type]
    back = pickle.loads(pickle.dumps(column))
    assert back.values == values
    assert [type(v) for v in back.values] == [type(v) for v in values]
    assert back.codes.tolist() == codes.tolist()
