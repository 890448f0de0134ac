"""A village's generated villagers as the party roll and the committees choose among them."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from huanjie.demo.households import age_on_register_day
from huanjie.people.register.inputs import HouseholdInput


@dataclass(frozen=True)
class Resident:
    id_number: str
    name: str
    sex: str
    birth_date: date
    household: str  # 户号
    resides: bool
    education: str

    @property
    def age(self) -> int:
        return age_on_register_day(self.birth_date)


def residents_of(households: Iterable[HouseholdInput]) -> list[Resident]:
    return [
        Resident(
            id_number=m.id_number,
            name=m.name,
            sex=m.sex,
            birth_date=date(
                int(m.id_number[6:10]), int(m.id_number[10:12]), int(m.id_number[12:14])
            ),
            household=h.number,
            resides=m.resides_in_village,
            education=m.education,
        )
        for h in households
        for m in h.members
    ]


def weighted_sample(
    rng: random.Random, people: Sequence[Resident], k: int, weight: Callable[[Resident], float]
) -> list[Resident]:
    """`k` people without replacement, each drawn with probability in proportion to its weight
    (Efraimidis–Spirakis keys), returned in register order."""
    keyed = [(rng.random() ** (1 / w), i) for i, p in enumerate(people) if (w := weight(p)) > 0]
    chosen = sorted(i for _, i in sorted(keyed, reverse=True)[:k])
    return [people[i] for i in chosen]
