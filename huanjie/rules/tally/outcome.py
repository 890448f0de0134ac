"""The outcome of a count (tally-io.md "Outcome"): frozen, and `to_dict` in the pinned order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from huanjie.rules.tally.model import Post


class Next(StrEnum):
    REVOTE = "revote"
    NEW_MEETING = "new_meeting"
    TIE_REVOTE = "tie_revote"
    SUPPLEMENTARY_ROUND = "supplementary_round"
    COMPLETE = "complete"


@dataclass(frozen=True, slots=True)
class Elected:
    person: str
    post: Post
    votes: int  # in vote-sinking mode, the sunk total that decided


@dataclass(frozen=True, slots=True)
class Voided:
    person: str
    post: Post
    rule: str


@dataclass(frozen=True, slots=True)
class TieRevote:
    post: Post
    persons: tuple[str, ...]  # code-point order
    seats: int
    # Not part of the JSON: the avoidance rules that made related winners with equal votes
    # re-vote for one seat (tally-io.md rule 4); empty for a tie at the last seats (rule 3).
    kinship: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TallyWarning:
    rule: str
    message: str  # Chinese, says what to do


def _empty() -> Mapping[Any, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Outcome:
    valid: bool
    rule: str | None = None
    threshold: Mapping[Post, int | None] = field(default_factory=_empty)
    elected: tuple[Elected, ...] = ()
    voided: tuple[Voided, ...] = ()
    unfilled: Mapping[Post, int] = field(default_factory=_empty)
    tie_revote: tuple[TieRevote, ...] = ()
    next: Next | None = None
    invalid_by_rule: Mapping[str, int] = field(default_factory=_empty)
    warnings: tuple[TallyWarning, ...] = ()
    reasons: tuple[str, ...] = ()
    recalled: bool | None = None
    # Not part of the JSON: for explanations (tally_explain) and checks.
    valid_ballots: int | None = None
    # The totals each post was decided on (sunk totals in vote-sinking mode), most votes first.
    tallies: Mapping[Post, tuple[tuple[str, int], ...]] = field(default_factory=_empty)

    def to_dict(self) -> dict[str, object]:
        """The JSON object of tally-io.md, keys in the pinned order."""
        return {
            "valid": self.valid,
            "rule": self.rule,
            "threshold": {str(post): bar for post, bar in self.threshold.items()},
            "elected": [
                {"person": e.person, "post": str(e.post), "votes": e.votes} for e in self.elected
            ],
            "voided": [
                {"person": v.person, "post": str(v.post), "rule": v.rule} for v in self.voided
            ],
            "unfilled": {str(post): seats for post, seats in self.unfilled.items()},
            "tie_revote": [
                {"post": str(t.post), "persons": list(t.persons), "seats": t.seats}
                for t in self.tie_revote
            ],
            "next": None if self.next is None else str(self.next),
            "invalid_by_rule": dict(self.invalid_by_rule),
            "warnings": [{"rule": w.rule, "message": w.message} for w in self.warnings],
            "reasons": list(self.reasons),
            "recalled": self.recalled,
        }
