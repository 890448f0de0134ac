"""Party members' voting rights and the "should attend" base of a party election (§B.3, §B.6).

PB-RIGHTS-1: full members vote and stand; probationary members, members under Party probation
(留党察看) and members whose rights are suspended (留置, arrest) do neither.
PB-RIGHTS-2 [I]: 留党察看 lasts one or two years; rights come back on the day after its last
day (the sanction runs to the end of its term, 民法典 201–203 by analogy), and for two years
from that day the member may not take a post equal to or higher than the one held before.
PB-QUORUM-2: should attend = voting members − exclusions approved by BOTH the higher Party
organization and the members' meeting; SEED-PB-REG optionally leaves out unregistered members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from huanjie.rules.checks import Finding, block, warn
from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.periods import add_years

PROBATION_MAX_YEARS = 2
POST_RESTRICTION_YEARS = 2


class MemberStatus(StrEnum):
    FULL = "full"  # 正式党员
    PROBATIONARY = "probationary"  # 预备党员


@dataclass(frozen=True, slots=True)
class PartyProbation:
    """A 留党察看 sanction; `previous_post_rank` ranks the post held before (higher = senior)."""

    start: date
    end: date  # its last day
    previous_post_rank: int | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RuleViolation("PB-RIGHTS-2", "留党察看的结束日期早于开始日期，请核对处分决定。")
        if self.end >= add_years(self.start, PROBATION_MAX_YEARS):
            raise RuleViolation(
                "PB-RIGHTS-2", "留党察看期为一年或两年，最长不超过两年；请核对处分决定的期限。"
            )

    @property
    def restored_on(self) -> date:
        return self.end + timedelta(days=1)

    @property
    def post_restricted_until(self) -> date:
        """The last day of the two-year restriction on posts after restoration."""
        return add_years(self.restored_on, POST_RESTRICTION_YEARS) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PartyMember:
    key: str
    status: MemberStatus
    probation: PartyProbation | None = None
    suspended: bool = False  # rights suspended: detained (留置) or arrested
    registered: bool = True  # took part in election registration (SEED-PB-REG)


@dataclass(frozen=True, slots=True)
class MemberRights:
    """表决权、选举权、被选举权 come together: PB-RIGHTS-1 grants or withholds all three."""

    has_rights: bool
    rule_id: str
    reason: str


def member_rights(member: PartyMember, on: date) -> MemberRights:
    """PB-RIGHTS-1 and PB-RIGHTS-2 on one day."""
    if member.status is MemberStatus.PROBATIONARY:
        return MemberRights(False, "PB-RIGHTS-1", "预备党员没有表决权、选举权和被选举权。")
    probation = member.probation
    if probation is not None and probation.start <= on <= probation.end:
        return MemberRights(
            False,
            "PB-RIGHTS-2",
            f"留党察看期间（至{probation.end}）没有表决权、选举权和被选举权，"
            f"{probation.restored_on}起恢复。",
        )
    if member.suspended:
        return MemberRights(
            False, "PB-RIGHTS-1", "被留置或逮捕，党员权利已被党组织停止，不能参加选举。"
        )
    return MemberRights(True, "PB-RIGHTS-1", "正式党员，有表决权、选举权和被选举权。")


def post_restriction_issue(member: PartyMember, post_rank: int, on: date) -> Finding | None:
    """PB-RIGHTS-2: within two years of restoration, no post equal to or above the previous one."""
    probation = member.probation
    if (
        probation is None
        or probation.previous_post_rank is None
        or not probation.restored_on <= on <= probation.post_restricted_until
        or post_rank < probation.previous_post_rank
    ):
        return None
    return block(
        "PB-RIGHTS-2",
        f"该党员留党察看期满恢复党员权利后两年内（至{probation.post_restricted_until}），"
        "不得担任与原任职务相当或者高于原任职务的职务；请另行提出人选。",
    )


def party_proxy_issue(profile: Profile) -> Finding | None:
    """PB-RIGHTS-3: a member absent from the meeting cannot vote through anyone else."""
    if profile.get_bool("pb.proxy_allowed"):
        return None
    return block(
        "PB-RIGHTS-3",
        "党员大会选举不能委托他人投票；不能到会的党员不投票。到会但不能书写的党员，"
        "可委托非候选人按本人意愿代写选票。",
    )


def party_scribe_issue(scribe_is_candidate: bool) -> Finding | None:
    """PB-RIGHTS-3: a voter unable to write may have a NON-candidate fill in the ballot."""
    if not scribe_is_candidate:
        return None
    return block("PB-RIGHTS-3", "代写选票的人不能是候选人；请改请一位非候选人代写。")


class ExclusionGround(StrEnum):
    """The grounds of the 中组部 list (rules.md PB-QUORUM-2) and the 2025 additions."""

    ILLNESS = "illness"  # mental illness or an illness that prevents expressing one's will
    ABROAD = "abroad"  # abroad at own expense ≥ 6 months, or cannot return in time
    SERVING_SENTENCE = "serving_sentence"
    BEDRIDDEN = "bedridden"  # elderly and bedridden, or long-term ill
    AWAY = "away"  # transferred, seconded, studying or working elsewhere ≥ 6 months
    RETIRED_ELSEWHERE = "retired_elsewhere"
    FLOATING = "floating"  # 流动党员 who cannot attend and applied


@dataclass(frozen=True, slots=True)
class AttendanceExclusion:
    member_key: str
    ground: ExclusionGround
    higher_org_approved: bool
    meeting_approved: bool


@dataclass(frozen=True, slots=True)
class ShouldAttend:
    members: int
    voting_members: int
    excluded: tuple[str, ...]  # voting members left out by approved exclusions
    unregistered: tuple[str, ...]  # voting members left out under SEED-PB-REG
    should_attend: int
    issues: tuple[Finding, ...]  # exclusions that were not applied, and why


def should_attend(
    members: Iterable[PartyMember],
    exclusions: Iterable[AttendanceExclusion],
    *,
    on: date,
    registration_defines_should_attend: bool = False,
) -> ShouldAttend:
    """PB-QUORUM-2 (and SEED-PB-REG when the profile's switch is on) on election day `on`."""
    roll = {m.key: m for m in members}
    voting = [k for k, m in roll.items() if member_rights(m, on).has_rights]
    issues: list[Finding] = []
    approved: set[str] = set()
    for ex in exclusions:
        if ex.member_key not in roll:
            raise RuleViolation(
                "PB-QUORUM-2",
                f"不予列入应到会人数的 {ex.member_key} 不是本组织党员；"
                "请核对党员名册，或撤回这条不列入申请。",
            )
        if ex.higher_org_approved and ex.meeting_approved:
            approved.add(ex.member_key)
            continue
        missing = "、".join(
            body
            for body, ok in (
                ("上级党组织", ex.higher_org_approved),
                ("党员大会", ex.meeting_approved),
            )
            if not ok
        )
        issues.append(
            warn(
                "PB-QUORUM-2",
                f"{ex.member_key} 不列入应到会人数尚未经{missing}同意，仍计入应到会人数；"
                "须经上级党组织同意并经党员大会通过。",
            )
        )
    excluded = tuple(k for k in voting if k in approved)
    unregistered = tuple(
        k
        for k in voting
        if registration_defines_should_attend and k not in approved and not roll[k].registered
    )
    count = len(voting) - len(excluded) - len(unregistered)
    return ShouldAttend(len(roll), len(voting), excluded, unregistered, count, tuple(issues))
