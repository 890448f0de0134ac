"""A box counted ballot by ballot (scanned or electronic pilots): the box's ballots come as one
table (CSV or Excel file, or pasted into the page), the engine classifies every ballot
(`huanjie.rules.tally.ballots.classify`, tally-io.md "Ballot mode") and the box's totals become
its accepted tally sheet, so the round is counted on the same path as boxes entered from sheets.

The table: one row per collected ballot; a header row naming the columns —
`职位:候选人` (a candidate printed on the ballot: 赞成/○, 反对/×, 弃权 or empty),
`职位:另选他人` (a write-in line: the name written, counted as a yes mark; any number of such
columns) and, optionally, `无效原因` (a physical invalidity the scrutineers declared: 撕毁或残缺,
非正式选票, 所写姓名无法确认身份, 代写人违背选民意愿, 选举委员会认定的其他情形). Every other
invalidity (blank, over-voted, a name twice) is the engine's call, never the table's.

Nothing about who cast a ballot is kept: no ballot number, no time, no voter; the records get
random keys and are written in a shuffled order (see `BallotRecord`). Bad input is refused as a
whole with a plain message naming the row and column, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

import python_calamine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots.access import clerk as clerk_gate
from huanjie.ballots.ballot_models import BallotRecord
from huanjie.ballots.checks import (
    ABSTAIN,
    AGAINST,
    FOR,
    BallotInput,
    check_box,
    check_round,
    check_shape,
    classify_box,
)
from huanjie.ballots.contest import Numbers, seats_of
from huanjie.ballots.entry_day import check_entry_day
from huanjie.ballots.models import Box, SheetEntry
from huanjie.ballots.selectors import accepted_numbers
from huanjie.ballots.services import count_if_complete, countable, sheet_for
from huanjie.elections.models import Body, Election, Post
from huanjie.rules.tally.explain_text import INVALID_NAMES

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.ballots.models import RoundResult

BALLOTS_IMPORT = AuditAction("ballots.ballots_import", "逐张导入选票")
MARKS = {
    "赞成": FOR,
    "同意": FOR,
    "○": FOR,
    "〇": FOR,
    "O": FOR,
    "√": FOR,
    "反对": AGAINST,
    "不同意": AGAINST,
    "×": AGAINST,
    "X": AGAINST,
    "弃权": ABSTAIN,
    "": ABSTAIN,
}
MARK_NAMES = {FOR: "赞成", AGAINST: "反对", ABSTAIN: "弃权"}
# The physical invalidities the scrutineers declare; the rest is the engine's classification.
DECLARED = (
    "INVALID-TORN",
    "INVALID-UNOFFICIAL",
    "INVALID-UNIDENTIFIED",
    "INVALID-WRITER",
    "INVALID-OTHER",
)
DECLARED_BY_NAME = {INVALID_NAMES[rule]: rule for rule in DECLARED}
INVALID_COLUMN = "无效原因"
WRITE_IN = "另选他人"
SUFFIXES = (".csv", ".xlsx", ".xls", ".ods")


@dataclass(frozen=True)
class Column:
    post: str
    candidate: str | None  # None: a write-in line


@dataclass(frozen=True)
class Imported:
    numbers: Numbers
    invalid_by_rule: dict[str, int]
    result: RoundResult | None


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="ballots")


# ---- reading the table ----------------------------------------------------------------------


def read_table(name: str, data: bytes) -> list[list[str]]:
    """The rows of a CSV (UTF-8 or GBK) or spreadsheet file, every cell as trimmed text."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        return read_text(_decode(data))
    if suffix in SUFFIXES:
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            rows = book.get_sheet_by_index(0).to_python(skip_empty_area=True)
        except python_calamine.CalamineError as exc:
            raise _refuse(
                f"文件“{name}”无法读取，请用 Excel 另存为 .xlsx 或 .csv 后再导入。"
            ) from exc
        return [[_cell(value) for value in row] for row in rows]
    raise _refuse(f"文件“{name}”不是 CSV 或 Excel 表格，请另存为 .csv 或 .xlsx 后再导入。")


def read_text(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]


def _decode(data: bytes) -> str:
    # Excel in China saves CSV as GB18030 (GBK); other tools write UTF-8, often with a BOM.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse("文件的文字编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV。")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_ballots(rows: list[list[str]], seats: dict[str, int]) -> list[BallotInput]:
    """Every collected ballot of the table, or a refusal naming the row and column."""
    rows = [row for row in rows if any(row)]  # lines left empty are no ballots
    if not rows:
        raise _refuse("表格是空的：第一行写列名（如“主任:张三”），其后每张选票一行。")
    header, body = rows[0], rows[1:]
    columns, invalid_at = _columns(header, seats)
    if not body:
        raise _refuse("表格只有列名，没有选票：每张收回的选票填一行（空白票也占一行）。")
    return [_ballot(row, number, header, columns, invalid_at) for number, row in enumerate(body, 2)]


def _columns(header: list[str], seats: dict[str, int]) -> tuple[dict[int, Column], int | None]:
    by_label = {str(label): str(post) for post, label in Post.choices if post in seats}
    posts = "、".join(by_label)
    columns: dict[int, Column] = {}
    invalid_at = None
    seen: set[tuple[str, str]] = set()
    for index, title in enumerate(header):
        letter = _letter(index)
        if title == INVALID_COLUMN:
            if invalid_at is not None:
                raise _refuse(f"第 1 行有两列“{INVALID_COLUMN}”，请只留一列。")
            invalid_at = index
            continue
        label, sep, who = title.replace("：", ":").partition(":")
        label, who = label.strip(), who.strip()
        if not title:
            raise _refuse(f"第 1 行第 {letter} 列没有列名：请写“职位:候选人”或删去该列。")
        if not sep or not who:
            raise _refuse(
                f"第 1 行第 {letter} 列的列名“{title}”看不懂：候选人一列写“职位:姓名”"
                f"（如“主任:张三”），另选他人一列写“职位:{WRITE_IN}”，无效原因一列写“{INVALID_COLUMN}”。"
            )
        if label not in by_label:
            raise _refuse(
                f"第 1 行第 {letter} 列的职位“{label}”不在本次选举的应选职位中（本次选举：{posts}）。"
            )
        post = by_label[label]
        if who == WRITE_IN:
            columns[index] = Column(post, None)
            continue
        if (post, who) in seen:
            raise _refuse(f"第 1 行“{label}:{who}”出现了两次，每名候选人只能有一列。")
        seen.add((post, who))
        columns[index] = Column(post, who)
    if not columns:
        raise _refuse("第 1 行没有候选人或另选他人的列：请写“职位:姓名”，如“主任:张三”。")
    return columns, invalid_at


def _ballot(
    row: list[str],
    number: int,
    header: list[str],
    columns: dict[int, Column],
    invalid_at: int | None,
) -> BallotInput:
    if len(row) > len(header) and any(row[len(header) :]):
        raise _refuse(f"第 {number} 行比列名多出内容（第 {_letter(len(header))} 列起），请核对。")
    cells = row + [""] * (len(header) - len(row))
    ballot = BallotInput()
    if invalid_at is not None and cells[invalid_at]:
        reason = cells[invalid_at]
        rule = DECLARED_BY_NAME.get(reason) or (reason if reason in DECLARED else None)
        if rule is None:
            names = "、".join(DECLARED_BY_NAME)
            raise _refuse(
                f"第 {number} 行的无效原因“{reason}”不是监票人可以认定的原因（{names}）；"
                "空白、多选、重复等由系统按计票规则判定，这一格请留空。"
            )
        ballot.invalid = rule
        return ballot
    for index, column in columns.items():
        value = cells[index]
        pairs = ballot.marks.setdefault(column.post, [])
        if column.candidate is None:
            if value:
                pairs.append([value, FOR])
            continue
        mark = MARKS.get(value.upper() if value.isascii() else value)
        if mark is None:
            raise _refuse(
                f"第 {number} 行“{header[index]}”一格的“{value}”不是可用的标记："
                "请填 赞成（○）、反对（×）、弃权，或留空。"
            )
        pairs.append([column.candidate, mark])
    return ballot


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ---- recording (the engine's classification: checks.classify_box) -------------------------------


def box_ballots_import(
    *,
    election: Election,
    box: Box,
    ballots_issued: int,
    ballots_collected: int,
    ballots: list[BallotInput],
    acting_user: User,
) -> Imported:
    """Count a box from its ballots: classified by the engine, the totals become the box's
    accepted sheet, and the round is counted when every box is in. All or nothing."""
    village = election.plan.village
    clerk_gate(acting_user, village)
    if box.village_id != village.pk:
        raise _refuse(f"票箱“{box.name}”不属于{village.name}，请选择本村的票箱。")
    if election.body != Body.VILLAGERS_COMMITTEE:
        raise _refuse(f"逐张导入选票只用于村民委员会选举；{election}请录入计票单。")
    countable(election)
    check_entry_day(election)
    if ballots_issued < 0 or ballots_collected < 0:
        raise _refuse("发出选票和收回选票不能是负数，请核对。")
    if len(ballots) != ballots_collected:
        raise _refuse(
            f"表格中有 {len(ballots)} 张选票，与填写的收回选票 {ballots_collected} 张不符："
            "每张收回的选票（含空白票、无效票）都应占一行，请核对后再导入。"
        )
    numbers, by_rule = classify_box(election, ballots_issued, ballots)
    check_shape(election, numbers)
    check_box(election, numbers)
    records = [
        BallotRecord(election=election, box=box, marks=b.marks, invalid=b.invalid) for b in ballots
    ]
    # Written in a shuffled order: not even the table's row order survives.
    random.SystemRandom().shuffle(records)
    with transaction.atomic():
        Election.objects.select_for_update().filter(pk=election.pk).first()
        registered = countable(election)
        check_round(election, accepted_numbers(election, exclude_box=box) + numbers, registered)
        sheet = sheet_for(election, box)
        if sheet.accepted_at is not None:
            raise _refuse(f"{box.name}已经计入（计票单已采用），不能再导入选票。")
        had_ballots = BallotRecord.objects.filter(election=election, box=box).exists()
        if sheet.entries.exists() and not had_ballots:
            raise _refuse(
                f"{box.name}已经开始按计票单两人录入，不能再改为逐张导入；请继续录入计票单。"
            )
        # A box reopened for correction: its earlier ballots and totals are replaced.
        BallotRecord.objects.filter(election=election, box=box).delete()
        sheet.entries.all().delete()
        BallotRecord.objects.bulk_create(records)
        SheetEntry.objects.create(
            sheet=sheet,
            clerk=acting_user,
            ballots_issued=numbers.ballots_issued,
            ballots_collected=numbers.ballots_collected,
            invalid_ballots=numbers.invalid_ballots,
            blank_ballots=numbers.blank_ballots,
            votes=numbers.votes,
        )
        sheet.accepted_at = timezone.now()
        sheet.save(update_fields=["accepted_at"])
        # The audit keeps the box's totals only: never one ballot, its marks or its moment.
        record_audit(
            actor=acting_user,
            action=BALLOTS_IMPORT,
            target=sheet,
            after={
                "box": box.name,
                "ballots_issued": numbers.ballots_issued,
                "ballots_collected": numbers.ballots_collected,
                "invalid_by_rule": by_rule,
                "votes": numbers.votes,
            },
            village=village,
        )
        result = count_if_complete(election, acting_user)
    return Imported(numbers, by_rule, result)


def ballot_boxes(election: Election) -> set[int]:
    """The boxes of the round counted ballot by ballot."""
    return set(
        BallotRecord.objects.filter(election=election)
        .order_by()
        .values_list("box_id", flat=True)
        .distinct()
    )


def ballots_of(election: Election, box: Box) -> list[BallotRecord]:
    """A box's ballot records in the order of their random keys (never the order of entry)."""
    return list(BallotRecord.objects.filter(election=election, box=box).order_by("id"))


def template_header(election: Election, candidates: dict[str, list[str]]) -> list[str]:
    """The header row of an empty table for this round: each post's candidates, then a
    write-in column per seat, then the invalidity column."""
    labels = dict(Post.choices)
    header: list[str] = []
    for post, seats in seats_of(election).items():
        header += [f"{labels[post]}:{name}" for name in candidates.get(post, [])]
        header += [f"{labels[post]}:{WRITE_IN}"] * seats
    return [*header, INVALID_COLUMN]
