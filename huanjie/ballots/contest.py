"""Tally sheets as contests of the counting contract (tally-io.md): one box's entry, checked at
entry by the engine, and the round's summed sheets, counted by the engine. Nothing here decides
a count: the numbers go to `huanjie.rules.tally` as JSON and its verdicts come back."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from huanjie.ballots import party_contest
from huanjie.ballots.assemblies import contest_terms, is_assembly_body
from huanjie.ballots.models import RoundLink
from huanjie.elections.models import Election, Round

# The contract's round of an election without a RoundLink (a first round, or a re-vote made
# by hand): a re-vote (重新选举) is counted as the round it repeats, a first vote.
ENGINE_ROUND = {
    Round.FIRST: "first",
    Round.REVOTE: "first",
    Round.SUPPLEMENTARY: "supplementary",
    Round.TIE_REVOTE: "tie_revote",
    Round.PLENARY: "first",  # the committee plenary's first vote (PB-SEC-1)
}
BLANK = "INVALID-BLANK"
OTHER = "INVALID-OTHER"


@dataclass(frozen=True)
class Numbers:
    """What one sheet says (one clerk's entry, or the sum of a round's sheets)."""

    ballots_issued: int
    ballots_collected: int
    invalid_ballots: int
    blank_ballots: int
    votes: dict[str, dict[str, int]] = field(default_factory=dict)
    present: int | None = None  # a meeting's members present (a party sheet); None for a box
    # Invalid ballots by rule where the engine classified them (boxes counted ballot by ballot):
    # part of `invalid_ballots` (its INVALID-BLANK part of `blank_ballots`); a sheet has none.
    by_rule: dict[str, int] = field(default_factory=dict)

    @property
    def names(self) -> set[str]:
        return {name for persons in self.votes.values() for name in persons}

    def __add__(self, other: Numbers) -> Numbers:
        votes: dict[str, Counter[str]] = {}
        for section in (self.votes, other.votes):
            for post, persons in section.items():
                votes.setdefault(post, Counter()).update(persons)
        return Numbers(
            self.ballots_issued + other.ballots_issued,
            self.ballots_collected + other.ballots_collected,
            self.invalid_ballots + other.invalid_ballots,
            self.blank_ballots + other.blank_ballots,
            {post: dict(counter) for post, counter in votes.items()},
            _present(self.present, other.present),
            dict(Counter(self.by_rule) + Counter(other.by_rule)),
        )

    def invalid_by_rule(self) -> dict[str, int]:
        """The invalid ballots by rule: the engine's classification where there is one, the
        rest as the sheets state them (blank, and otherwise invalid)."""
        known = Counter(self.by_rule)
        blank = self.blank_ballots - known[BLANK]
        other = self.invalid_ballots - self.blank_ballots - (sum(known.values()) - known[BLANK])
        counts = Counter({rule: n for rule, n in known.items()})
        counts[BLANK] += blank
        counts[OTHER] += other
        return {rule: n for rule, n in counts.items() if n}


def _present(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else a + b


ZERO = Numbers(0, 0, 0, 0)


def seats_of(election: Election) -> dict[str, int]:
    seats = {seat.post: seat.seats for seat in election.seats.order_by("id")}
    if party_contest.is_party(election):
        return party_contest.contest_seats(election, seats)
    return seats


def contest_json(
    election: Election,
    numbers: Numbers,
    *,
    registered: int,
    people: dict[str, dict[str, str]] | None = None,
    box_only: bool = False,
) -> dict[str, Any]:
    """The contest of `numbers` in tally-sheet mode, exactly as tally-io.md's input (a party
    round: `registered` is not used; `box_only` checks one box's entry on its own)."""
    seats = seats_of(election)
    link = link_of(election)
    if party_contest.is_party(election):
        head = party_contest.head_fields(election, numbers.present, box_only=box_only)
    else:
        head = {
            "profile": election.plan.campaign.profile_id,
            "registered": registered,
            "participants": numbers.ballots_issued,
        }
    contest: dict[str, Any] = {
        "profile": head.pop("profile"),
        **(
            {"profile_overrides": head.pop("profile_overrides")}
            if "profile_overrides" in head
            else {}
        ),
        "body": election.body,
        "round": link.engine_round if link else ENGINE_ROUND[Round(election.round)],
        **head,
        "ballots_issued": numbers.ballots_issued,
        "ballots_collected": numbers.ballots_collected,
        "invalid_ballots": numbers.invalid_ballots,
        "invalid_by_rule": numbers.invalid_by_rule(),
        "seats": seats,
        "votes": {post: dict(sorted(numbers.votes.get(post, {}).items())) for post in seats},
    }
    if is_assembly_body(election):  # elected by a meeting: `registered` is the assembly's size
        del contest["registered"], contest["participants"]
        contest.update(contest_terms(election, numbers, registered))
    if link is not None:
        if link.engine_round == "tie_revote":
            contest["tie_of"] = link.tie_of
        if link.candidates:
            contest["candidates"] = {
                post: list(names) for post, names in link.candidates.items() if post in seats
            }
        if link.elected_before:
            contest["elected_before"] = [dict(seat) for seat in link.elected_before]
    if people:
        contest["people"] = dict(sorted(people.items()))
    return contest


def link_of(election: Election) -> RoundLink | None:
    """The RoundLink of a later round created by the system (None for a first round)."""
    if election.round == Round.FIRST:
        return None
    return RoundLink.objects.filter(election=election).first()
