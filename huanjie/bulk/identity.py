"""Checking millions of ID numbers at once: for each, the faults, sex and birth date that
`huanjie.rules.eligibility.identity.check_id_number` gives. The rule is defined there; this is
an optimised executor of it, differential-tested against it (huanjie/bulk/tests).

The numbers are read as rows of bytes, `WIDTH` a row, a chunk at a time so that the work stays
in the CPU's cache, each step a whole-column numpy operation. The kernel takes the numbers that
normalisation (NFKC, strip, upper case) leaves unchanged: ASCII, no lower-case letter, no space
at either end, at most `WIDTH` characters — in practice all of them. Any other number is checked
by the rule itself, one at a time, so the two cannot disagree on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import numpy as np
from numpy.typing import NDArray

from huanjie.rules.eligibility.identity import (
    CHECK_CHARS,
    ID_LENGTH,
    LEGACY_LENGTH,
    WARNING_FAULTS,
    WEIGHTS,
    IdCheck,
    IdFault,
    birthplace_codes,
    check_id_number,
)

WIDTH = 24  # the longest number the kernel reads; longer ones go to the rule
CHUNK = 16_384  # rows per step: WIDTH × CHUNK bytes and their temporaries fit in L2

# Bit i of a fault mask stands for FAULTS[i]: the rule's own order, so decoding a mask in bit
# order gives the faults in the order the rule reports them.
FAULTS: tuple[IdFault, ...] = tuple(IdFault)
BIT: dict[IdFault, int] = {fault: 1 << i for i, fault in enumerate(FAULTS)}
ERROR_BITS = sum(BIT[f] for f in FAULTS if f not in WARNING_FAULTS)

_EMPTY, _WRONG, _LEGACY, _ILLEGAL = (
    np.uint8(BIT[f])
    for f in (IdFault.EMPTY, IdFault.WRONG_LENGTH, IdFault.LEGACY_15, IdFault.ILLEGAL_CHARACTERS)
)
_X = ord("X")
_MALE, _FEMALE = ord("M"), ord("F")
_NOT_A_DAY = np.int64(np.iinfo(np.int64).min)  # NaT as datetime64's integer
# What str.strip() removes among ASCII characters.
_SPACES = np.zeros(256, bool)
_SPACES[[ord(c) for c in map(chr, range(128)) if c.isspace()]] = True
_CHECK_BYTES = np.frombuffer(CHECK_CHARS.encode(), np.uint8)
# Word-wise (SWAR) constants: a byte's worth of bits, nibbles, and the digit '0' in every byte.
_8, _16, _48 = np.uint64(8), np.uint64(16), np.uint64(48)
_LOW, _TEN, _ZERO = np.uint64(0xFF), np.uint64(10), ord("0")
_ZEROS = np.uint64(0x3030303030303030)
_SIXES = np.uint64(0x0606060606060606)
_HIGH_NIBBLES, _LOW_NIBBLES = np.uint64(0xF0F0F0F0F0F0F0F0), np.uint64(0x0F0F0F0F0F0F0F0F)


_THREE, _EVEN_BYTES = np.uint64(3), np.uint64(0x00FF00FF00FF00FF)
# Lane k (bits 16k) of the folded pairs is weighted as character 9 + 2k; the product puts their
# weighted sum in the top lane.
_CHECK_LANES = np.uint64(sum(WEIGHTS[9 + 2 * k] << (16 * (3 - k)) for k in range(4)))
# The check character each weighted sum asks for (at most 4 lanes × 108 × weight 10, + 2 × 9).
_EXPECTED = _CHECK_BYTES[np.arange(4 * 108 * 10 + 2 * 9 + 1) % 11].astype(np.uint16)


@cache
def _calendar() -> tuple[NDArray[np.uint8], NDArray[np.int32]]:
    """Tables by year × 100 + month (0-999,999): the month's length, 0 for no month (year 0,
    month 0 or 13-99), and the day number (since 1970-01-01, as datetime64[D] counts) of the
    day before its first."""
    months = np.arange("0001-01", "10000-02", dtype="datetime64[M]")
    first = months.astype("datetime64[D]").astype(np.int64)
    years = months.astype("datetime64[Y]").astype(np.int64) + 1970
    index = years[:-1] * 100 + months[:-1].astype(np.int64) % 12 + 1
    length = np.zeros(1_000_000, np.uint8)
    start = np.zeros(1_000_000, np.int32)
    length[index] = np.diff(first)
    start[index] = first[:-1] - 1
    return length, start


@cache
def _known_places() -> NDArray[np.bool_]:
    """The rule's birthplace codes as a table indexed by the 6-digit code's value."""
    table = np.zeros(1_000_000, bool)
    table[np.array(sorted(birthplace_codes()), dtype=np.int64)] = True
    return table


@cache
def _fault_tuples() -> tuple[tuple[tuple[IdFault, ...], tuple[IdFault, ...]], ...]:
    """(errors, warnings) of every fault mask, as the rule splits them."""
    tuples = []
    for mask in range(256):
        faults = [f for f in FAULTS if mask & BIT[f]]
        tuples.append(
            (
                tuple(f for f in faults if f not in WARNING_FAULTS),
                tuple(f for f in faults if f in WARNING_FAULTS),
            )
        )
    return tuple(tuples)


@dataclass
class IdChecks:
    """The outcome of checking N numbers, one entry per number, in their order.

    `faults`: a mask of `BIT`s; `sex`: b"M", b"F" or b"" when unreadable; `birth`: the birth
    date (NaT when unreadable); `length`: characters after normalisation (for the message).
    `numbers` are the numbers as given; `by_rule` the outcomes of those the rule checked itself.
    """

    numbers: Sequence[str] | NDArray[np.bytes_]
    faults: NDArray[np.uint8]
    sex: NDArray[np.bytes_]
    birth: NDArray[np.datetime64]
    length: NDArray[np.int32]
    by_rule: dict[int, IdCheck] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.faults)

    @property
    def ok(self) -> NDArray[np.bool_]:
        """No blocking fault (as `IdCheck.ok`)."""
        ok: NDArray[np.bool_] = (self.faults & ERROR_BITS) == 0
        return ok

    def number(self, index: int) -> str:
        """The normalised number (`IdCheck.number`)."""
        if index in self.by_rule:
            return self.by_rule[index].number
        value = self.numbers[index]
        return value.decode() if isinstance(value, bytes) else str(value)

    def errors(self, index: int) -> tuple[IdFault, ...]:
        return _fault_tuples()[int(self.faults[index])][0]

    def warnings(self, index: int) -> tuple[IdFault, ...]:
        return _fault_tuples()[int(self.faults[index])][1]

    def check(self, index: int) -> IdCheck:
        """The number's outcome as the rule's `IdCheck` (equal to `check_id_number`'s)."""
        if index in self.by_rule:
            return self.by_rule[index]
        number = self.number(index)
        sex = self.sex[index].decode() or None
        birth = self.birth[index]
        readable = sex is not None
        return IdCheck(
            number=number,
            birth_date=None if np.isnat(birth) else birth.item(),
            sex=sex,
            birthplace_code=number[:6] if readable else None,
            errors=self.errors(index),
            warnings=self.warnings(index),
        )


def check_id_numbers(numbers: Sequence[str], *, on: date | None = None) -> IdChecks:
    """Check `numbers` (strings as typed) as `check_id_number(number, on=on)` would."""
    count = len(numbers)
    length = np.fromiter(map(len, numbers), dtype=np.int64, count=count)
    try:
        data = np.array(numbers, dtype=f"S{WIDTH}") if count else np.zeros(0, f"S{WIDTH}")
        readable = length <= WIDTH
    except UnicodeEncodeError:  # some are not ASCII: those go to the rule
        ascii = np.fromiter(map(str.isascii, numbers), dtype=bool, count=count)
        readable = ascii & (length <= WIDTH)
        data = np.zeros(count, f"S{WIDTH}")
        picked = np.flatnonzero(readable)
        data[picked] = np.array([numbers[i] for i in picked.tolist()], dtype=f"S{WIDTH}")
    # A number longer than WIDTH was cut short by numpy, one with a NUL at its end lost it:
    # their byte lengths differ from their lengths, and the rule checks them.
    readable &= np.char.str_len(data) == length
    return _check(numbers, data, readable, on)


def check_id_bytes(data: NDArray[np.bytes_], *, on: date | None = None) -> IdChecks:
    """Check numbers given as a numpy bytes array (dtype "S…", UTF-8, NUL-padded as numpy
    stores them): the way to hand over millions without a Python string each."""
    if data.dtype.itemsize == WIDTH:
        data = np.ascontiguousarray(data)
        return _check(data, data, np.ones(len(data), bool), on)
    rows = data.astype(f"S{WIDTH}")  # cuts longer entries short: those go to the rule
    return _check(data, rows, np.char.str_len(data) <= WIDTH, on)


def _check(
    numbers: Sequence[str] | NDArray[np.bytes_],
    data: NDArray[np.bytes_],
    readable: NDArray[np.bool_],
    on: date | None,
) -> IdChecks:
    count = len(data)
    checks = IdChecks(
        numbers=numbers,
        faults=np.zeros(count, np.uint8),
        sex=np.zeros(count, "S1"),
        birth=np.full(count, _NOT_A_DAY, np.int64).view("datetime64[D]"),
        length=np.zeros(count, np.int32),
    )
    rows = data.view(np.uint8).reshape(count, WIDTH)
    sex = checks.sex.view(np.uint8)
    birth = checks.birth.view(np.int64)
    on_value = -1 if on is None else on.year * 10_000 + on.month * 100 + on.day
    by_rule = ~readable
    for start in range(0, count, CHUNK):
        end = min(start + CHUNK, count)
        by_rule[start:end] |= _kernel(
            rows[start:end],
            on_value,
            checks.faults[start:end],
            sex[start:end],
            birth[start:end],
            checks.length[start:end],
        )
    for index in np.flatnonzero(by_rule).tolist():
        _by_rule(checks, index, on)
    return checks


def _by_rule(checks: IdChecks, index: int, on: date | None) -> None:
    raw = checks.numbers[index]
    text = raw.decode("utf-8", "surrogateescape") if isinstance(raw, bytes) else str(raw)
    result = check_id_number(text, on=on)
    checks.by_rule[index] = result
    mask = 0
    for fault in (*result.errors, *result.warnings):
        mask |= BIT[fault]
    checks.faults[index] = mask
    checks.sex[index] = (result.sex or "").encode()
    checks.birth[index] = np.datetime64(result.birth_date, "D") if result.birth_date else "NaT"
    checks.length[index] = len(result.number)


def _kernel(
    rows: NDArray[np.uint8],
    on_value: int,
    faults: NDArray[np.uint8],
    sex: NDArray[np.uint8],
    birth: NDArray[np.int64],
    length_out: NDArray[np.int32],
) -> NDArray[np.bool_]:
    """Check one chunk of rows in place; returns the rows left to the rule.

    Each row is three 64-bit words; a word's eight characters are handled at once (SWAR): the
    first character in the lowest byte. Rows of 18 legal characters, practically all, take
    the word-wise path; the others (`_irregular`) go character by character.
    """
    words = rows.view(np.uint64)
    w0, w1, w2 = (np.ascontiguousarray(words[:, i]) for i in range(3))
    tail = w2.astype(np.uint16)  # characters 17 and 18; legal rows have nothing after them
    d16 = (tail & np.uint16(0xFF)) - np.uint16(_ZERO)
    last = tail >> np.uint16(8)
    legal = (
        _all_digits(w0)
        & _all_digits(w1)
        & ((w2 >> _16) == 0)
        & (d16 < 10)
        & (((last - np.uint16(_ZERO)) < 10) | (last == _X))
    )
    v0, v1 = w0 - _ZEROS, w1 - _ZEROS  # digit values by byte (junk where not legal: masked)
    # Check character: weight 2^(17-i) of character i is twice the next one's, and 2^8 = 3
    # (mod 11), so the 17 weighted digits fold into four lanes of (2·even + odd) pairs.
    folded = _fold(v0) * _THREE + _fold(v1)
    weighted = ((folded * _CHECK_LANES) >> _48).astype(np.int32) + d16 * WEIGHTS[16]
    checksum = legal & (_EXPECTED[np.minimum(weighted, _EXPECTED.size - 1)] != last)
    # Two-digit values at bytes 0, 2, 4 and 6: 6-digit place, year and month, day.
    p0 = _pairs(v0).view(np.uint8).reshape(-1, 8)
    p1 = _pairs(v1).view(np.uint8).reshape(-1, 8)
    place = _six_digits(p0[:, 0], p0[:, 2], p0[:, 4])
    year_month = np.minimum(_six_digits(p0[:, 6], p1[:, 0], p1[:, 2]), 999_999)
    day = p1[:, 4].astype(np.int32)
    month_length, month_start = _calendar()
    real = legal & (day >= 1) & (day <= month_length[year_month])
    unknown = legal & ~_known_places()[np.minimum(place, 999_999)]
    found = _bits(legal & ~real, IdFault.IMPOSSIBLE_BIRTH_DATE)
    if on_value >= 0:
        found |= _bits(real & (year_month * 100 + day > on_value), IdFault.FUTURE_BIRTH_DATE)
    found |= _bits(checksum, IdFault.CHECKSUM)
    found |= _bits(unknown, IdFault.UNKNOWN_BIRTHPLACE)
    faults[:] = found
    odd = (d16 & np.uint16(1)).astype(np.uint8)
    sex[:] = legal.view(np.uint8) * (_FEMALE + (_MALE - _FEMALE) * odd)
    days = month_start[year_month] + day
    birth[:] = np.where(real, days, _NOT_A_DAY)
    length_out[:] = ID_LENGTH

    irregular = np.flatnonzero(~legal)
    leave = np.zeros(len(rows), bool)
    if irregular.size:
        leave[irregular] = _irregular(rows[irregular], faults, irregular, length_out)
    return leave


def _all_digits(word: NDArray[np.uint64]) -> NDArray[np.bool_]:
    """Whether all eight characters of each word are 0-9: high nibble 3, low nibble at most 9."""
    digits: NDArray[np.bool_] = ((word & _HIGH_NIBBLES) == _ZEROS) & (
        ((word & _LOW_NIBBLES) + _SIXES) & _HIGH_NIBBLES == 0
    )
    return digits


def _fold(values: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """2 × even + odd digit value of each pair, in the word's four 16-bit lanes."""
    return (values + values + (values >> _8)) & _EVEN_BYTES


def _bits(mask: NDArray[np.bool_], fault: IdFault) -> NDArray[np.uint8]:
    return mask.view(np.uint8) << np.uint8(BIT[fault].bit_length() - 1)


def _pairs(values: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """Two-digit values (10 × first + second) at bytes 0, 2, 4 and 6 of a word of digit values."""
    return values * _TEN + (values >> _8)


def _six_digits(
    high: NDArray[np.uint8], middle: NDArray[np.uint8], low: NDArray[np.uint8]
) -> NDArray[np.int32]:
    """Three two-digit values as one number (junk up to 255 each where not digits)."""
    number: NDArray[np.int32] = np.multiply(high, 10_000, dtype=np.int32)
    number += np.multiply(middle, 100, dtype=np.int32)
    number += low
    return number


def _irregular(
    rows: NDArray[np.uint8],
    faults: NDArray[np.uint8],
    where: NDArray[np.intp],
    length_out: NDArray[np.int32],
) -> NDArray[np.bool_]:
    """Rows that are not 18 legal characters: empty, a wrong length (or 15 digits), illegal
    characters, or not normalised (those are returned, for the rule)."""
    cols = np.ascontiguousarray(rows.T)  # column i = the i-th character of every number
    count = cols.shape[1]
    filled = cols != 0
    length = filled.sum(axis=0)
    # numpy pads with NULs and keeps inner ones; a row with a gap goes to the rule.
    gap = (~filled[:-1] & filled[1:]).any(axis=0)
    last = cols[np.maximum(length - 1, 0), np.arange(count)]
    lower = ((cols - np.uint8(ord("a"))) < 26).any(axis=0)
    leave = gap | (cols.max(axis=0) >= 128) | lower | _SPACES[cols[0]] | _SPACES[last]
    length_out[where] = length
    digit = (cols - np.uint8(ord("0"))) < 10
    position = np.arange(WIDTH)[:, None]
    outside = position >= length
    all_digits = (digit | outside).all(axis=0)
    legacy = (length == LEGACY_LENGTH) & all_digits
    checked = position < (length - (last == _X))  # all but a final X
    illegal = ~(digit | ~checked).all(axis=0)
    mask = np.where(legacy, _LEGACY, _WRONG | np.where(illegal, _ILLEGAL, 0))
    mask = np.where(length == ID_LENGTH, _ILLEGAL, mask)  # 18 long, yet not legal
    faults[where] = np.where(length == 0, _EMPTY, mask).astype(np.uint8)
    left: NDArray[np.bool_] = leave
    return left
