"""A register file read column by column: the import's path for files of any size.

`parse_sheet` and `check_entries` read and check a file row by row, object by object; here the
same readers and checks run once per distinct cell of a column (a million rows have a few
thousand), the ID numbers through the numpy kernel `huanjie.bulk.identity`, duplicates and
heads with array operations. Only the rows and households that show a problem go through the
row-by-row code, which words every problem: the report is the same, word for word and in the
same order (people/tests/test_register_table.py holds both paths to it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from huanjie.bulk.identity import check_id_numbers
from huanjie.people.models import HeadRelation
from huanjie.people.register import columns as col
from huanjie.people.register.checks import check_heads, check_member
from huanjie.people.register.inputs import (
    CheckedMember,
    CheckOutcome,
    HouseholdInput,
    MemberInput,
    Problem,
)
from huanjie.people.register.parsing import (
    READERS,
    _Row,
    member_input,
    plain_cells,
    read_row,
    two_groups_problem,
)
from huanjie.people.register.reading import Cell, Sheet, SheetColumn

Progress = Callable[[int, int], None]
Objects = NDArray[np.object_]


def objects(values: list[Any]) -> Objects:
    """A numpy array of Python objects (tuples stay elements, not rows)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


@dataclass
class Entries:
    """The members a file lists, a column per field, in file order (rows without 户号 and the
    example row left out). `household` indexes `numbers` and `groups` (households in order
    of first appearance); `order` lists the members household by household, each in file
    order: the order of the row-by-row path's households and members."""

    rows: NDArray[np.int64]
    household: NDArray[np.int64]
    values: dict[str, Objects]  # column name → the read values (as `READERS` give them)
    numbers: list[str]
    groups: list[str]
    order: NDArray[np.int64]
    problems: list[Problem]
    unsure_heads: set[str]

    def __len__(self) -> int:
        return len(self.rows)

    def member(self, index: int) -> MemberInput:
        return member_input(
            {name: values[index] for name, values in self.values.items()}, int(self.rows[index])
        )

    def household_input(self, household: int, members: list[int]) -> HouseholdInput:
        return HouseholdInput(
            number=self.numbers[household],
            villager_group=self.groups[household],
            members=tuple(self.member(i) for i in members),
        )

    def by_household(self) -> Iterator[tuple[int, NDArray[np.int64]]]:
        """Each household's index and its members' indexes, in order."""
        ordered = self.household[self.order]
        bounds = np.flatnonzero(np.diff(ordered)) + 1
        for members in np.split(self.order, bounds):
            if members.size:
                yield int(self.household[members[0]]), members


def _column(sheet: Sheet, name: str) -> SheetColumn:
    """A column of the sheet; a missing column reads as empty cells."""
    found = sheet.columns.get(name)
    if found is not None:
        return found
    return SheetColumn([None], np.zeros(len(sheet), np.int32))


def _read_column(name: str, column: SheetColumn) -> tuple[list[Any], NDArray[np.bool_]]:
    """The read value of each distinct cell of a column, and whether reading it found a
    problem: each read once, by the same reader as a row-by-row reading."""
    reader = READERS[name]
    values: list[Any] = list(column.values)
    faulty = np.zeros(len(values), bool)
    for index in np.flatnonzero(~plain_cells(name, values)).tolist():
        cell = values[index]
        found: list[Problem] = []
        values[index] = reader(_Row(0, {name: cell}, found))
        faulty[index] = bool(found)
    return values, faulty


def _text_ids(
    values: list[Any], codes: NDArray[np.int32], rows: NDArray[np.int64]
) -> tuple[NDArray[np.int64], list[str]]:
    """For the given rows, the index of their text among the distinct texts (a column's
    distinct cells may read as the same text: " 101" and "101")."""
    index: dict[str, int] = {}
    of_value = np.fromiter((index.setdefault(v, len(index)) for v in values), np.int64, len(values))
    return of_value[codes[rows]], list(index)


def parse_table(sheet: Sheet) -> Entries:
    """`parse_sheet`, column by column: the same members, households and problems."""
    count = len(sheet)
    read: dict[str, Objects] = {}
    faulty = np.zeros(count, bool)
    for name in READERS:
        column = _column(sheet, name)
        distinct, bad = _read_column(name, column)
        read[name] = objects(distinct)[column.codes]
        faulty |= bad[column.codes]
        if name == col.HOUSEHOLD_NUMBER:
            numbers_read, numbers_column = distinct, column
    household = read.pop(col.HOUSEHOLD_NUMBER)
    example = household == col.EXAMPLE_MARKER
    faulty &= ~example  # the example row's other cells are never read
    member = (household != "") & ~example
    rows = sheet.numbers.astype(np.int64)

    def cells(index: int) -> dict[str, Cell]:
        return {name: column.values[column.codes[index]] for name, column in sheet.columns.items()}

    problems_by_row: dict[int, list[Problem]] = {}
    for index in np.flatnonzero(faulty).tolist():
        found: list[Problem] = []
        read_row(int(rows[index]), cells(index), found)
        problems_by_row[index] = found

    picked = np.flatnonzero(member)
    texts, all_texts = _text_ids(numbers_read, numbers_column.codes, picked)
    # Households in order of first appearance, with their first row and first named group.
    present, firsts, inverse = np.unique(texts, return_index=True, return_inverse=True)
    by_appearance = np.argsort(firsts)
    rank = np.empty(len(present), np.int64)
    rank[by_appearance] = np.arange(len(present))
    household_of = rank[inverse.reshape(-1)]
    numbers = [all_texts[t] for t in present[by_appearance].tolist()]
    first_rows = rows[picked][firsts[by_appearance]]
    group = read[col.VILLAGER_GROUP][picked]
    named = np.flatnonzero(group != "")
    first_named = named[np.unique(household_of[named], return_index=True)[1]]
    groups = [""] * len(numbers)
    for at in first_named.tolist():
        groups[int(household_of[at])] = str(group[at])
    household_group = objects(groups)[household_of]
    for at in named[group[named] != household_group[named]].tolist():
        index = int(picked[at])
        home = int(household_of[at])
        problems_by_row.setdefault(index, []).append(
            two_groups_problem(
                int(rows[index]),
                cells(index),
                numbers[home],
                int(first_rows[home]),
                groups[home],
                str(group[at]),
            )
        )
    problems = [p for index in sorted(problems_by_row) for p in problems_by_row[index]]
    relation = read[col.RELATION][picked]
    unknown = ~relation.astype(bool)  # blank, or not a known label (None)
    unsure = {numbers[h] for h in np.unique(household_of[unknown]).tolist()}
    values = {name: read[name][picked] for name in READERS if name != col.HOUSEHOLD_NUMBER}
    return Entries(
        rows=rows[picked],
        household=household_of,
        values=values,
        numbers=numbers,
        groups=groups,
        order=np.argsort(household_of, kind="stable"),
        problems=problems,
        unsure_heads=unsure,
    )


class TableOutcome(CheckOutcome):
    """`CheckOutcome` of a file checked column by column. Its checked members are arrays, in
    `entries.order` (`checked` marks those that passed, with their normalised numbers, sexes
    and birth dates); `households` builds the row-by-row outcome's objects on demand."""

    def __init__(
        self,
        *,
        problems: list[Problem],
        entries: Entries,
        checked: NDArray[np.bool_],
        id_numbers: Objects,
        sexes: Objects,
        births: NDArray[np.datetime64],
    ) -> None:
        self.problems = problems
        self.new_groups = []
        self.entries = entries
        self.checked = checked
        self.id_numbers = id_numbers
        self.sexes = sexes
        self.births = births
        self._households: list[tuple[HouseholdInput, list[CheckedMember]]] | None = None

    @property
    def households(self) -> list[tuple[HouseholdInput, list[CheckedMember]]]:
        if self._households is None:
            self._households = list(self._checked_households())
        return self._households

    @households.setter
    def households(self, value: list[tuple[HouseholdInput, list[CheckedMember]]]) -> None:
        self._households = value

    @property
    def people(self) -> int:
        return int(np.count_nonzero(self.checked))

    @property
    def household_count(self) -> int:
        return len(self.entries.numbers)

    def villager_groups(self) -> list[str]:
        return list(self.entries.groups)

    def checked_member(self, position: int) -> CheckedMember:
        """The member at `position` of `entries.order`, as checked."""
        return CheckedMember(
            member=self.entries.member(int(self.entries.order[position])),
            id_number=str(self.id_numbers[position]),
            sex=str(self.sexes[position]),
            birth_date=self.births[position].item(),
        )

    def _checked_households(self) -> Iterator[tuple[HouseholdInput, list[CheckedMember]]]:
        position = 0
        for household, members in self.entries.by_household():
            entry = self.entries.household_input(household, members.tolist())
            checked = [
                self.checked_member(p)
                for p in range(position, position + len(members))
                if self.checked[p]
            ]
            position += len(members)
            yield entry, checked


def _number_keys(numbers: NDArray[np.bytes_]) -> NDArray[Any]:
    """Each 18-character ID number that passed (17 digits, then a digit or X) as one integer,
    a different one for each number: sorting these is much faster than sorting the texts.
    The texts themselves if any is not of that form."""
    if not len(numbers) or numbers.dtype.itemsize != 18:
        return numbers
    digits = numbers.view(np.uint8).reshape(-1, 18).astype(np.int64) - ord("0")
    last = np.where(digits[:, 17] == ord("X") - ord("0"), 10, digits[:, 17])
    if np.any((digits[:, :17] < 0) | (digits[:, :17] > 9)) or np.any((last < 0) | (last > 10)):
        return numbers
    key = np.zeros(len(numbers), np.int64)
    for k in range(17):
        key = key * 10 + digits[:, k]
    keys: NDArray[np.int64] = key * 11 + last
    return keys


def check_table(entries: Entries, *, today: date, progress: Progress | None = None) -> TableOutcome:
    """`check_entries` of the parsed file, column by column: the same problems, in the same
    order, and the same checked members. Like `check_entries`, without the parse's problems."""
    order = entries.order
    total = len(order)
    values = entries.values
    typed = values[col.ID_NUMBER][order]
    given = typed != ""
    checks = check_id_numbers(typed.tolist(), on=today)
    if progress is not None:
        progress(total // 2, total)
    id_sex = checks.sex.astype("U1")
    readable = checks.ok & (id_sex != "") & ~np.isnat(checks.birth)
    sex = values[col.SEX][order]
    mismatch = given & readable & (sex != "") & (sex != id_sex)
    passed = given & readable & ~mismatch
    numbers = typed.copy()
    for index, result in checks.by_rule.items():
        numbers[index] = result.number
    # The first member with each number (households in order, each in file order) keeps it;
    # a number that passed is 18 ASCII characters.
    candidates = np.flatnonzero(passed)
    keys = _number_keys(np.array(numbers[candidates].tolist(), dtype="S18"))
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    origin = np.full(total, -1, np.int64)
    origin[candidates] = candidates[first[inverse]]
    repeated = passed & (origin != np.arange(total))

    household = entries.household[order]
    is_head = values[col.RELATION][order] == HeadRelation.HEAD
    heads = np.bincount(household, weights=is_head, minlength=len(entries.numbers))
    unsure = np.array([n in entries.unsure_heads for n in entries.numbers], bool)
    head_faults = ((heads == 0) & ~unsure) | (heads > 1)
    faulty = given & ((checks.faults != 0) | mismatch | repeated)

    # Words for the faults, by the row-by-row checks: a household's head first, then its
    # members in order (only the faulty ones have anything to say).
    problems: list[Problem] = []
    first_row: dict[str, int | None] = {}
    flagged = np.zeros(len(entries.numbers), bool)
    flagged[household[faulty]] = True
    flagged |= head_faults
    faulty_at = np.flatnonzero(faulty)
    households = np.arange(len(entries.numbers) + 1)
    starts = np.searchsorted(household[faulty_at], households)
    bounds = np.searchsorted(household, households)  # each household's members in `order`
    for index in np.flatnonzero(flagged).tolist():
        if head_faults[index]:
            members = order[bounds[index] : bounds[index + 1]].tolist()
            check_heads(entries.household_input(index, members), entries.unsure_heads, problems)
        for position in faulty_at[starts[index] : starts[index + 1]].tolist():
            if repeated[position]:
                first_row[str(numbers[position])] = int(entries.rows[order[origin[position]]])
            member = entries.member(int(order[position]))
            check_member(member, today=today, first_row=first_row, problems=problems)
    if progress is not None:
        progress(total, total)
    return TableOutcome(
        problems=problems,
        entries=entries,
        checked=passed & ~repeated,
        id_numbers=numbers,
        sexes=objects(id_sex.tolist()),
        births=checks.birth,
    )
