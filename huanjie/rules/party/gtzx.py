"""公推直选 (PRAC-GTZX, seed 002): the 倒选 cascade (§G.4, SEED-GTZX-2) and SEED-GTZX-1/3.

All voting members elect the secretary, then the deputy secretaries, then the members, in three
rounds of one meeting. Each round's pool is its own candidates plus the previous round's losers;
every round must be competitive (差额). Each vote is an ordinary party contest counted by the
tally engine under the `GTZX` profile (quorum on all voting members, win on those present), so
ties, supplementary votes and void votes follow tally-io.md; this module only decides which vote
comes next and who stands in it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.secretary import Officer, ResultStatus, elected, status_after
from huanjie.rules.profiles.profile import Profile, load_profile
from huanjie.rules.tally import Outcome, count, parse_contest
from huanjie.rules.tally.outcome import Next

GTZX_PROFILE = "GTZX"


class Stage(StrEnum):
    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    MEMBER = "member"


CASCADE_ORDER = (Stage.SECRETARY, Stage.DEPUTY_SECRETARY, Stage.MEMBER)  # 倒选
STAGE_NAMES = {Stage.SECRETARY: "书记", Stage.DEPUTY_SECRETARY: "副书记", Stage.MEMBER: "委员"}


@dataclass(frozen=True, slots=True)
class CascadePlan:
    """What is fixed before the meeting: the electorate, the seats and each round's candidates."""

    voting_members: int  # all voting members of the township: the quorum base (SEED-GTZX-2)
    should_attend: int
    seats: Mapping[Stage, int]
    candidates: Mapping[Stage, tuple[str, ...]]
    profile_id: str = GTZX_PROFILE
    profile_overrides: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RoundTally:
    """The tally sheet of one vote (tally-io.md's party fields, for the post being elected)."""

    present: int
    ballots_collected: int
    invalid_ballots: int
    votes: Mapping[str, int]
    ballots_issued: int | None = None
    invalid_by_rule: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Ballot:
    """A vote the meeting holds: which post, which round, who stands, for how many seats."""

    stage: Stage
    round: str  # first | supplementary | tie_revote
    candidates: tuple[str, ...]
    seats: int
    tie_of: str | None = None


@dataclass(frozen=True, slots=True)
class CountedVote:
    ballot: Ballot
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class CascadeResult:
    votes: tuple[CountedVote, ...]
    elected: tuple[Officer, ...]
    next: str  # "vote" (see `upcoming`), "new_meeting" or "complete"
    upcoming: Ballot | None
    status: ResultStatus  # PB-WIN-4: elected_pending_approval once every round is complete


def run_cascade(plan: CascadePlan, tallies: Sequence[RoundTally]) -> CascadeResult:
    """Count the meeting's votes in order and say what comes next (SEED-GTZX-2, §G.4).

    `tallies` are the tally sheets of the votes held so far; each is matched to the vote the
    cascade requires at that point (the first vote of a round, a tie re-vote, a supplementary
    vote, or the repeat of a void vote), so the caller never states a round by hand.
    """
    profile = load_profile(plan.profile_id, overrides=dict(plan.profile_overrides) or None)
    _check_plan(plan)
    pending = list(tallies)
    done: list[CountedVote] = []
    officers: list[Officer] = []
    carried: tuple[str, ...] = ()
    for stage in CASCADE_ORDER:
        seats = plan.seats.get(stage, 0)
        if seats == 0:
            continue  # no deputy secretary: the losers go on to the members' round
        taken = {officer.person for officer in officers}
        # A round may have no candidates of its own: the previous round's losers stand.
        own = plan.candidates.get(stage, ())
        pool = tuple(dict.fromkeys(p for p in (*own, *carried) if p not in taken))
        _check_competitive(profile, stage, pool, seats)
        stage_elected: list[Officer] = []
        upcoming: Ballot | None = Ballot(stage, "first", pool, seats)
        while upcoming is not None:
            if not pending:
                return _result(done, officers, "vote", upcoming)
            outcome = count(parse_contest(_contest(plan, upcoming, pending.pop(0), officers)))
            done.append(CountedVote(upcoming, outcome))
            won = elected(outcome)
            stage_elected.extend(won)
            officers.extend(won)
            if outcome.next is Next.NEW_MEETING:
                # No quorum (PB-QUORUM-1): the meeting ends; it is convened again from this round.
                if pending:
                    raise _extra_tallies(len(pending))
                return _result(done, officers, "new_meeting", None)
            upcoming = _next_ballot(upcoming, outcome, pool, stage_elected, seats)
        won_here = {officer.person for officer in stage_elected}
        carried = tuple(person for person in pool if person not in won_here)
    if pending:
        raise _extra_tallies(len(pending))
    return _result(done, officers, "complete", None)


def check_registrations(applications: Mapping[str, Sequence[Stage]], profile: Profile) -> None:
    """SEED-GTZX-1: each applicant registers for at most `gtzx.max_posts_per_applicant` posts."""
    limit = profile.get_int("gtzx.max_posts_per_applicant")
    if over := sorted(person for person, posts in applications.items() if len(set(posts)) > limit):
        raise RuleViolation(
            "SEED-GTZX-1",
            f"{'、'.join(over)}报名的职位超过 {limit} 个：每人最多报名 {limit} 个职位，"
            "请让其撤回多余的报名",
        )


def check_recommendation_meeting(
    members: int, nonmember_representatives: int, profile: Profile
) -> None:
    """SEED-GTZX-1: non-member representatives ≤ `gtzx.nonmember_rep_share_max` of the members."""
    share = profile.get_fraction("gtzx.nonmember_rep_share_max")
    if nonmember_representatives * share.denominator > share.numerator * members:
        most = share.numerator * members // share.denominator
        raise RuleViolation(
            "SEED-GTZX-1",
            f"推荐大会的非党员代表 {nonmember_representatives} 人超过党员 {members} 人的 {share}"
            f"（最多 {most} 人）：请减少 {nonmember_representatives - most} 名非党员代表",
        )


@dataclass(frozen=True, slots=True)
class SpeechDraw:
    """A speech order drawn by lot; the recorded seed replays it exactly (SEED-GTZX-1)."""

    seed: int
    order: tuple[str, ...]


def draw_speech_order(applicants: Iterable[str], seed: int) -> SpeechDraw:
    """Draw the speech order from `seed` (an input, never the clock), independent of input order."""
    names = list(applicants)
    if len(set(names)) != len(names):
        twice = sorted({name for name in names if names.count(name) > 1})
        raise RuleViolation(
            "SEED-GTZX-1", f"{'、'.join(twice)}在抽签名单中出现了不止一次：每人只抽一次签，请去重"
        )
    order = sorted(names)
    random.Random(seed).shuffle(order)
    return SpeechDraw(seed=seed, order=tuple(order))


def recall_petition_minimum(members: int, profile: Profile) -> int:
    """Least signatures for a recall petition (SEED-GTZX-3: `5*s >= n` at 1/5)."""
    share = profile.get_fraction("gtzx.recall_petition_fraction")
    return -(-share.numerator * members // share.denominator)


def check_recall_petition(signers: int, members: int, profile: Profile) -> None:
    """SEED-GTZX-3: a recall of a directly elected member needs ≥ 1/5 of the members to petition."""
    if signers > members:
        raise RuleViolation(
            "SEED-GTZX-3", f"联名 {signers} 人多于党员总数 {members} 人：请核对联名名单和党员人数"
        )
    minimum = recall_petition_minimum(members, profile)
    if signers < minimum:
        raise RuleViolation(
            "SEED-GTZX-3",
            f"罢免联名 {signers} 人，不足党员总数 {members} 人的 "
            f"{profile.get_fraction('gtzx.recall_petition_fraction')}（至少 {minimum} 人）："
            f"还需 {minimum - signers} 名党员联名",
        )


def _next_ballot(
    ballot: Ballot,
    outcome: Outcome,
    pool: tuple[str, ...],
    stage_elected: list[Officer],
    seats: int,
) -> Ballot | None:
    if outcome.next is Next.REVOTE:
        return ballot  # the void vote is held again as it was
    if outcome.next is Next.TIE_REVOTE:
        tie = outcome.tie_revote[0]  # one post per round: one tie group
        tie_of = ballot.tie_of if ballot.round == "tie_revote" else ballot.round
        return Ballot(ballot.stage, "tie_revote", tie.persons, tie.seats, tie_of)
    open_seats = seats - len(stage_elected)
    if open_seats == 0:
        return None
    won = {officer.person for officer in stage_elected}
    # PB-WIN-3: the open seats go to a supplementary vote among the round's other candidates.
    rest = tuple(person for person in pool if person not in won)
    return Ballot(ballot.stage, "supplementary", rest, open_seats)


def _contest(
    plan: CascadePlan, ballot: Ballot, tally: RoundTally, before: list[Officer]
) -> dict[str, object]:
    contest: dict[str, object] = {
        "profile": plan.profile_id,
        "body": "party_organization",
        "round": ballot.round,
        "should_attend": plan.should_attend,
        "voting_members": plan.voting_members,
        "present": tally.present,
        "ballots_collected": tally.ballots_collected,
        "invalid_ballots": tally.invalid_ballots,
        "seats": {ballot.stage.value: ballot.seats},
        "candidates": {ballot.stage.value: list(ballot.candidates)},
        "votes": {ballot.stage.value: dict(tally.votes)},
        "elected_before": [{"person": o.person, "post": o.post} for o in before],
    }
    if plan.profile_overrides:
        contest["profile_overrides"] = dict(plan.profile_overrides)
    if ballot.tie_of is not None:
        contest["tie_of"] = ballot.tie_of
    if tally.ballots_issued is not None:
        contest["ballots_issued"] = tally.ballots_issued
    if tally.invalid_by_rule:
        contest["invalid_by_rule"] = dict(tally.invalid_by_rule)
    return contest


def _check_plan(plan: CascadePlan) -> None:
    if plan.seats.get(Stage.SECRETARY) != 1:
        raise RuleViolation("SEED-GTZX-2", "公推直选第一轮只选书记一人：请把书记职位数设为 1")
    for stage in CASCADE_ORDER:
        if plan.seats.get(stage, 0) < 0:
            raise RuleViolation(
                "SEED-GTZX-2", f"{STAGE_NAMES[stage]}职位数不能为负数：请填写 0 或正整数"
            )


def _check_competitive(profile: Profile, stage: Stage, pool: tuple[str, ...], seats: int) -> None:
    if profile.get_bool("gtzx.every_round_competitive") and len(pool) <= seats:
        raise RuleViolation(
            "SEED-GTZX-2",
            f"{STAGE_NAMES[stage]}一轮候选人 {len(pool)} 人，不多于应选 {seats} 人：公推直选每一轮都须"
            "差额选举，请增加本轮候选人",
        )


def _extra_tallies(extra: int) -> RuleViolation:
    return RuleViolation(
        "SEED-GTZX-2",
        f"多出 {extra} 张计票单：按已计的结果，本次会议不再进行这些投票，请核对计票单的顺序",
    )


def _result(
    done: list[CountedVote], officers: list[Officer], step: str, upcoming: Ballot | None
) -> CascadeResult:
    return CascadeResult(
        votes=tuple(done),
        elected=tuple(officers),
        next=step,
        upcoming=upcoming,
        status=status_after(step, bool(officers)),
    )
