"""The order of the names on a party ballot (PB-BALLOT-6, PB20 art 24 [S]).

Committee-member, standing-committee and delegate candidates are listed by surname stroke count
(姓氏笔画, `huanjie.rules.ordering.strokes`); secretary and deputy-secretary candidates are listed in the
order the higher-level organization approved, which the caller passes in as it stands in the
approval.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TypeVar

from huanjie.rules.errors import RuleViolation
from huanjie.rules.ordering.strokes import (
    StrokeOrder,
    StrokeTable,
    load_stroke_table,
    sort_by_surname_strokes,
)

PB_BALLOT_6 = "PB-BALLOT-6"
T = TypeVar("T")


class BallotList(StrEnum):
    """One list of candidates on a party ballot."""

    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    STANDING_COMMITTEE = "standing_committee"
    MEMBER = "member"
    DELEGATE = "delegate"

    @property
    def in_approved_order(self) -> bool:
        """Secretary and deputy lists keep the higher organization's order, not strokes."""
        return self in (BallotList.SECRETARY, BallotList.DEPUTY_SECRETARY)


def party_ballot_order(
    ballot_list: BallotList,
    candidates: Iterable[T],
    *,
    name: Callable[[T], str] | None = None,
    table: StrokeTable | None = None,
) -> StrokeOrder[T]:
    """The candidates of one list in their order on the ballot (PB-BALLOT-6).

    `name` gives a candidate's name (the candidate itself by default); `table` is the stroke
    table (the one shipped with the package by default). `missing` names the characters the
    table lacks, so that an operator can check the order by hand before printing.
    """
    items = list(candidates)
    name_of: Callable[[T], str] = name if name is not None else str
    twice = sorted(n for n, times in Counter(name_of(item) for item in items).items() if times > 1)
    if twice:
        raise RuleViolation(
            PB_BALLOT_6,
            f"候选人{'、'.join(twice)}在同一栏中出现了两次：每人在选票的一栏中只能列一次，"
            "请删去重复的一项（同名的候选人请在姓名后加注以示区分）",
        )
    if ballot_list.in_approved_order:
        return StrokeOrder(items, frozenset())
    stroke_table = table if table is not None else load_stroke_table()
    return sort_by_surname_strokes(items, stroke_table, key=name_of)
