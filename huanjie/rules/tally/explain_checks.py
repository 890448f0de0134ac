"""The tests that decide whether a vote stands, as sentences with their numbers (tally --explain).

Turnout or quorum, then reconciliation (tally-io.md rule 1); the comparison signs show the
integer test as it came out (rules.md §0.3).
"""

from __future__ import annotations

from fractions import Fraction

from huanjie.rules.tally.contest import ElectionContest
from huanjie.rules.tally.model import Assembly, Body, Round
from huanjie.rules.tally.thresholds import assembly_rule


def turnout(contest: ElectionContest) -> tuple[str, str]:
    """The turnout or quorum test: its rule ID and the sentence stating it."""
    present = contest.present or 0
    size = contest.assembly_size or 0
    if contest.body is Body.VILLAGERS_COMMITTEE:
        p, r = contest.participants or 0, contest.registered or 0
        if contest.bar_round is Round.SUPPLEMENTARY and not contest.rules.supp_requires_turnout:
            return (
                "VC-TALLY-1",
                "本规则方案的另行选举不要求过半数选民参加投票（supp.requires_turnout）",
            )
        return "VC-TALLY-1", (
            f"登记选民 {r} 人，参加投票 {p} 人：2×{p}={2 * p} {gt(2 * p > r)} {r}，"
            "参加投票的选民须超过半数（VC-TALLY-1）"
        )
    if contest.body is Body.PARTY_ORGANIZATION and contest.plenary:
        share, members = contest.rules.plenary_quorum, contest.should_attend or 0
        holds = present * share.denominator >= share.numerator * members
        return "PB-QUORUM-3", (
            f"委员会委员 {members} 人，到会 {present} 人：{share.denominator}×{present}="
            f"{present * share.denominator} {_ge(holds)} {share.numerator}×{members}="
            f"{share.numerator * members}，全体会议到会人数须{_share_phrase(share, '>=')}"
            "（PB-QUORUM-3）"
        )
    if contest.body is Body.PARTY_ORGANIZATION:
        rules = contest.rules
        everyone = rules.quorum_base == "all_voting_members"
        base = (contest.voting_members if everyone else contest.should_attend) or 0
        share = rules.quorum_fraction
        holds = _meets(present * share.denominator, share.numerator * base, rules.quorum_cmp)
        who = "全体有选举权的党员" if everyone else "应到会有选举权的党员"
        return "PB-QUORUM-1", (
            f"{who} {base} 人，实到会 {present} 人：{share.denominator}×{present}="
            f"{present * share.denominator} {_op(rules.quorum_cmp, holds)} {share.numerator}×{base}="
            f"{share.numerator * base}，到会人数须{_share_phrase(share, rules.quorum_cmp)}"
            "（PB-QUORUM-1）"
        )
    if contest.body is Body.SUPERVISION_COMMITTEE and contest.assembly is Assembly.VILLAGERS:
        return "REP-2", (
            f"村民会议：18 周岁以上村民 {size} 人，到会 {present} 人：2×{present}={2 * present} "
            f"{gt(2 * present > size)} {size}，到会须超过半数（REP-2）"
        )
    rule = assembly_rule(contest)
    return rule, (
        f"应到{members_word(contest)} {size} 人，到会 {present} 人：3×{present}={3 * present} "
        f"{_ge(3 * present >= 2 * size)} 2×{size}={2 * size}，到会须不少于三分之二（{rule}）"
    )


def reconciliation(contest: ElectionContest) -> str:
    collected, issued = contest.ballots_collected, contest.ballots_issued
    if contest.body is Body.VILLAGERS_COMMITTEE:
        limit, rule = min(issued, contest.participants or 0), "VC-TALLY-2"
        against = f"发出选票 {issued} 张、参加投票 {contest.participants} 人"
    elif contest.body is Body.PARTY_ORGANIZATION:
        rule = "PB-BALLOT-1"
        if contest.rules.reconcile_against == "issued":
            limit, against = issued, f"发出选票 {issued} 张"
        else:
            limit = min(issued, contest.present or 0)
            against = f"发出选票 {issued} 张、实到会 {contest.present} 人"
    else:
        limit, rule = min(issued, contest.present or 0), "VC-TALLY-2"
        against = f"发出选票 {issued} 张、到会 {contest.present} 人"
    return (
        f"收回选票 {collected} 张，{against}：{collected} {_le(collected <= limit)} {limit}，"
        f"收回的选票不得多于发出的选票和投票人数（{rule}）"
    )


def members_word(contest: ElectionContest) -> str:
    return "代表" if contest.assembly is Assembly.REPRESENTATIVES else "成员"


def _meets(lhs: int, rhs: int, cmp: str) -> bool:
    return lhs > rhs if cmp == ">" else lhs >= rhs


def _op(cmp: str, holds: bool) -> str:
    if cmp == ">":
        return gt(holds)
    return _ge(holds)


def _share_phrase(share: Fraction, cmp: str) -> str:
    return f"{'超过' if cmp == '>' else '不少于'} {share.numerator}/{share.denominator}"


def gt(holds: bool) -> str:
    return ">" if holds else "≤"


def _ge(holds: bool) -> str:
    return "≥" if holds else "<"


def _le(holds: bool) -> str:
    return "≤" if holds else ">"
