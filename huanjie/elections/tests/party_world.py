"""A village party election to keep a roll for: 东坑村 (a1 of the region tree) gets a campaign
(party profile PB_2020 unless told), its party organization's election on DAY, and members made
to order with `members(...)`. The tree's own a1 member (the head) stays on the roll."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.campaigns.services import campaign_create, village_plan_create
from huanjie.elections.models import Election
from huanjie.elections.services import election_create
from huanjie.people.models import (
    HeadRelation,
    MembershipStatus,
    PartyMembership,
    PartyOrganization,
    Person,
    PoliticalStatus,
    Sex,
)
from huanjie.regions.models import Region

DAY = date(2026, 4, 18)  # the party organization's election day
BEFORE = date(2026, 3, 20)  # a day the approvals and registrations are made on
_SERIAL = itertools.count(1)


@dataclass
class PartyWorld:
    tree: RegionTree
    village: Region
    election: Election
    branch: PartyOrganization
    people: dict[str, Person] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Person:
        return self.people[name]


def build_party_world(
    tree: RegionTree, *, party_profile: str = "PB_2020", day: date | None = DAY
) -> PartyWorld:
    campaign = campaign_create(
        name="景宁县2026年村级组织换届",
        term_start_year=2026,
        region=tree.county,
        profile_id="ZJ_2025",
        party_profile_id=party_profile,
        window_start=date(2026, 3, 1),
        window_end=date(2026, 6, 30),
        acting_user=None,
    )
    plan = village_plan_create(campaign=campaign, village=tree.a1, acting_user=None)
    election = election_create(
        plan=plan,
        body="party_organization",
        method="two_recommendations",
        seats={"secretary": 1, "deputy_secretary": 1, "member": 3},
        election_day=day,
        acting_user=None,
    )
    branch = PartyOrganization.objects.get(village=tree.a1)
    world = PartyWorld(tree=tree, village=tree.a1, election=election, branch=branch)
    world.people["head"] = tree.heads["a1"]
    return world


def villager(
    world: PartyWorld,
    name: str,
    *,
    sex: str = Sex.MALE,
    ethnicity: str = "汉族",
    political_status: str = PoliticalStatus.MASSES,
) -> Person:
    serial = next(_SERIAL)
    person = Person.objects.create(
        id_number=valid_id(serial, male=sex == Sex.MALE, birth=f"1970{serial % 12 + 1:02d}15"),
        name=name,
        sex=sex,
        birth_date=date(1970, serial % 12 + 1, 15),
        ethnicity=ethnicity,
        political_status=political_status,
        village=world.village,
        household=world.tree.households["a1"],
        relation_to_head=HeadRelation.OTHER,
    )
    world.people[name] = person
    return person


def member(
    world: PartyWorld,
    name: str,
    status: str = MembershipStatus.FULL,
    *,
    probation_until: date | None = None,
    suspended: bool = False,
    floating: bool = False,
    sex: str = Sex.MALE,
    ethnicity: str = "汉族",
) -> Person:
    political = (
        PoliticalStatus.FULL_MEMBER
        if status == MembershipStatus.FULL
        else PoliticalStatus.PROBATIONARY_MEMBER
    )
    person = villager(world, name, sex=sex, ethnicity=ethnicity, political_status=political)
    PartyMembership.objects.create(
        person=person,
        organization=world.branch,
        status=status,
        probation_until=probation_until,
        suspended=suspended,
        floating=floating,
    )
    return person


def members(world: PartyWorld, count: int, prefix: str = "党员", **kwargs: object) -> list[Person]:
    return [member(world, f"{prefix}{i + 1}", **kwargs) for i in range(count)]  # type: ignore[arg-type]
