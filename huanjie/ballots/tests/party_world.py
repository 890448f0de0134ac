"""东坑村's party election counted from sheets: rules.md H-7's roll (40 voting members who should
attend: the tree's head and 39 more full members, of whom 张一…张六 are the candidates A–F),
PB_2020 unless told, seats secretary 1, deputy 1, member 3 (a committee of 5), two committee
clerks, the central venue and a mobile box."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import Box, BoxKind, RoundResult
from huanjie.ballots.services import sheet_entry_record
from huanjie.elections.models import Election
from huanjie.elections.tests.party_world import PartyWorld, build_party_world, member

# rules.md H-7's candidates A–F.
A, B, C, D, E, F = "张一", "张二", "张三", "张四", "张五", "张六"


@dataclass
class PartyTally:
    world: PartyWorld
    first: User
    second: User
    central: Box
    mobile: Box

    @property
    def election(self) -> Election:
        return self.world.election

    def both(
        self, election: Election, numbers: Numbers, box: Box | None = None
    ) -> RoundResult | None:
        """Both clerks enter the same sheet; the round's result when it was counted. A round the
        system created (另行选举, a new meeting) is held today: its day is set first (VC-VOTE-6)."""
        if election.election_day is None:
            Election.objects.filter(pk=election.pk).update(election_day=timezone.localdate())
            election.refresh_from_db()
        sheet_entry_record(
            election=election, box=box or self.central, numbers=numbers, acting_user=self.first
        )
        return sheet_entry_record(
            election=election, box=box or self.central, numbers=numbers, acting_user=self.second
        ).result


def build(tree: RegionTree, *, party_profile: str = "PB_2020") -> PartyTally:
    world = build_party_world(tree, party_profile=party_profile)
    for name in (A, B, C, D, E, F):
        member(world, name)
    for n in range(33):
        member(world, f"党员{n:02d}")
    first = user_for(Role.ELECTION_COMMITTEE, tree.a1, username="pclerk1")
    second = user_for(Role.ELECTION_COMMITTEE, tree.a1, username="pclerk2")
    central = Box.objects.create(village=world.village, kind=BoxKind.CENTRAL, name="中心会场")
    mobile = Box.objects.create(village=world.village, kind=BoxKind.MOBILE, name="流动票箱一")
    return PartyTally(world, first, second, central, mobile)


def h7_sheet(present: int = 32, **changes: int) -> Numbers:
    """H-7's members' meeting: issued 32, collected 32, one over-voted ballot invalid."""
    numbers = {"issued": 32, "collected": 32, "invalid": 1, **changes}
    return Numbers(
        numbers["issued"],
        numbers["collected"],
        numbers["invalid"],
        0,
        {"member": {A: 30, B: 28, C: 22, D: 21, E: 20, F: 16}},
        present,
    )
