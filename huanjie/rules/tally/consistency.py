"""Numbers that cannot all be true (tally-io.md "Exit status"): the contest is refused (IO-1).

`ballots_collected` above participants or ballots issued is NOT here: that is a lawful void
vote (VC-TALLY-2, PB-BALLOT-1), decided by the count.
"""

from __future__ import annotations

from collections import Counter

from huanjie.rules.tally.contest import ElectionContest, RecallContest
from huanjie.rules.tally.fields import at
from huanjie.rules.tally.model import ContestError, Post, Round, Sex, post_name


def check_recall(contest: RecallContest) -> None:
    if contest.participants > contest.registered:
        raise ContestError(
            "participants",
            f"参加投票人数 {contest.participants} 超过登记选民数 {contest.registered}，请核对",
        )
    if contest.yes > contest.participants:
        raise ContestError(
            "yes", f"赞成票 {contest.yes} 超过参加投票人数 {contest.participants}，请核对"
        )


def check_election(contest: ElectionContest) -> None:
    _check_head_counts(contest)
    if contest.votes is not None:
        _check_tally_sheet(contest)
    elif contest.ballots is not None and len(contest.ballots) != contest.ballots_collected:
        raise ContestError(
            "ballots",
            f"逐张选票共 {len(contest.ballots)} 张，与收回选票数（JSON 字段 ballots_collected）"
            f" {contest.ballots_collected} 张不符；每张收回的选票都应列出（无效票写"
            ' {"invalid": 原因}）',
        )
    if contest.round is Round.TIE_REVOTE:
        _check_tie_revote(contest)


def _check_tie_revote(contest: ElectionContest) -> None:
    """Only the tied persons stand again, for every post re-voted, and none holds a seat."""
    candidates = contest.candidates or {}
    earlier = {seat.person for seat in contest.elected_before}
    for post in contest.seats:
        if post not in candidates:
            raise ContestError(
                at("candidates", post),
                "等票重选轮须在等票人名单（JSON 字段 candidates）中列出该职位的等票人，请补上",
            )
        for index, person in enumerate(candidates[post]):
            if person in earlier:
                raise ContestError(
                    at(at("candidates", post), index),
                    f"{person} 已在前面的轮次当选，不能参加等票重选，请从等票人中删去",
                )


def _check_head_counts(contest: ElectionContest) -> None:
    if contest.participants is not None and contest.registered is not None:
        if contest.participants > contest.registered:
            raise ContestError(
                "participants",
                f"参加投票人数 {contest.participants} 超过登记选民数 {contest.registered}，请核对",
            )
        if contest.ballots_issued < contest.participants:
            raise ContestError(
                "ballots_issued",
                f"发出选票 {contest.ballots_issued} 张少于参加投票人数 {contest.participants}"
                "（每位参加投票的选民都领了选票），请核对",
            )
    if (
        contest.present is not None
        and contest.assembly_size is not None
        and contest.present > contest.assembly_size
    ):
        raise ContestError(
            "present",
            f"到会人数 {contest.present} 超过应到人数（JSON 字段 assembly_size）"
            f" {contest.assembly_size}，请核对",
        )


def _check_tally_sheet(contest: ElectionContest) -> None:
    assert contest.votes is not None and contest.invalid_ballots is not None
    if contest.invalid_ballots > contest.ballots_collected:
        raise ContestError(
            "invalid_ballots",
            f"无效票 {contest.invalid_ballots} 张超过收回选票 {contest.ballots_collected} 张，请核对",
        )
    valid = contest.ballots_collected - contest.invalid_ballots
    women_only = contest.women_only_section
    totals: Counter[str] = Counter()
    for post, section in contest.votes.items():
        field = at("votes", post)
        for person, count in section.items():
            if count > valid:
                raise ContestError(
                    at(field, person),
                    f"{person} 得 {count} 票，超过有效票 {valid} 张（每张选票每人最多一票），请核对",
                )
            man = contest.facts(person).sex is Sex.MALE
            if women_only and post is Post.WOMEN_MEMBER and count and man:
                raise ContestError(
                    at(field, person),
                    f"妇女委员职位单列，只能选女性；{person} 为男性，其得票不应计入，请删去",
                    "VC-ORG-2",
                )
            totals[person] += count
        limit = contest.seats[post] * valid
        if sum(section.values()) > limit:
            raise ContestError(
                field,
                f"{post_name(contest.body, post)}各人得票合计 {sum(section.values())} 超过名额 ×"
                f" 有效票 = {limit}，请核对",
            )
    if contest.rules.same_person_multi_post_invalid:
        for person in sorted(totals):
            if totals[person] > valid:
                raise ContestError(
                    "votes",
                    f"本规则下同一人不能同时填在两个职位上，{person} 各职位得票合计"
                    f" {totals[person]} 超过有效票 {valid} 张，请核对",
                )
