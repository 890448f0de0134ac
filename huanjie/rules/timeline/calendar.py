"""The working-day calendar deadlines are computed with (rules.md "Product decisions" 3).

The domain core never reads a database or the clock: the application builds a
`TableCalendar` from its holiday table and passes it in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


class WorkingDayCalendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...

    def covers(self, year: int) -> bool:
        """Whether the statutory holidays of `year` are known (else weekends alone are used)."""
        ...


@dataclass(frozen=True)
class TableCalendar:
    """Weekends are rest days, except make-up working days (调休); holidays are rest days."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    makeup_workdays: frozenset[date] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        holidays: Iterable[date] = (),
        makeup_workdays: Iterable[date] = (),
        years: Iterable[int] = (),
    ) -> TableCalendar:
        return cls(frozenset(holidays), frozenset(makeup_workdays), frozenset(years))

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def covers(self, year: int) -> bool:
        return year in self.years
