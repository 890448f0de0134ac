"""The members a checked file lists, in order, for what follows the checks: the preview's diff
and the staging. Column by column (`TableOutcome`) or from the row-by-row outcome's objects;
a member becomes a `CheckedMember` object only when one is asked for."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from huanjie.people.register import columns as col
from huanjie.people.register.inputs import CheckedMember, CheckOutcome
from huanjie.people.register.table import TableOutcome


class FileMembers:
    """The checked members (the ones that passed), household by household, each household's
    in file order: `ids[i]` is the i-th member's number, `household[i]` its household's index
    into `numbers` and `groups` (every household of the file, in order, with or without a
    member that passed)."""

    def __init__(self, outcome: CheckOutcome) -> None:
        self.outcome = outcome
        if isinstance(outcome, TableOutcome):
            self._at = np.flatnonzero(outcome.checked)
            self._objects: list[CheckedMember] | None = None
            entries = outcome.entries
            self.ids: list[str] = outcome.id_numbers[self._at].tolist()
            self.household: NDArray[np.int64] = entries.household[entries.order[self._at]]
            self.numbers: list[str] = entries.numbers
            self.groups: list[str] = entries.groups
        else:
            self._objects = [c for _, members in outcome.households for c in members]
            self.ids = [c.id_number for c in self._objects]
            self.household = np.array(
                [i for i, (_, members) in enumerate(outcome.households) for _ in members],
                dtype=np.int64,
            )
            self.numbers = [h.number for h, _ in outcome.households]
            self.groups = [h.villager_group for h, _ in outcome.households]

    def __len__(self) -> int:
        return len(self.ids)

    def checked(self, index: int) -> CheckedMember:
        if self._objects is not None:
            return self._objects[index]
        assert isinstance(self.outcome, TableOutcome)
        return self.outcome.checked_member(int(self._at[index]))

    def number(self, index: int) -> str:
        """The member's 户号."""
        return self.numbers[int(self.household[index])]

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each number's index (built when first asked: a register's people are looked up in
        it only when the village or others already hold some of them)."""
        return {number: i for i, number in enumerate(self.ids)}

    def counts(self) -> NDArray[np.int64]:
        """Members that passed, per household."""
        return np.bincount(self.household, minlength=len(self.numbers))

    def column(self, name: str, indexes: NDArray[np.int64]) -> list[Any]:
        """The members' read values of a template column (`parsing.READERS`' values)."""
        if self._objects is not None:
            return [_member_value(self._objects[i], name) for i in indexes.tolist()]
        assert isinstance(self.outcome, TableOutcome)
        entries = self.outcome.entries
        values: list[Any] = entries.values[name][entries.order[self._at[indexes]]].tolist()
        return values

    def sexes(self, indexes: NDArray[np.int64]) -> list[str]:
        if self._objects is not None:
            return [self._objects[i].sex for i in indexes.tolist()]
        assert isinstance(self.outcome, TableOutcome)
        found: list[str] = self.outcome.sexes[self._at[indexes]].tolist()
        return found

    def birth_days(self, indexes: NDArray[np.int64]) -> NDArray[np.datetime64]:
        """The members' birth dates (numpy days)."""
        if self._objects is not None:
            births = [self._objects[i].birth_date for i in indexes.tolist()]
            return np.array(births, dtype="datetime64[D]")
        assert isinstance(self.outcome, TableOutcome)
        days: NDArray[np.datetime64] = self.outcome.births[self._at[indexes]]
        return days

    def iter_households(self) -> Iterator[tuple[int, NDArray[np.int64]]]:
        """Each household with a member that passed, and those members' indexes."""
        if not len(self.ids):
            return
        bounds = np.flatnonzero(np.diff(self.household)) + 1
        for indexes in np.split(np.arange(len(self.ids)), bounds):
            yield int(self.household[indexes[0]]), indexes


_FIELDS = {
    col.NAME: "name",
    col.RELATION: "relation",
    col.ETHNICITY: "ethnicity",
    col.EDUCATION: "education",
    col.POLITICAL_STATUS: "political_status",
    col.HUKOU: "hukou_in_village",
    col.RESIDES: "resides_in_village",
    col.PHONE: "phone",
    col.TAGS: "tags",
}


def _member_value(checked: CheckedMember, name: str) -> object:
    return getattr(checked.member, _FIELDS[name])
