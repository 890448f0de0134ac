"""Electing the village Party secretary and deputy (rules.md §B.9 PB-SEC-1..4, PB-QUORUM-3, PB-WIN-4).

Normal order (PB-SEC-1): the members' meeting elects the committee, then the committee's first
plenary elects the secretary and deputy from the NEWLY elected members (PB-BALLOT-5). A branch
without a committee elects them at the members' meeting (PB-SEC-2); a members' meeting or a
公推直选 cascade electing them under a committee is only an approved pilot (PB-SEC-3). Every vote
is counted by the tally engine; the result waits for the higher organization's approval (PB-WIN-4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.tally import ElectionContest, Outcome, count, parse_contest
from huanjie.rules.tally.outcome import Next

PARTY_BODY = "party_organization"
OFFICER_POSTS = ("secretary", "deputy_secretary")


class ElectingBody(StrEnum):
    COMMITTEE_PLENARY = "committee_plenary"  # PB-SEC-1
    MEMBERS_MEETING = "members_meeting"  # PB-SEC-2; PB-SEC-3 as an approved pilot
    CASCADE = "cascade"  # 公推直选 倒选 (huanjie.rules.party.gtzx), an approved pilot


class ResultStatus(StrEnum):
    IN_PROGRESS = "in_progress"  # a further vote or a new meeting is due
    ELECTED_PENDING_APPROVAL = "elected_pending_approval"  # PB-WIN-4
    APPROVED = "approved"


@dataclass(frozen=True, slots=True)
class Officer:
    person: str
    post: str
    votes: int


@dataclass(frozen=True, slots=True)
class OfficerVote:
    """The tally sheet of one vote electing the secretary and/or deputy (tally-io.md fields)."""

    present: int
    seats: Mapping[str, int]
    candidates: Mapping[str, tuple[str, ...]]
    ballots_collected: int
    invalid_ballots: int
    votes: Mapping[str, Mapping[str, int]]
    scrutineers: tuple[str, ...]
    ballots_issued: int | None = None
    invalid_by_rule: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SecretaryResult:
    body: ElectingBody
    status: ResultStatus
    next: str  # tally-io.md `next`: new_meeting, revote, tie_revote, supplementary_round, complete
    elected: tuple[Officer, ...]
    outcome: Outcome
    rule: str | None = None  # the rule that stopped the vote, when one did
    not_counted: tuple[str, ...] = ()  # write-ins without the right to stand here (PB-BALLOT-5)
    approval_doc_id: str | None = None


def electing_body(
    profile: Profile, *, has_committee: bool, pilot_approval_doc_id: str | None = None
) -> ElectingBody:
    """Which meeting elects the secretary (PB-SEC-1..3, PRAC-GTZX-5)."""
    if not has_committee:
        return ElectingBody.MEMBERS_MEETING  # PB-SEC-2: no committee to hold a plenary
    mode = profile.get_str("pb.secretary_mode")
    if mode == "by_committee":
        return ElectingBody.COMMITTEE_PLENARY
    if not (pilot_approval_doc_id or "").strip():
        raise RuleViolation(
            "PB-SEC-3",
            "由全体党员直接选举书记只能作为经批准的试点：请先录入上级党组织同意试点的批准文件编号，"
            "否则应由新当选的委员会全体会议选举书记",
        )
    return ElectingBody.MEMBERS_MEETING if mode == "by_members_meeting" else ElectingBody.CASCADE


def plenary_quorum_minimum(committee_size: int, profile: Profile) -> int:
    """Least members present for the plenary to elect (PB-QUORUM-3; H-7: 5 members → 4)."""
    share = profile.get_fraction("pb.plenary_quorum")
    return -(-share.numerator * committee_size // share.denominator)


def newly_elected_committee(outcomes: Sequence[Outcome]) -> tuple[str, ...]:
    """The committee the plenary elects from: everyone the members' meeting elected (PB-SEC-1).

    `outcomes` are the members' meeting votes in order; the last must have completed the
    committee, because the plenary may only sit once the committee is elected.
    """
    if not outcomes or outcomes[-1].next is not Next.COMPLETE:
        raise RuleViolation(
            "PB-SEC-1",
            "委员会尚未选举完成：先由党员大会选出全部委员（含另行选举、等票重选），"
            "再召开委员会第一次全体会议选举书记、副书记",
        )
    members = {seat.person for outcome in outcomes for seat in elected(outcome)}
    return tuple(sorted(members))


def check_scrutineers(
    scrutineers: Iterable[str],
    candidates: Mapping[str, Sequence[str]],
    committee: Sequence[str] | None = None,
) -> None:
    """PB-SEC-4: scrutineers are non-candidates; at a plenary, committee members not standing."""
    standing = {person for persons in candidates.values() for person in persons}
    chosen = set(scrutineers)
    if clash := sorted(chosen & standing):
        raise RuleViolation(
            "PB-SEC-4",
            f"监票人{'、'.join(clash)}是本次选举的候选人：监票人须从非候选人中推选，请更换",
        )
    if committee is not None and (outsiders := sorted(chosen - set(committee))):
        raise RuleViolation(
            "PB-SEC-4",
            f"监票人{'、'.join(outsiders)}不是新当选的委员：委员会全体会议的监票人须从"
            "不是书记、副书记候选人的委员中推选，请更换",
        )


def count_plenary(
    committee: Sequence[str],
    vote: OfficerVote,
    *,
    profile_id: str = "PB_2020",
    profile_overrides: Mapping[str, object] | None = None,
) -> SecretaryResult:
    """The committee's first plenary elects the secretary and deputy (PB-SEC-1, PB-QUORUM-3)."""
    members = set(committee)
    _check_posts(vote)
    if outsiders := sorted(
        {person for persons in vote.candidates.values() for person in persons} - members
    ):
        raise RuleViolation(
            "PB-SEC-1",
            f"{'、'.join(outsiders)}不是新当选的委员：书记、副书记只能从新当选的委员中选举，"
            "请从候选人名单中删去",
        )
    check_scrutineers(vote.scrutineers, vote.candidates, committee)
    if vote.present > len(members):
        raise RuleViolation(
            "PB-QUORUM-3",
            f"到会 {vote.present} 人多于委员 {len(members)} 人：请核对到会委员人数",
        )
    # PB-BALLOT-5: a write-in counts only for a newly elected committee member.
    not_counted = sorted(
        {person for persons in vote.votes.values() for person in persons} - members
    )
    counted = {
        post: {person: n for person, n in tally.items() if person in members}
        for post, tally in vote.votes.items()
    }
    contest = _contest(profile_id, profile_overrides or {}, len(members), vote, counted)
    # Every committee member votes here, whatever base the members' meeting's quorum uses.
    contest["voting_members"] = len(members)
    parsed = parse_contest(contest)
    assert isinstance(parsed, ElectionContest), "a party body is an election"
    # The plenary's own quorum, PB-QUORUM-3, replaces the members' meeting's PB-QUORUM-1.
    outcome = count(replace(parsed, plenary=True))
    result = _result(ElectingBody.COMMITTEE_PLENARY, outcome)
    return replace(result, not_counted=tuple(not_counted))


def count_members_meeting(
    should_attend: int,
    vote: OfficerVote,
    *,
    profile_id: str = "PB_2020",
    profile_overrides: Mapping[str, object] | None = None,
    voting_members: int | None = None,
) -> SecretaryResult:
    """The members' meeting elects the secretary directly (PB-SEC-2, or PB-SEC-3 as a pilot)."""
    _check_posts(vote)
    check_scrutineers(vote.scrutineers, vote.candidates)
    contest = _contest(profile_id, dict(profile_overrides or {}), should_attend, vote, vote.votes)
    if voting_members is not None:
        contest["voting_members"] = voting_members
    return _result(ElectingBody.MEMBERS_MEETING, count(parse_contest(contest)))


def record_approval(result: SecretaryResult, approval_doc_id: str) -> SecretaryResult:
    """PB-WIN-4: the higher organization's approval turns a finished result into an approved one."""
    if result.status is not ResultStatus.ELECTED_PENDING_APPROVAL:
        raise RuleViolation(
            "PB-WIN-4",
            "选举尚未产生最终结果（或已批准）：待全部职位选出后再报上级党组织审批",
        )
    if not approval_doc_id.strip():
        raise RuleViolation("PB-WIN-4", "请填写上级党组织批复的文件编号后再记录批准")
    return replace(result, status=ResultStatus.APPROVED, approval_doc_id=approval_doc_id.strip())


def elected(outcome: Outcome) -> tuple[Officer, ...]:
    return tuple(
        Officer(person=seat.person, post=seat.post.value, votes=seat.votes)
        for seat in outcome.elected
    )


def status_after(next_step: str, anyone_elected: bool) -> ResultStatus:
    """PB-WIN-4: a finished vote that elected someone waits for approval; otherwise voting goes on."""
    if next_step == Next.COMPLETE and anyone_elected:
        return ResultStatus.ELECTED_PENDING_APPROVAL
    return ResultStatus.IN_PROGRESS


def _result(body: ElectingBody, outcome: Outcome) -> SecretaryResult:
    officers = elected(outcome)
    step = str(outcome.next)  # a party count always says what comes next
    return SecretaryResult(
        body=body,
        status=status_after(step, bool(officers)),
        next=step,
        elected=officers,
        outcome=outcome,
        rule=outcome.rule,
    )


def _check_posts(vote: OfficerVote) -> None:
    if others := sorted(set(vote.seats) - set(OFFICER_POSTS)):
        raise RuleViolation(
            "PB-SEC-1",
            f"职位 {'、'.join(others)} 不由本次会议选举：这里只选书记（secretary）和"
            "副书记（deputy_secretary）",
        )


def _contest(
    profile_id: str,
    overrides: Mapping[str, object],
    should_attend: int,
    vote: OfficerVote,
    votes: Mapping[str, Mapping[str, int]],
) -> dict[str, object]:
    contest: dict[str, object] = {
        "profile": profile_id,
        "body": PARTY_BODY,
        "should_attend": should_attend,
        "present": vote.present,
        "ballots_collected": vote.ballots_collected,
        "invalid_ballots": vote.invalid_ballots,
        "seats": dict(vote.seats),
        "candidates": {post: list(persons) for post, persons in vote.candidates.items()},
        "votes": {post: dict(tally) for post, tally in votes.items()},
    }
    if overrides:
        contest["profile_overrides"] = dict(overrides)
    if vote.ballots_issued is not None:
        contest["ballots_issued"] = vote.ballots_issued
    if vote.invalid_by_rule:
        contest["invalid_by_rule"] = dict(vote.invalid_by_rule)
    return contest
