"""Each fault class of the register import, with its row, column and Chinese message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.people import messages as msg
from huanjie.people.register.importing import check_file
from huanjie.people.register.inputs import Level
from huanjie.people.tests.helpers import row, xlsx_bytes
from huanjie.rules.eligibility.identity import IdFault

TODAY = date(2026, 3, 1)
HEAD = valid_id(10)
SPOUSE = valid_id(11, male=False)


def _good() -> list[list[str]]:
    return [
        row("101", "王建国", HEAD, "户主"),
        row("101", "李秀英", SPOUSE, "配偶", sex="女"),
    ]


def _with(index: int, column: int, value: str) -> Callable[[RegionTree], list[list[str]]]:
    def make(_: RegionTree) -> list[list[str]]:
        rows = _good()
        rows[index][column] = value
        return rows

    return make


def _checksum(_: RegionTree) -> list[list[str]]:
    rows = _good()
    rows[1][4] = SPOUSE[:-1] + ("0" if SPOUSE[-1] != "0" else "1")
    return rows


def _other_village(tree: RegionTree) -> list[list[str]]:
    return [*_good(), row("101", "外村人", tree.heads["b1"].id_number, "子")]


def _this_village(tree: RegionTree) -> list[list[str]]:
    return [*_good(), row("101", "本村人", tree.heads["a1"].id_number, "子")]


def _duplicate(_: RegionTree) -> list[list[str]]:
    return [*_good(), row("102", "张三", HEAD, "户主")]


def _no_head(_: RegionTree) -> list[list[str]]:
    return [*_good(), row("102", "张三", valid_id(12), "子")]


def _two_heads(_: RegionTree) -> list[list[str]]:
    return [*_good(), row("101", "张三", valid_id(12), "户主")]


def _two_groups(_: RegionTree) -> list[list[str]]:
    return [*_good(), row("101", "张三", valid_id(12), "子", group="第二村民小组")]


# (label, rows, Excel row, column, message)
FAULTS = [
    ("id checksum", _checksum, 3, "身份证号", IdFault.CHECKSUM.message()),
    (
        "id impossible date",
        _with(1, 4, "33112719800231" + "0021"),
        3,
        "身份证号",
        IdFault.IMPOSSIBLE_BIRTH_DATE.message(),
    ),
    (
        "id wrong length",
        _with(1, 4, "3311271980"),
        3,
        "身份证号",
        IdFault.WRONG_LENGTH.message(length=10),
    ),
    ("id 15 digits", _with(1, 4, "331127800101002"), 3, "身份证号", IdFault.LEGACY_15.message()),
    (
        "sex contradicts id",
        _with(1, 3, "男"),
        3,
        "性别",
        msg.SEX_MISMATCH.format(sex="男", id_sex="女"),
    ),
    ("duplicate id in file", _duplicate, 4, "身份证号", msg.DUPLICATE_ID.format(first=2)),
    (
        "id in another village",
        _other_village,
        4,
        "身份证号",
        # No reader's scope: the other village (another township) is not named.
        msg.ID_IN_COUNTY_VILLAGE,
    ),
    (
        # A person already registered is moved by the file (an update), but not a head away
        # from the household members the file leaves alone.
        "a head moved away from a household left without one",
        _this_village,
        4,
        "户号",
        msg.IMPORT_HEAD_LEAVES_HOUSEHOLD.format(name="东坑村户主", old="001", new="101", others=1),
    ),
    (
        "household without head",
        _no_head,
        4,
        "与户主关系",
        msg.HOUSEHOLD_NO_HEAD.format(number="102"),
    ),
    (
        "household with two heads",
        _two_heads,
        4,
        "与户主关系",
        msg.HOUSEHOLD_MANY_HEADS.format(number="101", count=2, rows="2、4"),
    ),
    (
        "household in two groups",
        _two_groups,
        4,
        "村民小组",
        msg.HOUSEHOLD_TWO_GROUPS.format(
            number="101", first=2, group="第一村民小组", other="第二村民小组"
        ),
    ),
    ("unknown relation", _with(1, 5, "老伴"), 3, "与户主关系", None),
    ("unknown education", _with(1, 7, "博士后"), 3, "文化程度", None),
    ("unknown political status", _with(1, 8, "党员"), 3, "政治面貌", None),
    (
        "unknown yes/no",
        _with(1, 9, "不是"),
        3,
        "户籍在本村",
        msg.CELL_YES_NO.format(column="户籍在本村", value="不是"),
    ),
    ("unknown sex", _with(1, 3, "F"), 3, "性别", None),
    ("unknown tag", _with(1, 12, "能人"), 3, "标签", None),
    ("missing name", _with(1, 2, ""), 3, "姓名", msg.CELL_REQUIRED.format(column="姓名")),
    ("missing id", _with(1, 4, ""), 3, "身份证号", msg.CELL_REQUIRED.format(column="身份证号")),
    ("missing group", _with(0, 1, ""), 2, "村民小组", msg.CELL_REQUIRED.format(column="村民小组")),
    ("bad phone", _with(1, 11, "138-abc"), 3, "联系电话", msg.PHONE_INVALID),
    (
        "too long household number",
        _with(1, 0, "1" * 40),
        3,
        "户号",
        msg.CELL_TOO_LONG.format(column="户号", limit=32, length=40),
    ),
]


@pytest.mark.parametrize(
    ("make", "excel_row", "column", "message"), [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS]
)
def test_each_fault_is_reported_by_row_and_column(
    tree: RegionTree,
    make: Callable[[RegionTree], list[list[str]]],
    excel_row: int,
    column: str,
    message: str | None,
) -> None:
    outcome, file_error, _ = check_file(tree.a1, xlsx_bytes(make(tree)), today=TODAY)
    assert file_error is None
    assert not outcome.ok
    found = [(p.row, p.column) for p in outcome.errors]
    assert (excel_row, column) in found, outcome.errors
    problem = next(p for p in outcome.errors if (p.row, p.column) == (excel_row, column))
    if message is not None:
        assert problem.message == message
    else:  # a choice column: the message names the wrong word and lists the choices
        assert "请从下列选项中选择" in problem.message or "可选标签" in problem.message


def test_choice_message_lists_the_options(tree: RegionTree) -> None:
    outcome, _, _ = check_file(tree.a1, xlsx_bytes(_with(1, 5, "老伴")(tree)), today=TODAY)
    (problem,) = outcome.errors
    assert problem.message.startswith("“老伴”不是可选的与户主关系")
    assert "户主、配偶、子、女" in problem.message


def test_unknown_relation_does_not_also_claim_a_missing_head(tree: RegionTree) -> None:
    rows = [row("101", "王建国", HEAD, "户主人")]
    outcome, _, _ = check_file(tree.a1, xlsx_bytes(rows), today=TODAY)
    assert [p.column for p in outcome.errors] == ["与户主关系"]


def test_id_stored_as_a_number_by_excel_is_reported() -> None:
    import io

    import xlsxwriter

    from huanjie.people.register.columns import COLUMN_NAMES
    from huanjie.people.register.parsing import parse_sheet
    from huanjie.people.register.reading import read_register

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, COLUMN_NAMES)
    values: list[str | int] = list(row("101", "王建国", HEAD))
    values[4] = int(HEAD[:-1] + "0") if HEAD[-1] == "X" else int(HEAD)
    sheet.write_row(1, 0, values)
    book.close()
    parsed = parse_sheet(read_register(buffer.getvalue()))
    assert [(p.row, p.column, p.message) for p in parsed.problems] == [
        (2, "身份证号", msg.ID_AS_NUMBER)
    ]


def test_unknown_birthplace_is_a_warning_that_does_not_block(tree: RegionTree) -> None:
    odd = valid_id(13, area="990101")
    rows = [row("101", "王建国", odd, "户主")]
    outcome, _, _ = check_file(tree.a1, xlsx_bytes(rows), today=TODAY)
    assert outcome.ok
    assert [(p.row, p.level) for p in outcome.problems] == [(2, Level.WARNING)]
    assert outcome.problems[0].message == IdFault.UNKNOWN_BIRTHPLACE.message()


def test_every_faulty_row_is_reported_not_just_the_first(tree: RegionTree) -> None:
    rows = _good()
    rows[0][3] = "女"
    rows[1][7] = "博士后"
    outcome, _, _ = check_file(tree.a1, xlsx_bytes(rows), today=TODAY)
    assert sorted((p.row, p.column) for p in outcome.errors) == [(2, "性别"), (3, "文化程度")]
