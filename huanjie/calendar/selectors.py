"""Reading the holiday table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from huanjie.calendar.models import HolidayDay, HolidayKind, HolidayYear
from huanjie.rules.timeline.calendar import TableCalendar


def working_calendar(years: Iterable[int] | None = None) -> TableCalendar:
    """The calendar every deadline is computed with, built from the holiday table.

    `years` limits the load to the years a computation can reach (default: the whole table).
    Only complete years count as covered; days of an incomplete year still count as entered.
    """
    days = HolidayDay.objects.all()
    covered = HolidayYear.objects.filter(complete=True)
    if years is not None:
        wanted = sorted(set(years))
        days = days.filter(date__year__in=wanted)
        covered = covered.filter(year__in=wanted)
    holidays: list[date] = []
    makeup: list[date] = []
    for day, kind in days.values_list("date", "kind"):
        (makeup if kind == HolidayKind.MAKEUP_WORKDAY else holidays).append(day)
    return TableCalendar.of(holidays, makeup, covered.values_list("year", flat=True))


def holiday_year(year: int) -> tuple[HolidayYear | None, list[HolidayDay]]:
    """One year of the table: its entry (None if the year was never entered) and its days."""
    entry = HolidayYear.objects.filter(year=year).first()
    return entry, list(HolidayDay.objects.filter(date__year=year).order_by("date"))
