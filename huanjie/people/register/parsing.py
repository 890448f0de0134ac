"""From spreadsheet rows to household entries: every cell checked, every problem kept.

Nothing stops at the first fault: a row with a bad cell still becomes a member (with the cell
left empty) so the cross-row checks can report the rest of the file too.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import repeat
from typing import Any

import numpy as np
from numpy.typing import NDArray

from huanjie.people import messages as msg
from huanjie.people.models import PoliticalStatus
from huanjie.people.register import columns as col
from huanjie.people.register.inputs import (
    DEFAULT_ETHNICITY,
    HouseholdInput,
    MemberInput,
    Problem,
)
from huanjie.people.register.reading import Cell, Sheet

_PHONE = re.compile(r"^[0-9][0-9 \-]*$")


@dataclass
class Parsed:
    households: list[HouseholdInput]
    problems: list[Problem]
    # 户号s with a member whose 与户主关系 could not be read: their head count is not checked.
    unsure_heads: set[str]


def cell_text(value: Cell) -> str:
    """A cell as the text a person typed (1.0 → "1", a date → 2026-03-01)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


class _Row:
    """One row being read; collects its own problems."""

    def __init__(self, number: int, cells: dict[str, Cell], problems: list[Problem]) -> None:
        self.number = number
        self.cells = cells
        self.problems = problems

    def problem(self, column: str, message: str, value: str = "") -> None:
        # Every problem names whose row it is (姓名), as the file has it.
        name = cell_text(self.cells.get(col.NAME))[: col.BY_NAME[col.NAME].max_length or None]
        self.problems.append(Problem(self.number, column, message, value, name=name))

    def text(self, column: str) -> str:
        spec = col.BY_NAME[column]
        value = cell_text(self.cells.get(column))
        if not value:
            if spec.required:
                self.problem(column, msg.CELL_REQUIRED.format(column=column))
            return ""
        if spec.max_length is not None and len(value) > spec.max_length:
            self.problem(
                column,
                msg.CELL_TOO_LONG.format(column=column, limit=spec.max_length, length=len(value)),
                value,
            )
            return ""
        return value

    def choice(self, column: str, options: dict[str, str]) -> str | None:
        """The code of the chosen label; "" when blank, None when not a known label."""
        value = self.text(column)
        if not value:
            return ""
        if value not in options:
            self.problem(
                column,
                msg.CELL_CHOICE.format(value=value, column=column, choices="、".join(options)),
                value,
            )
            return None
        return options[value]

    def yes_no(self, column: str) -> bool:
        value = self.text(column)
        if value and value not in col.YES_NO:
            self.problem(column, msg.CELL_YES_NO.format(column=column, value=value), value)
        return col.YES_NO.get(value, True)

    def id_number(self) -> str:
        raw = self.cells.get(col.ID_NUMBER)
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            self.problem(col.ID_NUMBER, msg.ID_AS_NUMBER, cell_text(raw))
            return ""
        return self.text(col.ID_NUMBER)

    def tags(self) -> tuple[str, ...]:
        value = self.text(col.TAGS)
        found: list[str] = []
        for label in (t.strip() for t in col.TAG_SEPARATORS.split(value)):
            if not label:
                continue
            if label not in col.TAG_BY_LABEL:
                choices = "、".join(col.TAG_BY_LABEL)
                self.problem(col.TAGS, msg.TAG_UNKNOWN.format(value=label, choices=choices), label)
            elif col.TAG_BY_LABEL[label] not in found:
                found.append(col.TAG_BY_LABEL[label])
        return tuple(found)

    def phone(self) -> str:
        value = self.text(col.PHONE)
        if value and not _PHONE.match(value):
            self.problem(col.PHONE, msg.PHONE_INVALID, value)
            return ""
        return value


# How each column's cell is read, in the order a row is read (one definition for the row-by-row
# reading here and the column-by-column one of `people.register.table`). Each reader looks at
# its own cell only.
READERS: dict[str, Callable[[_Row], Any]] = {
    col.HOUSEHOLD_NUMBER: lambda row: row.text(col.HOUSEHOLD_NUMBER),
    col.VILLAGER_GROUP: lambda row: row.text(col.VILLAGER_GROUP),
    col.RELATION: lambda row: row.choice(col.RELATION, col.RELATION_BY_LABEL),
    col.NAME: lambda row: row.text(col.NAME),
    col.ID_NUMBER: lambda row: row.id_number(),
    col.SEX: lambda row: row.choice(col.SEX, col.SEX_BY_LABEL) or "",
    col.ETHNICITY: lambda row: row.text(col.ETHNICITY) or DEFAULT_ETHNICITY,
    col.EDUCATION: lambda row: row.choice(col.EDUCATION, col.EDUCATION_BY_LABEL) or "",
    col.POLITICAL_STATUS: lambda row: (
        row.choice(col.POLITICAL_STATUS, col.POLITICAL_BY_LABEL) or PoliticalStatus.MASSES
    ),
    col.HUKOU: lambda row: row.yes_no(col.HUKOU),
    col.RESIDES: lambda row: row.yes_no(col.RESIDES),
    col.PHONE: lambda row: row.phone(),
    col.TAGS: lambda row: row.tags(),
}


def _plain_text(limit: int | None) -> Callable[[Cell], bool]:
    def plain(cell: Cell) -> bool:
        return (
            type(cell) is str
            and cell != ""
            and cell.strip() == cell
            and (limit is None or len(cell) <= limit)
        )

    return plain


def _plain_phone(cell: Cell) -> bool:
    return _PLAIN_PHONE_TEXT(cell) and cell.isascii() and cell.isdigit()  # type: ignore[union-attr]


_PLAIN_PHONE_TEXT = _plain_text(col.BY_NAME[col.PHONE].max_length)
# Cells whose reader returns them as they are, without a problem: the columns of many distinct
# values (names, numbers) are read without calling the reader for most of their cells.
PLAIN: dict[str, Callable[[Cell], bool]] = {
    **{
        name: _plain_text(col.BY_NAME[name].max_length)
        for name in (
            col.HOUSEHOLD_NUMBER,
            col.VILLAGER_GROUP,
            col.NAME,
            col.ID_NUMBER,
            col.ETHNICITY,
        )
    },
    col.PHONE: _plain_phone,
}


# The limits of the columns `PLAIN` knows, and which of them must be digits (the phone).
_PLAIN_LIMITS = {name: col.BY_NAME[name].max_length for name in PLAIN}


def plain_cells(name: str, cells: list[Cell]) -> NDArray[np.bool_]:
    """`PLAIN[name](cell)` of each cell, at the speed of C loops over the many distinct cells
    of a column of names or numbers (all False for a column without a `PLAIN` test)."""
    plain = np.zeros(len(cells), bool)
    if name not in PLAIN:
        return plain
    texts = np.flatnonzero(
        np.fromiter(map(operator.is_, map(type, cells), repeat(str)), bool, len(cells))
    )
    strings: list[str] = [cells[i] for i in texts.tolist()]  # type: ignore[misc]
    count = len(strings)
    ok = np.fromiter(map(operator.eq, map(str.strip, strings), strings), bool, count)
    lengths = np.fromiter(map(len, strings), np.int64, count)
    ok &= lengths > 0
    limit = _PLAIN_LIMITS[name]
    if limit is not None:
        ok &= lengths <= limit
    if name == col.PHONE:
        ok &= np.fromiter(map(str.isascii, strings), bool, count)
        ok &= np.fromiter(map(str.isdigit, strings), bool, count)
    plain[texts] = ok
    return plain


@dataclass(frozen=True)
class ReadRow:
    """A row as read: its 户号 and group as typed, its relation (None when not a known label)
    and the member it describes."""

    household: str
    group: str
    relation: str | None
    member: MemberInput


def read_row(number: int, cells: dict[str, Cell], problems: list[Problem]) -> ReadRow | None:
    """Read one row, every cell checked, its problems added to `problems`; None for the
    template's example row (whose other cells are not read)."""
    row = _Row(number, cells, problems)
    household = READERS[col.HOUSEHOLD_NUMBER](row)
    if household == col.EXAMPLE_MARKER:
        return None
    values = {
        column: reader(row) for column, reader in READERS.items() if column != col.HOUSEHOLD_NUMBER
    }
    relation = values[col.RELATION]
    member = member_input(values, number)
    return ReadRow(household, values[col.VILLAGER_GROUP], relation, member)


def member_input(values: dict[str, Any], number: int) -> MemberInput:
    """The member of a row from its read values (by column name)."""
    return MemberInput(
        name=values[col.NAME],
        id_number=values[col.ID_NUMBER],
        relation=values[col.RELATION] or "",
        sex=values[col.SEX],
        ethnicity=values[col.ETHNICITY],
        education=values[col.EDUCATION],
        political_status=values[col.POLITICAL_STATUS],
        hukou_in_village=values[col.HUKOU],
        resides_in_village=values[col.RESIDES],
        phone=values[col.PHONE],
        tags=values[col.TAGS],
        row=number,
    )


def two_groups_problem(
    number: int, cells: dict[str, Cell], household: str, first: int, group: str, other: str
) -> Problem:
    """A row that puts its household in another group than the household's earlier rows."""
    problems: list[Problem] = []
    _Row(number, cells, problems).problem(
        col.VILLAGER_GROUP,
        msg.HOUSEHOLD_TWO_GROUPS.format(number=household, first=first, group=group, other=other),
        other,
    )
    return problems[0]


def parse_sheet(sheet: Sheet) -> Parsed:
    problems: list[Problem] = []
    unsure: set[str] = set()
    # 户号 → (first row, group, members) in order of first appearance.
    order: dict[str, tuple[int, str, list[MemberInput]]] = {}
    for number, cells in sheet.rows:
        read = read_row(number, cells, problems)
        if read is None or not read.household:
            continue
        household, group, member = read.household, read.group, read.member
        if not read.relation:
            unsure.add(household)
        if household not in order:
            order[household] = (number, group, [])
        first, first_group, members = order[household]
        if group and first_group and group != first_group:
            problems.append(two_groups_problem(number, cells, household, first, first_group, group))
        elif group and not first_group:
            order[household] = (first, group, members)
        members.append(member)
    households = [
        HouseholdInput(number=n, villager_group=g, members=tuple(m))
        for n, (_, g, m) in order.items()
    ]
    return Parsed(households=households, problems=problems, unsure_heads=unsure)
