"""Counting staff: candidates (VC-VOTE-5) and their relatives within the province's set (KIN-3)."""

from __future__ import annotations

import pytest

from huanjie.rules.kinship.avoidance import KinshipIndex, Person, Sex
from huanjie.rules.kinship.relations import Relation, RelationKind, RelationSet
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.profiles.schema import ProfileError
from huanjie.rules.voting.staff import kin_3_set, staff_problems

M, F = Sex.MALE, Sex.FEMALE
PEOPLE = [
    Person("C", "张伟", M),  # the candidate
    Person("S", "张明", M),  # his son
    Person("B", "张强", M),  # his brother
    Person("G", "张小雨", F),  # his granddaughter (S's daughter)
    Person("O", "李梅", F),  # nobody's relative
]
LINKS = [
    Relation("C", "S", RelationKind.PARENT_CHILD),
    Relation("C", "B", RelationKind.SIBLING),
    Relation("S", "G", RelationKind.PARENT_CHILD),
]
NAMES = {p.key: p.name for p in PEOPLE}


def _problems(profile_id: str, staff: set[str]) -> list[tuple[str, str]]:
    index = KinshipIndex(PEOPLE, LINKS)
    found = staff_problems(load_profile(profile_id), index, {"C"}, staff, NAMES)
    return [(p.staff, p.rule_id) for p in found]


@pytest.mark.parametrize(
    ("profile_id", "relation_set"),
    [
        ("ZJ_2020", RelationSet.SPOUSE_PARENT_CHILD_SIBLING),
        ("ZJ_2025", RelationSet.SPOUSE_PARENT_CHILD_SIBLING),
        ("SH_2020", RelationSet.SPOUSE_LINEAL),
        ("BJ_2012", RelationSet.SPOUSE_LINEAL),
        ("NAT_2018", RelationSet.NEAR_RELATIVES),
    ],
)
def test_kin_3_relation_set_by_province(profile_id: str, relation_set: RelationSet) -> None:
    assert kin_3_set(load_profile(profile_id)) is relation_set


def test_kin_3_zj_son_and_brother_excluded_granddaughter_not() -> None:
    assert _problems("ZJ_2025", {"S", "B", "G", "O"}) == [("B", "KIN-3"), ("S", "KIN-3")]


def test_kin_3_sh_lineal_granddaughter_excluded_brother_not() -> None:
    assert _problems("SH_2020", {"S", "B", "G", "O"}) == [("G", "KIN-3"), ("S", "KIN-3")]


def test_kin_3_message_shows_the_chain() -> None:
    index = KinshipIndex(PEOPLE, LINKS)
    (problem,) = staff_problems(load_profile("BJ_2012"), index, {"C"}, {"G"}, NAMES)
    assert problem.chain == "张小雨是张伟的孙女（张小雨是张明的女儿，张明是张伟的儿子）"
    assert problem.message.startswith("张小雨不得担任唱票、计票、监票人员：张小雨是张伟的孙女")
    assert "张伟是候选人" in problem.message


def test_vc_vote_5_a_candidate_is_not_counting_staff() -> None:
    assert _problems("ZJ_2025", {"C", "O"}) == [("C", "VC-VOTE-5")]


def test_kin_3_unrelated_staff_pass() -> None:
    assert _problems("ZJ_2025", {"O"}) == []


def test_kin_3_a_county_widens_the_set_through_the_profile() -> None:
    # kin.staff_set is a profile parameter: a county under ZJ may add lineal relatives (the
    # granddaughter) but may not drop the province's set (a floor).
    county = load_profile("ZJ_2025").derive("COUNTY_1", {"kin.staff_set": "near_relatives"})
    index = KinshipIndex(PEOPLE, LINKS)
    found = staff_problems(county, index, {"C"}, {"S", "B", "G", "O"}, NAMES)
    assert [(p.staff, p.rule_id) for p in found] == [("B", "KIN-3"), ("G", "KIN-3"), ("S", "KIN-3")]
    with pytest.raises(ProfileError, match="包含 spouse_parent_child_sibling"):
        load_profile("ZJ_2025").derive("COUNTY_1", {"kin.staff_set": "spouse_lineal"})
