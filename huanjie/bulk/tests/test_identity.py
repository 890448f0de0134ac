"""The bulk ID-number kernel against the rule that defines it (`check_id_number`) and against
python-stdnum's check digit and date parsing: random, structured and adversarial inputs."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from huanjie.bulk import identity as bulk
from huanjie.bulk.identity import BIT, check_id_bytes, check_id_numbers
from huanjie.rules.eligibility.identity import (
    IdFault,
    birthplace_codes,
    check_character,
    check_id_number,
)

ON = date(2026, 3, 28)
CODES = sorted(birthplace_codes())

# Characters that trip up a byte-wise reader: full-width digits and X (NFKC folds them), other
# scripts' digits (isdigit, yet not 0-9), spaces str.strip() removes, NUL, lower case, CJK.
ODD = "Xx ０１９Ｘｘ٣\t\n\x1c\x00.-é身"
DIGITS = "0123456789"


def _number(code: str, year: int, month: int, day: int, serial: int) -> str:
    first17 = f"{code}{year:04d}{month:02d}{day:02d}{serial:03d}"
    return first17 + check_character(first17)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """An 18-digit number with a right check character, born on any day or none, from a known
    place or not; then maybe damaged the way typing damages numbers."""
    code = draw(st.sampled_from(CODES) | st.text(DIGITS, min_size=6, max_size=6))
    year = draw(st.integers(0, 9999) | st.integers(1890, 2030))
    month = draw(st.integers(0, 99) | st.integers(1, 12))
    day = draw(st.integers(0, 99) | st.integers(1, 31))
    number = _number(code, year, month, day, draw(st.integers(0, 999)))
    damage = draw(st.sampled_from(["none", "check", "cut", "extend", "insert", "pad", "lower"]))
    if damage == "check":
        number = number[:-1] + draw(st.sampled_from(DIGITS + "X"))
    elif damage == "cut":
        number = number[: draw(st.integers(0, 17))]
    elif damage == "extend":
        number += draw(st.text(DIGITS + "X", min_size=1, max_size=10))
    elif damage == "insert":
        at = draw(st.integers(0, 17))
        number = number[:at] + draw(st.sampled_from(ODD)) + number[at + 1 :]
    elif damage == "pad":
        number = draw(st.sampled_from(["", " ", "\t", "\u3000"])) + number + " "
    elif damage == "lower":
        number = number.lower()
    return number


anything = st.text(DIGITS + ODD, max_size=30) | st.text(max_size=20)


def _assert_agrees(values: list[str], on: date | None) -> None:
    checks = check_id_numbers(values, on=on)
    assert len(checks) == len(values)
    for index, value in enumerate(values):
        expected = check_id_number(value, on=on)
        assert checks.check(index) == expected, value
        assert checks.ok[index] == expected.ok
        assert checks.number(index) == expected.number
        assert checks.errors(index) == expected.errors
        assert checks.length[index] == len(expected.number)


@given(st.lists(numbers() | anything, max_size=40), st.sampled_from([None, ON]))
def test_agrees_with_the_rule(values: list[str], on: date | None) -> None:
    _assert_agrees(values, on)


@given(st.lists(numbers(), min_size=1, max_size=40))
def test_bytes_agree_with_the_rule(values: list[str]) -> None:
    data = np.array([v.encode() for v in values], dtype="S40")
    checks = check_id_bytes(data, on=ON)
    for index, value in enumerate(values):
        # numpy's "S" dtype pads with NUL, so a trailing NUL is padding there by definition.
        held = value.rstrip("\x00")
        assert checks.check(index) == check_id_number(held, on=ON), value


@given(st.lists(numbers(), min_size=1, max_size=40))
def test_check_digit_and_date_agree_with_stdnum(values: list[str]) -> None:
    """The oracle: python-stdnum's check digit and birth date, on every 18-digit number."""
    checks = check_id_numbers(values)
    for index, typed in enumerate(values):
        value = typed.strip().upper()
        # A last character other than 0-9 or X is a format fault, never a wrong check digit.
        if not (len(value) == 18 and value[:17].isdecimal() and value.isascii()):
            continue
        if value[-1] not in DIGITS + "X":
            continue
        faults = int(checks.faults[index])
        wrong_check = ric.calc_check_digit(value) != value[-1]
        assert bool(faults & BIT[IdFault.CHECKSUM]) is wrong_check, value
        try:
            born: date | None = ric.get_birth_date(value)
        except ValidationError:
            born = None
        assert bool(faults & BIT[IdFault.IMPOSSIBLE_BIRTH_DATE]) is (born is None), value
        assert checks.check(index).birth_date == born


def test_every_fault_class_and_the_counts() -> None:
    good = _number("330102", 1980, 1, 1, 123)
    values = [
        good,
        "",
        good[:-1],
        good[6:15] + "123456",  # 15 digits: the old card
        good[:5] + "A" + good[6:],
        _number("330102", 1999, 2, 29, 1),
        _number("330102", 2030, 1, 1, 1),
        good[:-1] + ("0" if good[-1] != "0" else "1"),
        _number("999999", 1980, 1, 1, 1),
        " " + good.lower() + " ",  # normalised by the rule
    ]
    checks = check_id_numbers(values, on=ON)
    found = [checks.errors(i) + checks.warnings(i) for i in range(len(values))]
    assert found == [
        (),
        (IdFault.EMPTY,),
        (IdFault.WRONG_LENGTH,),
        (IdFault.LEGACY_15,),
        (IdFault.ILLEGAL_CHARACTERS,),
        (IdFault.IMPOSSIBLE_BIRTH_DATE,),
        (IdFault.FUTURE_BIRTH_DATE,),
        (IdFault.CHECKSUM,),
        (IdFault.UNKNOWN_BIRTHPLACE,),
        (),
    ]
    assert checks.ok.tolist() == [True, *[False] * 7, True, True]
    assert checks.sex[0] == b"M" and checks.birth[0] == np.datetime64("1980-01-01")
    assert np.isnat(checks.birth[5]) and checks.sex[5] == b"M"
    assert checks.sex[1] == b"" and np.isnat(checks.birth[1])


def test_many_chunks_and_the_rows_left_to_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "CHUNK", 7)
    values = [
        _number(CODES[i % len(CODES)], 1900 + i % 120, 1 + i % 12, 1 + i % 28, i % 1000)
        for i in range(60)
    ]
    values[3] = " " + values[3]
    values[10] = values[10][:-1] + "x"
    values[20] = "１" + values[20][1:]
    values[30] = values[30] + "0" * 30  # longer than the kernel's width
    values[40] = values[40][:5] + "\x00"
    _assert_agrees(values, ON)
    checks = check_id_numbers(values, on=ON)
    assert sorted(checks.by_rule) == [3, 10, 20, 30, 40]


def test_nothing_to_check() -> None:
    assert len(check_id_numbers([])) == 0
    assert len(check_id_bytes(np.zeros(0, "S24"))) == 0


def test_bytes_of_the_kernel_width_and_longer() -> None:
    good = _number("110105", 1949, 12, 31, 3)
    exact = check_id_bytes(np.array([good.encode(), b"1" * 24], dtype=f"S{bulk.WIDTH}"))
    assert exact.check(0) == check_id_number(good)
    assert exact.errors(1) == (IdFault.WRONG_LENGTH,)
    longer = check_id_bytes(np.array([good.encode(), b"1" * 30, "１".encode()], dtype="S30"))
    assert [longer.check(i) for i in range(3)] == [
        check_id_number(v) for v in (good, "1" * 30, "１")
    ]
    assert sorted(longer.by_rule) == [1, 2]
