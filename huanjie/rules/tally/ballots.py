"""Ballot classification (tally-io.md "Ballot mode") and the votes that count.

Per ballot, in order: a physical invalidity the scrutineers declared; no name at all
(INVALID-BLANK); the same person twice in one section (VC-TALLY-4 / PB-BALLOT-3); more names in
a section than its seats (VC-TALLY-3 / PB-BALLOT-2 — under `position_section` scope only that
section is dropped); the same person in two sections where `ballot.same_person_multi_post_invalid`
(VC-TALLY-3, ZJ art 27). On a valid ballot a mark for a man in a women-only `women_member`
section is not counted (VC-ORG-2).

Whatever the mode, votes for someone already elected in an earlier round are not counted
(VC-MULTI-1), and in a tie re-vote only the tied persons' votes count (VC-TALLY-6 / PB-WIN-2).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from huanjie.rules.tally.contest import Ballot, ElectionContest
from huanjie.rules.tally.model import INVALID_RULES, Body, Post, Round, Sex

VC_MULTI_1 = "VC-MULTI-1"


@dataclass(frozen=True)
class Count:
    """The valid ballots, the invalid ones by rule, and the counted votes per post."""

    valid: int
    invalid_by_rule: Mapping[str, int]
    votes: Mapping[Post, Mapping[str, int]]
    reasons: tuple[str, ...]


def tie_rule(body: Body) -> str:
    return "PB-WIN-2" if body is Body.PARTY_ORGANIZATION else "VC-TALLY-6"


def count_votes(contest: ElectionContest) -> Count:
    if contest.votes is not None:
        assert contest.invalid_ballots is not None
        raw = contest.votes
        valid = contest.ballots_collected - contest.invalid_ballots
        invalid_by_rule = contest.invalid_by_rule or MappingProxyType({})
        reasons: list[str] = []
    else:
        classified = classify(contest)
        raw, valid = classified.votes, classified.valid
        invalid_by_rule, reasons = classified.invalid_by_rule, list(classified.reasons)
    votes, dropped = _counted(contest, raw)
    return Count(valid, invalid_by_rule, votes, (*reasons, *dropped))


def classify(contest: ElectionContest) -> Count:
    """The ballots of a ballot-mode contest classified one by one: the valid ones, the invalid
    ones by rule and the marks each person received on valid ballots — what a box's tally sheet
    would state, before VC-MULTI-1 and the tie re-vote's filter (those apply to the round)."""
    assert contest.ballots is not None
    sheet = _Sheet(contest)
    for ballot in contest.ballots:
        sheet.read(ballot)
    # In rule order, not ballot order: the outcome never depends on the order of ballots.
    reasons = tuple(rule for rule in (*INVALID_RULES, "VC-ORG-2") if rule in sheet.reasons)
    invalid_by_rule = MappingProxyType(
        {rule: sheet.invalid[rule] for rule in INVALID_RULES if sheet.invalid[rule]}
    )
    return Count(sheet.valid, invalid_by_rule, sheet.votes(), reasons)


def _counted(
    contest: ElectionContest, raw: Mapping[Post, Mapping[str, int]]
) -> tuple[Mapping[Post, Mapping[str, int]], tuple[str, ...]]:
    earlier = {seat.person for seat in contest.elected_before}
    reasons: list[str] = []
    counted: dict[Post, Mapping[str, int]] = {}
    for post in contest.seats:
        section: dict[str, int] = {}
        for person, votes in raw.get(post, {}).items():
            if person in earlier:
                reasons.append(VC_MULTI_1)
            elif (
                contest.candidates is not None
                and contest.round is Round.TIE_REVOTE
                and (person not in contest.candidates[post])
            ):
                reasons.append(tie_rule(contest.body))
            else:
                section[person] = votes
        counted[post] = MappingProxyType(section)
    return MappingProxyType(counted), _unique(reasons)


def _unique(rules: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(rules))


class _Sheet:
    """Accumulates the classification of the ballots of one contest."""

    def __init__(self, contest: ElectionContest) -> None:
        self.contest = contest
        party = contest.body is Body.PARTY_ORGANIZATION
        self.overvote_rule = "PB-BALLOT-2" if party else "VC-TALLY-3"
        self.duplicate_rule = "PB-BALLOT-3" if party else "VC-TALLY-4"
        # Party ballots: an over-voted ballot is void as a whole (PB-BALLOT-2).
        self.section_scope = not party and contest.rules.overvote_scope == "position_section"
        self.multi_post_invalid = contest.rules.same_person_multi_post_invalid
        self.women_only = contest.women_only_section
        self.valid = 0
        self.invalid: Counter[str] = Counter()
        self.counts: dict[Post, Counter[str]] = {post: Counter() for post in contest.seats}
        self.reasons: list[str] = []

    def read(self, ballot: Ballot) -> None:
        if ballot.invalid is not None:
            self.invalid[ballot.invalid] += 1
            return
        if not any(persons for _, persons in ballot.marks):
            self._void("INVALID-BLANK")
            return
        if any(len(set(persons)) < len(persons) for _, persons in ballot.marks):
            self._void(self.duplicate_rule)
            return
        over = {post for post, persons in ballot.marks if len(persons) > self.contest.seats[post]}
        if over and not self.section_scope:
            self._void(self.overvote_rule)
            return
        if over:
            self.reasons.append(self.overvote_rule)
        kept = [(post, persons) for post, persons in ballot.marks if post not in over]
        if self.multi_post_invalid:
            named = Counter(person for _, persons in kept for person in persons)
            if any(times > 1 for times in named.values()):
                self._void("VC-TALLY-3")
                return
        self.valid += 1
        for post, persons in kept:
            for person in persons:
                if self._uncounted(post, person):
                    self.reasons.append("VC-ORG-2")
                else:
                    self.counts[post][person] += 1

    def _void(self, rule: str) -> None:
        self.invalid[rule] += 1
        self.reasons.append(rule)

    def _uncounted(self, post: Post, person: str) -> bool:
        return (
            self.women_only
            and post is Post.WOMEN_MEMBER
            and self.contest.facts(person).sex is Sex.MALE
        )

    def votes(self) -> Mapping[Post, Mapping[str, int]]:
        return MappingProxyType(
            {post: MappingProxyType(dict(counter)) for post, counter in self.counts.items()}
        )
