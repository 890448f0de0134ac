"""Ballot-by-ballot counts of many villages at once: per village and candidate the votes that
count, whether the vote stands (turnout VC-TALLY-1, reconciliation VC-TALLY-2) and who reaches
the bar (VC-TALLY-5, or VC-TALLY-7 in a supplementary round) — for a province's 26,244
villages and tens of millions of ballots (benchmarks.md W1).

The law is the rule engine's (huanjie.rules.tally, tally-io.md): ballots are classified as
`count_votes` classifies them in ballot mode, and whether the vote stands and the bar are the
rule's own `checks` and `bar`, called once on a contest whose head counts are arrays (one
element a village: the tests there branch on the profile, never on a count). This runs them over
arrays and is differential-tested against the rule (huanjie/bulk/tests/test_tally.py).

Layouts. A ballot arrives as a row: per post one 64-bit word, bit c = a yes mark for the post's
candidate c (at most 64 candidates a post, each post's own persons; `pack_ballots` takes these
rows, ballots grouped by village). Classification needs a ballot's marks side by side (how many
names in a section), so it runs on the rows: `bitwise_count` of a word is the names in a section.
Counting needs each candidate's marks side by side, so `pack_ballots` turns the counted marks
into columns: **one bitset per post and candidate over all ballots, each village's ballots
starting on a fresh 64-bit word** (`Packed.bits[post, candidate, word]`; a village with no
ballot still has one empty word, so villages never share or skip a word). Then a village's
votes for a candidate are the `bitwise_count` of its words summed: `tally` reads each byte once,
sequentially, with no per-ballot key, gather or sort (`np.bincount` over village × candidate
keys is ≈10× slower), so it runs near memory bandwidth — the floor. Marks of a ballot that does
not count (blank, over-voted) are left out of the bitsets when they are packed and the ballot
counted in `Packed.invalid`; under `position_section` scope only the over-voted section's marks.

Not handled here (ValueError, or left to the rule): a tie re-vote (only the tied persons count,
no bar), persons already elected (VC-MULTI-1), a person in two sections (the rows hold no names),
sexes for a women-only section, and bodies other than the villagers' committee.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import cast

import numpy as np
from numpy.typing import NDArray

from huanjie.rules.tally import Body, ElectionContest, Post, Round, parse_contest
from huanjie.rules.tally.thresholds import bar, checks

CANDIDATES = 64  # a post's marks on one ballot are one 64-bit word
WORD = 64  # ballots a bitset word holds
# Villages counted at a time: their words of one post (≈0.5M at 2,000 ballots a village) stay
# in cache between the bit count and the sums.
_VILLAGES_AT_A_TIME = 256
# Words turned from rows into columns at a time (64 ballots of 8 bytes each: 2 MB).
_WORDS_AT_A_TIME = 4096
# Threads counting at once: the cores, up to a few (the count is near memory bandwidth).
THREADS = min(4, os.cpu_count() or 1)


def contest_template(
    profile: str,
    seats: Mapping[str, int],
    round_: str = "first",
    overrides: Mapping[str, object] | None = None,
) -> ElectionContest:
    """The villagers' committee contest every village shares: profile, overrides, round and
    seats, read by the rule's own parser (ContestError as `huanjie tally` refuses). A tie
    re-vote is refused (ValueError)."""
    if round_ == Round.TIE_REVOTE:
        raise ValueError("a tie re-vote counts only the tied persons: count it with the rule")
    data: dict[str, object] = {
        "profile": profile,
        "body": Body.VILLAGERS_COMMITTEE.value,
        "round": round_,
        "registered": 0,
        "participants": 0,
        "ballots_collected": 0,
        "seats": dict(seats),
        "ballots": [],
    }
    if overrides:
        data["profile_overrides"] = dict(overrides)
    contest = parse_contest(data)
    assert isinstance(contest, ElectionContest)
    return contest


@dataclass(frozen=True)
class Packed:
    """Ballots of many villages in the counting layout (see the module's docstring)."""

    posts: tuple[Post, ...]
    bits: NDArray[np.uint64]  # [post, candidate, word]: the marks that count
    starts: NDArray[np.int64]  # [village + 1]: each village's first word, then the total
    collected: NDArray[np.int64]  # ballots collected per village
    invalid: NDArray[np.int64]  # of them void as a whole (blank, over-voted), per village

    @property
    def villages(self) -> int:
        return len(self.collected)


def word_starts(collected: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each village's first word when every village starts on a fresh word (and has one)."""
    words = np.maximum(1, -(-collected // WORD))
    return np.concatenate(([0], np.cumsum(words))).astype(np.int64)


def pack_ballots(
    marks: Sequence[NDArray[np.uint64]], collected: NDArray[np.int64], contest: ElectionContest
) -> Packed:
    """Classify the ballots and lay their counted marks out in columns.

    `marks[p][i]` is ballot i's section for the contest's p-th post (in `contest.seats` order),
    bit c a yes mark for candidate c; the ballots of village v are the `collected[v]` after
    those of the villages before it."""
    _require_little_endian()
    posts = tuple(contest.seats)
    if len(marks) != len(posts):
        raise ValueError(f"{len(posts)} posts in the contest, marks for {len(marks)}")
    collected = np.asarray(collected, np.int64)
    ballots = int(collected.sum())
    if any(len(section) != ballots for section in marks):
        raise ValueError(f"every post needs one word for each of the {ballots} ballots")
    invalid_ballot, counted = _classify(marks, contest)
    first_ballot = np.concatenate(([0], np.cumsum(collected)))
    voided = np.concatenate(([0], np.cumsum(invalid_ballot, dtype=np.int64)))
    starts = word_starts(collected)
    words = int(starts[-1])
    # Where each ballot goes: its village's first word, then its place in the village.
    slot = np.arange(ballots, dtype=np.int64)
    slot += np.repeat(starts[:-1] * WORD - first_ballot[:-1], collected)
    bits = np.zeros((len(posts), CANDIDATES, words), np.uint64)
    for p, section in enumerate(marks):
        rows = np.zeros(words * WORD, np.uint64)
        rows[slot] = np.where(counted[p], section, np.uint64(0))
        _rows_to_columns(rows, bits[p])
    return Packed(
        posts=posts,
        bits=bits,
        starts=starts,
        collected=collected,
        invalid=voided[first_ballot[1:]] - voided[first_ballot[:-1]],
    )


def _classify(
    marks: Sequence[NDArray[np.uint64]], contest: ElectionContest
) -> tuple[NDArray[np.bool_], list[NDArray[np.bool_]]]:
    """Which ballots are void, and per post which ballots' marks count (ballot mode of
    `count_votes`): no name at all → INVALID-BLANK; more names in a section than its seats →
    VC-TALLY-3, the whole ballot void, or under `position_section` scope that section only."""
    names = [np.bitwise_count(section) for section in marks]
    over = [count > seats for count, seats in zip(names, contest.seats.values(), strict=True)]
    blank = np.logical_and.reduce([count == 0 for count in names])
    if contest.rules.overvote_scope == "position_section":
        invalid = blank
    else:
        invalid = blank | np.logical_or.reduce(over)
    return invalid, [~invalid & ~section_over for section_over in over]


def _rows_to_columns(rows: NDArray[np.uint64], columns: NDArray[np.uint64]) -> None:
    """`columns[c, w]` bit i = bit c of `rows[64w + i]`: each word's 64 rows transposed as a
    64×64 bit matrix, by swapping ever smaller blocks (halves, quarters, … single bits) with
    shifts and masks over many words at once (Hacker's Delight 7-3). Rows are overwritten."""
    words = columns.shape[1]
    for w0 in range(0, words, _WORDS_AT_A_TIME):
        w1 = min(words, w0 + _WORDS_AT_A_TIME)
        matrix = rows[w0 * WORD : w1 * WORD].reshape(w1 - w0, WORD)
        width, mask = WORD // 2, (1 << (WORD // 2)) - 1
        while width:
            blocks = matrix.reshape(w1 - w0, WORD // (2 * width), 2, width)
            upper, lower = blocks[:, :, 0, :], blocks[:, :, 1, :]
            # Row k's high block of bits trades places with row k + width's low block.
            swap = np.right_shift(upper, np.uint64(width))
            swap ^= lower
            swap &= np.uint64(mask)
            lower ^= swap
            swap <<= np.uint64(width)
            upper ^= swap
            width //= 2
            mask ^= (mask << width) & ((1 << WORD) - 1)
        columns[:, w0:w1] = matrix.T


@dataclass(frozen=True)
class Tally:
    """Per village: the votes, whether the vote stands, the bar and who reaches it."""

    posts: tuple[Post, ...]
    votes: NDArray[np.int32]  # [post, candidate, village]: valid votes counted
    valid_ballots: NDArray[np.int64]  # [village]
    checks: tuple[str, ...]  # the rules deciding whether the vote stands, in order
    passed: NDArray[np.bool_]  # [check, village]
    stands: NDArray[np.bool_]  # [village]: every check passed (else the first failing voids)
    threshold: NDArray[np.int64]  # [village]: least votes that win (the same for every post)
    majority: NDArray[np.bool_]  # [post, candidate, village]: the vote stands, votes ≥ bar

    def failed(self, village: int) -> str | None:
        """The rule that voids this village's vote (the first check it fails), or None."""
        for rule, passed in zip(self.checks, self.passed[:, village].tolist(), strict=True):
            if not passed:
                return rule
        return None


def tally(
    packed: Packed,
    registered: NDArray[np.int64],
    participants: NDArray[np.int64],
    ballots_issued: NDArray[np.int64],
    contest: ElectionContest,
    threads: int = THREADS,
) -> Tally:
    """Count every village of `packed` (its bits may be a memory-mapped file): the head counts
    are per village, `contest` the template they share (`contest_template`)."""
    votes = count_bits(packed.bits, packed.starts, threads)
    villages = packed.villages
    # The rule's tests on arrays: a contest whose counts are one element a village.
    each = dataclasses.replace(
        contest,
        registered=cast(int, np.asarray(registered, np.int64)),
        participants=cast(int, np.asarray(participants, np.int64)),
        ballots_issued=cast(int, np.asarray(ballots_issued, np.int64)),
        ballots_collected=cast(int, packed.collected),
    )
    found = checks(each)
    passed = np.empty((len(found), villages), np.bool_)
    for row, (_, holds, _) in enumerate(found):
        passed[row] = holds
    stands = np.logical_and.reduce(passed, axis=0) if len(found) else np.ones(villages, np.bool_)
    least = bar(each).votes
    if least is None:  # pragma: no cover - contest_template refuses a tie re-vote
        raise ValueError("a round without a bar")
    # As `count` reports it: nobody is elected on zero votes (tally-io.md rule 3).
    threshold = np.maximum(np.broadcast_to(np.asarray(least, np.int64), (villages,)), 1)
    return Tally(
        posts=packed.posts,
        votes=votes,
        valid_ballots=packed.collected - packed.invalid,
        checks=tuple(rule for rule, _, _ in found),
        passed=passed,
        stands=stands,
        threshold=threshold,
        majority=(votes >= threshold) & stands,
    )


def count_bits(
    bits: NDArray[np.uint64], starts: NDArray[np.int64], threads: int = THREADS
) -> NDArray[np.int32]:
    """`[post, candidate, village]`: the set bits of each village's words (`starts`), a few
    hundred villages of one post at a time, on `threads` threads (numpy releases the GIL)."""
    posts, candidates, _ = bits.shape
    villages = len(starts) - 1
    votes = np.empty((posts, candidates, villages), np.int32)

    def count(p: int, v0: int) -> None:
        v1 = min(villages, v0 + _VILLAGES_AT_A_TIME)
        first, last = int(starts[v0]), int(starts[v1])
        ones = np.bitwise_count(bits[p, :, first:last])
        np.add.reduceat(ones, starts[v0:v1] - first, axis=1, dtype=np.int32, out=votes[p, :, v0:v1])

    parts = [(p, v0) for p in range(posts) for v0 in range(0, villages, _VILLAGES_AT_A_TIME)]
    if threads <= 1 or len(parts) <= 1:
        for part in parts:
            count(*part)
    else:
        with ThreadPoolExecutor(threads) as pool:
            for _ in pool.map(lambda part: count(*part), parts):
                pass
    return votes


def _require_little_endian() -> None:
    if sys.byteorder != "little":  # pragma: no cover - every machine we run on
        raise ValueError("the bit layout assumes a little-endian machine")
