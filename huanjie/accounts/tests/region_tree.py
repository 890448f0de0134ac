"""A small region tree with people in it, for scope tests (accounts, audit and others).

    浙江省 330000000000
    └ 丽水市 331100000000
      ├ 景宁县 331127000000
      │ ├ 鹤溪街道 331127100000 ── 东坑村 331127100201 (a1), 大均村 331127100202 (a2)
      │ └ 红星街道 331127101000 ── 梧桐村 331127101201 (b1)
      └ 云和县 331128000000
        └ 元和街道 331128100000 ── 沙铺村 331128100201 (c1)

Each village has one household with a head and a spouse; the head of a1 is a party member of
a1's branch, the spouse is not. The `tree` fixture (huanjie/conftest.py) builds it;
`make_user(tree, role)` places a user of each role in it; `valid_id` makes ID numbers for
every app's tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.people.models import (
    HeadRelation,
    Household,
    MembershipStatus,
    PartyMembership,
    PartyOrganization,
    PartyOrganizationKind,
    Person,
    Sex,
)
from huanjie.regions.models import Level, Region, VillageKind, VillagerGroup
from huanjie.rules.eligibility.identity import check_character


@dataclass
class RegionTree:
    province: Region
    city: Region
    county: Region
    township_a: Region
    township_b: Region
    other_county: Region
    other_township: Region
    a1: Region
    a2: Region
    b1: Region
    c1: Region
    heads: dict[str, Person] = field(default_factory=dict)
    spouses: dict[str, Person] = field(default_factory=dict)
    households: dict[str, Household] = field(default_factory=dict)

    @property
    def villages(self) -> dict[str, Region]:
        return {"a1": self.a1, "a2": self.a2, "b1": self.b1, "c1": self.c1}


# Where each role's user sits in the tree: the attribute of `RegionTree`, None = no scope.
PLACEMENT: dict[Role, str | None] = {
    Role.ADMINISTRATOR: None,
    Role.ELECTION_OFFICE: "county",
    Role.TOWNSHIP_OFFICER: "township_a",
    Role.ELECTION_COMMITTEE: "a1",
    Role.REVIEWER: "county",
    Role.VILLAGE_CADRE: "a1",
    Role.VILLAGE_PARTY: "a1",
    Role.OBSERVER: "county",
}


def make_user(tree: RegionTree, role: Role) -> User:
    place = PLACEMENT[role]
    return user_for(role, getattr(tree, place) if place else None)


def valid_id(
    serial: int, *, male: bool = True, birth: str = "19790315", area: str = "331127"
) -> str:
    """An 18-character ID number with a correct check character; the sequence's parity is the
    sex and `serial` keeps numbers of the same birth date apart."""
    sequence = (serial * 2 + (1 if male else 0)) % 1000
    first17 = f"{area}{birth}{sequence:03d}"
    return first17 + check_character(first17)


def build_region_tree() -> RegionTree:
    def region(code: str, name: str, level: Level, parent: Region | None) -> Region:
        kind = VillageKind.VILLAGE if level == Level.VILLAGE else ""
        return Region.objects.create(code=code, name=name, level=level, parent=parent, kind=kind)

    province = region("330000000000", "浙江省", Level.PROVINCE, None)
    city = region("331100000000", "丽水市", Level.CITY, province)
    county = region("331127000000", "景宁畲族自治县", Level.COUNTY, city)
    township_a = region("331127100000", "鹤溪街道", Level.TOWNSHIP, county)
    township_b = region("331127101000", "红星街道", Level.TOWNSHIP, county)
    other_county = region("331128000000", "云和县", Level.COUNTY, city)
    other_township = region("331128100000", "元和街道", Level.TOWNSHIP, other_county)
    tree = RegionTree(
        province=province,
        city=city,
        county=county,
        township_a=township_a,
        township_b=township_b,
        other_county=other_county,
        other_township=other_township,
        a1=region("331127100201", "东坑村", Level.VILLAGE, township_a),
        a2=region("331127100202", "大均村", Level.VILLAGE, township_a),
        b1=region("331127101201", "梧桐村", Level.VILLAGE, township_b),
        c1=region("331128100201", "沙铺村", Level.VILLAGE, other_township),
    )
    for serial, (key, village) in enumerate(tree.villages.items()):
        group = VillagerGroup.objects.create(village=village, name="第一村民小组")
        household = Household.objects.create(village=village, villager_group=group, number="001")
        tree.households[key] = household
        tree.heads[key] = add_person(household, serial, Sex.MALE, HeadRelation.HEAD)
        tree.spouses[key] = add_person(household, serial, Sex.FEMALE, HeadRelation.SPOUSE)
    branch = PartyOrganization.objects.create(
        village=tree.a1, name="东坑村党支部", kind=PartyOrganizationKind.BRANCH
    )
    PartyMembership.objects.create(
        person=tree.heads["a1"], organization=branch, status=MembershipStatus.FULL
    )
    return tree


def add_person(
    household: Household, serial: int, sex: Sex, relation: HeadRelation, *, name: str = ""
) -> Person:
    """A villager of `household` born on 1980-01-01, named after the village and the relation
    unless `name` is given; (`serial`, `sex`) must be new to the test."""
    return Person.objects.create(
        id_number=valid_id(serial, male=sex == Sex.MALE, birth="19800101"),
        name=name or f"{household.village.name}{relation.label}",
        sex=sex,
        birth_date=date(1980, 1, 1),
        village=household.village,
        household=household,
        relation_to_head=relation,
    )
