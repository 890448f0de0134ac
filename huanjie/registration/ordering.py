"""The order of a voter list: by villager group, then household (户号 as people count them),
the head first, then the older first (practice.md §2: the register by group and household)."""

from __future__ import annotations

import re
from datetime import date

_DIGITS = re.compile(r"(\d+)")
NO_GROUP = 9999  # people without a group of the village (some residents) come last


def household_key(number: str) -> str:
    """户号 as a string that sorts the way people count: "2" before "10"."""
    if number.isascii() and number.isdigit():  # most 户号: no need to split
        return number.zfill(10)[:60]
    return "".join(p.zfill(10) if p.isdigit() else p for p in _DIGITS.split(number))[:60]


def sort_key(group_rank: int | None, household: str, head: bool, birth: date, pk: int) -> str:
    return household_prefix(group_rank, household) + member_key(head, birth, pk)


def household_prefix(group_rank: int | None, household: str) -> str:
    """The part of the key the members of a household share (a build computes it once)."""
    rank = NO_GROUP if group_rank is None else group_rank
    return f"{rank:04d}|{household_key(household)}|"


def member_key(head: bool, birth: date, pk: int) -> str:
    """The head first, then the older first, then the person (YYYYMMDD written by arithmetic:
    a date's strftime takes several times as long, a million times in a large build)."""
    day = birth.year * 10000 + birth.month * 100 + birth.day
    return f"{0 if head else 1}|{day:08d}|{pk:012d}"
