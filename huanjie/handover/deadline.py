"""VC-POST-1 in numbers: the handover is due `handover.days` after the new committee is formed;
where the profile says so (`handover.seal_same_day`, SH art 24) the seal is due that same day.

Pure Python: the dates come in, the dates and the state go out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

RULE = "VC-POST-1"


@dataclass(frozen=True)
class Deadlines:
    formed_on: date
    due_on: date
    seal_due_on: date


def deadlines(formed_on: date, days: int, seal_same_day: bool) -> Deadlines:
    """`days` counted from the day after forming: formed on the 1st, 10 days → due on the 11th."""
    if days < 1:
        raise ValueError(f"handover.days must be ≥ 1, got {days}")
    due = formed_on + timedelta(days=days)
    return Deadlines(formed_on, due, formed_on if seal_same_day else due)


def days_left(due_on: date, today: date) -> int:
    """Days until `due_on` (0 on the day itself, negative when overdue)."""
    return (due_on - today).days


def overdue(due_on: date, completed_on: date | None, today: date) -> bool:
    """Late: not completed and the due day has passed, or completed after it."""
    if completed_on is not None:
        return completed_on > due_on
    return today > due_on
