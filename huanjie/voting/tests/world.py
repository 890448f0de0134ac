"""东坑村 (the ballots' world: ZJ_2025, election day 2026-04-18, ten voters) with families and
one candidate, a committee member, a township officer and a central venue.

张伟 is the candidate (chair). Confirmed links: 张伟 is 王强's father and 李梅's husband; 赵刚
and 陈静 are spouses; 刘洋 and 周杰 are brothers; 吴磊 is 刘洋's father. 外村人 lives in the
village but is not on the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import BoxKind
from huanjie.ballots.tests.world import build
from huanjie.committees.tests.world import World, family, villager
from huanjie.nominations.models import Application, Kind, Recruitment, Status
from huanjie.voting.models import Station
from huanjie.voting.services import station_add

DAY = date(2026, 4, 18)


@dataclass
class VotingWorld:
    world: World
    committee: User
    township: User
    central: Station

    def __getitem__(self, name: str):  # type: ignore[no-untyped-def]
        return self.world[name]


def build_voting(tree: RegionTree) -> VotingWorld:
    tw = build(tree)
    world = tw.world
    w = world.people
    family(w["张伟"], w["王强"], "parent_child")
    family(w["张伟"], w["李梅"], "spouse")
    family(w["赵刚"], w["陈静"], "spouse")
    family(w["刘洋"], w["周杰"], "sibling")
    family(w["吴磊"], w["刘洋"], "parent_child")
    villager(world, "外村人")
    recruitment = Recruitment.objects.create(
        election=world.election,
        post="chair",
        requirements="五有",
        published_on=date(2026, 3, 20),
    )
    Application.objects.create(
        recruitment=recruitment,
        person=w["张伟"],
        kind=Kind.SELF,
        filed_on=date(2026, 3, 25),
        status=Status.ACCEPTED,
        accepted_on=date(2026, 4, 1),
    )
    committee = user_for(Role.ELECTION_COMMITTEE, tree.a1, username="voting-ec")
    township = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="voting-tw")
    tw.central.delete()
    tw.mobile.delete()
    central = station_add(
        election=world.election,
        kind=BoxKind.CENTRAL,
        name="中心会场",
        place="村文化礼堂",
        hours="8:00—12:00",
        acting_user=committee,
    )
    return VotingWorld(world, committee, township, central)
