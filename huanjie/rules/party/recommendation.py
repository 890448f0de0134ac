"""Recommendation rounds of 两推 and 三推 (SEED-3T2S1X, PB-NOM-1, SEED-GTZX-1): who may sit in
the meeting, the count of each round's tally, and the 胜任指数 (competency index) summary.

Pure: numbers in, results out. A round's tally is entered once (who came, ballots collected,
void ballots, each person's votes) and counted here; the Django side keeps the rows.

- 两推 (seed 001, 郑坑乡): ① 党员和群众推荐 (members and masses, weighed for the person's support)
  ② 乡党委推荐 (the township committee) → 候选人初步人选.
- 三推 (seed 000): ① 初始提名推荐 (self / joint / organization: the applications themselves)
  ② 群众信任推荐 at the members-and-masses meeting → 候选人预备人选
  ③ 乡镇党委差额票决 → 正式候选人 (fewer formal candidates than provisional ones); then the
  formal candidates' second statement (两述) at the members' meeting, which then elects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from huanjie.rules.checks import Cmp, Finding, block, fraction_phrase, minimum_count, warn
from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.nomination import check_township_vote


class Procedure(StrEnum):
    TWO = "two"  # 两推
    THREE = "three"  # 三推


class RoundKind(StrEnum):
    PARTY_MASSES = "party_masses"  # 两推①：党员和群众推荐
    TOWNSHIP_RECOMMENDATION = "township_recommendation"  # 两推②：乡党委推荐
    INITIAL_NOMINATION = "initial_nomination"  # 三推①：初始提名推荐
    MASS_TRUST = "mass_trust"  # 三推②：群众信任推荐
    TOWNSHIP_VOTE = "township_vote"  # 三推③：乡镇党委差额票决
    MEMBERS_MEETING = "members_meeting"  # 两述之二：党员大会竞职陈述、问答（不计票）


ROUNDS: dict[Procedure, tuple[RoundKind, ...]] = {
    Procedure.TWO: (RoundKind.PARTY_MASSES, RoundKind.TOWNSHIP_RECOMMENDATION),
    Procedure.THREE: (
        RoundKind.INITIAL_NOMINATION,
        RoundKind.MASS_TRUST,
        RoundKind.TOWNSHIP_VOTE,
        RoundKind.MEMBERS_MEETING,
    ),
}

ROUND_NAMES: dict[RoundKind, str] = {
    RoundKind.PARTY_MASSES: "党员和群众推荐",
    RoundKind.TOWNSHIP_RECOMMENDATION: "乡镇党委推荐",
    RoundKind.INITIAL_NOMINATION: "初始提名推荐",
    RoundKind.MASS_TRUST: "群众信任推荐",
    RoundKind.TOWNSHIP_VOTE: "乡镇党委差额票决",
    RoundKind.MEMBERS_MEETING: "党员大会竞职陈述",
}

# Rounds held by the township Party committee: its members vote, no villagers take part.
TOWNSHIP_ROUNDS = frozenset({RoundKind.TOWNSHIP_RECOMMENDATION, RoundKind.TOWNSHIP_VOTE})
# The round whose outcome is the formal candidates; the others give provisional ones.
FORMAL_ROUNDS = frozenset({RoundKind.TOWNSHIP_RECOMMENDATION, RoundKind.TOWNSHIP_VOTE})
# Meetings without a vote: the initial nomination is the applications themselves; at the members'
# meeting the formal candidates make their second statement (两述) before the election.
NO_TALLY_ROUNDS = frozenset({RoundKind.INITIAL_NOMINATION, RoundKind.MEMBERS_MEETING})


def round_order_check(procedure: Procedure, held: Sequence[RoundKind], kind: RoundKind) -> None:
    """SEED-3T2S1X / PB-NOM-1: the rounds of a procedure run in order, each once."""
    order = ROUNDS[procedure]
    if kind not in order:
        names = "、".join(ROUND_NAMES[k] for k in order)
        raise RuleViolation(
            "SEED-3T2S1X",
            f"“{ROUND_NAMES[kind]}”不属于{_procedure_name(procedure)}；"
            f"{_procedure_name(procedure)}依次为：{names}。",
        )
    if kind in held:
        raise RuleViolation(
            "SEED-3T2S1X", f"“{ROUND_NAMES[kind]}”已经登记过；每一推只登记一次，请修改原记录。"
        )
    missing = [k for k in order[: order.index(kind)] if k not in held]
    if missing:
        raise RuleViolation(
            "SEED-3T2S1X",
            f"“{ROUND_NAMES[kind]}”之前须先完成“{ROUND_NAMES[missing[0]]}”；请按顺序进行。",
        )


def _procedure_name(procedure: Procedure) -> str:
    return "两推" if procedure is Procedure.TWO else "三推"


def nonmember_limit(members: int, share: Fraction) -> int:
    """The most non-member representatives a meeting of `members` members may admit."""
    return share.numerator * members // share.denominator


def check_participants(members: int, nonmember_representatives: int, share: Fraction) -> None:
    """SEED-GTZX-1: non-member representatives at most `share` of the members present
    (`n × den ≤ num × members`: 30 members at 3/10 admit 9, not 10)."""
    if members < 0 or nonmember_representatives < 0:
        raise RuleViolation("SEED-GTZX-1", "参加人数不能为负数；请核对后重新填写。")
    if nonmember_representatives * share.denominator > share.numerator * members:
        most = nonmember_limit(members, share)
        raise RuleViolation(
            "SEED-GTZX-1",
            f"非党员代表{nonmember_representatives}人，超过党员{members}人的"
            f"{share.numerator}/{share.denominator}（最多{most}人）；"
            f"请减少{nonmember_representatives - most}名非党员代表。",
        )


@dataclass(frozen=True, slots=True)
class Tally:
    """One round's figures as entered once: who should and did come, ballots, void ballots,
    each person's votes and how many places the round fills (the set number on a ballot)."""

    eligible: int  # 应到人数
    present: int  # 实到人数
    ballots: int  # 收回票数
    void: int  # 无效票数
    votes: Mapping[str, int]  # 每人得票
    places: int  # 本轮产生人数（每张票最多推荐人数）


@dataclass(frozen=True, slots=True)
class RankedPerson:
    key: str
    votes: int
    share: Fraction  # of the ballots collected
    supported: bool  # reached the minimum support
    advances: bool  # goes forward (provisional or formal)


@dataclass(frozen=True, slots=True)
class RoundCount:
    valid: int
    needed: int  # least votes for support
    ranked: tuple[RankedPerson, ...]  # by votes, most first; then by key
    advancing: tuple[str, ...]
    tied_at_cut: tuple[str, ...]
    findings: tuple[Finding, ...]


def _check_tally(t: Tally) -> None:
    problems: list[str] = []
    if min(t.eligible, t.present, t.ballots, t.void, t.places, *t.votes.values(), 0) < 0:
        problems.append("人数和票数不能为负数")
    elif t.present > t.eligible:
        problems.append(f"实到{t.present}人多于应到{t.eligible}人")
    elif t.ballots > t.present:
        problems.append(f"收回{t.ballots}票多于实到{t.present}人")
    elif t.void > t.ballots:
        problems.append(f"无效票{t.void}张多于收回的{t.ballots}张")
    elif t.places < 1:
        problems.append("本轮产生人数至少为1")
    else:
        valid = t.ballots - t.void
        over = sorted(k for k, v in t.votes.items() if v > valid)
        if over:
            problems.append(f"{'、'.join(over)}的得票多于有效票{valid}张")
        elif sum(t.votes.values()) > valid * t.places:
            problems.append(
                f"得票合计{sum(t.votes.values())}票，多于有效票{valid}张×每票最多{t.places}人"
            )
    if problems:
        raise RuleViolation("PB-NOM-1", f"{problems[0]}；请核对计票单后重新填写。")


def count_round(
    tally: Tally,
    kind: RoundKind,
    min_support: Fraction = Fraction(1, 2),
    cmp: Cmp = Cmp.MORE_THAN,
    provisional: int | None = None,
) -> RoundCount:
    """Count one round: support is `votes ⋛ min_support × ballots collected` (void ones included:
    a void ballot still comes from someone who took part); the top `places` supported people
    advance; a tie across the last place advances none of the tied (the committee decides);
    fewer supported people than places is a block (seed 001: a low share may not become a
    candidate). For the township's competitive vote, `provisional` is how many stood: the vote
    must leave fewer formal candidates than that (SEED-3T2S1X)."""
    _check_tally(tally)
    needed = minimum_count(min_support, tally.ballots, cmp)
    order = sorted(tally.votes.items(), key=lambda item: (-item[1], item[0]))
    supported = [k for k, v in order if v >= needed and v > 0]
    advancing = supported[: tally.places]
    tied: list[str] = []
    findings: list[Finding] = []
    name = ROUND_NAMES[kind]
    if len(supported) > tally.places and (
        tally.votes[supported[tally.places]] == tally.votes[supported[tally.places - 1]]
    ):
        cut = tally.votes[supported[tally.places]]
        tied = [k for k in supported if tally.votes[k] == cut]
        advancing = [k for k in supported if tally.votes[k] > cut]
        findings.append(
            block(
                "PB-NOM-1",
                f"{'、'.join(tied)}得票均为{cut}票，并列于第{tally.places}名；"
                "请由乡镇党委研究或组织并列人员再次推荐后确定。",
            )
        )
    if len(supported) < tally.places:
        findings.append(
            block(
                "PB-NOM-1",
                f"“{name}”得票达到收回票数{tally.ballots}张的"
                f"{fraction_phrase(min_support, cmp)}（至少{needed}票）的只有{len(supported)}人，"
                f"少于本轮应产生的{tally.places}人；认可度、得票率低的不得确定为候选人，"
                "请扩大推荐范围后重新推荐。",
            )
        )
    if kind is RoundKind.TOWNSHIP_VOTE and provisional is not None:
        competitive = check_township_vote(provisional, tally.places)
        if competitive is not None:
            findings.append(competitive)
    if kind not in TOWNSHIP_ROUNDS and tally.present * 5 < tally.eligible * 4:
        findings.append(
            warn(
                "PB-NOM-1",
                f"实到{tally.present}人，不足应到{tally.eligible}人的五分之四；"
                "推荐的代表性不足，请说明原因或另行组织推荐。",
            )
        )
    ranked = tuple(
        RankedPerson(
            key=k,
            votes=v,
            share=Fraction(v, tally.ballots) if tally.ballots else Fraction(0),
            supported=k in supported,
            advances=k in advancing,
        )
        for k, v in order
    )
    return RoundCount(
        valid=tally.ballots - tally.void,
        needed=needed,
        ranked=ranked,
        advancing=tuple(advancing),
        tied_at_cut=tuple(tied),
        findings=tuple(findings),
    )


# 胜任指数 ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompetencyItem:
    key: str
    name: str
    weight: int  # 权重（各项之和不必为100，按比例折算）
    full_mark: int  # 满分


@dataclass(frozen=True, slots=True)
class CompetencySummary:
    assessments: int
    item_means: tuple[tuple[str, Fraction], ...]  # per item: mean score, in item order
    index: Fraction  # 0..100


def competency_summary(
    items: Sequence[CompetencyItem], assessments: Sequence[Mapping[str, int]]
) -> CompetencySummary:
    """胜任指数 (seed 001, 户代表测评): per item the mean score over the household
    representatives' assessments; the index is Σ weight × mean / full mark, over Σ weight, × 100.
    Every assessment scores every item, between 0 and the item's full mark."""
    if not items:
        raise RuleViolation(
            "SEED-3T2S1X", "还没有设置胜任指数测评项目；请县级管理员先设置项目和权重。"
        )
    if any(i.weight <= 0 or i.full_mark <= 0 for i in items):
        raise RuleViolation("SEED-3T2S1X", "测评项目的权重和满分都须大于0；请修改项目设置。")
    for n, sheet in enumerate(assessments, start=1):
        for item in items:
            score = sheet.get(item.key)
            if score is None:
                raise RuleViolation(
                    "SEED-3T2S1X", f"第{n}份测评表缺少“{item.name}”的分数；请补填。"
                )
            if not 0 <= score <= item.full_mark:
                raise RuleViolation(
                    "SEED-3T2S1X",
                    f"第{n}份测评表“{item.name}”{score}分，不在0至{item.full_mark}分之间；请核对。",
                )
    count = len(assessments)
    means = tuple(
        (i.key, Fraction(sum(s[i.key] for s in assessments), count) if count else Fraction(0))
        for i in items
    )
    total_weight = sum(i.weight for i in items)
    index = (
        sum(
            (
                Fraction(i.weight, 1) * mean / i.full_mark
                for i, (_, mean) in zip(items, means, strict=True)
            ),
            Fraction(0),
        )
        * 100
        / total_weight
    )
    return CompetencySummary(assessments=count, item_means=means, index=index)


# 两推一选 weighted tally (PRAC-2T1X-2) ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeightedPerson:
    key: str
    party_votes: int  # 党员推荐得票
    rep_votes: int  # 村民代表（群众）推荐得票
    score: Fraction  # w_party × party_votes + w_rep × rep_votes
    advances: bool


@dataclass(frozen=True, slots=True)
class WeightedCount:
    party: RoundCount  # the members' meeting counted on its own
    reps: RoundCount  # the representatives' meeting counted on its own
    ranked: tuple[WeightedPerson, ...]  # by score, highest first; then by key
    advancing: tuple[str, ...]
    tied_at_cut: tuple[str, ...]
    findings: tuple[Finding, ...]


def count_weighted(
    party: Tally,
    reps: Tally,
    w_party: Fraction,
    w_rep: Fraction,
    min_support: Fraction = Fraction(1, 2),
    cmp: Cmp = Cmp.MORE_THAN,
) -> WeightedCount:
    """PRAC-2T1X-2, 两推① with separate ballots: the members' meeting and the village
    representatives' meeting each vote (and are each counted as a round), then every person's
    score is `w_party × party_votes + w_rep × rep_votes` (local weights) and the top `places`
    by score go forward as preliminary candidates. Both meetings fill the same number of
    places; a tie across the last place advances none of the tied; fewer people with a score
    than places is a block."""
    if w_party < 0 or w_rep < 0 or w_party + w_rep == 0:
        raise RuleViolation(
            "PRAC-2T1X-2",
            "党员推荐和群众推荐的权重不能为负数，也不能都为0；请县级管理员核对权重设置。",
        )
    if party.places != reps.places:
        raise RuleViolation(
            "PRAC-2T1X-2",
            f"党员推荐每票推荐{party.places}人，群众推荐每票推荐{reps.places}人；"
            "两次推荐产生的人数须相同，请核对计票单。",
        )
    party_count = count_round(party, RoundKind.PARTY_MASSES, min_support, cmp)
    reps_count = count_round(reps, RoundKind.PARTY_MASSES, min_support, cmp)
    keys = sorted(set(party.votes) | set(reps.votes))
    scores = {k: w_party * party.votes.get(k, 0) + w_rep * reps.votes.get(k, 0) for k in keys}
    order = sorted((k for k in keys if scores[k] > 0), key=lambda k: (-scores[k], k))
    places = party.places
    advancing = order[:places]
    tied: list[str] = []
    findings: list[Finding] = []
    if len(order) > places and scores[order[places]] == scores[order[places - 1]]:
        cut = scores[order[places]]
        tied = [k for k in order if scores[k] == cut]
        advancing = [k for k in order if scores[k] > cut]
        findings.append(
            block(
                "PRAC-2T1X-2",
                f"{'、'.join(tied)}加权得分均为{_score(cut)}分，并列于第{places}名；"
                "请由乡镇党委研究或组织并列人员再次推荐后确定。",
            )
        )
    if len(order) < places:
        findings.append(
            block(
                "PRAC-2T1X-2",
                f"两次推荐合计只有{len(order)}人得票，少于应产生的{places}人；"
                "请扩大推荐范围后重新推荐。",
            )
        )
    ranked = tuple(
        WeightedPerson(
            key=k,
            party_votes=party.votes.get(k, 0),
            rep_votes=reps.votes.get(k, 0),
            score=scores[k],
            advances=k in advancing,
        )
        for k in sorted(keys, key=lambda k: (-scores[k], k))
    )
    return WeightedCount(
        party=party_count,
        reps=reps_count,
        ranked=ranked,
        advancing=tuple(advancing),
        tied_at_cut=tuple(tied),
        findings=tuple(findings),
    )


def _score(value: Fraction) -> str:
    """A score as people write it: 32, or 32.5 (two places at most)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0")
