"""东坑村's villagers' committee election (ZJ_2025, election day 2026-04-18: self-nominees
register by 04-08, the list is published by 04-13, a candidate declines by 04-15) with a few
villagers and the 主任's 招贤榜 published on 03-20."""

from __future__ import annotations

from datetime import date

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.committees.tests.world import World, build_world, villager
from huanjie.elections.services import election_create
from huanjie.elections.tests.party_world import PartyWorld, build_party_world
from huanjie.nominations.models import Recruitment
from huanjie.nominations.services import recruitment_publish

NOTICE_DAY = date(2026, 3, 20)
REQUIREMENTS = "五有：有干事激情、有担当精神、有实干能力、有群众基础、有良好品行；X：熟悉村集体经济"


def nomination_world(tree: RegionTree) -> tuple[World, Recruitment]:
    world = build_world(tree)
    for name in ("李四", "王五", "丁一", "张三"):
        villager(world, name)
    villager(world, "赵小", birth=date(2010, 1, 1))
    chair = recruitment_publish(
        village=world.village,
        post="chair",
        requirements=REQUIREMENTS,
        on=NOTICE_DAY,
        acting_user=None,
    )
    return world, chair


# What a bare 委员 is refused with where both bodies have one (PRAC-2T1X-1).
BOTH = (
    "村党组织和村民委员会都有委员职位，无法确定是哪一个；"
    "请写明“村党组织委员”或“村民委员会委员”（也可写“党组织委员”或“村委会委员”）。"
)


def both_bodies_world(tree: RegionTree) -> PartyWorld:
    """东坑村 with its party organization's election and a villagers' committee's beside it
    (主任 and two 委员: both bodies have a 委员 post)."""
    world = build_party_world(tree)
    election_create(
        plan=world.election.plan,
        body="villagers_committee",
        method="with_candidates",
        seats={"chair": 1, "member": 2},
        election_day=date(2026, 4, 18),
        acting_user=None,
    )
    return world
