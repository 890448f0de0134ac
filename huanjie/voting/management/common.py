"""What the voting commands share: the election by its number, a villager by name (unique in
the village) or person number, and the acting account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from huanjie.ballots.management.arguments import election
from huanjie.people.management.arguments import refuse
from huanjie.people.models import Person

if TYPE_CHECKING:
    from huanjie.regions.models import Region

__all__ = ["election"]  # the tally commands' own, below this floor

ELECTION_HELP = "选举编号（投票安排页地址中的数字）"
PERSON_HELP = "姓名（本村唯一时）或人员编号"


def person(village: Region, value: str) -> Person:
    value = value.strip()
    if value.isdigit():
        found = Person.objects.filter(village=village, pk=int(value)).first()
        if found is None:
            raise refuse(f"{village.name}没有编号为 {value} 的人员。")
        return found
    named = list(Person.objects.filter(village=village, name=value)[:2])
    if not named:
        raise refuse(f"{village.name}没有名为“{value}”的村民。")
    if len(named) > 1:
        raise refuse(f"{village.name}有不止一名“{value}”，请改用人员编号（村民页地址中的数字）。")
    return named[0]
