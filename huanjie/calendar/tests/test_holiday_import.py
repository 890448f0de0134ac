"""Entering a year from the State Council's notice: checked row by row, all or nothing, audited."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from django.core.management import call_command
from django.core.management.base import CommandError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import AdministratorFactory
from huanjie.audit.models import AuditEntry
from huanjie.calendar.holiday_files import HolidayFileError
from huanjie.calendar.models import HolidayDay, HolidayKind, HolidayYear
from huanjie.calendar.selectors import working_calendar
from huanjie.calendar.services import holiday_import
from huanjie.rules.timeline.periods import within_after

pytestmark = pytest.mark.django_db

HEADER = ["日期", "类型", "名称"]
NOTICE_2027 = [
    ["2027-01-01", "放假", "元旦"],
    *[[f"2027-05-0{d}", "放假", "劳动节"] for d in range(1, 6)],
    ["2027-04-25", "调休上班", "劳动节"],
    ["2027-05-08", "调休上班", "劳动节"],
]


def csv_file(rows: list[list[str]], encoding: str = "utf-8-sig") -> io.BytesIO:
    text = "\n".join(",".join(r) for r in [HEADER, *rows]) + "\n"
    return io.BytesIO(text.encode(encoding))


def xlsx_file(rows: list[list[object]]) -> io.BytesIO:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("2027")
    as_date = book.add_format({"num_format": "yyyy-mm-dd"})
    table: list[list[object]] = [[*HEADER], *rows]
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, as_date)
            else:
                sheet.write(r, c, value)
    book.close()
    out.seek(0)
    return out


def table_state() -> tuple[list[tuple[date, str, str, str]], list[tuple[int, str, bool]]]:
    days = list(HolidayDay.objects.order_by("date").values_list("date", "kind", "name", "source"))
    years = list(HolidayYear.objects.order_by("year").values_list("year", "source", "complete"))
    return days, years


def test_import_csv_enters_the_year_and_audits_it() -> None:
    admin = AdministratorFactory.create()
    result = holiday_import(file=csv_file(NOTICE_2027), acting_user=admin, name="2027.csv")
    assert (result.year, result.days, result.neighbours) == (2027, 8, ())
    assert str(result) == "已导入2027年的节假日安排，共8天。"
    calendar = working_calendar([2027])
    assert calendar.covers(2027)
    assert calendar.is_working_day(date(2027, 4, 25))  # a Sunday made a working day
    assert within_after(date(2027, 4, 28), 5, calendar) == (date(2027, 5, 6), None)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_role, entry.action) == (
        admin,
        Role.ADMINISTRATOR,
        "holiday.import",
    )
    assert entry.target_repr == "2027年" and entry.region_code == ""
    assert entry.before == {"year": None, "days": []}
    assert entry.after is not None
    assert len(entry.after["days"]) == 8
    assert entry.after["year"]["complete"] is True
    assert (
        HolidayDay.objects.get(date=date(2027, 5, 8)).source
        == "国务院办公厅通知（导入文件：2027.csv）"
    )


def test_import_xlsx_with_date_cells_and_text_dates() -> None:
    rows: list[list[object]] = [
        [datetime(2027, 1, 1), "放假", "元旦"],
        ["2027年5月1日", "放假", "劳动节"],
        ["2027/5/2", " 放假 ", "劳动节"],
        [datetime(2027, 5, 8), "调休上班", "劳动节"],
    ]
    holiday_import(file=xlsx_file(rows), acting_user=None, name="通知.xlsx")
    assert list(HolidayDay.objects.filter(date__year=2027).values_list("date", "kind")) == [
        (date(2027, 1, 1), HolidayKind.HOLIDAY),
        (date(2027, 5, 1), HolidayKind.HOLIDAY),
        (date(2027, 5, 2), HolidayKind.HOLIDAY),
        (date(2027, 5, 8), HolidayKind.MAKEUP_WORKDAY),
    ]


def test_import_gbk_csv_as_excel_saves_it() -> None:
    holiday_import(file=csv_file(NOTICE_2027, "gb18030"), acting_user=None, name="2027.csv")
    assert HolidayDay.objects.get(date=date(2027, 1, 1)).name == "元旦"


ROW_FAULTS = [
    ("bad_date", ["2027-02-30", "放假", "春节"], "第3行：日期“2027-02-30”无法识别"),
    ("not_a_date", ["下周一", "放假", "春节"], "第3行：日期“下周一”无法识别"),
    ("implausible_year", ["0207-05-01", "放假", "劳动节"], "第3行：日期“0207-05-01”无法识别"),
    ("unknown_kind", ["2027-02-06", "休息", "春节"], "第3行：类型“休息”无法识别"),
    ("empty_name", ["2027-02-06", "放假", ""], "第3行：名称为空"),
    ("duplicate", ["2027-01-01", "放假", "元旦"], "第3行：日期 2027-01-01 与第2行重复"),
    ("makeup_weekday", ["2027-05-06", "调休上班", "劳动节"], "第3行：2027-05-06 是星期四"),
    ("name_too_long", ["2027-02-06", "放假", "春" * 65], "第3行：名称过长（65个字，最多64个字）"),
]


@pytest.mark.parametrize(
    ("row", "message"), [f[1:] for f in ROW_FAULTS], ids=[f[0] for f in ROW_FAULTS]
)
def test_each_row_fault_is_reported_and_nothing_is_written(row: list[str], message: str) -> None:
    before = table_state()
    with pytest.raises(HolidayFileError) as refused:
        holiday_import(
            file=csv_file([["2027-01-01", "放假", "元旦"], row]), acting_user=None, name="x.csv"
        )
    (error,) = refused.value.errors
    assert str(error).startswith(message)
    assert table_state() == before
    assert not AuditEntry.objects.exists()


def test_every_fault_of_a_file_is_reported_at_once() -> None:
    rows = [["2027-13-01", "休息", ""], *NOTICE_2027, ["2027-01-01", "放假", "元旦"]]
    with pytest.raises(HolidayFileError) as refused:
        holiday_import(file=csv_file(rows), acting_user=None, name="x.csv")
    assert [e.row for e in refused.value.errors] == [2, 2, 2, 11]
    assert str(refused.value.errors[-1]) == "第11行：日期 2027-01-01 与第3行重复，请删除其中一行。"
    assert not HolidayDay.objects.filter(date__year=2027).exists()


FILE_FAULTS = [
    (
        "missing_column",
        b"\xe6\x97\xa5\xe6\x9c\x9f,\xe7\xb1\xbb\xe5\x9e\x8b\n2027-01-01,\xe6\x94\xbe\xe5\x81\x87\n",
        "x.csv",
        "缺少列：名称",
    ),
    ("header_only", "日期,类型,名称\n,,\n".encode(), "x.csv", "文件中没有节假日数据"),
    ("empty", b"", "x.csv", "文件中没有节假日数据"),
    ("wrong_type", b"%PDF-1.7", "notice.pdf", "不支持的文件类型“notice.pdf”"),
    ("broken_xlsx", b"not a zip", "x.xlsx", "无法读取文件“x.xlsx”"),
]


@pytest.mark.parametrize(
    ("content", "name", "message"), [f[1:] for f in FILE_FAULTS], ids=[f[0] for f in FILE_FAULTS]
)
def test_file_faults(content: bytes, name: str, message: str) -> None:
    before = table_state()
    with pytest.raises(HolidayFileError) as refused:
        holiday_import(file=io.BytesIO(content), acting_user=None, name=name)
    assert str(refused.value.errors[0]).startswith(message)
    assert refused.value.errors[0].row is None
    assert table_state() == before


def test_a_complete_year_is_refused_unless_replaced() -> None:
    before = table_state()
    with pytest.raises(HolidayFileError) as refused:
        holiday_import(file=csv_file([["2026-05-01", "放假", "劳动节"]]), acting_user=None)
    assert [str(e) for e in refused.value.errors] == [
        "第2行：2026年的节假日安排已完整录入。如需用本文件替换，请勾选“替换已录入的年份”后重新导入。"
    ]
    assert table_state() == before
    holiday_import(
        file=csv_file([["2026-05-01", "放假", "劳动节"]]), acting_user=None, replace=True
    )
    assert list(HolidayDay.objects.filter(date__year=2026).values_list("date", flat=True)) == [
        date(2026, 5, 1)
    ]
    entry = AuditEntry.objects.get(target_repr="2026年")
    assert entry.before is not None and entry.after is not None
    assert len(entry.before["days"]) > 30 and len(entry.after["days"]) == 1


# The 2019 notice (国办发明电〔2018〕15号) opens with 2018-12-30…2019-01-01 and 2018-12-29 上班:
# a notice's days in the neighbouring year are entered one by one, never replacing that year.
NOTICE_2027_FROM_DECEMBER = [
    ["2026-12-26", "调休上班", "元旦"],
    ["2026-12-31", "放假", "元旦"],
    *NOTICE_2027,
]


def test_a_notice_reaching_into_the_neighbouring_year_leaves_that_year_whole() -> None:
    seeded_2026 = HolidayDay.objects.filter(date__year=2026).count()
    with pytest.raises(HolidayFileError) as refused:
        holiday_import(file=csv_file(NOTICE_2027_FROM_DECEMBER), acting_user=None)
    assert [str(e) for e in refused.value.errors] == [
        "第2行：2026年的节假日安排已完整录入。如需用本文件替换，请勾选“替换已录入的年份”后重新导入。"
    ]
    result = holiday_import(
        file=csv_file(NOTICE_2027_FROM_DECEMBER), acting_user=None, replace=True
    )
    assert str(result) == (
        "已导入2027年的节假日安排，共8天；另有2026年的2天已逐日录入（该年其余日期不变）。"
    )
    assert HolidayDay.objects.filter(date__year=2026).count() == seeded_2026 + 2
    assert HolidayDay.objects.get(date=date(2026, 12, 26)).kind == HolidayKind.MAKEUP_WORKDAY
    assert HolidayYear.objects.get(year=2027).complete
    actions = sorted(AuditEntry.objects.values_list("action", "target_repr"))
    assert actions == [
        ("holiday.day_create", "2026-12-26 元旦（调休上班）"),
        ("holiday.day_create", "2026-12-31 元旦（放假）"),
        ("holiday.import", "2027年"),
    ]


def test_a_notice_does_not_mark_the_next_year_entered() -> None:
    notice_2028 = [*NOTICE_2027, ["2028-01-01", "放假", "元旦"]]
    holiday_import(file=csv_file(notice_2028), acting_user=None)
    assert not HolidayYear.objects.filter(year=2028).exists()
    assert not working_calendar([2028]).covers(2028)
    assert HolidayDay.objects.get(date=date(2028, 1, 1)).name == "元旦"


def test_a_neighbouring_day_already_entered_as_in_the_notice_needs_no_replace() -> None:
    # 2026-10-01 is in the seeded table exactly so: the file repeats it, nothing to confirm.
    holiday_import(
        file=csv_file([["2026-10-01", "放假", "国庆节"], *NOTICE_2027]), acting_user=None
    )
    assert [e.action for e in AuditEntry.objects.all()] == ["holiday.import"]


def test_an_incomplete_year_is_replaced_by_the_notice() -> None:
    HolidayYear.objects.create(year=2027, source="管理员录入", complete=False)
    HolidayDay.objects.create(
        date=date(2027, 10, 1), kind=HolidayKind.HOLIDAY, name="国庆节", source="管理员录入"
    )
    holiday_import(file=csv_file(NOTICE_2027), acting_user=None, name="x.csv")
    assert not HolidayDay.objects.filter(date=date(2027, 10, 1)).exists()
    assert HolidayYear.objects.get(year=2027).complete
    before = AuditEntry.objects.get().before
    assert before is not None
    assert before["days"][0]["date"] == "2027-10-01"


def test_command_imports_and_reports(tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_bytes(csv_file(NOTICE_2027).getvalue())
    admin = AdministratorFactory.create(username="admin")
    out = io.StringIO()
    call_command("holidays_import", str(path), "--by", "admin", stdout=out)
    assert "已导入2027年的节假日安排，共8天。" in out.getvalue()
    assert AuditEntry.objects.get().actor == admin


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "找不到文件"),
        (["{path}", "--by", "nobody"], "找不到用户“nobody”"),
        (["{path}"], "第2行：2026年的节假日安排已完整录入"),
    ],
    ids=["no_file", "no_user", "complete_year"],
)
def test_command_refusals(tmp_path: Path, args: list[str], message: str) -> None:
    path = tmp_path / "2026.csv"
    path.write_bytes(csv_file([["2026-05-01", "放假", "劳动节"]]).getvalue())
    with pytest.raises(CommandError) as refused:
        call_command("holidays_import", *[a.format(path=path) for a in args])
    assert message in str(refused.value)
