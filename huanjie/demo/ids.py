"""Valid, unique 18-digit ID numbers (GB 11643) for the demo's villagers.

A number keeps the address code of where and when it was first issued: people whose first
card came before 2000 mostly carry 丽水地区's 332829 (景宁畲族自治县 1984–2000), the oldest
sometimes 云和县's 332823 (景宁 was part of 云和 until 1984); later numbers carry 331127.
"""

from __future__ import annotations

import random
from datetime import date

from huanjie.rules.eligibility.identity import check_character

CURRENT_CODE = "331127"
CODE_1984_2000 = "332829"
CODE_YUNHE = "332823"
SEQUENCES_PER_SEX = 500  # three sequence digits (001–999); the last one's parity is the sex


def birthplace_code(rng: random.Random, birth_date: date) -> str:
    if birth_date.year >= 2000:
        return CURRENT_CODE
    roll = rng.random()
    if birth_date.year < 1984 and roll < 0.05:
        return CODE_YUNHE
    share_old = 0.7 if birth_date.year < 1980 else 0.5
    return CODE_1984_2000 if roll < share_old else CURRENT_CODE


class IdNumbers:
    """Issues numbers, never the same one twice within one county."""

    def __init__(self) -> None:
        self._issued: set[str] = set()

    def issue(self, rng: random.Random, birth_date: date, sex: str) -> str:
        code = birthplace_code(rng, birth_date)
        parity = 1 if sex == "M" else 0
        while True:
            # Odd 001–999 for men, even 002–998 for women: 000 is never issued.
            sequence = rng.randrange(1 - parity, SEQUENCES_PER_SEX) * 2 + parity
            first17 = f"{code}{birth_date:%Y%m%d}{sequence:03d}"
            number = first17 + check_character(first17)
            if number not in self._issued:
                self._issued.add(number)
                return number
