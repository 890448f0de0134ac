"""CEO-2..6 on the numbers of rules.md §H-12 (300 members with full civil capacity)."""

import pytest

from huanjie.rules.bodies.cooperative import (
    CeoMatter,
    board_decision,
    board_meeting_quorum,
    check_cooperative_representatives,
    cooperative_assembly_decision,
    cooperative_assembly_quorum,
    cooperative_representatives_decision,
    nonmember_rights_granted,
)
from huanjie.rules.checks import Threshold


@pytest.mark.parametrize(
    ("present", "met"), [(200, True), (199, False)], ids=["200-quorum", "199-short"]
)
def test_ceo_2_quorum_h12(present: int, met: bool) -> None:
    assert cooperative_assembly_quorum(present, 300).met is met


def test_ceo_2_decision_counts_all_members_h12() -> None:
    """240 attend, 190 yes (79 % of attendees) → fails: the bar is 200 of all 300."""
    assert cooperative_assembly_quorum(240, 300).met
    decision = cooperative_assembly_decision(190, 300)
    assert not decision.met and decision.required == 200
    assert decision.finding is not None and "全体成员" in decision.finding.message
    assert cooperative_assembly_decision(200, 300).met


@pytest.mark.parametrize(
    ("yes", "met"), [(225, True), (224, False)], ids=["225-granted", "224-refused"]
)
def test_ceo_6_nonmember_rights_h12(yes: int, met: bool) -> None:
    assert nonmember_rights_granted(yes, 300).met is met


def test_ceo_4_board_of_five_h12() -> None:
    assert board_meeting_quorum(4, 5).met and not board_meeting_quorum(3, 5).met
    assert board_decision(3, 5).met and not board_decision(2, 5).met
    assert board_decision(3, 5).required == 3  # > 2.5 of ALL five, not of those present


@pytest.mark.parametrize(
    ("reps", "rules"),
    [(30, []), (28, []), (27, ["CEO-3"]), (85, ["CEO-3"]), (20, ["CEO-3", "CEO-3"])],
    ids=["h12-30", "h12-28", "below-28", "above-84", "not-more-than-20"],
)
def test_ceo_3_representatives_h12(reps: int, rules: list[str]) -> None:
    """420 households: 28 ≤ reps ≤ 84 and > 20."""
    assert [f.rule_id for f in check_cooperative_representatives(reps, 420)] == rules


def test_ceo_3_more_than_twenty_on_a_small_organization() -> None:
    assert check_cooperative_representatives(21, 200) == []
    assert "超过20名" in check_cooperative_representatives(20, 200)[0].message


def test_ceo_3_decision_of_all_representatives_h12() -> None:
    passed = cooperative_representatives_decision(20, 30, CeoMatter.OTHER)
    failed = cooperative_representatives_decision(19, 30, CeoMatter.OTHER)
    assert isinstance(passed, Threshold) and passed.met
    assert isinstance(failed, Threshold) and not failed.met


@pytest.mark.parametrize("matter", sorted(set(CeoMatter) - {CeoMatter.OTHER}))
def test_ceo_3_reserved_matters_go_to_the_members(matter: CeoMatter) -> None:
    result = cooperative_representatives_decision(30, 30, matter)
    assert not isinstance(result, Threshold)
    assert result.rule_id == "CEO-3" and result.blocking and "成员大会" in result.message
