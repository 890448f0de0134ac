"""Filling one post's seats from its ranking: the bar, then the most votes, then ties.

VC-TALLY-6 / PB-WIN-2: when more persons pass the bar than there are seats, the most votes win;
when the persons with the last seat's votes cannot all be seated, those above are elected and
the tied persons go to a re-vote for the remaining seats (tally-io.md rule 3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Standing = tuple[str, int]  # (person, votes)


def ranked(counts: Mapping[str, int]) -> tuple[Standing, ...]:
    """Most votes first; equal votes in code-point order of the person (for stable output)."""
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True, slots=True)
class Fill:
    elected: tuple[Standing, ...] = ()
    tied: tuple[str, ...] = ()  # code-point order
    tie_seats: int = 0


def fill(ranking: Iterable[Standing], seats: int, bar: int) -> Fill:
    """Seat the strongest of `ranking` (most votes first) who reach `bar` (at least 1 vote).

    `seats` is 0 when kinship re-votes hold every seat of the post (tally-io.md rule 4): then
    nobody is elected here, and nobody below them is tied for a seat that is not there.
    """
    if seats <= 0:
        return Fill()
    qualified = [(person, votes) for person, votes in ranking if votes >= max(bar, 1)]
    if len(qualified) <= seats:
        return Fill(elected=tuple(qualified))
    cut = qualified[seats - 1][1]
    above = tuple(standing for standing in qualified if standing[1] > cut)
    at_cut = [person for person, votes in qualified if votes == cut]
    if len(above) + len(at_cut) <= seats:
        return Fill(elected=above + tuple((person, cut) for person in at_cut))
    return Fill(elected=above, tied=tuple(sorted(at_cut)), tie_seats=seats - len(above))
