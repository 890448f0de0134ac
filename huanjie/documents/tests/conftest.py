"""The accounts' region tree, with a village long enough to fill several pages."""

from __future__ import annotations

from datetime import date

import pytest

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.people.models import HeadRelation, Household, Person, Sex
from huanjie.regions.models import VillagerGroup

LONG_HOUSEHOLDS = 45  # three members each: more rows than two landscape pages hold


def add_households(tree: RegionTree, count: int) -> list[Household]:
    """`count` more households in 东坑村 (a1), numbered 002… with a head, spouse and child;
    numbered so that sorting them as text would put "0100" before "099"."""
    group = VillagerGroup.objects.create(village=tree.a1, name="第二村民小组")
    homes = []
    for n in range(count):
        number = f"{n + 2:03d}" if n < count - 1 else "0100"
        home = Household.objects.create(village=tree.a1, villager_group=group, number=number)
        birth = date(1960, 1, 1).replace(day=1 + n % 28, month=1 + n // 28)
        people = [
            (f"户主{n:02d}", Sex.MALE, HeadRelation.HEAD, birth),
            (f"配偶{n:02d}", Sex.FEMALE, HeadRelation.SPOUSE, birth),
            (f"子女{n:02d}", Sex.MALE, HeadRelation.SON, birth.replace(year=1990)),
        ]
        for serial, (name, sex, relation, born) in enumerate(people):
            Person.objects.create(
                id_number=valid_id(
                    serial + 10, male=sex == Sex.MALE, birth=born.strftime("%Y%m%d")
                ),
                name=name,
                sex=sex,
                birth_date=born,
                village=tree.a1,
                household=home,
                relation_to_head=relation,
            )
        homes.append(home)
    return homes


@pytest.fixture
def long_village(tree: RegionTree) -> RegionTree:
    add_households(tree, LONG_HOUSEHOLDS)
    return tree
