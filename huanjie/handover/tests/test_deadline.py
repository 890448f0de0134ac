"""VC-POST-1's dates: due `handover.days` after forming; the seal the same day where the
profile says so; late when open past the due day or completed after it."""

from __future__ import annotations

from datetime import date

import pytest

from huanjie.handover.deadline import days_left, deadlines, overdue

FORMED = date(2026, 4, 12)


def test_ten_days_after_forming() -> None:
    d = deadlines(FORMED, 10, seal_same_day=False)
    assert (d.due_on, d.seal_due_on) == (date(2026, 4, 22), date(2026, 4, 22))


def test_seal_same_day_sh() -> None:
    d = deadlines(FORMED, 10, seal_same_day=True)
    assert (d.due_on, d.seal_due_on) == (date(2026, 4, 22), FORMED)


def test_days_must_be_positive() -> None:
    with pytest.raises(ValueError, match=r"handover\.days"):
        deadlines(FORMED, 0, seal_same_day=False)


@pytest.mark.parametrize(
    ("completed", "today", "late"),
    [
        (None, date(2026, 4, 22), False),  # the due day itself is in time
        (None, date(2026, 4, 23), True),
        (date(2026, 4, 22), date(2026, 5, 30), False),
        (date(2026, 4, 23), date(2026, 4, 23), True),
    ],
)
def test_overdue(completed: date | None, today: date, late: bool) -> None:
    assert overdue(date(2026, 4, 22), completed, today) is late


def test_days_left() -> None:
    assert days_left(date(2026, 4, 22), date(2026, 4, 20)) == 2
    assert days_left(date(2026, 4, 22), date(2026, 4, 25)) == -3
