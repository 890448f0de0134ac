"""Reads of the villager group leaders: announcement 5's meeting, and each villager group of the
village with its selection, leader and deputies (the page, the API, the command and the
announcements 5 and 6-1 read the same picture). The caller has passed the village gate."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from huanjie.committees.models import (
    GroupElectionNotice,
    GroupLeaderSelection,
    GroupLeaderVote,
    GroupPost,
)
from huanjie.committees.selectors import in_stroke_order
from huanjie.committees.services.common import vc_election
from huanjie.committees.services.representatives import group_households
from huanjie.elections.models import Election
from huanjie.people.models import Person
from huanjie.regions.models import Region, VillagerGroup


@dataclass(frozen=True)
class GroupLine:
    group: VillagerGroup
    households: int  # on the household register
    selection: GroupLeaderSelection | None
    votes: tuple[GroupLeaderVote, ...] = ()

    def _elected(self, post: str) -> list[Person]:
        return [v.person for v in self.votes if v.elected and v.post == post]

    @property
    def leader(self) -> Person | None:
        found = self._elected(GroupPost.LEADER)
        return found[0] if found else None

    @property
    def deputies(self) -> list[Person]:
        return in_stroke_order(self._elected(GroupPost.DEPUTY))


@dataclass(frozen=True)
class GroupLeadersView:
    village: Region
    election: Election | None
    notice: GroupElectionNotice | None
    lines: list[GroupLine] = field(default_factory=list)

    @property
    def selected(self) -> int:
        return sum(1 for line in self.lines if line.selection is not None)

    @property
    def leaders(self) -> int:
        return sum(1 for line in self.lines if line.leader is not None)

    @property
    def deputies(self) -> int:
        return sum(len(line.deputies) for line in self.lines)

    @property
    def last_held(self) -> GroupLeaderSelection | None:
        held = [line.selection for line in self.lines if line.selection is not None]
        return max(held, key=lambda s: s.held_on) if held else None


def group_leaders_view(*, village: Region) -> GroupLeadersView:
    """The village's groups with households on the register (and any group that met), in their
    order, each with its selection in the round's villagers' committee election (4 queries)."""
    election = vc_election(village)
    if election is None:
        return GroupLeadersView(village, None, None)
    notice = GroupElectionNotice.objects.filter(election=election).first()
    selections = {
        s.villager_group_id: s
        for s in GroupLeaderSelection.objects.filter(election=election).prefetch_related(
            Prefetch(
                "votes",
                queryset=GroupLeaderVote.objects.select_related("person").order_by(
                    "-post", "-votes", "pk"
                ),
            )
        )
    }
    lines = []
    for found in group_households(village):
        selection = selections.get(found.group.pk)
        if not found.households and selection is None:
            continue
        votes = tuple(selection.votes.all()) if selection is not None else ()
        lines.append(GroupLine(found.group, len(found.households), selection, votes))
    return GroupLeadersView(village, election, notice, lines)
