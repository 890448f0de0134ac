"""The working-day calendar built from the holiday table (rules.md "Product decisions" 3, H-9)."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_django import DjangoAssertNumQueries

from huanjie.calendar.models import HolidayDay, HolidayKind, HolidayYear
from huanjie.calendar.selectors import working_calendar
from huanjie.rules.timeline.periods import within_after

pytestmark = pytest.mark.django_db

OBJECTION_DAYS = 5  # VC-REG-6: objections within 5 days of the list's publication (H-9)

H9_ROLLOVER = [
    ("labour_day", date(2026, 4, 28), date(2026, 5, 6)),  # 05-03 is inside 05-01…05-05
    ("makeup_saturday", date(2026, 5, 4), date(2026, 5, 9)),  # 05-09 is a 调休 working day
    ("weekend", date(2026, 3, 9), date(2026, 3, 16)),  # 03-14 Saturday → Monday
    ("working_day", date(2026, 3, 8), date(2026, 3, 13)),  # H-9's own objection window
]


@pytest.mark.parametrize(
    ("published", "deadline"), [c[1:] for c in H9_ROLLOVER], ids=[c[0] for c in H9_ROLLOVER]
)
def test_vc_reg_6_objection_deadline_rolls_over_on_the_db_calendar(
    published: date, deadline: date
) -> None:
    end = within_after(published, OBJECTION_DAYS, working_calendar())
    assert end == (deadline, None)


def test_seeded_2026_labour_day() -> None:
    calendar = working_calendar([2026])
    assert {date(2026, 5, d) for d in range(1, 6)} <= calendar.holidays
    assert not any(calendar.is_working_day(date(2026, 5, d)) for d in range(1, 6))
    assert calendar.is_working_day(date(2026, 5, 9))
    assert date(2026, 5, 9) in calendar.makeup_workdays
    assert calendar.covers(2026)


def test_2027_is_not_covered_until_entered() -> None:
    calendar = working_calendar()
    assert not calendar.covers(2027)
    end = within_after(date(2027, 4, 28), OBJECTION_DAYS, calendar)
    assert end.day == date(2027, 5, 3)  # a Monday: weekends alone
    assert end.warning is not None and "2027年节假日安排尚未录入" in end.warning


def test_seed_covers_every_year_of_chinese_calendar() -> None:
    import chinese_calendar

    first, last = min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year
    assert set(HolidayYear.objects.filter(complete=True).values_list("year", flat=True)) == set(
        range(first, last + 1)
    )
    assert HolidayDay.objects.filter(kind=HolidayKind.HOLIDAY).count() == len(
        chinese_calendar.holidays
    )
    assert HolidayDay.objects.filter(kind=HolidayKind.MAKEUP_WORKDAY).count() == len(
        chinese_calendar.workdays
    )
    assert HolidayDay.objects.get(date=date(2026, 4, 5)).name == "清明节"


def test_an_incomplete_year_counts_its_days_but_is_not_covered() -> None:
    HolidayYear.objects.create(year=2027, source="管理员录入", complete=False)
    HolidayDay.objects.create(
        date=date(2027, 1, 1), kind=HolidayKind.HOLIDAY, name="元旦", source="管理员录入"
    )
    calendar = working_calendar([2027])
    assert not calendar.is_working_day(date(2027, 1, 1))
    assert not calendar.covers(2027)


def test_years_limit_what_is_loaded(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_num_queries(2):
        calendar = working_calendar([2025, 2026, 2026])
    assert {d.year for d in calendar.holidays | calendar.makeup_workdays} == {2025, 2026}
    assert calendar.years == frozenset({2025, 2026})
