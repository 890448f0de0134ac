"""The array reader of plain workbooks (people.register.xlsx) against calamine: the same sheet,
cell for cell, from workbooks written by XlsxWriter (shared and inline strings) and openpyxl,
and calamine's reading of everything the array reader declines."""

from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import datetime
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from huanjie.people import messages as msg
from huanjie.people.register import reading, sandbox
from huanjie.people.register.columns import COLUMN_NAMES
from huanjie.people.register.reading import RegisterFileError, read_register
from huanjie.people.register.shape import ShapeError, check_xlsx_shape
from huanjie.people.register.xlsx import read_cells
from huanjie.people.tests.helpers import family

Value = str | float | int | bool | datetime | None


def _family(household: str, start: int, *, group: str = "第一村民小组") -> list[list[Value]]:
    return [list[Value](r) for r in family(household, start, group=group)]


def _xlsxwriter(rows: list[list[Value]], *, inline: bool = False, start: int = 0) -> bytes:
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_urls": False}
    if inline:  # constant_memory writes inline strings, as the register export does
        options = {"constant_memory": True, "strings_to_numbers": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    sheet = book.add_worksheet()
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    text = book.add_format({"num_format": "@"})
    for r, values in enumerate(rows, start=start):
        for c, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value, text if c == 11 else None)
            elif isinstance(value, datetime):
                sheet.write_datetime(r, c, value, dates)
            else:
                sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def _openpyxl(rows: list[list[Value]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _by_calamine(data: bytes) -> reading.Sheet:
    return reading._with_header(reading._spreadsheet(data), max_rows=reading.limits().max_rows)


def _assert_same(data: bytes, *, plain: bool | None) -> None:
    """Both readers give the same sheet; `plain`: whether the array reader read it."""
    if plain is not None:
        assert (read_cells(data, reading.limits()) is not None) is plain
    fast, slow = read_register(data), _by_calamine(data)
    assert fast.numbers.tolist() == slow.numbers.tolist()
    assert list(fast.columns) == list(slow.columns)
    for name, column in fast.columns.items():
        cells, expected = column.cells(), slow.columns[name].cells()
        assert cells == expected, name
        assert [type(c) for c in cells] == [type(c) for c in expected], name


_TEXT = st.text(
    alphabet=st.sampled_from([*"户号王李0123456789Xx -_&<>\"'\t\n；、", "\u3000", "é", "😀"]),
    max_size=12,
)
_CELL = st.one_of(
    _TEXT,
    st.none(),
    st.integers(-(10**12), 10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=13, max_size=15), min_size=1, max_size=12), st.booleans())
def test_random_sheets_read_alike(rows: list[list[Value]], inline: bool) -> None:
    data = _xlsxwriter([list(COLUMN_NAMES), *rows], inline=inline)
    try:
        _assert_same(data, plain=None)  # "_x" in a text is an escape only calamine reads
    except RegisterFileError:  # an empty or headless sheet: both say the same
        with pytest.raises(RegisterFileError) as fast:
            read_register(data)
        with pytest.raises(RegisterFileError) as slow:
            _by_calamine(data)
        assert fast.value.message == slow.value.message


@pytest.mark.parametrize("inline", [False, True], ids=["shared-strings", "inline-strings"])
def test_a_register_with_blank_rows_and_a_header_lower_down(inline: bool) -> None:
    rows: list[list[Value]] = [
        list(COLUMN_NAMES),
        *_family("1", 10),
        [None] * 13,
        *_family("2", 20),
    ]
    rows[2][0] = " 1 "
    rows[3][11] = 13800000000
    rows[4][2] = "  "
    _assert_same(_xlsxwriter(rows, inline=inline, start=3), plain=True)


def test_openpyxl_workbooks() -> None:
    rows: list[list[Value]] = [list(COLUMN_NAMES), *_family("1", 10), *_family("2", 20)]
    rows[1][11] = 13800000000
    rows[2][12] = " a & b "
    _assert_same(_openpyxl(rows), plain=True)


@pytest.mark.parametrize(
    "value",
    [True, datetime(2026, 3, 1), "=1+1"],
    ids=["boolean", "date", "formula"],
)
def test_what_calamine_alone_reads(value: Value) -> None:
    rows: list[list[Value]] = [list(COLUMN_NAMES), *_family("1", 10)]
    rows[1][9] = value
    if value == "=1+1":
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet()
        for r, values in enumerate(rows):
            for c, cell in enumerate(values):
                if c == 9 and r == 1:
                    sheet.write_formula(r, c, "=1+1", None, 2)
                elif cell is not None:
                    sheet.write_string(r, c, str(cell))
        book.close()
        data = buffer.getvalue()
    else:
        data = _xlsxwriter(rows)
    _assert_same(data, plain=False)


@pytest.mark.parametrize("dimension", [True, False], ids=["declared", "used"])
def test_a_sheet_beyond_the_limits_is_refused_as_before(dimension: bool) -> None:
    rows: list[list[Value]] = [list(COLUMN_NAMES), *_family("1", 10)]
    data = _xlsxwriter(rows)
    far = reading.limits().max_rows + 5
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    sheet = sheet.replace(
        b"</sheetData>",
        f'<row r="{far}"><c r="A{far}" t="s"><v>0</v></c></row></sheetData>'.encode(),
    )
    if dimension:
        sheet = re.sub(
            rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:M{far}"/>'.encode(), sheet
        )
    else:
        sheet = re.sub(rb'<dimension ref="[^"]*"/>', b"", sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        for name, content in parts.items():
            book.writestr(name, content)
    data = buffer.getvalue()
    with pytest.raises(ShapeError) as expected:
        check_xlsx_shape(data, reading.limits())
    with pytest.raises(RegisterFileError) as refused:
        read_register(data)
    assert refused.value.message == expected.value.message
    wanted = msg.FILE_RANGE_DECLARED_TOO_LARGE if dimension else msg.FILE_RANGE_USED_TOO_LARGE
    assert refused.value.message.startswith(wanted.split("{")[0])


def test_many_rows_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from huanjie.people.register import xlsx

    monkeypatch.setattr(xlsx, "_CHUNK", 4096)  # many chunks, cut at row ends
    rng = random.Random(5)
    rows: list[list[Value]] = [list(COLUMN_NAMES)]
    for h in range(60):
        rows += _family(str(h), 10 * h + rng.randrange(5))
    _assert_same(_xlsxwriter(rows), plain=True)
    _assert_same(_xlsxwriter(rows, inline=True), plain=True)


def test_a_large_files_sheet_is_read_once_for_its_check_and_its_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _xlsxwriter([list(COLUMN_NAMES), *_family("1", 10)])
    other = _xlsxwriter([list(COLUMN_NAMES), *_family("2", 20)])
    calls: list[bytes] = []
    real = sandbox.run_in_child

    def counted(func: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(func, *args, **kwargs)

    monkeypatch.setattr(reading, "run_in_child", counted)
    monkeypatch.setattr(reading, "KEEP_BYTES", 0)  # every file counts as large here
    first = reading.read_register_isolated(data)
    again = reading.read_register_isolated(data)  # kept: no second reading process
    third = reading.read_register_isolated(data)  # taken once: read anew
    reading.read_register_isolated(other)
    assert calls == [data, data, other]
    assert again is first and third is not first
    assert third.numbers.tolist() == first.numbers.tolist()
