"""The column-by-column reading and checking of a register file (people.register.table) against
the row-by-row one (parse_sheet, check_entries): the same members, the same problems word for
word and in the same order, on files with every kind of fault."""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import date, datetime

import pytest
import xlsxwriter

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.people.register.checks import check_entries
from huanjie.people.register.columns import COLUMN_NAMES
from huanjie.people.register.diff import diff_register
from huanjie.people.register.parsing import parse_sheet
from huanjie.people.register.reading import read_register
from huanjie.people.register.table import check_table, parse_table
from huanjie.people.tests.helpers import family, row

TODAY = date(2026, 3, 28)
Cell = str | float | int | bool | datetime


def _family(household: str, start: int, *, group: str = "第一村民小组") -> list[list[Cell]]:
    return [list[Cell](r) for r in family(household, start, group=group)]


def _workbook(rows: list[list[Cell]], header: list[str]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            elif isinstance(value, datetime):
                sheet.write_datetime(r, c, value, dates)
            elif value != "":
                sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


# Ways a typed cell goes wrong, by column index (the template's order).
_ODD: dict[int, list[Cell]] = {
    0: ["", " 1001 ", "示例", 1001, "户" * 40, " "],
    1: ["", "第二村民小组", "第三村民小组", " 第一村民小组", 3.0],
    2: ["", "  王 五 ", "名" * 70, 12, True],
    3: ["", "男", "女", "男性", " 女 ", 1],
    5: ["", "户主", "配偶", "子", "老伴", "户 主", "其他"],
    6: ["", "畲族", "族" * 20, 0.5],
    7: ["", "初中", "博士后", "大学本科"],
    8: ["", "群众", "党员", "正式党员"],
    9: ["", "是", "否", "Y", True, False],
    10: ["", "是", "否", "不详"],
    11: ["", "13800000000", "138-0000 0000", "电话", 13800000000, "1" * 30],
    12: ["", "退役军人", "退役军人；致富带头人", "退役军人、退役军人", "未知标签；大学生", "；"],
}


def _id_variants(rng: random.Random, serial: int) -> list[Cell]:
    good = valid_id(serial, male=rng.random() < 0.5)
    return [
        good,
        good.lower(),
        f" {good} ",
        good[:-1] + ("0" if good[-1] != "0" else "1"),
        good[:6] + "19990231" + good[14:],
        valid_id(serial, area="990101"),
        valid_id(serial, birth="20300101"),
        good[:15],
        good[:10],
        "",
        float(good[:-1] + "0") if good[-1] == "X" else float(good),
        "１" + good[1:],
    ]


def _register(seed: int, size: int) -> list[list[Cell]]:
    """Households of the helpers' families, then cells changed at random, numbers repeated."""
    rng = random.Random(seed)
    rows: list[list[Cell]] = []
    for h in range(size // 7 + 1):
        rows += _family(
            f"{1000 + h}", 100 + h * 10, group=rng.choice(["第一村民小组", "第二村民小组"])
        )
    rows = rows[:size]
    for index, values in enumerate(rows):
        if rng.random() < 0.12:
            column = rng.choice([*_ODD, 4])
            if column == 4:
                values[4] = rng.choice(_id_variants(rng, 5000 + index))
            else:
                values[column] = rng.choice(_ODD[column])
        if rng.random() < 0.04 and index:
            values[4] = rows[rng.randrange(index)][4]  # a number listed again
        if rng.random() < 0.03:
            values[0] = rows[rng.randrange(len(rows))][0]  # a member of another household
    if rng.random() < 0.5:
        rows.insert(rng.randrange(len(rows)), ["", "", "", "", "", "", "", "", "", "", "", "", ""])
    return rows


def _assert_same(sheet_rows: list[list[Cell]], header: list[str] | None = None) -> int:
    sheet = read_register(_workbook(sheet_rows, header or list(COLUMN_NAMES)))
    parsed = parse_sheet(sheet)
    entries = parse_table(sheet)
    assert entries.problems == parsed.problems
    assert entries.unsure_heads == parsed.unsure_heads
    expected = check_entries(parsed.households, today=TODAY, unsure_heads=parsed.unsure_heads)
    outcome = check_table(entries, today=TODAY)
    assert outcome.problems == expected.problems
    assert outcome.people == expected.people
    assert outcome.household_count == len(parsed.households)
    assert outcome.villager_groups() == [h.villager_group for h in parsed.households]
    assert outcome.households == expected.households
    return len(parsed.problems) + len(expected.problems)


@pytest.mark.parametrize("seed", range(12))
def test_random_files_read_and_check_alike(seed: int) -> None:
    assert _assert_same(_register(seed, 60 + seed * 7)) > 3


def test_a_file_without_the_optional_columns() -> None:
    header = [
        "户号",
        "村民小组",
        "姓名",
        "性别",
        "身份证号",
        "与户主关系",
        "户籍在本村",
        "在本村居住",
    ]
    rows = [[v for i, v in enumerate(r) if i in (0, 1, 2, 3, 4, 5, 9, 10)] for r in _family("7", 3)]
    _assert_same(rows, header)


def test_duplicates_within_and_across_households_and_their_first_rows() -> None:
    rows: list[list[Cell]] = [*_family("1", 10), *_family("2", 20), *_family("3", 30)]
    rows[9][4] = rows[1][4]  # household 2 repeats household 1's spouse
    rows[10][4] = rows[8][4]  # within household 2
    rows[15][4] = rows[1][4]  # household 3, the same number a third time
    rows[1][3] = "男"  # …and the first of them does not pass (sex): the second keeps it
    _assert_same(rows)


def test_households_without_or_with_two_heads() -> None:
    rows: list[list[Cell]] = [*_family("1", 10), *_family("2", 20), *_family("3", 30)]
    rows[0][5] = "其他"
    rows[8][5] = "户主"
    rows[16][5] = "户主人"  # unknown: household 3's heads are not counted
    rows[14][5] = "其他"
    _assert_same(rows)


def test_the_diff_is_the_same_from_either_outcome(tree: RegionTree) -> None:
    rows: list[list[Cell]] = [*_family("1", 10), *_family("2", 20)]
    rows.append(list(row("001", "东坑村户主", tree.heads["a1"].id_number)))  # registered here
    rows.append(list(row("3", "外村人", tree.heads["b1"].id_number)))  # registered elsewhere
    sheet = read_register(_workbook(rows, list(COLUMN_NAMES)))
    parsed = parse_sheet(sheet)
    expected = check_entries(parsed.households, today=TODAY, unsure_heads=parsed.unsure_heads)
    entries = parse_table(sheet)
    outcome = check_table(entries, today=TODAY)
    before = diff_register(tree.a1, expected)
    after = diff_register(tree.a1, outcome)
    assert after.digest() == before.digest()
    assert after.as_json() == before.as_json()
    assert outcome.problems == expected.problems
    assert [e.as_json() for e in after.added] == [e.as_json() for e in before.added]
    # The added people's part of the digest, spliced in, is what json.dumps writes.
    as_list = replace(after, added=list(after.added))
    assert as_list.digest() == after.digest()
