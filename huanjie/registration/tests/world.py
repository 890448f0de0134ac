"""The region tree of accounts/tests/region_tree.py with a villagers' committee election in every
village on H-9's election day (2026-03-28, a Saturday; profile ZJ_2020 as H-9's VC examples), and
people of every kind for the register: a minor, one who turns 18 on election day, a villager away,
one deprived of political rights, a resident with another village's registration.

    景宁县 campaign: 东坑村 a1, 大均村 a2 (鹤溪街道), 梧桐村 b1 (红星街道)
    云和县 campaign: 沙铺村 c1 — another county, the same term
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.calendar.models import HolidayDay, HolidayKind, HolidayYear
from huanjie.campaigns.models import Campaign, CampaignStatus, VillagePlan
from huanjie.elections.models import Body, Election, ElectionStatus, Method
from huanjie.people.models import HeadRelation, Household, Person, Sex
from huanjie.registration.models import VoterRegister

E = date(2026, 3, 28)  # H-9's election day (Sat)
PROFILE = "ZJ_2020"
LABOUR_DAY = [date(2026, 5, d) for d in range(1, 6)]
LABOUR_DAY_MAKEUP = [date(2026, 4, 26), date(2026, 5, 9)]


@dataclass
class World:
    tree: RegionTree
    elections: dict[str, Election] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)

    def register(self, key: str) -> VoterRegister:
        return VoterRegister.objects.get(election=self.elections[key])


def holidays_2026() -> None:
    """The Labour Day rows of the 2026 notice (the table the calendar tests read), whatever the
    seeded table holds."""
    HolidayYear.objects.update_or_create(
        year=2026, defaults={"source": "国办发明电〔2025〕7号", "complete": True}
    )
    for day in LABOUR_DAY:
        HolidayDay.objects.update_or_create(
            date=day, defaults={"kind": HolidayKind.HOLIDAY, "name": "劳动节", "source": "测试"}
        )
    for day in LABOUR_DAY_MAKEUP:
        HolidayDay.objects.update_or_create(
            date=day,
            defaults={"kind": HolidayKind.MAKEUP_WORKDAY, "name": "劳动节", "source": "测试"},
        )


def person(
    household: Household | None,
    serial: int,
    name: str,
    *,
    birth: date = date(1980, 1, 1),
    male: bool = True,
    relation: str = HeadRelation.SON,
    village: Any = None,
    **fields: Any,
) -> Person:
    place = household.village if household is not None else village
    return Person.objects.create(
        id_number=valid_id(serial, male=male, birth=birth.strftime("%Y%m%d")),
        name=name,
        sex=Sex.MALE if male else Sex.FEMALE,
        birth_date=birth,
        village=place,
        household=household,
        relation_to_head=relation if household is not None else "",
        **fields,
    )


def build_world(tree: RegionTree, *, day: date = E) -> World:
    holidays_2026()
    world = World(tree)
    for region, keys in ((tree.county, ("a1", "a2", "b1")), (tree.other_county, ("c1",))):
        campaign = Campaign.objects.create(
            name=f"{region.name}2026年村级组织换届",
            term_start_year=2026,
            region=region,
            profile_id=PROFILE,
            window_start=date(2026, 1, 1),
            window_end=date(2026, 12, 31),
            status=CampaignStatus.ACTIVE,
        )
        for key in keys:
            plan = VillagePlan.objects.create(campaign=campaign, village=tree.villages[key])
            world.elections[key] = Election.objects.create(
                plan=plan,
                body=Body.VILLAGERS_COMMITTEE,
                method=Method.WITH_CANDIDATES,
                election_day=day,
                status=ElectionStatus.SCHEDULED,
            )
    home = tree.households["a1"]
    world.people.update(
        minor=person(home, 10, "东坑少年", birth=date(2010, 6, 1)),
        eighteen=person(home, 11, "东坑满十八", birth=date(2008, 3, 28), male=False),
        away=person(home, 12, "东坑外出", resides_in_village=False),
        deprived=person(home, 13, "东坑剥权", deprived_of_political_rights=True),
        in_law=person(
            home,
            14,
            "东坑外地媳",
            male=False,
            relation=HeadRelation.DAUGHTER_IN_LAW,
            hukou_in_village=False,
        ),
    )
    return world
