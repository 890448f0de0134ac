"""What the committee's commands share: people of the village by ID number and “身份证号:票数”
pairs; the rest is what every command shares (huanjie.people.management.arguments)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from huanjie.committees import messages as msg
from huanjie.people.management.arguments import (
    BY_HELP,
    DATE_HELP,
    VILLAGE_HELP,
    actor,
    add_by,
    choice,
    count,
    day,
    refuse,
    refused,
    village,
)
from huanjie.people.management.relation_arguments import person as person_by_id

if TYPE_CHECKING:
    from huanjie.people.models import Person
    from huanjie.regions.models import Region

__all__ = [
    "BY_HELP",
    "DATE_HELP",
    "VILLAGE_HELP",
    "actor",
    "add_by",
    "choice",
    "count",
    "day",
    "person_by_id",
    "refuse",
    "refused",
    "village",
]


def villager(number: str, place: Region) -> Person:
    found = person_by_id(number)
    if found.village_id != place.pk:
        raise refuse(msg.PERSON_OTHER_VILLAGE.format(name=found.name, village=place.name))
    return found


def pair(value: str, place: Region, what: str) -> tuple[Person, int, str]:
    """“身份证号:票数[:第三项]” → (person, votes, the third item or "")."""
    parts = value.replace("：", ":").split(":")
    if len(parts) not in (2, 3) or not parts[1].strip().isdigit():
        raise refuse(f"{what}“{value}”应写成“身份证号:票数”，如 33112719700501001X:32。")
    return villager(parts[0], place), int(parts[1]), parts[2].strip() if len(parts) == 3 else ""
