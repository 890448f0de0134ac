"""The real statutory holidays of a year, from `chinese_calendar`, as the domain core takes them."""

from __future__ import annotations

import chinese_calendar

from huanjie.rules.timeline.calendar import TableCalendar


def calendar_for(*years: int) -> TableCalendar:
    return TableCalendar.of(
        holidays=(d for d in chinese_calendar.holidays if d.year in years),
        makeup_workdays=(d for d in chinese_calendar.workdays if d.year in years),
        years=years,
    )
