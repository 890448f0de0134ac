"""Where an election stands on a given day, as the pages say it.

The stored status says what was entered; the day adds what was not: an election whose day has
passed without a count is overdue (逾期未录入结果), not 筹备中.
"""

from __future__ import annotations

from datetime import date

from huanjie.elections.models import Election, ElectionStatus

OPEN = frozenset({ElectionStatus.PLANNED, ElectionStatus.SCHEDULED})
OVERDUE_LABEL = "逾期未录入结果"


def is_overdue(election: Election, today: date) -> bool:
    """Still open (planned or scheduled) after its day."""
    day = election.election_day
    return election.status in OPEN and day is not None and day < today


def state_label(election: Election, today: date) -> str:
    return OVERDUE_LABEL if is_overdue(election, today) else election.get_status_display()


def days_left(election: Election, today: date) -> int | None:
    """Days until the election day (0 on the day, negative once past); None without a day."""
    day = election.election_day
    return None if day is None else (day - today).days
