"""The register's workbooks (XlsxWriter): the published list as posted (序号, 村民小组, 姓名,
性别 — nothing more, as on the announcement) and the 四增四减 report."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import xlsxwriter

from huanjie.registration.selectors import active_voters

if TYPE_CHECKING:
    from huanjie.registration.changes import ChangesReport
    from huanjie.registration.models import VoterRegister

SEX = {"M": "男", "F": "女"}
NO_GROUP = "其他（户籍不在本村的居住人员）"


def voter_list_workbook(register: VoterRegister) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("选民名单")
    bold = book.add_format({"bold": True, "bg_color": "#ECECEC", "border": 1})
    cell = book.add_format({"border": 1})
    title = book.add_format({"bold": True, "font_size": 14})
    sheet.write(
        0, 0, f"{register.village.name}选民名单（{register.term_year}年村民委员会选举）", title
    )
    published = register.published_on
    note = f"公布日期：{published}" if published else "草稿，尚未公布"
    sheet.write(1, 0, note)
    for column, (name, width) in enumerate(
        (("序号", 8), ("村民小组", 22), ("姓名", 14), ("性别", 8))
    ):
        sheet.write(3, column, name, bold)
        sheet.set_column(column, column, width)
    row = 4
    for number, voter in enumerate(active_voters(register).iterator(), start=1):
        sheet.write_number(row, 0, number, cell)
        sheet.write_string(row, 1, voter.group_name or NO_GROUP, cell)
        sheet.write_string(row, 2, voter.name, cell)
        sheet.write_string(row, 3, SEX.get(voter.sex, ""), cell)
        row += 1
    sheet.freeze_panes(4, 0)
    book.close()
    return buffer.getvalue()


def changes_workbook(report: ChangesReport) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#ECECEC", "border": 1})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("四增四减")
    register = report.register
    sheet.write(0, 0, f"{register.village.name}选民四增四减情况表（{register.term_year}年）")
    sheet.write(1, 0, f"上届：{report.source_label}，选举日{report.previous_day}")
    for column, name in enumerate(("上届选民数", "四增合计", "四减合计", "本届选民数", "核对")):
        sheet.write(3, column, name, bold)
    sheet.write_row(
        4,
        0,
        [
            report.old_total,
            report.increase_total,
            report.decrease_total,
            report.new_total,
            "相符" if report.balanced else "不相符",
        ],
        cell,
    )
    row = 6
    for column, (name, width) in enumerate((("增减", 6), ("类别", 18), ("人数", 8), ("说明", 60))):
        sheet.write(row, column, name, bold)
        sheet.set_column(column, column, width)
    for side, classes in (("增", report.increases), ("减", report.decreases)):
        for change in classes:
            row += 1
            subs = "；".join(f"{label}{n}人" for label, n in change.subs.items())
            sheet.write_row(row, 0, [side, change.label, change.count, subs], cell)
    detail = book.add_worksheet("人员明细")
    for column, (name, width) in enumerate(
        (("增减", 6), ("类别", 18), ("姓名", 14), ("村民小组", 20), ("说明", 40))
    ):
        detail.write(0, column, name, bold)
        detail.set_column(column, column, width)
    row = 0
    for side, classes in (("增", report.increases), ("减", report.decreases)):
        for change in classes:
            for person in change.people:
                row += 1
                detail.write_row(
                    row, 0, [side, change.label, person.name, person.group, person.note], cell
                )
    book.close()
    return buffer.getvalue()
