"""What a register entry is before it is stored, and what can be wrong with it.

Both the spreadsheet import and the `household_register` service build these, so one set of
checks and one writer serve the web form, the import, the CLI and the demo seeder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError

from huanjie.people.models import PoliticalStatus

DEFAULT_ETHNICITY = "汉族"


@dataclass(frozen=True)
class MemberInput:
    """One member of a household as entered. `relation` and `sex` are the stored codes.

    `sex` may be left empty (it is then taken from the ID number); `row` is the spreadsheet row
    the member came from, for the report (None for entries made through a form).
    """

    name: str
    id_number: str
    relation: str
    sex: str = ""
    ethnicity: str = DEFAULT_ETHNICITY
    education: str = ""
    political_status: str = PoliticalStatus.MASSES
    hukou_in_village: bool = True
    resides_in_village: bool = True
    phone: str = ""
    tags: tuple[str, ...] = ()
    row: int | None = None


@dataclass(frozen=True)
class HouseholdInput:
    number: str
    villager_group: str
    members: tuple[MemberInput, ...]


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One row-level finding: the row as Excel shows it, whose row it is (姓名), the column,
    the cell, what to do."""

    row: int | None
    column: str
    message: str
    value: str = ""
    level: Level = Level.ERROR
    name: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "name": self.name,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "level": self.level.value,
        }


@dataclass(frozen=True)
class CheckedMember:
    """A member whose ID number passed: the normalised number, sex and birth date it gives."""

    member: MemberInput
    id_number: str
    sex: str
    birth_date: date


@dataclass
class CheckOutcome:
    problems: list[Problem] = field(default_factory=list)
    households: list[tuple[HouseholdInput, list[CheckedMember]]] = field(default_factory=list)
    new_groups: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def people(self) -> int:
        return sum(len(members) for _, members in self.households)

    @property
    def household_count(self) -> int:
        return len(self.households)

    def villager_groups(self) -> list[str]:
        """Each household's villager group, in the file's order of households."""
        return [h.villager_group for h, _ in self.households]


class RegisterRejected(ValidationError):
    """Entries refused: nothing was written. Carries the full outcome for the row report."""

    def __init__(self, outcome: CheckOutcome, *, where: str = "第{row}行") -> None:
        super().__init__(
            [
                f"{where.format(row=p.row) if p.row is not None else ''}“{p.column}”：{p.message}"
                for p in outcome.errors
            ],
            code="register",
        )
        self.outcome = outcome
