"""The township officer's voting-day board: every village of the user's regions, the round in
progress of its villagers' committee election (or of the party organization's, the supervision
committee's, the cooperative boards', ?body=…), boxes accepted of total, counted, certified, and
the next step — for a party election's last round, the higher-level committee's approval
(PB-WIN-4). A handful of queries whatever the number of villages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count

from huanjie.accounts.gates import scoped_villages
from huanjie.ballots.models import (
    Box,
    BoxKind,
    PartyApproval,
    RoundLink,
    RoundResult,
    SeatReduction,
    StepKind,
    TallySheet,
)
from huanjie.campaigns.models import CampaignStatus
from huanjie.elections.models import Body, Election
from huanjie.regions.models import Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

NEXT_LABELS = {
    "revote": "选举无效，须重新投票",
    "new_meeting": "须另行开会",
    "tie_revote": "得票相等，须等票重选",
    "supplementary_round": "名额未选足，须另行选举",
    "complete": "选举完成",
}


@dataclass
class VillageRow:
    village: Region
    election: Election | None
    boxes: int = 0
    accepted: int = 0
    result: RoundResult | None = None
    link: RoundLink | None = None
    # Earlier rounds counted but not yet certified by the township (round numbers).
    uncertified: list[int] = field(default_factory=list)
    approved: bool = False  # a party round approved by the higher-level committee (PB-WIN-4)
    reduced: bool = False  # its seats reduced to those elected, no 另行选举 (PB-WIN-3)

    @property
    def stage(self) -> str:
        if self.election is None:
            return "未建立选举"
        if self.result is not None:
            return "已确认" if self.result.certified else "已计票，待乡镇确认"
        if self.accepted:
            return "计票单录入中"
        return "未开始计票"

    @property
    def next_step(self) -> str:
        if self.result is not None:
            outcome = self.result.outcome
            party = self.election is not None and self.election.body == Body.PARTY_ORGANIZATION
            complete = outcome.get("next") == "complete" and outcome.get("valid")
            if party and (complete or self.reduced):
                return "已经上级党委批准" if self.approved else "选举完成，待上级党委审批"
            return NEXT_LABELS.get(outcome.get("next") or "", "—")
        if self.link is not None:
            return StepKind(self.link.kind).label
        return "—"

    @property
    def deadline(self) -> date | None:
        return self.link.deadline if self.link is not None else None


@dataclass
class Board:
    rows: list[VillageRow]
    body: str = Body.VILLAGERS_COMMITTEE

    def count(self, stage: str) -> int:
        return sum(1 for row in self.rows if row.stage == stage)

    @property
    def stages(self) -> list[tuple[str, int]]:
        seen = Counter(row.stage for row in self.rows)
        order = ["未建立选举", "未开始计票", "计票单录入中", "已计票，待乡镇确认", "已确认"]
        return [(stage, seen[stage]) for stage in order if seen[stage]]


# The bodies the board follows, in the order of domain.md §3: the villagers' committee by
# default (?body=…).
BOARD_BODIES: tuple[str, ...] = (
    Body.PARTY_ORGANIZATION,
    Body.VILLAGERS_COMMITTEE,
    Body.SUPERVISION_COMMITTEE,
    Body.COOPERATIVE_BOARD,
    Body.COOPERATIVE_SUPERVISORS,
)


def board(user: User | AnonymousUser, body: str = Body.VILLAGERS_COMMITTEE) -> Board:
    villages = list(scoped_villages(user).select_related("parent").order_by("code"))
    ids = [v.pk for v in villages]
    latest: dict[int, Election] = {}
    elections = (
        Election.objects.filter(body=body, plan__village_id__in=ids)
        .exclude(plan__campaign__status=CampaignStatus.CLOSED)
        .select_related("plan")
        .order_by("plan__village_id", "-plan__campaign__term_start_year", "-round_number")
    )
    earlier: dict[int, list[Election]] = {}
    for election in elections:
        if latest.setdefault(election.plan.village_id, election) is not election:
            earlier.setdefault(election.plan.village_id, []).append(election)
    chosen = list(latest.values())
    waiting = RoundResult.objects.filter(
        election__in=[e for es in earlier.values() for e in es], certified_at__isnull=True
    ).values_list("election_id", flat=True)
    pending = set(waiting)
    in_boxes = Box.objects.filter(village_id__in=ids)
    if body == Body.PARTY_ORGANIZATION:  # a party meeting votes at the central venue only
        in_boxes = in_boxes.filter(kind=BoxKind.CENTRAL)
    boxes = dict(
        in_boxes.values("village_id").annotate(n=Count("id")).values_list("village_id", "n")
    )
    accepted = dict(
        TallySheet.objects.filter(election__in=chosen, accepted_at__isnull=False)
        .values("election_id")
        .annotate(n=Count("id"))
        .values_list("election_id", "n")
    )
    results = {r.election_id: r for r in RoundResult.objects.filter(election__in=chosen)}
    links = {link.election_id: link for link in RoundLink.objects.filter(election__in=chosen)}
    approved = set(
        PartyApproval.objects.filter(election__in=chosen).values_list("election_id", flat=True)
    )
    reduced = set(
        SeatReduction.objects.filter(result__election__in=chosen).values_list(
            "result__election_id", flat=True
        )
    )
    rows = []
    for village in villages:
        current = latest.get(village.pk)
        row = VillageRow(village, current, boxes.get(village.pk, 0))
        if current is not None:
            row.accepted = accepted.get(current.pk, 0)
            row.result = results.get(current.pk)
            row.link = links.get(current.pk)
            row.approved = current.pk in approved
            row.reduced = current.pk in reduced
            row.uncertified = sorted(
                e.round_number for e in earlier.get(village.pk, []) if e.pk in pending
            )
        rows.append(row)
    return Board(rows, body)
