"""Counting legal periods in days (rules.md §0.3, §G.6; 民法典 201–203).

Two kinds of period, counted differently:

* "选举日的 N 日前" — the act must happen on or before `election_day − N` [I]. Never rolled:
  moving it to a working day would shorten a legal minimum.
* "自…之日起 N 日内" — counted after an event, the start day not counted (民法典 201); a last day
  that is not a working day moves to the next working day (民法典 203, Product decision 3).
  A year the holiday table does not cover is counted on weekends alone, with a warning.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from huanjie.rules.timeline.calendar import WorkingDayCalendar

# Longer than any run of rest days a real holiday table has; a longer run means a broken table.
_MAX_ROLL_DAYS = 31


class PeriodEnd(NamedTuple):
    """The last day of a period counted after an event, and a warning if it is provisional."""

    day: date
    warning: str | None


def deadline_before(election_day: date, n: int) -> date:
    """The last day for an act due "选举日的 n 日前" (never rolled)."""
    if n < 0:
        raise ValueError("a period is never negative")
    return election_day - timedelta(days=n)


def within_after(start: date, n: int, calendar: WorkingDayCalendar) -> PeriodEnd:
    """The last day of "自 start 之日起 n 日内": start + n, rolled to the next working day."""
    if n < 0:
        raise ValueError("a period is never negative")
    raw = start + timedelta(days=n)
    day = raw
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
        if (day - raw).days > _MAX_ROLL_DAYS:
            raise ValueError(f"no working day within {_MAX_ROLL_DAYS} days after {raw}")
    missing = [y for y in range(raw.year, day.year + 1) if not calendar.covers(y)]
    return PeriodEnd(day, uncovered_years_warning(missing) if missing else None)


def uncovered_years_warning(years: list[int]) -> str:
    """The warning shown on every deadline counted in a year without a holiday table."""
    listed = "、".join(f"{y}年" for y in years)
    return (
        f"{listed}节假日安排尚未录入，该期限暂按周末推算；"
        "请管理员录入国务院公布的节假日安排后再核对。"
    )


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year.

    民法典 202: a period counted in years ends on the corresponding day, or, where the month has
    no corresponding day, on its last day. Ages ("年满十八周岁") and residence years
    ("居住一年以上") are counted the same way.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth_date: date, on: date) -> int:
    """Whole years of age on `on`: the birthday itself counts (an 18th birthday on election day
    makes an 18-year-old, rules.md VC-REG-1 [I])."""
    years = on.year - birth_date.year
    return years if add_years(birth_date, years) <= on else years - 1
