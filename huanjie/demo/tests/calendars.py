"""Holiday calendars for the demo's tests: `chinese-calendar`'s years (as the holiday table is
seeded) plus ASSUMED notices for 2027 and 2028, which the package does not know. The assumed
days follow the usual pattern around each festival's real date (春节 2027-02-06, 2028-01-26);
they are test data, not the State Council's notices."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar

from huanjie.calendar.models import HolidayDay, HolidayKind, HolidayYear
from huanjie.rules.timeline.calendar import TableCalendar


def _span(first: date, days: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(days)]


# (name, holidays, make-up working days)
ASSUMED: dict[int, list[tuple[str, list[date], list[date]]]] = {
    2027: [
        ("元旦", _span(date(2027, 1, 1), 3), []),
        ("春节", _span(date(2027, 2, 5), 9), [date(2027, 1, 31), date(2027, 2, 20)]),
        ("清明节", _span(date(2027, 4, 3), 3), []),
        ("劳动节", _span(date(2027, 5, 1), 5), [date(2027, 4, 25)]),
        ("端午节", _span(date(2027, 6, 9), 3), []),
        ("中秋节", _span(date(2027, 9, 15), 3), []),
        ("国庆节", _span(date(2027, 10, 1), 7), [date(2027, 9, 26), date(2027, 10, 9)]),
    ],
    2028: [
        ("元旦", _span(date(2028, 1, 1), 3), []),
        ("春节", _span(date(2028, 1, 25), 9), [date(2028, 1, 22), date(2028, 2, 5)]),
        ("清明节", _span(date(2028, 4, 2), 3), []),
        ("劳动节", _span(date(2028, 5, 1), 5), [date(2028, 4, 29)]),
    ],
}


def assumed_calendar() -> TableCalendar:
    """The package's years and the assumed ones, as a `TableCalendar` (no database)."""
    holidays = set(chinese_calendar.holidays) | {
        d for year in ASSUMED.values() for _, days, _ in year for d in days
    }
    makeup = set(chinese_calendar.workdays) | {
        d for year in ASSUMED.values() for _, _, days in year for d in days
    }
    years = {d.year for d in chinese_calendar.holidays} | set(ASSUMED)
    return TableCalendar.of(holidays, makeup, years)


def add_assumed_years() -> None:
    """The assumed 2027 and 2028 notices in the holiday table (the seeder reads the table)."""
    for year, festivals in ASSUMED.items():
        HolidayYear.objects.update_or_create(
            year=year, defaults={"source": "测试用假定安排", "complete": True}
        )
        for name, holidays, makeup in festivals:
            for day in holidays:
                HolidayDay.objects.update_or_create(
                    date=day,
                    defaults={
                        "kind": HolidayKind.HOLIDAY,
                        "name": name,
                        "source": "测试用假定安排",
                    },
                )
            for day in makeup:
                HolidayDay.objects.update_or_create(
                    date=day,
                    defaults={
                        "kind": HolidayKind.MAKEUP_WORKDAY,
                        "name": name,
                        "source": "测试用假定安排",
                    },
                )
