"""Reducing the committee's seats after too few winners: PB-WIN-3 (rules.md H-7: 5 seats)."""

from __future__ import annotations

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.seats import seat_reduction
from huanjie.rules.profiles.profile import load_profile

PB_2020 = load_profile("PB_2020")
PB_1990 = load_profile("PB_1990")


def test_pb_win_3_five_seats_four_elected_minimum_three_may_reduce() -> None:
    answer = seat_reduction(5, 4, PB_2020)
    assert answer.allowed and answer.reason == ""
    assert (answer.seats, answer.elected) == (5, 4)
    assert seat_reduction(5, 4, PB_1990).allowed


def test_pb_win_3_exactly_the_minimum_committee_size_may_reduce() -> None:
    assert seat_reduction(5, 3, PB_2020).allowed


def test_pb_win_3_five_seats_two_elected_is_below_the_minimum_refused() -> None:
    answer = seat_reduction(5, 2, PB_2020)
    assert not answer.allowed
    assert "少于委员会最少人数 3 名" in answer.reason and "另行选举" in answer.reason
    assert "3 名另行选举" in answer.reason


def test_pb_win_3_a_larger_minimum_from_the_profile_refuses_four() -> None:
    strict = load_profile("PB_2020", overrides={"pb.min_committee_size": 5})
    assert not seat_reduction(7, 4, strict).allowed


def test_pb_win_3_a_profile_that_forbids_reducing_refuses() -> None:
    answer = seat_reduction(5, 4, load_profile("GTZX"))
    assert not answer.allowed
    assert "不允许减少名额" in answer.reason and "1 名另行选举" in answer.reason
    off = load_profile("PB_2020", overrides={"pb.allow_reduce_seats": False})
    assert not seat_reduction(5, 4, off).allowed


def test_pb_win_3_no_shortfall_nothing_to_reduce() -> None:
    answer = seat_reduction(5, 5, PB_2020)
    assert not answer.allowed and "无需减少名额" in answer.reason


def test_pb_win_3_a_villagers_committee_profile_refuses() -> None:
    answer = seat_reduction(5, 4, load_profile("NAT_2018"))
    assert not answer.allowed and "党组织委员会" in answer.reason


@pytest.mark.parametrize(("seats", "elected"), [(0, 0), (5, -1)])
def test_pb_win_3_impossible_numbers_are_refused(seats: int, elected: int) -> None:
    with pytest.raises(RuleViolation) as caught:
        seat_reduction(seats, elected, PB_2020)
    assert caught.value.rule_id == "PB-WIN-3"
