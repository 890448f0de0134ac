"""Seating: fill every post, then void and refill in tally-io.md rule 4's order.

1. Who cannot sit at all: ineligible (QUAL-9), barred (SUP-1 / CEO-5), and the weaker of two
   posts claimed by one person (VC-MULTI-1: the higher post stays; at equal rank the entry with
   more votes, and at equal votes the `women_member` entry).
2. Conflicts with `elected_before`: earlier rounds stand, the later winner is voided.
3. Kinship inside the round, from the strongest down; related winners of one post with equal
   votes form one tie group that goes to a re-vote for one seat.

One void at a time: after each, every post is filled again from its ranking as if the voided
person had not stood (same bar), and ties are judged on that final ranking. The same tests
apply to a person who is only tied for a seat: one who could never sit (ineligible, barred,
related to an earlier winner or to a stronger winner who stays) leaves the tie instead of
holding a re-vote place, and a person tied for a higher post claims it, so a lower seat they
won is released (VC-MULTI-1).
In vote-sinking mode (§C.3 MODE-B) a post's ranking uses sunk totals and leaves out everyone
elected or tied at a higher post: its announced totals (`rankings`) leave them out too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from types import MappingProxyType

from huanjie.rules.tally.avoidance import Avoidance, barred_rule
from huanjie.rules.tally.contest import ElectionContest
from huanjie.rules.tally.model import POSTS, Post
from huanjie.rules.tally.outcome import Elected, TieRevote, Voided
from huanjie.rules.tally.ranking import Fill, Standing, fill, ranked

VC_MULTI_1 = "VC-MULTI-1"
Rankings = dict[Post, tuple[Standing, ...]]
# Vote sinking (票数下沉): a post's total adds the votes for every higher post of this chain.
_SINK_CHAIN = (Post.CHAIR, Post.VICE_CHAIR, Post.MEMBER)


@dataclass(frozen=True, slots=True)
class _Claim:
    person: str
    post: Post
    votes: int
    elected: bool


def strength(person: str, post: Post, votes: int) -> tuple[int, int, int, str]:
    """Sort key, strongest first: higher post, more votes, `women_member`, code point."""
    return (post.rank, -votes, 0 if post is Post.WOMEN_MEMBER else 1, person)


def _by_strength(claim: _Claim) -> tuple[int, int, int, str]:
    return strength(claim.person, claim.post, claim.votes)


@dataclass(frozen=True)
class Seating:
    elected: tuple[Elected, ...]
    ties: tuple[TieRevote, ...]
    voided: tuple[Voided, ...]
    reasons: tuple[str, ...]
    # The totals each post was decided on, most first: every counted person, voided and tied
    # ones included; in vote-sinking mode sunk totals, without those elected or tied higher up.
    rankings: Mapping[Post, tuple[Standing, ...]]


def seat(
    contest: ElectionContest, votes: Mapping[Post, Mapping[str, int]], bar: int | None
) -> Seating:
    return _Seater(contest, votes, bar).run()


class _Seater:
    def __init__(
        self,
        contest: ElectionContest,
        votes: Mapping[Post, Mapping[str, int]],
        bar: int | None,
    ) -> None:
        self.contest = contest
        self.votes = votes
        self.bar = 0 if bar is None else bar
        self.sinking = contest.rules.multi_position_mode == "vote_sinking"
        self.avoidance = Avoidance(contest)
        self.excluded: dict[Post, set[str]] = {post: set() for post in contest.seats}
        self.groups: list[TieRevote] = []
        self.voided: list[Voided] = []
        self.reasons: list[str] = []

    def run(self) -> Seating:
        while True:
            fills, rankings, tallies = self._fill_all()
            claims = sorted(self._claims(fills, rankings), key=_by_strength)
            if not (
                self._cannot_sit(claims)
                or self._earlier_conflict(claims)
                or self._kinship(claims)
                or self._kin_in_ties(fills)
            ):
                break
        elected = [claim for claim in claims if claim.elected]
        order = {post: index for index, post in enumerate(POSTS[self.contest.body])}
        ties = [
            TieRevote(post, f.tied, f.tie_seats) for post, f in fills.items() if f.tied
        ] + self.groups
        return Seating(
            elected=tuple(
                Elected(c.person, c.post, c.votes)
                for c in sorted(elected, key=lambda c: (order[c.post], -c.votes, c.person))
            ),
            ties=tuple(sorted(ties, key=lambda t: (order[t.post], t.persons))),
            voided=tuple(self.voided),
            reasons=tuple(dict.fromkeys(self.reasons)),
            rankings=MappingProxyType(tallies),
        )

    def _totals(self, post: Post) -> Mapping[str, int]:
        if not self.sinking or post not in _SINK_CHAIN:
            return self.votes.get(post, {})
        totals: dict[str, int] = {}
        for higher in _SINK_CHAIN[: _SINK_CHAIN.index(post) + 1]:
            for person, count in self.votes.get(higher, {}).items():
                totals[person] = totals.get(person, 0) + count
        return totals

    def _fill_all(self) -> tuple[dict[Post, Fill], Rankings, Rankings]:
        """Each post's fill, the ranking it was filled from, and its totals as announced."""
        pending = {person for group in self.groups for person in group.persons}
        claimed_above: dict[int, set[str]] = {}  # rank → persons elected or tied at that rank
        fills: dict[Post, Fill] = {}
        rankings: Rankings = {}
        tallies: Rankings = {}
        for post in self.contest.seats:  # highest post first
            above: set[str] = set()
            if self.sinking:
                for rank, persons in claimed_above.items():
                    if rank < post.rank:
                        above |= persons
            totals = self._totals(post)
            tallies[post] = ranked({p: v for p, v in totals.items() if p not in above})
            left_out = self.excluded[post] | pending
            rankings[post] = tuple(s for s in tallies[post] if s[0] not in left_out)
            reserved = sum(group.seats for group in self.groups if group.post is post)
            fills[post] = fill(rankings[post], self.contest.seats[post] - reserved, self.bar)
            claimed = {person for person, _ in fills[post].elected} | set(fills[post].tied)
            claimed_above.setdefault(post.rank, set()).update(claimed)
        return fills, rankings, tallies

    @staticmethod
    def _claims(
        fills: Mapping[Post, Fill], rankings: Mapping[Post, tuple[Standing, ...]]
    ) -> list[_Claim]:
        claims: list[_Claim] = []
        for post, f in fills.items():
            claims += [_Claim(person, post, votes, True) for person, votes in f.elected]
            votes_of = dict(rankings[post])
            claims += [_Claim(person, post, votes_of[person], False) for person in f.tied]
        return claims

    def _remove(self, claim: _Claim, rule: str) -> None:
        """Void a seat; a person only tied leaves the tie (they could never sit either)."""
        self.excluded[claim.post].add(claim.person)
        if claim.elected:
            self.voided.append(Voided(claim.person, claim.post, rule))
        self.reasons.append(rule)

    def _cannot_sit(self, claims: list[_Claim]) -> bool:
        for claim in claims:
            if self.contest.facts(claim.person).ineligible:
                self._remove(claim, "QUAL-9")
                return True
            if claim.person in self.contest.barred:
                self._remove(claim, barred_rule(self.contest.body))
                return True
        strongest: dict[str, _Claim] = {}
        for claim in claims:
            if strongest.setdefault(claim.person, claim) is not claim:
                self._remove(claim, VC_MULTI_1)
                return True
        return False

    def _earlier_conflict(self, claims: list[_Claim]) -> bool:
        for claim in claims:
            for seat_before in self.contest.elected_before:
                rule = self.avoidance.conflict(claim.person, seat_before.person)
                if rule is not None:
                    self._remove(claim, rule)
                    return True
        return False

    def _kinship(self, claims: list[_Claim]) -> bool:
        for index, stronger in enumerate(claims):
            if not stronger.elected:
                continue
            weaker_ones = claims[index + 1 :]
            for weaker in weaker_ones:
                rule = self.avoidance.conflict(stronger.person, weaker.person)
                if rule is None:
                    continue
                if weaker.post is stronger.post and weaker.votes == stronger.votes:
                    # Both elected: a tied claim never has the votes of a seat above the tie.
                    self._tie_group(stronger, weaker_ones)
                else:
                    self._remove(weaker, rule)
                return True
        return False

    def _kin_in_ties(self, fills: Mapping[Post, Fill]) -> bool:
        """Related persons tied at the last seats can take one of them between them.

        When every related set of the tie (with the unrelated persons as sets of one) can have
        a seat, the unrelated are seated and each related set re-votes for one seat; otherwise
        the whole tie re-votes. A tie for one seat re-votes for it, related or not (rule 3).
        """
        for post, f in fills.items():
            if f.tie_seats < 2:
                continue
            groups = self._related_sets(f.tied)
            if len(groups) < len(f.tied) and len(groups) <= f.tie_seats:
                for group in groups:
                    if len(group) > 1:
                        self._add_group(post, group)
                return True
        return False

    def _add_group(self, post: Post, persons: tuple[str, ...]) -> None:
        """Related persons re-vote for one seat, under the rules that link them."""
        links = (self.avoidance.conflict(a, b) for a, b in combinations(persons, 2))
        rules = tuple(dict.fromkeys(rule for rule in links if rule is not None))
        self.groups.append(TieRevote(post, persons, 1, rules))
        self.reasons.extend(rules)

    def _related_sets(self, persons: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The persons split into sets linked by conflicts (connected components)."""
        sets: list[set[str]] = []
        for person in persons:
            linked = [
                group
                for group in sets
                if any(self.avoidance.conflict(person, other) for other in group)
            ]
            merged = {person}.union(*linked)
            sets = [group for group in sets if group not in linked] + [merged]
        return sorted(tuple(sorted(group)) for group in sets)

    def _tie_group(self, stronger: _Claim, weaker_ones: list[_Claim]) -> None:
        """Related winners of one post with equal votes: a re-vote decides who sits."""
        persons = [stronger.person] + [
            other.person
            for other in weaker_ones
            if other.post is stronger.post
            and other.elected
            and other.votes == stronger.votes
            and self.avoidance.conflict(stronger.person, other.person) is not None
        ]
        self._add_group(stronger.post, tuple(sorted(persons)))
