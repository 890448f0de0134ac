"""Results of composition, assembly and procedure checks: findings and exact thresholds.

A `Finding` is one thing an officer must act on (blocking) or should know (warning). A
`Threshold` is one legal fraction test done in integers (rules.md §0.3): "以上 / 不少于"
includes the stated share, "超过 / 过半数" excludes it (民法典 1259), so `count / base >= f`
is tested as `count * f.denominator >= f.numerator * base`, never with floats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.periods import PeriodEnd


class Severity(StrEnum):
    BLOCK = "block"  # a legal requirement is not met: the step may not go ahead
    WARNING = "warning"  # a target or a discretionary rule: shown, never blocks


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    severity: Severity
    message: str

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCK


def block(rule_id: str, message: str) -> Finding:
    return Finding(rule_id, Severity.BLOCK, message)


def warn(rule_id: str, message: str) -> Finding:
    return Finding(rule_id, Severity.WARNING, message)


def has_blocking(findings: Iterable[Finding]) -> bool:
    return any(f.blocking for f in findings)


def calendar_warnings(rule_id: str, *ends: PeriodEnd | None) -> list[Finding]:
    """One warning per distinct text: a year without a holiday table makes periods provisional."""
    texts: list[str] = []
    for end in ends:
        if end is not None and end.warning and end.warning not in texts:
            texts.append(end.warning)
    return [warn(rule_id, text) for text in texts]


class Cmp(StrEnum):
    AT_LEAST = ">="  # 以上 / 不少于 / 不得少于
    MORE_THAN = ">"  # 超过 / 过半数


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """0..99 in Chinese numerals, as fractions in legal text are written (三分之二, 十五分之一)."""
    if not 0 <= n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def fraction_phrase(fraction: Fraction, cmp: Cmp) -> str:
    """The legal wording of a share: 过半数, 半数以上, 三分之二以上, 超过五分之四 …"""
    if fraction == Fraction(1, 2):
        return "过半数" if cmp is Cmp.MORE_THAN else "半数以上"
    share = f"{chinese_number(fraction.denominator)}分之{chinese_number(fraction.numerator)}"
    return f"超过{share}" if cmp is Cmp.MORE_THAN else f"{share}以上"


def minimum_count(fraction: Fraction, base: int, cmp: Cmp) -> int:
    """The smallest whole count that passes `count ⋛ fraction × base`."""
    product = fraction.numerator * base
    if cmp is Cmp.MORE_THAN:
        return product // fraction.denominator + 1
    return -(-product // fraction.denominator)


@dataclass(frozen=True, slots=True)
class Threshold:
    """`count` tested against `fraction` of `base`; `remedy` says what to do when it fails."""

    rule_id: str
    subject: str  # what is counted, e.g. "到会人数"
    count: int
    base_label: str  # what the base is, e.g. "应到会成员"
    base: int
    fraction: Fraction
    cmp: Cmp
    remedy: str
    unit: str = "人"

    def __post_init__(self) -> None:
        if self.count < 0 or self.base < 0:
            raise ValueError("counts are never negative")

    @property
    def met(self) -> bool:
        lhs = self.count * self.fraction.denominator
        rhs = self.fraction.numerator * self.base
        return lhs > rhs if self.cmp is Cmp.MORE_THAN else lhs >= rhs

    @property
    def required(self) -> int:
        return minimum_count(self.fraction, self.base, self.cmp)

    @property
    def requirement(self) -> str:
        phrase = fraction_phrase(self.fraction, self.cmp)
        return (
            f"{self.base_label}{self.base}{self.unit}的{phrase}，即至少{self.required}{self.unit}"
        )

    @property
    def message(self) -> str:
        stated = f"{self.subject}{self.count}{self.unit}"
        if self.met:
            return f"{stated}，符合要求（{self.requirement}）。"
        return f"{stated}，不符合要求（{self.requirement}）；{self.remedy}"

    @property
    def finding(self) -> Finding | None:
        return None if self.met else block(self.rule_id, self.message)


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Alternative tests of one rule (e.g. REP-2: adults OR household representatives).

    An alternative over an empty base is not open: a village without representatives has only
    the voters' route to a recall (REC-1), and `3*0 >= 0` must not pass a petition nobody signed.
    """

    rule_id: str
    options: tuple[Threshold, ...]
    remedy: str

    @property
    def open_options(self) -> tuple[Threshold, ...]:
        return tuple(t for t in self.options if t.base > 0)

    @property
    def met(self) -> bool:
        return any(t.met for t in self.open_options)

    @property
    def message(self) -> str:
        parts = "；或".join(
            f"{t.subject}{t.count}{t.unit}（{t.requirement}）"
            for t in self.open_options or self.options
        )
        if self.met:
            return f"符合要求：{parts}，满足其一即可。"
        return f"不符合要求：{parts}，均未达到；{self.remedy}"

    @property
    def finding(self) -> Finding | None:
        return None if self.met else block(self.rule_id, self.message)


def in_zhejiang(profile: Profile) -> bool:
    """Zhejiang-only articles (ZJ-I20, ZJ-E20) apply to ZJ profiles and counties deriving them."""
    return "ZJ_2020" in profile.chain
