"""The previous term's figures from the upper level's table (xlsx): the template with the
region's villages, the reading of a filled one with every wrong row named, and the import —
all rows or none.

A village's imported figures stand for its previous term on the dashboards where the office
holders of that term are not in the system (`structure.area_figures`).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.campaigns.previous_models import PreviousTermFigures
from huanjie.regions.models import Region
from huanjie.rules.structure import Structure

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from huanjie.accounts.models import User

IMPORT = AuditAction("dashboards.previous_import", "导入上届村两委班子结构")
YES, NO = "是", "否"
# (field, header): the template's columns in order.
COUNTS = (
    ("members", "两委成员数"),
    ("up_to_35", "35岁及以下人数"),
    ("up_to_45", "45岁及以下人数"),
    ("college", "大专及以上人数"),
    ("high_school", "高中（中专）及以上人数"),
    ("women", "女性人数"),
    ("minority", "少数民族人数"),
    ("vc_members", "村委会成员数"),
    ("vc_party_members", "村委会成员中党员数"),
    ("business_leaders", "致富带头人数"),
    ("veterans", "退役军人数"),
    ("returnees", "回乡创业人数"),
)
HEADERS = (
    "村代码",
    "村名称",
    *(header for _, header in COUNTS[:1]),
    "平均年龄",
    *(header for _, header in COUNTS[1:]),
    "书记年龄",
    "书记大专及以上（是/否）",
    "书记、主任一肩挑（是/否）",
)
# Each part is at most the whole it is a part of (the model's check, said in words first).
WITHIN = (
    ("up_to_35", "up_to_45"),
    ("up_to_45", "members"),
    ("college", "high_school"),
    ("high_school", "members"),
    ("women", "members"),
    ("minority", "members"),
    ("vc_members", "members"),
    ("vc_party_members", "vc_members"),
    ("business_leaders", "members"),
    ("veterans", "members"),
    ("returnees", "members"),
)
LABEL = dict(COUNTS)
AGES = (18, 80)


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


@dataclass(frozen=True)
class Reading:
    rows: list[dict[str, Any]]
    errors: list[RowError]


def template_workbook(villages: list[Region], year: int) -> bytes:
    """The table to fill: one row per village, its code and name already in."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{year}年班子结构"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for village in villages:
        sheet.append([village.code, village.name])
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 12
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def read_table(data: bytes, villages: QuerySet[Region]) -> Reading:
    """Every row of a filled template checked: a wrong cell is named by row and column and
    says what to write instead."""
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # not an xlsx at all: zip, XML or openpyxl's own errors
        return Reading(
            [], [RowError(0, "无法读取该文件：请上传本页下载的模板（.xlsx）填好后的文件。")]
        )
    sheet = book.worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    if not lines or tuple(str(c or "").strip() for c in lines[0][: len(HEADERS)]) != HEADERS:
        return Reading(
            [], [RowError(1, "第1行表头与模板不一致：请使用本页下载的模板，不要增删或改动列。")]
        )
    known = {v.code: v for v in villages}
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for number, line in enumerate(lines[1:], start=2):
        cells = dict(zip(HEADERS, (*line, *[None] * len(HEADERS)), strict=False))
        if all(cells[h] in (None, "") for h in HEADERS[2:]):
            continue  # a village left blank: not imported
        found, wrong = _row(number, cells, known, seen)
        errors.extend(wrong)
        if found is not None:
            rows.append(found)
    if not rows and not errors:
        errors.append(RowError(0, "表中没有填写任何村的数字：请在村代码和村名称后面填写各项人数。"))
    return Reading(rows, errors)


def _row(
    number: int, cells: dict[str, Any], known: dict[str, Region], seen: set[str]
) -> tuple[dict[str, Any] | None, list[RowError]]:
    errors: list[RowError] = []

    def fail(message: str) -> None:
        errors.append(RowError(number, f"第{number}行：{message}"))

    code = str(cells["村代码"] or "").strip()
    village = known.get(code)
    if village is None:
        fail(f"村代码“{code}”不是您管辖范围内的村，请核对12位统计用区划代码。")
    elif code in seen:
        fail(f"村代码“{code}”重复，每个村只填一行。")
    seen.add(code)
    row: dict[str, Any] = {"village": village}
    for name, header in COUNTS:
        value = _whole(cells[header])
        if value is None:
            fail(f"“{header}”应填不小于0的整数，现为“{cells[header] or ''}”。")
        row[name] = value
    average = _number(cells["平均年龄"])
    if average is None or not AGES[0] <= average <= AGES[1]:
        fail(f"“平均年龄”应填{AGES[0]}到{AGES[1]}之间的数，现为“{cells['平均年龄'] or ''}”。")
    secretary = cells["书记年龄"]
    row["secretary_age"] = _whole(secretary) if secretary not in (None, "") else None
    if secretary not in (None, "") and not (
        row["secretary_age"] is not None and AGES[0] <= row["secretary_age"] <= AGES[1]
    ):
        fail(f"“书记年龄”应填{AGES[0]}到{AGES[1]}之间的整数，没有书记的留空，现为“{secretary}”。")
    for name, header in (
        ("secretary_college", "书记大专及以上（是/否）"),
        ("one_person", "书记、主任一肩挑（是/否）"),
    ):
        text = str(cells[header] or NO).strip()
        if text not in (YES, NO):
            fail(f"“{header}”应填“是”或“否”，现为“{text}”。")
        row[name] = text == YES
    if not errors:
        for part, whole in WITHIN:
            if row[part] > row[whole]:
                fail(f"“{LABEL[part]}”{row[part]}大于“{LABEL[whole]}”{row[whole]}，请核对。")
        row["age_total"] = round((average or 0) * row["members"])
    return (row if not errors else None), errors


def _whole(value: Any) -> int | None:
    number = _number(value)
    if number is None or number < 0 or number != int(number):
        return None
    return int(number)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return None


@transaction.atomic
def previous_import(*, rows: list[dict[str, Any]], year: int, acting_user: User) -> int:
    """Write the rows of a table read without errors (a village's earlier import of the same
    year replaced); returns how many villages."""
    for row in rows:
        village = row["village"]
        values = {k: v for k, v in row.items() if k != "village"}
        figures, _ = PreviousTermFigures.objects.update_or_create(
            village=village,
            term_start_year=year,
            defaults={**values, "imported_by": acting_user},
        )
        record_audit(
            actor=acting_user,
            action=IMPORT,
            target=figures,
            after={**values, "term_start_year": year},
            village=village,
        )
    return len(rows)


def structure_of_import(row: dict[str, Any]) -> Structure:
    """The imported counts of one village as a `Structure` (sums stay sums)."""
    secretary = row["secretary_age"]
    return Structure(
        members=row["members"],
        age_total=row["age_total"],
        up_to_35=row["up_to_35"],
        up_to_45=row["up_to_45"],
        college=row["college"],
        high_school=row["high_school"],
        women=row["women"],
        minority=row["minority"],
        vc_members=row["vc_members"],
        vc_party_members=row["vc_party_members"],
        business_leaders=row["business_leaders"],
        veterans=row["veterans"],
        returnees=row["returnees"],
        secretaries=1 if secretary is not None else 0,
        secretary_age_total=secretary or 0,
        secretary_college=int(bool(row["secretary_college"]) and secretary is not None),
        one_person=int(bool(row["one_person"])),
        villages=1,
    )
