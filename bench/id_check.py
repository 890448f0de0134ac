"""W7 `id_check` (benchmarks.md): check N citizen ID numbers, 1% of each fault class.

ours: huanjie.bulk's numpy kernel over all N numbers (a bytes array, as they would be read).
baseline: the rule itself (`check_id_number`) in a pure-Python loop over a sample of the same
numbers, extrapolated to N; both must give the same answer on the sample. Oracle: python-stdnum's
check digit and birth-date parsing on every 18-character number, zero disagreements allowed.

    python bench/id_check.py [--size N]      # default 1,000,000; the goal is 10,000,000 ≤ 1 s
"""

from __future__ import annotations

import sys
from datetime import date

import numpy as np
from _common import MEMORY_BYTES_PER_SECOND, arguments, best_of, finish, say, timed
from numpy.typing import NDArray
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from huanjie.bulk.identity import BIT, WIDTH, IdChecks, check_id_bytes
from huanjie.rules.eligibility.identity import (
    WEIGHTS,
    IdFault,
    birthplace_codes,
    check_id_number,
)

SEED = 20260328
ON = date(2026, 1, 1)  # "today" of the run: a birth date after it is a fault
SAMPLE = 100_000  # numbers the pure-Python baseline checks
ORACLE = 2_000_000  # numbers python-stdnum checks at most (all of them with --oracle-all)
SHARE = 0.01  # of each fault class
# Numbers typed the way people type them (lower-case x, spaces around): not faults, but the
# rule normalises them; the kernel leaves them to the rule. A small share, to show they count.
TYPED_SHARE = 0.0001


def generate(size: int, rng: np.random.Generator) -> tuple[NDArray[np.bytes_], dict[str, int]]:
    """`size` numbers as a bytes array (WIDTH a number), 1% of each fault class, shuffled."""
    codes = np.array(sorted(birthplace_codes()), dtype="S6").view(np.uint8).reshape(-1, 6)
    rows = np.zeros((size, WIDTH), np.uint8)
    rows[:, :6] = codes[rng.integers(0, len(codes), size)]
    born = np.datetime64("1930-01-01") + rng.integers(0, 28_500, size).astype("timedelta64[D]")
    _put_date(rows, born)
    _put_digits(rows, 14, 3, rng.integers(0, 1000, size))
    classes = [f.value for f in IdFault] + ["typed"]
    counts = dict.fromkeys(classes, int(size * SHARE))
    counts["typed"] = int(size * TYPED_SHARE)
    order = rng.permutation(size)
    picked: dict[str, NDArray[np.intp]] = {}
    start = 0
    for name in classes:
        picked[name] = order[start : start + counts[name]]
        start += counts[name]
    # Faults that keep the 18 characters: change the part, then give the right check character
    # (so that each number has its one fault only).
    impossible = picked[IdFault.IMPOSSIBLE_BIRTH_DATE]
    bad_days = np.array([b"19990229", b"20010230", b"19851301", b"19700100", b"00000101"])
    rows[impossible, 6:14] = bad_days.view(np.uint8).reshape(-1, 8)[
        rng.integers(0, len(bad_days), len(impossible))
    ]
    future = picked[IdFault.FUTURE_BIRTH_DATE]
    later = np.datetime64("2026-01-02") + rng.integers(0, 3000, len(future)).astype(
        "timedelta64[D]"
    )
    rows[future] = _put_date(rows[future], later)
    unknown = picked[IdFault.UNKNOWN_BIRTHPLACE]  # no code of the table begins with 99
    rows[unknown] = _put_digits(rows[unknown], 0, 6, rng.integers(990_000, 1_000_000, len(unknown)))
    _put_check(rows)
    checksum = picked[IdFault.CHECKSUM]
    rows[checksum, 17] = np.where(rows[checksum, 17] == ord("0"), ord("1"), ord("0"))
    # Faults of length and characters.
    rows[picked[IdFault.EMPTY]] = 0
    wrong = picked[IdFault.WRONG_LENGTH]
    keep = rng.integers(1, 15, len(wrong))  # cut to 1-12 characters, or 19-20 long
    for index, kept in zip(wrong.tolist(), keep.tolist(), strict=True):
        if kept <= 12:
            rows[index, kept:] = 0
        else:  # digits after the check character: an X there would be an illegal one
            rows[index, 17 : 18 + kept - 12] = ord("0") + kept % 10
    legacy = picked[IdFault.LEGACY_15]  # place, yymmdd, serial: the first-generation card
    rows[legacy, 6:15] = rows[legacy, 8:17]
    rows[legacy, 15:] = 0
    illegal = picked[IdFault.ILLEGAL_CHARACTERS]
    position = rng.integers(0, 17, len(illegal))
    rows[illegal, position] = np.frombuffer(b"A.-*O", np.uint8)[rng.integers(0, 5, len(illegal))]
    typed = picked["typed"]
    rows[typed, 1:19] = rows[typed, 0:18]
    rows[typed, 0] = ord(" ")
    data = rows.view(f"S{WIDTH}").ravel()
    return data, counts


def _put_digits(
    rows: NDArray[np.uint8], at: int, width: int, values: NDArray[np.int64]
) -> NDArray[np.uint8]:
    for i in range(width):
        rows[:, at + i] = (values // 10 ** (width - 1 - i)) % 10 + ord("0")
    return rows


def _put_date(rows: NDArray[np.uint8], days: NDArray[np.datetime64]) -> NDArray[np.uint8]:
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    months = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    month_days = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    _put_digits(rows, 6, 4, years)
    _put_digits(rows, 10, 2, months)
    return _put_digits(rows, 12, 2, month_days)


def _put_check(rows: NDArray[np.uint8]) -> None:
    """The right check character from the first 17 (ISO 7064 MOD 11-2, as the rule computes)."""
    total = np.zeros(len(rows), np.int64)
    for i, weight in enumerate(WEIGHTS):
        total += (rows[:, i].astype(np.int64) - ord("0")) * weight
    rows[:, 17] = np.frombuffer(b"10X98765432", np.uint8)[total % 11]


def oracle(data: NDArray[np.bytes_], checks: IdChecks, indices: NDArray[np.intp]) -> int:
    """Disagreements with python-stdnum on the 18-character numbers among `indices`: its check
    digit, and whether its birth-date parsing finds a real date (and the same one)."""
    checksum, impossible = BIT[IdFault.CHECKSUM], BIT[IdFault.IMPOSSIBLE_BIRTH_DATE]
    faults = checks.faults
    births = checks.birth
    disagreements = 0
    for index in indices.tolist():
        number = data[index].decode().strip().upper()
        if len(number) != 18 or not number[:17].isdigit():
            continue
        fault = int(faults[index])
        if (ric.calc_check_digit(number) != number[17]) != bool(fault & checksum):
            disagreements += 1
        try:
            born = ric.get_birth_date(number)
        except ValidationError:
            born = None
        if (born is None) != bool(fault & impossible) or (
            born is not None and np.datetime64(born, "D") != births[index]
        ):
            disagreements += 1
    return disagreements


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], default_size=1_000_000)
    parser.add_argument(
        "--oracle-all",
        action="store_true",
        help=f"python-stdnum checks every number, not {ORACLE:,} of them (≈20 µs a number)",
    )
    args = parser.parse_args()
    size = args.size
    rng = np.random.default_rng(SEED)
    (data, counts), seconds = timed(lambda: generate(size, rng))
    say(f"data: {size:,} numbers ({data.nbytes / 1e6:.0f} MB) generated in {seconds:.1f} s")

    _, setup = timed(lambda: check_id_bytes(data[:1], on=ON))  # builds the tables once
    checks, ours = best_of(3, lambda: check_id_bytes(data, on=ON))
    say(f"ours: {ours:.3f} s (best of 3; tables built once in {setup:.3f} s)")
    found = {f.value: int(np.count_nonzero(checks.faults & BIT[f])) for f in IdFault}
    wrong_counts = {k: (found[k], counts[k]) for k in found if found[k] != counts[k]}
    say(f"faults found: {found}; left to the rule: {len(checks.by_rule):,}")
    if wrong_counts:
        say(f"DIFFERENT from the seeded counts (found, seeded): {wrong_counts}")

    sample = np.sort(rng.choice(size, min(size, SAMPLE), replace=False))
    texts = [data[i].decode() for i in sample.tolist()]
    results, looped = timed(lambda: [check_id_number(t, on=ON) for t in texts])
    baseline = looped * size / len(sample)
    differ = sum(checks.check(i) != r for i, r in zip(sample.tolist(), results, strict=True))
    say(
        f"baseline: check_id_number in a Python loop, {looped:.2f} s for {len(sample):,}"
        f" ({looped / len(sample) * 1e6:.1f} µs a number) → {baseline:.1f} s for {size:,};"
        f" {differ} disagreements with ours"
    )
    everyone = args.oracle_all or size <= ORACLE
    picked = np.arange(size) if everyone else np.sort(rng.choice(size, ORACLE, replace=False))
    disagree, seconds = timed(lambda: oracle(data, checks, picked))
    which = "every number" if everyone else f"{ORACLE:,} numbers picked at random"
    say(
        f"oracle: python-stdnum's check digit and birth date on {which},"
        f" {disagree} disagreements ({seconds:.0f} s)"
    )
    floor = data.nbytes / MEMORY_BYTES_PER_SECOND
    ok = differ == 0 and disagree == 0 and not wrong_counts
    finish("id_check", size, ours, baseline, floor, ok)


if __name__ == "__main__":
    sys.exit(main())
