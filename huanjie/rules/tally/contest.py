"""A parsed contest: one vote of one body in one village (tally-io.md "Contest").

Everything is canonical (people, persons and relations sorted by code point), so nothing that
follows can depend on the order of keys in the input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from huanjie.rules.kinship.relations import Relation
from huanjie.rules.tally.counting_rules import CountingRules
from huanjie.rules.tally.model import Assembly, Body, Post, Round, Sex


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """`people[person]`: sex (None when not given) and the qualification review (QUAL-9)."""

    sex: Sex | None = None
    ineligible: bool = False


@dataclass(frozen=True, slots=True)
class EarlierSeat:
    """A seat filled in an earlier round of the same election (`elected_before`)."""

    person: str
    post: Post


@dataclass(frozen=True, slots=True)
class Ballot:
    """One collected ballot: yes marks per section, or a physical invalidity rule."""

    marks: tuple[tuple[Post, tuple[str, ...]], ...] = ()
    invalid: str | None = None


@dataclass(frozen=True)
class ElectionContest:
    """A vote that fills seats (every body but `recall`)."""

    profile_id: str
    rules: CountingRules
    body: Body
    round: Round
    # The round a tie re-vote settles (`tie_of`); None outside a tie re-vote.
    tie_of: Round | None
    seats: Mapping[Post, int]
    ballots_issued: int
    ballots_collected: int
    registered: int | None = None
    participants: int | None = None
    should_attend: int | None = None
    voting_members: int | None = None
    present: int | None = None
    assembly: Assembly | None = None
    assembly_size: int | None = None
    # Tally-sheet mode: `votes` and `invalid_ballots` are set; ballot mode: `ballots`.
    votes: Mapping[Post, Mapping[str, int]] | None = None
    invalid_ballots: int | None = None
    invalid_by_rule: Mapping[str, int] | None = None
    ballots: tuple[Ballot, ...] | None = None
    candidates: Mapping[Post, tuple[str, ...]] | None = None
    people: Mapping[str, PersonFacts] | None = None
    relations: tuple[Relation, ...] = ()
    elected_before: tuple[EarlierSeat, ...] = ()
    party_secretary: str | None = None
    barred: frozenset[str] = frozenset()
    # A party committee's first plenary electing the secretary and deputy (PB-SEC-1): the
    # committee's members are `should_attend` and its quorum is PB-QUORUM-3's, not the members'
    # meeting's. Set by `huanjie.rules.party.secretary` only; tally-io.md's JSON has no such field.
    plenary: bool = False

    @property
    def bar_round(self) -> Round:
        """The round whose threshold and vacancy rules apply (a tie re-vote takes its origin's)."""
        return self.tie_of if self.tie_of is not None else self.round

    def facts(self, person: str) -> PersonFacts:
        people = self.people or {}
        return people.get(person, _UNKNOWN)

    @property
    def women_only_section(self) -> bool:
        """`women_member` is women-only under `separate_section` until a woman holds a seat."""
        if self.rules.women_seat_mode != "separate_section":
            return False
        return not any(self.facts(seat.person).sex is Sex.FEMALE for seat in self.elected_before)


_UNKNOWN = PersonFacts()


@dataclass(frozen=True, slots=True)
class RecallContest:
    """A recall vote (REC-2)."""

    profile_id: str
    rules: CountingRules
    registered: int
    participants: int
    yes: int
    body: Body = Body.RECALL


Contest = ElectionContest | RecallContest
