"""W1 `tally` (benchmarks.md): N ballots × 3 posts (≤64 candidates each) in 26,244 villages —
per village and candidate the votes, whether the vote stands (turnout VC-TALLY-1,
reconciliation VC-TALLY-2) and who has the majority (VC-TALLY-5), NAT_2018's first round.

ours: huanjie.bulk.tally over the ballots packed as one bitset per candidate, each village on
whole 64-bit words (its docstring says why): all three posts in memory (best of 5), then from
a file in a temporary directory whose pages were dropped from the page cache, load + count,
twice (the first read follows the write at once). Packing (classifying each ballot and turning rows into columns) is timed apart: it is
done once when the ballots are read, not at each count.
baseline: a pure-Python loop with a `Counter` per village over a sample of whole villages (the
ballots as lists of candidates), the rule's `validity` and `bar` per village, extrapolated by
ballots; both must give identical counts, checks, bars and majorities on the sample. The whole
data is also counted by a second numpy path (the rows' bits unpacked and summed per village,
classified apart) that must agree with ours everywhere.

    python bench/tally.py [--size N]      # default 2,000,000; the goal is 50,000,000 ≤ 0.3 s
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from _common import MEMORY_BYTES_PER_SECOND, arguments, best_of, finish, say, timed
from numpy.typing import NDArray

from huanjie.bulk.tally import THREADS, Packed, Tally, contest_template, pack_ballots, tally
from huanjie.rules.tally import ElectionContest
from huanjie.rules.tally.thresholds import bar, validity

SEED = 20261207
VILLAGES = 26_244
PROFILE = "NAT_2018"
SEATS = {"chair": 1, "vice_chair": 1, "member": 3}
CANDIDATES = {"chair": (2, 6), "vice_chair": (2, 10), "member": (4, 64)}  # per village, from-to
SAMPLE = 200_000  # ballots (whole villages) the pure-Python baseline counts
BLANK = 0.003  # share of blank ballots
OVER = 0.01  # share of sections with one name more than the seats
GOAL, DISK_GOAL = 0.3, 2.0  # seconds at 50,000,000 ballots

T = TypeVar("T")
Heads = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]


def generate(
    size: int, villages: int, rng: np.random.Generator
) -> tuple[list[NDArray[np.uint64]], NDArray[np.int64], Heads]:
    """Ballots as rows (per post one word a ballot, bit c = candidate c), ballots per village
    and the village's registered voters, participants and ballots issued."""
    weights = rng.lognormal(0.0, 0.6, villages)
    collected = rng.multinomial(size, weights / weights.sum()).astype(np.int64)
    marks: list[NDArray[np.uint64]] = []
    for post, seats in SEATS.items():
        low, high = CANDIDATES[post]
        standing = np.repeat(rng.integers(low, high + 1, villages), collected)
        # Names marked: mostly the seats, sometimes fewer, now and then one too many.
        named = np.full(size, seats, np.int8)
        named -= (rng.random(size, np.float32) < 0.15).astype(np.int8)
        named += (rng.random(size, np.float32) < OVER).astype(np.int8)
        word = np.zeros(size, np.uint64)
        for j in range(seats + 1):
            # The first candidates are the popular ones (u² skews towards 0).
            u = rng.random(size, np.float32)
            pick = (standing * (u * u)).astype(np.uint64)
            word |= np.where(named > j, np.left_shift(np.uint64(1), pick), np.uint64(0))
        marks.append(word)
    blank = rng.random(size, np.float32) < BLANK
    for word in marks:
        word[blank] = 0
    participants = collected + rng.integers(0, 3, villages)
    unreconciled = rng.random(villages) < 0.005  # more ballots collected than voters: void
    participants[unreconciled] = np.maximum(0, collected[unreconciled] - 1)
    issued = participants + rng.integers(0, 20, villages)
    turnout = np.where(
        rng.random(villages) < 0.02, rng.uniform(0.3, 0.5, villages), rng.uniform(0.55, 0.97)
    )
    registered = np.maximum(participants, np.ceil(participants / turnout).astype(np.int64))
    return marks, collected, (registered, participants, issued)


def cpu_time(work: Callable[[], T]) -> tuple[T, float]:
    """`work()` and the CPU seconds this process spent on it (all threads): what the count
    costs whatever else the machine is running."""
    start = time.process_time()
    result = work()
    return result, time.process_time() - start


def sample_villages(collected: NDArray[np.int64], rng: np.random.Generator) -> list[int]:
    """Whole villages picked at random until they hold SAMPLE ballots (or every village)."""
    picked: list[int] = []
    held = 0
    for village in rng.permutation(len(collected)).tolist():
        if held >= SAMPLE:
            break
        picked.append(village)
        held += int(collected[village])
    return sorted(picked)


def as_lists(
    marks: Sequence[NDArray[np.uint64]], collected: NDArray[np.int64], villages: list[int]
) -> list[list[tuple[list[int], ...]]]:
    """The sampled villages' ballots as Python data: per ballot, per post, the candidates."""
    first = np.concatenate(([0], np.cumsum(collected)))
    found: list[list[tuple[list[int], ...]]] = []
    for village in villages:
        start, end = int(first[village]), int(first[village + 1])
        sections = []
        for word in marks:
            bits = np.unpackbits(
                word[start:end].view(np.uint8).reshape(-1, 8), axis=1, bitorder="little"
            )
            rows, candidates = np.nonzero(bits)
            cuts = np.searchsorted(rows, np.arange(1, end - start))
            sections.append([part.tolist() for part in np.split(candidates, cuts)])
        found.append(list(zip(*sections, strict=True)) if end > start else [])
    return found


Result = tuple[dict[tuple[int, int], int], int, str | None, int]


def baseline(
    ballots: list[list[tuple[list[int], ...]]],
    heads: list[tuple[int, int, int]],
    contest: ElectionContest,
) -> list[Result]:
    """Per village: votes by (post, candidate) in a Counter, ballots void as a whole, the rule
    that voids the vote (the rule's `validity`) and the bar (the rule's `bar`)."""
    seats = list(contest.seats.values())
    section_scope = contest.rules.overvote_scope == "position_section"
    results: list[Result] = []
    for village, (registered, participants, issued) in zip(ballots, heads, strict=True):
        votes: Counter[tuple[int, int]] = Counter()
        invalid = 0
        for ballot in village:
            if not any(ballot):
                invalid += 1
                continue
            over = [len(names) > s for names, s in zip(ballot, seats, strict=True)]
            if any(over) and not section_scope:
                invalid += 1
                continue
            for post, names in enumerate(ballot):
                if not over[post]:
                    for candidate in names:
                        votes[post, candidate] += 1
        one = dataclasses.replace(
            contest,
            registered=registered,
            participants=participants,
            ballots_issued=issued,
            ballots_collected=len(village),
        )
        least = bar(one).votes
        assert least is not None
        results.append((dict(votes), invalid, validity(one).failed, max(least, 1)))
    return results


def disagreements(found: Tally, packed: Packed, villages: list[int], by_loop: list[Result]) -> int:
    differ = 0
    for village, (votes, invalid, failed, least) in zip(villages, by_loop, strict=True):
        ours = found.votes[:, :, village]
        counted = {
            (int(p), int(c)): int(ours[p, c]) for p, c in zip(*np.nonzero(ours), strict=True)
        }
        majority = {key for key, n in votes.items() if n >= least and failed is None}
        reached = {
            (int(p), int(c))
            for p, c in zip(*np.nonzero(found.majority[:, :, village]), strict=True)
        }
        differ += (
            counted != votes
            or int(packed.invalid[village]) != invalid
            or found.failed(village) != failed
            or int(found.threshold[village]) != least
            or reached != majority
        )
    return differ


def by_rows(
    marks: Sequence[NDArray[np.uint64]], collected: NDArray[np.int64], contest: ElectionContest
) -> NDArray[np.int64]:
    """A second numpy path: `[post, candidate, village]` from the rows, each ballot's bits
    unpacked and summed per village (classified here, not by the kernel)."""
    seats = list(contest.seats.values())
    assert contest.rules.overvote_scope == "whole_ballot"
    names = [np.bitwise_count(word) for word in marks]
    void = np.logical_and.reduce([n == 0 for n in names])
    for n, s in zip(names, seats, strict=True):
        void |= n > s
    first = np.concatenate(([0], np.cumsum(collected)))
    votes = np.zeros((len(marks), 64, len(collected)), np.int64)
    for p, word in enumerate(marks):
        kept = np.where(void, np.uint64(0), word)
        v0 = 0
        while v0 < len(collected):  # about 130,000 ballots at a time, whole villages
            v1 = int(np.searchsorted(first, first[v0] + (1 << 17), side="right")) - 1
            v1 = min(len(collected), max(v0 + 1, v1))
            start, end = int(first[v0]), int(first[v1])
            bits = np.unpackbits(
                kept[start:end].view(np.uint8).reshape(-1, 8), axis=1, bitorder="little"
            )
            some = np.flatnonzero(collected[v0:v1]) + v0  # villages with ballots
            if len(some):
                sums = np.add.reduceat(bits, first[some] - start, axis=0, dtype=np.int32)
                votes[p, :, some] = sums
            v0 = v1
    return votes


def read_npy(path: Path) -> NDArray[Any]:
    """A .npy file read into fresh memory in large sequential reads: `np.load` took ≈7× as
    long here, a memory map faulted in page by page ≈2×."""
    with open(path, "rb", buffering=0) as file:
        version = np.lib.format.read_magic(file)
        read_header = (
            np.lib.format.read_array_header_1_0
            if version == (1, 0)
            else np.lib.format.read_array_header_2_0
        )
        shape, fortran_order, dtype = read_header(file)
        assert not fortran_order
        array = np.empty(shape, dtype)
        into = memoryview(array.reshape(-1).view(np.uint8))
        done = 0
        while done < len(into):
            got = file.readinto(into[done : done + (64 << 20)])
            if not got:
                raise OSError(f"{path}: the file ends early")
            done += got
    return array


def on_disk(
    packed: Packed, heads: Heads, contest: ElectionContest
) -> tuple[Tally, list[float], bool]:
    """Write the packed ballots to a temporary directory, drop its pages from the page cache,
    then time loading and counting. Also says whether the pages could be dropped."""
    with tempfile.TemporaryDirectory(prefix="bench-tally-") as directory:
        bits_path = Path(directory) / "bits.npy"
        rest_path = Path(directory) / "villages.npz"
        np.save(bits_path, packed.bits)
        np.savez(
            rest_path,
            starts=packed.starts,
            collected=packed.collected,
            invalid=packed.invalid,
            registered=heads[0],
            participants=heads[1],
            issued=heads[2],
        )

        def drop() -> bool:
            """Written out and dropped from the page cache: the next read goes to the disk."""
            dropped = True
            for path in (bits_path, rest_path):
                descriptor = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(descriptor)
                    os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
                except OSError:
                    dropped = False
                finally:
                    os.close(descriptor)
            return dropped

        def load_and_count() -> Tally:
            bits = read_npy(bits_path)
            with np.load(rest_path) as rest:
                loaded = Packed(
                    posts=packed.posts,
                    bits=bits,
                    starts=rest["starts"],
                    collected=rest["collected"],
                    invalid=rest["invalid"],
                )
                return tally(
                    loaded, rest["registered"], rest["participants"], rest["issued"], contest
                )

        # Twice: the first read follows the write at once (the disk may still be busy with it).
        runs = []
        for _ in range(2):
            dropped = drop()
            runs.append(timed(load_and_count))
    return runs[-1][0], [seconds for _, seconds in runs], dropped


def same(a: Tally, b: Tally) -> bool:
    return (
        np.array_equal(a.votes, b.votes)
        and np.array_equal(a.passed, b.passed)
        and np.array_equal(a.threshold, b.threshold)
        and np.array_equal(a.majority, b.majority)
    )


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], default_size=2_000_000)
    parser.add_argument(
        "--villages", type=int, default=VILLAGES, help=f"villages (default {VILLAGES:,})"
    )
    args = parser.parse_args()
    size, villages = args.size, max(1, min(args.villages, args.size))
    rng = np.random.default_rng(SEED)
    contest = contest_template(PROFILE, SEATS)
    (marks, collected, heads), seconds = timed(lambda: generate(size, villages, rng))
    say(f"data: {size:,} ballots × {len(SEATS)} posts in {villages:,} villages, {seconds:.1f} s")

    packed, seconds = timed(lambda: pack_ballots(marks, collected, contest))
    say(
        f"packed: {packed.bits.nbytes / 1e6:,.0f} MB of bitsets, {seconds:.1f} s (classified,"
        f" rows to columns; once, when the ballots are read); {int(packed.invalid.sum()):,}"
        " ballots void"
    )
    found, ours = best_of(5, lambda: tally(packed, *heads, contest))
    _, cpu = cpu_time(lambda: tally(packed, *heads, contest))
    say(
        f"ours: {ours:.3f} s in memory, all {len(SEATS)} posts (best of 5; {cpu:.3f} s of CPU"
        f" on {THREADS} threads, once);"
        f" {int((~found.stands).sum()):,} villages' votes void,"
        f" {int(found.majority.sum()):,} candidates with a majority"
    )
    from_disk, disk, dropped = on_disk(packed, heads, contest)
    cache = "its pages dropped from the cache" if dropped else "its pages possibly still cached"
    say(
        f"ours from disk: {' s, then '.join(f'{s:.3f}' for s in disk)} s to load and count"
        f" ({packed.bits.nbytes / 1e6:,.0f} MB file, {cache} before each); goal {DISK_GOAL} s"
        " at 50M"
    )
    agree_disk = same(found, from_disk)

    second, seconds = timed(lambda: by_rows(marks, collected, contest))
    agree_rows = np.array_equal(found.votes, second)
    say(
        f"second numpy path (rows unpacked, summed per village): {seconds:.1f} s, {'the same counts' if agree_rows else 'DIFFERENT counts'}"
    )

    picked = sample_villages(collected, rng)
    ballots = as_lists(marks, collected, picked)
    sample_heads = [(int(heads[0][v]), int(heads[1][v]), int(heads[2][v])) for v in picked]
    in_sample = sum(len(b) for b in ballots)
    by_loop, looped = timed(lambda: baseline(ballots, sample_heads, contest))
    base = looped * size / max(1, in_sample)
    differ = disagreements(found, packed, picked, by_loop)
    say(
        f"baseline: Counter loop over {in_sample:,} ballots in {len(picked):,} villages,"
        f" {looped:.2f} s → {base:.1f} s for {size:,}; {differ} villages differ from ours"
    )
    floor = packed.bits.nbytes / MEMORY_BYTES_PER_SECOND
    ok = differ == 0 and agree_rows and agree_disk
    if not agree_disk:
        say("DIFFERENT: the count from disk")
    finish("tally", size, ours, base, floor, ok)


if __name__ == "__main__":
    sys.exit(main())
