"""东坑村 (committees' world: ZJ_2025, chair 1, vice chair 1, member 2, women member 1) with a
register of ten voters — two named 王芳 (an ambiguous write-in), 李梅 a woman — two committee
clerks, and a central venue and a mobile box."""

from __future__ import annotations

from dataclasses import dataclass

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import Box, BoxKind
from huanjie.committees.tests.world import World, build_world, villager
from huanjie.people.models import Sex
from huanjie.registration.models import Category, Voter, VoterRegister

NAMES = [
    ("张伟", Sex.MALE),
    ("李梅", Sex.FEMALE),
    ("王强", Sex.MALE),
    ("赵刚", Sex.MALE),
    ("陈静", Sex.FEMALE),
    ("王芳", Sex.FEMALE),
    ("王芳", Sex.FEMALE),
    ("刘洋", Sex.MALE),
    ("周杰", Sex.MALE),
    ("吴磊", Sex.MALE),
]


@dataclass
class TallyWorld:
    world: World
    first: User
    second: User
    central: Box
    mobile: Box


def build(tree: RegionTree) -> TallyWorld:
    world = build_world(tree)
    register = VoterRegister.objects.create(
        election=world.election, village=world.village, term_year=2026
    )
    for n, (name, sex) in enumerate(NAMES):
        person = villager(world, name, sex=sex)
        Voter.objects.create(
            register=register,
            person=person,
            term_year=2026,
            category=Category.HUKOU_RESIDENT,
            name=name,
            sex=sex,
            sort_key=f"{n:04d}",
        )
    first = user_for(Role.ELECTION_COMMITTEE, tree.a1, username="clerk1")
    second = user_for(Role.ELECTION_COMMITTEE, tree.a1, username="clerk2")
    central = Box.objects.create(village=world.village, kind=BoxKind.CENTRAL, name="中心会场")
    mobile = Box.objects.create(village=world.village, kind=BoxKind.MOBILE, name="流动票箱一")
    return TallyWorld(world, first, second, central, mobile)


def sheet(
    issued: int = 6, collected: int = 6, invalid: int = 1, blank: int = 1, **votes: dict[str, int]
) -> Numbers:
    default = {
        "chair": {"张伟": 4, "王强": 1},
        "vice_chair": {"赵刚": 5},
        "member": {"刘洋": 4, "周杰": 4, "吴磊": 2},
        "women_member": {"李梅": 5},
    }
    return Numbers(issued, collected, invalid, blank, votes or default)
