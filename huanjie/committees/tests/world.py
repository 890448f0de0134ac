"""A village with a villagers' committee election to record committees and representatives in.

東坑村 (a1 of the region tree) gets a campaign under a profile (ZJ_2025 unless told), its
villagers' committee election on DAY (5 seats), and villagers made to order: `villager(...)`
adds one to a household of a group, `family(...)` links two with a confirmed or pending link.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.campaigns.services import campaign_create, village_plan_create
from huanjie.elections.models import Election
from huanjie.elections.services import election_create
from huanjie.people.models import (
    CloseRelative,
    HeadRelation,
    Household,
    Person,
    RelationSource,
    Sex,
)
from huanjie.regions.models import Region, VillagerGroup

DAY = date(2026, 4, 18)  # the villagers' committee's election day
CHOSEN = date(2026, 3, 10)  # the committee's 推选
_SERIAL = itertools.count(200)


@dataclass
class World:
    tree: RegionTree
    village: Region
    election: Election
    people: dict[str, Person] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Person:
        return self.people[name]


def build_world(tree: RegionTree, profile_id: str = "ZJ_2025") -> World:
    campaign = campaign_create(
        name="景宁县2026年村级组织换届",
        term_start_year=2026,
        region=tree.county,
        profile_id=profile_id,
        window_start=date(2026, 3, 1),
        window_end=date(2026, 6, 30),
        acting_user=None,
    )
    plan = village_plan_create(campaign=campaign, village=tree.a1, acting_user=None)
    election = election_create(
        plan=plan,
        body="villagers_committee",
        method="with_candidates",
        seats={"chair": 1, "vice_chair": 1, "member": 2, "women_member": 1},
        election_day=DAY,
        acting_user=None,
    )
    return World(tree=tree, village=tree.a1, election=election)


def group(village: Region, name: str) -> VillagerGroup:
    return VillagerGroup.objects.get_or_create(village=village, name=name)[0]


def household(village: Region, number: str, group_name: str = "第一村民小组") -> Household:
    found = Household.objects.filter(village=village, number=number).first()
    if found is not None:
        return found
    return Household.objects.create(
        village=village, villager_group=group(village, group_name), number=number
    )


def villager(
    world: World,
    name: str,
    *,
    sex: str = Sex.MALE,
    home: str | None = None,
    relation: str = HeadRelation.HEAD,
    birth: date = date(1970, 5, 1),
    group_name: str = "第一村民小组",
) -> Person:
    """One villager of 东坑村, by default the head of a household of their own."""
    number = home or f"H{next(_SERIAL)}"
    person = Person.objects.create(
        id_number=valid_id(next(_SERIAL), male=sex == Sex.MALE, birth=birth.strftime("%Y%m%d")),
        name=name,
        sex=sex,
        birth_date=birth,
        village=world.village,
        household=household(world.village, number, group_name),
        relation_to_head=relation,
    )
    world.people[name] = person
    return person


def family(a: Person, b: Person, kind: str, *, confirmed: bool = True) -> CloseRelative:
    """A link between two villagers (a: the parent or grandparent for the directed kinds)."""
    if kind in ("spouse", "sibling") and a.pk > b.pk:
        a, b = b, a
    return CloseRelative.objects.create(
        person_a=a,
        person_b=b,
        kind=kind,
        source=RelationSource.DERIVED,
        confirmed_at=timezone.now() if confirmed else None,
    )


def populate(world: World, *, households: int, people: int, groups: int) -> list[Household]:
    """`households` households in `groups` groups of consecutive 户号 (01001, 01002 … per
    group), `people` adults in all: a head, a spouse (a woman), the rest sons. Bulk-written:
    H-11's village is 600 households and 2,100 people."""
    village = world.village
    names = [f"第{n}组" for n in range(1, groups + 1)]
    made = [group(village, name) for name in names]
    homes = Household.objects.bulk_create(
        Household(
            village=village,
            villager_group=made[i * groups // households],
            number=f"{i * groups // households + 1:02d}{i + 1:03d}",
        )
        for i in range(households)
    )
    rows = []
    for n in range(people):
        home = homes[n % households]
        rank = n // households  # 0 head, 1 spouse, 2.. sons
        sex = Sex.FEMALE if rank == 1 else Sex.MALE
        relation = [HeadRelation.HEAD, HeadRelation.SPOUSE][rank] if rank < 2 else HeadRelation.SON
        rows.append(
            Person(
                id_number=valid_id(n % 500, male=sex == Sex.MALE, birth=f"19{60 + n // 500}0101"),
                name=f"村民{n}",
                sex=sex,
                birth_date=date(1960 + n // 500, 1, 1),
                village=village,
                household=home,
                relation_to_head=relation,
            )
        )
    Person.objects.bulk_create(rows)
    return homes
