"""The county joint review (县级联审, QUAL-3) of one candidate, decided from its parts.

Each department records either a clearance or a finding against an item of the county's negative
list (SEED-QUAL: the item's outcome 不能 / 不宜 and its look-back window, QUAL-4..7). A finding
whose window has passed counts as a clearance (the matter has lapsed). The candidate's status:
REJECTED once any department finds a 不能 item (final: practice.md §1 records approving a
rejected candidate later as a defect), CLEARED when every department asked has cleared them,
PENDING otherwise — a 不宜 finding leaves the candidate pending: the Party organization decides,
and the department records its clearance only if it withdraws the flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from huanjie.rules.eligibility.qualification import Outcome, Status, VettingStatus
from huanjie.rules.timeline.periods import add_years

K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status  # ELIGIBLE = cleared
    lapsed: bool  # a finding outside its window


def finding_verdict(
    outcome: Outcome, window_years: int | None, event_date: date | None, on: date
) -> Verdict:
    """What a finding means on `on`: the item's outcome, or cleared once its window has passed
    (QUAL-5, QUAL-7: 3 or 5 years after the matter ended; 0: only until it is resolved)."""
    if (
        window_years is not None
        and event_date is not None
        and on >= add_years(event_date, window_years)
    ):
        return Verdict(Status.ELIGIBLE, lapsed=True)
    status = Status.INELIGIBLE if outcome is Outcome.INELIGIBLE else Status.UNSUITABLE
    return Verdict(status, lapsed=False)


@dataclass(frozen=True, slots=True)
class ReviewState(Generic[K]):
    status: VettingStatus
    missing: tuple[K, ...]  # asked, nothing recorded yet
    flagged: tuple[K, ...]  # 不宜
    rejected: tuple[K, ...]  # 不能

    @property
    def uncleared(self) -> tuple[K, ...]:
        return self.rejected + self.flagged + self.missing


def review_state(required: Iterable[K], recorded: Mapping[K, Status]) -> ReviewState[K]:
    """The candidate's status from what each required reviewer (a round and department) has
    recorded. Nobody required means the review has not begun: PENDING, never CLEARED (QUAL-3)."""
    asked = list(dict.fromkeys(required))
    missing = tuple(k for k in asked if k not in recorded)
    flagged = tuple(k for k in asked if recorded.get(k) is Status.UNSUITABLE)
    rejected = tuple(k for k in asked if recorded.get(k) is Status.INELIGIBLE)
    if rejected:
        status = VettingStatus.REJECTED
    elif asked and not missing and not flagged:
        status = VettingStatus.CLEARED
    else:
        status = VettingStatus.PENDING
    return ReviewState(status, missing, flagged, rejected)
