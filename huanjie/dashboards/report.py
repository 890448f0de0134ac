"""The report table sent upward (practice.md §4, the headline table of the new committees'
structure) as xlsx: one row per region below the one reported, the total last, and the summary
sentences on a second sheet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from huanjie.dashboards.structure import Figures
from huanjie.regions.models import Region

Value = float | int | str | None
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# (group, column, value): the columns of the table, grouped as the upper level's form groups them.
COLUMNS: tuple[tuple[str, str, Callable[[Figures], Value]], ...] = (
    ("班子成员", "两委成员（名）", lambda f: f.now.members),
    ("班子成员", "书记（名）", lambda f: f.now.secretaries),
    ("班子成员", "主任（名）", lambda f: f.now.chairs),
    ("一肩挑", "村数", lambda f: f.now.one_person),
    ("一肩挑", "比例（%）", lambda f: f.now.share("one_person")),
    ("年龄", "平均年龄（岁）", lambda f: f.now.average_age),
    ("年龄", "上届（岁）", lambda f: f.before.average_age),
    ("年龄", "书记平均年龄（岁）", lambda f: f.now.secretary_average_age),
    ("年龄", "35岁及以下（%）", lambda f: f.now.share("up_to_35")),
    ("年龄", "45岁及以下（%）", lambda f: f.now.share("up_to_45")),
    ("学历", "大专及以上（%）", lambda f: f.now.share("college")),
    ("学历", "上届（%）", lambda f: f.before.share("college")),
    ("学历", "书记大专及以上（%）", lambda f: f.now.share("secretary_college")),
    ("学历", "高中（中专）及以上（%）", lambda f: f.now.share("high_school")),
    ("其他", "女性（%）", lambda f: f.now.share("women")),
    ("其他", "少数民族（%）", lambda f: f.now.share("minority")),
    ("其他", "村委会成员中党员（%）", lambda f: f.now.share("vc_party_members")),
    ("其他", "致富带头人（名）", lambda f: f.now.business_leaders),
    ("其他", "退役军人（名）", lambda f: f.now.veterans),
    ("其他", "回乡创业（名）", lambda f: f.now.returnees),
    ("选举", "村委会选举完成（村）", lambda f: f.results.elected),
    ("选举", "一次选举成功率（%）", lambda f: f.results.one_time),
    ("选举", "参选率（%）", lambda f: f.results.turnout),
    ("选举", "推选村民代表（名）", lambda f: f.results.representatives),
    ("选举", "推选村民小组长（名）", lambda f: f.results.group_leaders),
    ("选举", "推选村民小组副组长（名）", lambda f: f.results.group_deputies),
    ("选举", "工作移交完成率（%）", lambda f: f.results.handover),
)
TITLE = "新一届村“两委”班子结构情况统计表"


def report_filename(region: Region, term: int) -> str:
    return f"{region.name}{term}年村“两委”班子结构统计表.xlsx"


def report_workbook(
    region: Region,
    term: int,
    child_level: str,
    rows: list[tuple[str, Figures]],
    whole: Figures,
    sentences: list[str],
    today: date,
) -> bytes:
    """The table: title, unit and date, two header rows, a row per region and 合计."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "班子结构"
    width = len(COLUMNS) + 1
    sheet.append([f"{region.name}{term}年{TITLE}"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([f"填报单位：{region.name}", *[""] * (width - 2), f"截至{today:%Y年%m月%d日}"])
    sheet.append([child_level or "单位", *(group for group, _, _ in COLUMNS)])
    sheet.append(["", *(column for _, column, _ in COLUMNS)])
    sheet.merge_cells(start_row=3, start_column=1, end_row=4, end_column=1)
    _merge_groups(sheet)
    for name, figures in rows:
        sheet.append([name, *(value(figures) for _, _, value in COLUMNS)])
    sheet.append(["合计", *(value(whole) for _, _, value in COLUMNS)])
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=3, max_row=last, max_col=width):
        for cell in row:
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in sheet[last]:
        cell.font = Font(bold=True)
    for cell in sheet[3] + sheet[4]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 16
    for index in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 11
    sheet.row_dimensions[4].height = 42
    sheet.freeze_panes = "B5"
    notes = book.create_sheet("情况说明")
    notes.column_dimensions["A"].width = 100
    notes.append([f"{region.name}{term}年村“两委”换届情况说明"])
    notes["A1"].font = Font(bold=True)
    for sentence in sentences or ["尚无新一届村“两委”班子成员的数据。"]:
        notes.append([sentence])
    notes.append([])
    notes.append(
        ["口径：年龄按任职之日计；一人兼任多职的计一人；比例保留一位小数；“上届”只计已产生"
         "新一届班子的村，为其本届之前在任至换届的班子成员，与本届同口径比较。"]
    )  # fmt: skip
    for row in notes.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _merge_groups(sheet: object) -> None:
    """Merge the header cells of each group of columns across the group."""
    start = 0
    for index in range(1, len(COLUMNS) + 1):
        if index == len(COLUMNS) or COLUMNS[index][0] != COLUMNS[start][0]:
            sheet.merge_cells(  # type: ignore[attr-defined]
                start_row=3, start_column=start + 2, end_row=3, end_column=index + 1
            )
            start = index
