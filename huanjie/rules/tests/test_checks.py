"""Exact thresholds (rules.md §0.3) and the shared finding types."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huanjie.rules.checks import (
    AnyOf,
    Cmp,
    Severity,
    Threshold,
    block,
    chinese_number,
    fraction_phrase,
    has_blocking,
    in_zhejiang,
    minimum_count,
    warn,
)
from huanjie.rules.profiles.profile import load_profile


def _t(count: int, base: int, fraction: Fraction, cmp: Cmp) -> Threshold:
    return Threshold("T-1", "到会人数", count, "应到会人数", base, fraction, cmp, "请另行召集。")


@given(st.integers(0, 5000), st.integers(0, 5000))
def test_more_than_half_is_strict(x: int, n: int) -> None:
    """过半数 `2x > N` and 半数以上 `2x >= N` differ exactly when 2x == N."""
    strict = _t(x, n, Fraction(1, 2), Cmp.MORE_THAN)
    inclusive = _t(x, n, Fraction(1, 2), Cmp.AT_LEAST)
    assert strict.met == (2 * x > n)
    assert inclusive.met == (2 * x >= n)
    assert (strict.met != inclusive.met) == (2 * x == n)


@given(st.integers(0, 5000), st.integers(0, 5000).filter(lambda n: n % 3 != 0))
def test_one_third_with_base_not_divisible_by_three(x: int, n: int) -> None:
    t = _t(x, n, Fraction(1, 3), Cmp.AT_LEAST)
    assert t.met == (3 * x >= n)
    assert t.required == n // 3 + 1  # the ceiling: never an exact third


@given(
    st.integers(0, 5000),
    st.integers(0, 5000),
    st.fractions(min_value=0, max_value=1, max_denominator=20),
    st.sampled_from(list(Cmp)),
)
def test_required_is_the_least_passing_count(x: int, n: int, f: Fraction, cmp: Cmp) -> None:
    t = _t(x, n, f, cmp)
    assert t.met == (x >= t.required)
    assert not _t(max(t.required - 1, 0), n, f, cmp).met or t.required == 0


@given(st.integers(1, 300))
def test_ceil_margin_matches_the_integer_test(s: int) -> None:
    """差额 20 % rounded up: `5*(c-s) >= s` first holds at c = s + ceil(s/5)."""
    extra = minimum_count(Fraction(1, 5), s, Cmp.AT_LEAST)
    assert 5 * extra >= s
    assert 5 * (extra - 1) < s


@pytest.mark.parametrize(
    ("fraction", "cmp", "phrase"),
    [
        (Fraction(1, 2), Cmp.MORE_THAN, "过半数"),
        (Fraction(1, 2), Cmp.AT_LEAST, "半数以上"),
        (Fraction(2, 3), Cmp.AT_LEAST, "三分之二以上"),
        (Fraction(4, 5), Cmp.MORE_THAN, "超过五分之四"),
        (Fraction(1, 10), Cmp.AT_LEAST, "十分之一以上"),
        (Fraction(1, 15), Cmp.AT_LEAST, "十五分之一以上"),
        (Fraction(1, 20), Cmp.AT_LEAST, "二十分之一以上"),
    ],
    ids=["gt-half", "ge-half", "two-thirds", "gt-four-fifths", "tenth", "fifteenth", "twentieth"],
)
def test_fraction_phrase(fraction: Fraction, cmp: Cmp, phrase: str) -> None:
    assert fraction_phrase(fraction, cmp) == phrase


def test_chinese_number_range() -> None:
    assert [chinese_number(n) for n in (0, 7, 10, 21, 99)] == ["零", "七", "十", "二十一", "九十九"]
    with pytest.raises(ValueError):
        chinese_number(100)


def test_threshold_messages_and_findings() -> None:
    ok = _t(20, 30, Fraction(2, 3), Cmp.AT_LEAST)
    assert ok.finding is None
    assert ok.message == "到会人数20人，符合要求（应到会人数30人的三分之二以上，即至少20人）。"
    short = _t(19, 30, Fraction(2, 3), Cmp.AT_LEAST)
    assert short.finding == block("T-1", short.message)
    assert short.message.endswith("即至少20人）；请另行召集。")


def test_threshold_refuses_negative_counts() -> None:
    with pytest.raises(ValueError):
        _t(-1, 30, Fraction(1, 2), Cmp.MORE_THAN)


def test_any_of_passes_on_one_option() -> None:
    a, b = _t(1, 30, Fraction(1, 2), Cmp.MORE_THAN), _t(20, 30, Fraction(2, 3), Cmp.AT_LEAST)
    assert AnyOf("T-2", (a, b), "请另行召集。").finding is None
    assert "满足其一即可" in AnyOf("T-2", (a, b), "").message
    failed = AnyOf("T-2", (a, a), "请另行召集。")
    assert failed.finding is not None and failed.finding.message.endswith("请另行召集。")


def test_findings_severity() -> None:
    assert block("X", "m").blocking and block("X", "m").severity is Severity.BLOCK
    assert not warn("X", "m").blocking
    assert has_blocking([warn("X", "m"), block("Y", "n")]) and not has_blocking((warn("X", "m"),))


@pytest.mark.parametrize(
    ("profile_id", "expected"),
    [("ZJ_2020", True), ("ZJ_2025", True), ("SH_2020", False), ("NAT_2018", False)],
    ids=["zj2020", "zj2025", "sh", "nat"],
)
def test_in_zhejiang(profile_id: str, expected: bool) -> None:
    assert in_zhejiang(load_profile(profile_id)) is expected


def test_any_of_ignores_an_option_with_an_empty_base() -> None:
    """An alternative over nobody (a village without representatives) is no alternative: its
    `0 >= 0` neither passes the rule nor appears in the message."""
    voters = _t(0, 900, Fraction(1, 5), Cmp.AT_LEAST)
    nobody = Threshold("T-2", "联名代表", 0, "村民代表", 0, Fraction(1, 3), Cmp.AT_LEAST, "")
    assert nobody.met  # the bare integer test stays exact (§0.3)
    rule = AnyOf("T-2", (voters, nobody), "请继续征集联名。")
    assert not rule.met
    assert rule.finding is not None and "村民代表" not in rule.finding.message
    assert AnyOf("T-2", (nobody,), "").met is False
