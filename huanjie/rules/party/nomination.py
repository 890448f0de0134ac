"""How village Party candidates are recommended: PB-DIFF-4, PRAC-2T1X-3/4 and SEED-3T2S1X.

These are local practice (PRACTICE scope, SRC-PBQA / SRC-PRACT / seed 000), so their numbers
live in a `RecommendationPractice` a county may change, not in the law's profiles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction

from huanjie.rules.checks import Cmp, Finding, Threshold, block, fraction_phrase
from huanjie.rules.errors import RuleViolation


@dataclass(frozen=True, slots=True)
class RecommendationPractice:
    """PRAC-2T1X-4 / PB-DIFF-4: list of seats + 2 … 2 × seats, people backed by > half."""

    list_min_extra: int = 2
    list_max_factor: int = 2
    min_support: Fraction = field(default=Fraction(1, 2))
    min_support_cmp: Cmp = Cmp.MORE_THAN

    def list_bounds(self, seats: int) -> tuple[int, int]:
        # For one or two seats "× 2" is below "+ 2" (1 seat: 3 … 2); the minimum then wins, so a
        # single-seat list has exactly seats + 2 names [I].
        low = seats + self.list_min_extra
        return low, max(low, seats * self.list_max_factor)


def recommendation_ballot_valid(names: Sequence[str], set_number: int) -> bool:
    """PRAC-2T1X-3: a ballot naming more people than the set number is void; fewer is valid."""
    return len(set(names)) <= set_number


@dataclass(frozen=True, slots=True)
class RecommendationResult:
    ballots: int
    void_ballots: int
    votes: tuple[tuple[str, int], ...]  # by votes, most first; then by key
    supported: tuple[str, ...]  # backed by the minimum support, in vote order
    preliminary: tuple[str, ...]  # the preliminary list (预备人选)
    tied_at_cut: tuple[str, ...]  # equal votes across the list's last place
    findings: tuple[Finding, ...]


def preliminary_list(
    ballots: Sequence[Sequence[str]],
    set_number: int,
    seats: int,
    list_size: int,
    practice: RecommendationPractice | None = None,
) -> RecommendationResult:
    """Count recommendation ballots and fix the preliminary list (PRAC-2T1X-3/4, PB-DIFF-4).

    Support is measured against all ballots collected, void ones included [I]: a void ballot
    still comes from someone who took part in the recommendation.
    """
    rules = practice or RecommendationPractice()
    low, high = rules.list_bounds(seats)
    if not low <= list_size <= high:
        raise RuleViolation(
            "PB-DIFF-4",
            f"应选{seats}名时，预备人选名单应为{low}至{high}名，现定为{list_size}名；"
            "请在此范围内确定名单人数。",
        )
    valid = [b for b in ballots if recommendation_ballot_valid(b, set_number)]
    counts = Counter(name for b in valid for name in set(b))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def backed(votes: int) -> bool:
        return Threshold(
            "PRAC-2T1X-4",
            "推荐票",
            votes,
            "参加推荐人数",
            len(ballots),
            rules.min_support,
            rules.min_support_cmp,
            "",
        ).met

    supported = [name for name, votes in ranked if backed(votes)]
    preliminary, tied = supported[:list_size], []
    findings: list[Finding] = []
    if (
        len(supported) > list_size
        and counts[supported[list_size]] == counts[supported[list_size - 1]]
    ):
        cut = counts[supported[list_size]]
        tied = [name for name in supported if counts[name] == cut]
        preliminary = [name for name in supported if counts[name] > cut]
        findings.append(
            block(
                "PRAC-2T1X-4",
                f"{'、'.join(tied)}得票均为{cut}票，并列于名单末位；"
                "请由乡镇党委研究或组织并列人员再次推荐后确定。",
            )
        )
    if len(supported) < low:
        findings.append(
            block(
                "PB-DIFF-4",
                f"推荐票达到参加推荐人数{fraction_phrase(rules.min_support, rules.min_support_cmp)}"
                f"的仅{len(supported)}人，少于应选人数加{rules.list_min_extra}"
                f"（{low}名）；请扩大推荐范围后重新推荐。",
            )
        )
    return RecommendationResult(
        ballots=len(ballots),
        void_ballots=len(ballots) - len(valid),
        votes=tuple(ranked),
        supported=tuple(supported),
        preliminary=tuple(preliminary),
        tied_at_cut=tuple(tied),
        findings=tuple(findings),
    )


# SEED-3T2S1X -----------------------------------------------------------------------------------


class NominationChannel(StrEnum):
    SELF = "self"  # 个人自荐
    JOINT = "joint"  # 党员群众联名推荐
    ORGANIZATION = "organization"  # 组织推荐


class Stage(StrEnum):
    INITIAL_NOMINATION = "initial_nomination"  # 初始提名推荐
    TRUST_RECOMMENDATION = "trust_recommendation"  # 群众信任推荐（陈述 + 问答）
    TOWNSHIP_VOTE = "township_vote"  # 乡镇党委差额票决，产生正式候选人
    MEMBERS_STATEMENT = "members_statement"  # 党员大会竞职陈述 + 问答
    ELECTION = "election"  # 党员大会选举


STAGES = tuple(Stage)

STAGE_NAMES = {
    Stage.INITIAL_NOMINATION: "初始提名推荐",
    Stage.TRUST_RECOMMENDATION: "党员群众大会信任推荐（陈述、问答）",
    Stage.TOWNSHIP_VOTE: "乡镇党委差额票决",
    Stage.MEMBERS_STATEMENT: "党员大会竞职陈述、问答",
    Stage.ELECTION: "党员大会选举",
}


def next_stage(done: Sequence[tuple[Stage, date]]) -> Stage | None:
    """The stage due next; None once the election is held."""
    held = {stage for stage, _ in done}
    return next((stage for stage in STAGES if stage not in held), None)


def check_stages(done: Sequence[tuple[Stage, date]]) -> list[Finding]:
    """SEED-3T2S1X: three recommendations → two statements → one election, in this order."""
    findings: list[Finding] = []
    seen: dict[Stage, date] = {}
    for stage, day in done:
        if stage in seen:
            findings.append(
                block("SEED-3T2S1X", f"“{STAGE_NAMES[stage]}”重复登记；请删除重复记录。")
            )
            continue
        index = STAGES.index(stage)
        missing = [s for s in STAGES[:index] if s not in seen]
        if missing:
            findings.append(
                block(
                    "SEED-3T2S1X",
                    f"“{STAGE_NAMES[stage]}”之前尚未完成“{STAGE_NAMES[missing[0]]}”；"
                    "请按三推、两述、一选的顺序进行。",
                )
            )
        later = [s for s, d in seen.items() if d > day]
        if later:
            findings.append(
                block(
                    "SEED-3T2S1X",
                    f"“{STAGE_NAMES[stage]}”（{day.isoformat()}）早于已完成的"
                    f"“{STAGE_NAMES[later[0]]}”；请核对日期。",
                )
            )
        seen[stage] = day
    return findings


def check_township_vote(provisional: int, formal: int) -> Finding | None:
    """SEED-3T2S1X: the township committee's vote is competitive (差额): fewer formal candidates."""
    if formal < provisional:
        return None
    return block(
        "SEED-3T2S1X",
        f"乡镇党委票决的候选人预备人选{provisional}名、确定正式候选人{formal}名，未实行差额；"
        "请从预备人选中差额票决产生正式候选人。",
    )
