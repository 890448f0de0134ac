"""Citizen ID numbers (GB 11643-1999): check character, birth date, sex, birthplace.

The check character (ISO 7064 MOD 11-2) and the birth date block; the birthplace code only
warns. A number keeps the code of the place and time it was first issued, so a code that was
created after, or abolished before, the holder's birth year is still a real number: python-stdnum's
`cn.ric.validate` couples code and birth year and rejects such numbers, so only its code table is
used here, and a code found in ANY period of it is accepted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from operator import mul
from typing import Any

from stdnum import numdb

ID_LENGTH = 18
LEGACY_LENGTH = 15

# ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 for the first 17 digits, and the check characters.
WEIGHTS = tuple(pow(2, ID_LENGTH - 1 - i, 11) for i in range(ID_LENGTH - 1))
CHECK_CHARS = "10X98765432"


class IdFault(StrEnum):
    """What can be wrong with an ID number; `message` says what to do about it."""

    EMPTY = "empty"
    WRONG_LENGTH = "wrong_length"
    LEGACY_15 = "legacy_15"
    ILLEGAL_CHARACTERS = "illegal_characters"
    IMPOSSIBLE_BIRTH_DATE = "impossible_birth_date"
    FUTURE_BIRTH_DATE = "future_birth_date"
    CHECKSUM = "checksum"
    UNKNOWN_BIRTHPLACE = "unknown_birthplace"

    def message(self, *, length: int = 0) -> str:
        """The Chinese message; `length` is the number of characters found (WRONG_LENGTH)."""
        return _MESSAGES[self].format(length=length)


# The checksum message deliberately does not reveal the expected check character: telling it
# invites typing it in without looking at the card, which hides the real typo elsewhere.
_MESSAGES: dict[IdFault, str] = {
    IdFault.EMPTY: "身份证号为空，请按居民身份证录入18位号码。",
    IdFault.WRONG_LENGTH: "身份证号应为18位，录入的是{length}位，请核对证件后重新录入。",
    IdFault.LEGACY_15: "这是15位旧身份证号，请录入现行第二代居民身份证上的18位号码。",
    IdFault.ILLEGAL_CHARACTERS: (
        "身份证号只能由数字组成，仅最后一位可以是X，请核对证件后重新录入（不要夹带空格或符号）。"
    ),
    IdFault.IMPOSSIBLE_BIRTH_DATE: (
        "身份证号第7至14位的出生日期不存在（如2月31日、13月），请核对证件后重新录入。"
    ),
    IdFault.FUTURE_BIRTH_DATE: "身份证号中的出生日期晚于当前日期，请核对证件后重新录入。",
    IdFault.CHECKSUM: "身份证号校验位不符，号码中有录错的数字，请核对证件后重新录入。",
    IdFault.UNKNOWN_BIRTHPLACE: (
        "身份证号前6位地址码不在国家行政区划代码表（含历年已撤销的代码）中，"
        "请核对证件；确认无误可保留。"
    ),
}

# Faults that only warn; the others are errors.
WARNING_FAULTS = frozenset({IdFault.UNKNOWN_BIRTHPLACE})


@dataclass(frozen=True, slots=True)
class IdCheck:
    """The outcome of checking one ID number. Parts are None when they cannot be read."""

    number: str
    birth_date: date | None
    sex: str | None
    birthplace_code: str | None
    errors: tuple[IdFault, ...]
    warnings: tuple[IdFault, ...]

    @property
    def ok(self) -> bool:
        """No blocking fault (warnings still need a confirmation)."""
        return not self.errors

    def messages(self) -> tuple[str, ...]:
        """Every fault as a Chinese message, errors first."""
        return tuple(f.message(length=len(self.number)) for f in (*self.errors, *self.warnings))


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    if len(first17) != len(WEIGHTS):
        raise ValueError(f"expected {len(WEIGHTS)} digits, got {len(first17)}")
    return CHECK_CHARS[sum(map(mul, map(int, first17), WEIGHTS)) % 11]


def normalize_id_number(raw: str) -> str:
    """Full-width characters folded to ASCII (NFKC), surrounding spaces stripped, x → X."""
    return unicodedata.normalize("NFKC", raw).strip().upper()


def check_id_number(raw: str, *, on: date | None = None) -> IdCheck:
    """Check an ID number; `on` (e.g. today) makes a birth date after it an error."""
    number = normalize_id_number(raw)
    if not number:
        return _result(number, (IdFault.EMPTY,))
    if len(number) != ID_LENGTH:
        if len(number) == LEGACY_LENGTH and number.isdigit():
            return _result(number, (IdFault.LEGACY_15,))
        faults = [IdFault.WRONG_LENGTH]
        if not _ascii_digits(number[:-1] if number.endswith("X") else number):
            faults.append(IdFault.ILLEGAL_CHARACTERS)
        return _result(number, tuple(faults))
    first17, last = number[:-1], number[-1]
    if not _ascii_digits(first17) or not (_ascii_digits(last) or last == "X"):
        return _result(number, (IdFault.ILLEGAL_CHARACTERS,))

    faults = []
    birth_date = _birth_date(first17[6:14])
    if birth_date is None:
        faults.append(IdFault.IMPOSSIBLE_BIRTH_DATE)
    elif on is not None and birth_date > on:
        faults.append(IdFault.FUTURE_BIRTH_DATE)
    if check_character(first17) != last:
        faults.append(IdFault.CHECKSUM)
    code = first17[:6]
    if not birthplace_known(code):
        faults.append(IdFault.UNKNOWN_BIRTHPLACE)
    sex = "M" if int(first17[16]) % 2 else "F"
    return _result(number, tuple(faults), birth_date=birth_date, sex=sex, code=code)


def birthplace_known(code: str) -> bool:
    """Whether a 6-digit address code is in the national code table in any period."""
    return code in birthplace_codes()


@cache
def birthplace_codes() -> frozenset[str]:
    """Every 6-digit code the table lists as a county-level place in any period, read once:
    stdnum's own look-up scans the table linearly, which was most of a number's check."""
    return frozenset(_county_codes(numdb.get("cn/loc").prefixes))


def _county_codes(prefixes: Sequence[Any], head: str = "") -> Iterator[str]:
    """The codes of the table's entries with a county (prefix entries are (length, low, high,
    properties, children); the children extend the prefix)."""
    for length, low, high, props, children in prefixes:
        for value in range(int(low), int(high) + 1):
            code = head + str(value).zfill(length)
            if "county" in props:
                yield code
            yield from _county_codes(children, code)


_SEX_LABELS = {"M": "M", "F": "F", "男": "M", "女": "F"}


def sex_matches(check: IdCheck, sex: str) -> bool:
    """Whether the recorded sex ("M"/"F" or 男/女) agrees with the ID number's sex digit."""
    try:
        wanted = _SEX_LABELS[sex.strip()]
    except KeyError:
        raise ValueError(f"unknown sex label {sex!r}; expected M, F, 男 or 女") from None
    return check.sex == wanted


def mask_id_number(number: str) -> str:
    """The masked form shown to roles without a need for the number: "330…1234"."""
    n = normalize_id_number(number)
    if len(n) < 8:
        # Too short to keep 3 + 4 characters without revealing most of it.
        return "…"
    return f"{n[:3]}…{n[-4:]}"


def _ascii_digits(text: str) -> bool:
    """Only 0-9 (str.isdigit alone also takes other scripts' digits); "" passes."""
    return not text or (text.isascii() and text.isdigit())


def _birth_date(yyyymmdd: str) -> date | None:
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return None


def _result(
    number: str,
    faults: tuple[IdFault, ...],
    *,
    birth_date: date | None = None,
    sex: str | None = None,
    code: str | None = None,
) -> IdCheck:
    if not faults:  # the common case, without sorting nothing
        return IdCheck(number, birth_date, sex, code, (), ())
    return IdCheck(
        number=number,
        birth_date=birth_date,
        sex=sex,
        birthplace_code=code,
        errors=tuple(f for f in faults if f not in WARNING_FAULTS),
        warnings=tuple(f for f in faults if f in WARNING_FAULTS),
    )
