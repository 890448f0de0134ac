from datetime import date, timedelta

import pytest

from huanjie.rules.tests.real_calendar import calendar_for
from huanjie.rules.timeline.calendar import TableCalendar
from huanjie.rules.timeline.periods import add_years, age_on, deadline_before, within_after

CAL_2026 = calendar_for(2026)


def test_deadline_before_never_rolls() -> None:
    # 2026-03-08 is a Sunday: an act due "20 days before" 03-28 stays due on it.
    assert deadline_before(date(2026, 3, 28), 20) == date(2026, 3, 8)
    assert deadline_before(date(2026, 5, 25), 20) == date(2026, 5, 5)  # inside Labour Day


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        (date(2026, 4, 28), 5, date(2026, 5, 6)),  # 05-03 in the Labour Day holiday
        (date(2026, 5, 4), 5, date(2026, 5, 9)),  # a make-up Saturday (调休) is a working day
        (date(2026, 3, 6), 5, date(2026, 3, 11)),  # start day not counted
        (date(2026, 3, 2), 5, date(2026, 3, 9)),  # ordinary Saturday → Monday
        (date(2026, 3, 28), 15, date(2026, 4, 13)),  # Sunday → Monday
        (date(2026, 9, 28), 3, date(2026, 10, 8)),  # National Day week
        (date(2026, 3, 28), 0, date(2026, 3, 30)),  # nothing to count, still a working day
    ],
    ids=["labour-day", "makeup-saturday", "plain", "weekend", "sunday", "national-day", "zero"],
)
def test_within_after_on_the_real_2026_calendar(start: date, n: int, end: date) -> None:
    assert within_after(start, n, CAL_2026) == (end, None)


def test_within_after_warns_for_a_year_without_holidays() -> None:
    end = within_after(date(2026, 12, 28), 5, CAL_2026)
    assert end.day == date(2027, 1, 4)  # 2027-01-02/03 is a weekend: weekends alone are used
    assert end.warning is not None
    assert end.warning.startswith("2027年节假日安排尚未录入")


def test_within_after_warns_for_every_uncovered_year_crossed() -> None:
    end = within_after(date(2027, 12, 30), 1, TableCalendar.of(holidays=[date(2027, 12, 31)]))
    assert end.day == date(2028, 1, 3)
    assert end.warning is not None
    assert end.warning.startswith("2027年、2028年节假日安排尚未录入")


def test_within_after_refuses_a_table_without_working_days() -> None:
    closed = TableCalendar.of(holidays=[date(2026, 1, 1) + timedelta(days=i) for i in range(60)])
    with pytest.raises(ValueError, match="no working day"):
        within_after(date(2026, 1, 1), 1, closed)


@pytest.mark.parametrize("fn", [deadline_before, lambda d, n: within_after(d, n, CAL_2026)])
def test_negative_periods_are_refused(fn: object) -> None:
    with pytest.raises(ValueError, match="never negative"):
        fn(date(2026, 3, 28), -1)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2008, 3, 28), date(2026, 3, 28), 18),  # 18th birthday on election day
        (date(2008, 3, 29), date(2026, 3, 28), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 18),  # 民法典 202: month end in a common year
        (date(2008, 2, 29), date(2026, 2, 27), 17),
        (date(2008, 2, 29), date(2028, 2, 28), 19),  # leap year: the 29th is the birthday
        (date(2008, 2, 29), date(2028, 2, 29), 20),
    ],
    ids=[
        "birthday",
        "day-before",
        "feb29-common-year",
        "feb29-day-before",
        "feb28-leap",
        "feb29-leap",
    ],
)
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2025, 3, 28), 1, date(2026, 3, 28)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2021, 1, 5), -1, date(2020, 1, 5)),
    ],
    ids=["plain", "leap-day-to-month-end", "leap-day-three-years", "leap-to-leap", "backwards"],
)
def test_add_years(day: date, years: int, expected: date) -> None:
    """民法典 202: the corresponding day, or the month's last day where there is none."""
    assert add_years(day, years) == expected
