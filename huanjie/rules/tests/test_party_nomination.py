"""PB-DIFF-4 / PRAC-2T1X-3/4 recommendation lists and the SEED-3T2S1X stage order."""

from datetime import date

import pytest

from huanjie.rules.checks import Cmp
from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.nomination import (
    RecommendationPractice,
    Stage,
    check_stages,
    check_township_vote,
    next_stage,
    preliminary_list,
    recommendation_ballot_valid,
)


@pytest.mark.parametrize(
    ("names", "valid"),
    [
        (("甲", "乙", "丙", "丁", "戊"), True),
        (("甲", "乙"), True),
        ((), True),
        (("甲", "乙", "丙", "丁", "戊", "己"), False),
        (("甲", "甲", "乙", "丙", "丁", "戊"), True),
    ],
    ids=["exactly-set", "fewer", "blank", "over-voted", "duplicate-counted-once"],
)
def test_prac_2t1x_3_over_voted_recommendation_ballot_is_void(
    names: tuple[str, ...], valid: bool
) -> None:
    assert recommendation_ballot_valid(names, 5) is valid


@pytest.mark.parametrize(
    ("seats", "low", "high"),
    [(1, 3, 3), (2, 4, 4), (3, 5, 6), (5, 7, 10), (7, 9, 14)],
    ids=["1-seat-min-wins", "2-seats", "3", "5", "7"],
)
def test_pb_diff_4_list_size_bounds(seats: int, low: int, high: int) -> None:
    assert RecommendationPractice().list_bounds(seats) == (low, high)


@pytest.mark.parametrize("size", [4, 7], ids=["below-seats-plus-2", "above-twice-seats"])
def test_pb_diff_4_list_size_out_of_range_is_refused(size: int) -> None:
    with pytest.raises(RuleViolation) as raised:
        preliminary_list([], set_number=3, seats=3, list_size=size)
    assert raised.value.rule_id == "PB-DIFF-4"


def _ballots(tally: dict[tuple[str, ...], int]) -> list[tuple[str, ...]]:
    return [names for names, n in tally.items() for _ in range(n)]


def test_prac_2t1x_4_more_than_half_and_the_list() -> None:
    """10 ballots, 1 over-voted: support needs > 5 of the 10 who took part."""
    ballots = _ballots(
        {
            ("甲", "乙", "丙", "丁", "戊"): 6,
            ("甲", "乙", "丙", "丁", "己"): 2,
            ("甲", "乙", "丙", "丁", "戊", "己"): 1,  # over-voted: void
            ("庚",): 1,
        }
    )
    result = preliminary_list(ballots, set_number=5, seats=3, list_size=5)
    assert (result.ballots, result.void_ballots) == (10, 1)
    assert result.votes[:5] == (("丁", 8), ("丙", 8), ("乙", 8), ("甲", 8), ("戊", 6))
    assert result.supported == ("丁", "丙", "乙", "甲", "戊")  # 己 2, 庚 1 lack support
    assert result.preliminary == result.supported
    assert result.findings == ()


def test_prac_2t1x_4_exactly_half_is_not_enough() -> None:
    ballots = _ballots({("甲", "乙", "丙", "丁", "戊"): 5, ("庚",): 5})
    result = preliminary_list(ballots, set_number=5, seats=3, list_size=5)
    assert result.supported == ()
    assert [f.rule_id for f in result.findings] == ["PB-DIFF-4"]
    assert "少于应选人数加2（5名）" in result.findings[0].message


def test_prac_2t1x_4_half_or_more_where_the_county_says_so() -> None:
    practice = RecommendationPractice(min_support_cmp=Cmp.AT_LEAST)
    ballots = _ballots({("甲", "乙", "丙", "丁", "戊"): 5, (): 5})
    result = preliminary_list(ballots, set_number=5, seats=3, list_size=5, practice=practice)
    assert result.preliminary == ("丁", "丙", "乙", "戊", "甲")  # 5 of 10: exactly half passes
    assert result.findings == ()


def test_prac_2t1x_4_tie_across_the_last_place() -> None:
    ballots = _ballots(
        {
            ("甲", "乙", "丙", "丁", "戊"): 4,
            ("甲", "乙", "丙", "丁", "己"): 4,
            ("戊", "己"): 2,
        }
    )
    result = preliminary_list(ballots, set_number=5, seats=3, list_size=5)
    assert result.preliminary == ("丁", "丙", "乙", "甲")
    assert result.tied_at_cut == ("己", "戊")
    assert [f.rule_id for f in result.findings] == ["PRAC-2T1X-4"]
    assert "己、戊得票均为6票" in result.findings[0].message


def test_prac_2t1x_4_more_supported_than_the_list() -> None:
    ballots = _ballots(
        {("甲", "乙", "丙", "丁", "戊", "己"): 7, ("甲", "乙", "丙", "丁", "戊"): 2, ("甲",): 1}
    )
    result = preliminary_list(ballots, set_number=6, seats=3, list_size=5)
    assert result.supported == ("甲", "丁", "丙", "乙", "戊", "己")
    assert result.preliminary == ("甲", "丁", "丙", "乙", "戊")
    assert result.tied_at_cut == () and result.findings == ()


D = date(2026, 1, 5)


def _day(n: int) -> date:
    return date(2026, 1, 5 + n)


ALL = [(stage, _day(i)) for i, stage in enumerate(Stage)]


@pytest.mark.parametrize(
    ("done", "needles"),
    [
        (ALL, []),
        (ALL[:2], []),
        (
            [(Stage.INITIAL_NOMINATION, D), (Stage.TOWNSHIP_VOTE, _day(2))],
            ["尚未完成“党员群众大会"],
        ),
        ([(Stage.INITIAL_NOMINATION, _day(3)), (Stage.TRUST_RECOMMENDATION, _day(1))], ["早于"]),
        ([(Stage.INITIAL_NOMINATION, D), (Stage.INITIAL_NOMINATION, D)], ["重复"]),
        (
            [(s, _day(4)) for s in (Stage.MEMBERS_STATEMENT, Stage.ELECTION)],
            ["尚未完成“初始提名推荐", "尚未完成“初始提名推荐"],
        ),
    ],
    ids=["in-order", "under-way", "skipped-trust", "dates-backwards", "repeated", "jumped"],
)
def test_seed_3t2s1x_stage_order(done: list[tuple[Stage, date]], needles: list[str]) -> None:
    findings = check_stages(done)
    assert [f.rule_id for f in findings] == ["SEED-3T2S1X"] * len(needles)
    for finding, needle in zip(findings, needles, strict=True):
        assert needle in finding.message and finding.blocking


def test_seed_3t2s1x_statement_and_election_the_same_day() -> None:
    done = [*ALL[:3], (Stage.MEMBERS_STATEMENT, _day(9)), (Stage.ELECTION, _day(9))]
    assert check_stages(done) == []


@pytest.mark.parametrize(
    ("done", "expected"),
    [([], Stage.INITIAL_NOMINATION), (ALL[:3], Stage.MEMBERS_STATEMENT), (ALL, None)],
    ids=["start", "after-township-vote", "finished"],
)
def test_seed_3t2s1x_next_stage(done: list[tuple[Stage, date]], expected: Stage | None) -> None:
    assert next_stage(done) is expected


@pytest.mark.parametrize(
    ("provisional", "formal", "ok"),
    [(8, 6, True), (6, 6, False), (5, 6, False)],
    ids=["competitive", "uncontested", "more-than-provisional"],
)
def test_seed_3t2s1x_township_vote_is_competitive(provisional: int, formal: int, ok: bool) -> None:
    assert (check_township_vote(provisional, formal) is None) is ok
