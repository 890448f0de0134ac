"""Writing register workbooks (XlsxWriter): the blank template and a village's export.

Both have the same first sheet (the columns of domain.md §1, choice lists as data validation,
the ID column as text so Excel keeps all 18 characters) and a second sheet "填写说明".
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import IO, Any

import xlsxwriter

from huanjie.people.register import columns as col
from huanjie.people.register.inputs import Level, Problem

SHEET = "户籍登记"
HELP_SHEET = "填写说明"
REPORT_SHEET = "校验报告"
REPORT_COLUMNS = (
    ("行", 6),
    ("姓名", 10),
    ("列", 12),
    ("内容", 22),
    ("级别", 6),
    ("问题及处理办法", 90),
)
_LEVEL_LABEL = {Level.ERROR: "错误", Level.WARNING: "提示"}
MAX_ROWS = 1_048_575  # Excel's last row (0-based), the extent of the validation lists
EXAMPLE_ROW = (
    col.EXAMPLE_MARKER,
    "第一村民小组",
    "张三",
    "男",
    "110105194912310038",  # a man's number (17th digit odd), as 性别 says
    "户主",
    "汉族",
    "初中",
    "群众",
    "是",
    "是",
    "13800000000",
    "退役军人",
)
WIDTHS = {col.ID_NUMBER: 22, col.RELATION: 12, col.EDUCATION: 14, col.TAGS: 24, col.PHONE: 16}


def register_workbook(rows: Iterable[Sequence[str]], *, example: bool) -> bytes:
    """A workbook in the template's shape with `rows` (each in `col.COLUMN_NAMES` order)."""
    buffer = io.BytesIO()
    write_register_workbook(buffer, rows, example=example)
    return buffer.getvalue()


def write_register_workbook(
    target: str | IO[bytes], rows: Iterable[Sequence[str]], *, example: bool
) -> None:
    """Write the workbook of `register_workbook` to a path or a binary file, row by row.

    constant_memory: each row goes to disk once written, so a 100,000-person register takes a
    few MB instead of a quarter of a GB; the direct download and the background export both
    write this way and so get the same workbook.
    """
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = book.add_format({"num_format": "@"})
    example_format = book.add_format({"num_format": "@", "font_color": "#808080", "italic": True})
    sheet = book.add_worksheet(SHEET)
    for index, column in enumerate(col.COLUMNS):
        sheet.set_column(index, index, WIDTHS.get(column.name, 11), text)
        sheet.write_string(0, index, column.name, header)
        if column.choices and column.name != col.TAGS:
            sheet.data_validation(
                1,
                index,
                MAX_ROWS,
                index,
                {
                    "validate": "list",
                    "source": list(column.choices),
                    "error_title": column.name,
                    "error_message": f"请从下拉列表中选择{column.name}。",
                },
            )
    sheet.freeze_panes(1, 0)
    row_index = 1
    if example:
        for index, value in enumerate(EXAMPLE_ROW):
            sheet.write_string(row_index, index, value, example_format)
        row_index += 1
    for values in rows:
        for index, value in enumerate(values):
            sheet.write_string(row_index, index, value)
        row_index += 1
    _help_sheet(book, header)
    book.close()


def _help_sheet(book: Any, header: Any) -> None:
    sheet = book.add_worksheet(HELP_SHEET)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 8)
    sheet.set_column(2, 2, 70, wrap)
    sheet.set_column(3, 3, 40, wrap)
    for index, title in enumerate(("列名", "必填", "怎么填", "可选值")):
        sheet.write_string(0, index, title, header)
    for row, column in enumerate(col.COLUMNS, start=1):
        sheet.write_string(row, 0, column.name)
        sheet.write_string(row, 1, "是" if column.required else "否")
        sheet.write_string(row, 2, column.help)
        sheet.write_string(row, 3, "、".join(column.choices))
    notes = [
        "每人一行，同一户的成员填同一户号；每户有且只有一名户主。",
        "第一张表的表头不要修改或删除；户号为“示例”的一行是样例，导入时跳过，可以删除。",
        "系统只根据“与户主关系”推导这些近亲属关系：户主与配偶、子女、父母、祖父母、孙子女、"
        "兄弟姐妹，以及户主的子女之间；导入后由选委会逐条确认或更正。",
        "任何一行有错误时整份文件都不会导入；请按错误报告修改后重新上传。",
    ]
    start = len(col.COLUMNS) + 2
    for offset, note in enumerate(notes):
        sheet.write_string(start + offset, 0, f"说明{offset + 1}")
        sheet.merge_range(start + offset, 1, start + offset, 3, note, wrap)


def template_workbook() -> bytes:
    """The blank template with its example row."""
    return register_workbook([], example=True)


def report_workbook(problems: Iterable[Problem]) -> bytes:
    """A row report as a workbook, for reports too long to read on the page."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    sheet = book.add_worksheet(REPORT_SHEET)
    for index, (title, width) in enumerate(REPORT_COLUMNS):
        sheet.set_column(index, index, width)
        sheet.write_string(0, index, title, header)
    sheet.freeze_panes(1, 0)
    row = 0
    for row, p in enumerate(problems, start=1):
        if p.row is not None:
            sheet.write_number(row, 0, p.row)
        sheet.write_string(row, 1, p.name)
        sheet.write_string(row, 2, p.column)
        sheet.write_string(row, 3, p.value)
        sheet.write_string(row, 4, _LEVEL_LABEL[p.level])
        sheet.write_string(row, 5, p.message)
    sheet.autofilter(0, 0, row, len(REPORT_COLUMNS) - 1)
    book.close()
    return buffer.getvalue()
