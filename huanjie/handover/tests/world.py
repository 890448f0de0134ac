"""东坑村 of the tally world with its villagers' committee counted from one box's sheet that both
clerks entered alike, for each of its two boxes: the result completes the committee, so the handover is open."""

from __future__ import annotations

from dataclasses import dataclass

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.world import TallyWorld, build, sheet
from huanjie.handover.models import Handover


@dataclass
class HandoverWorld:
    tally: TallyWorld
    clerk: User
    officer: User
    handover: Handover


def counted(tree: RegionTree) -> TallyWorld:
    tw = build(tree)
    election = tw.world.election
    numbers = sheet(
        3,
        3,
        0,
        0,
        chair={"张伟": 3},
        vice_chair={"赵刚": 3},
        member={"刘洋": 3, "周杰": 3},
        women_member={"李梅": 3},
    )
    for box in (tw.central, tw.mobile):
        for clerk in (tw.first, tw.second):
            sheet_entry_record(election=election, box=box, numbers=numbers, acting_user=clerk)
    return tw


def build_handover(tree: RegionTree) -> HandoverWorld:
    tw = counted(tree)
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    handover = Handover.objects.get(election=tw.world.election)
    return HandoverWorld(tw, tw.first, officer, handover)
