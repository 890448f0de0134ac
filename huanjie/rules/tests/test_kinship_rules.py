"""KIN-1..6 and SEED-KIN-X on the shipped profiles."""

from __future__ import annotations

import pytest

from huanjie.rules.kinship.avoidance import KinConflict, KinshipIndex, Person, Sex
from huanjie.rules.kinship.relations import Relation, RelationKind, RelationSet
from huanjie.rules.kinship.rules import (
    kin_1_vc_members,
    kin_2_supervision,
    kin_3_counting_staff,
    kin_4_election_committee,
    kin_5_cooperative,
    kin_6_concurrent_posts,
    seed_kin_x_cross_body,
)
from huanjie.rules.profiles.profile import load_profile

M, F = Sex.MALE, Sex.FEMALE
SP, PC, SIB = RelationKind.SPOUSE, RelationKind.PARENT_CHILD, RelationKind.SIBLING


def _index() -> KinshipIndex:
    """H-5's winners X, Y, Z, W, T and the villagers around them.

    Z is X's son (H-5 case a), W and T are siblings (case b); Z's daughter is G; Y's wife is YW;
    X's sister is XS; W's father-in-law is WFL (an in-law, never a near relative)."""
    people = [
        Person("X", "徐国强", M),
        Person("Y", "杨建华", M),
        Person("Z", "徐志明", M),
        Person("W", "王丽", F),
        Person("T", "王涛", M),
        Person("G", "徐小雨", F),
        Person("YW", "李秀英", F),
        Person("XS", "徐国芳", F),
        Person("WH", "陈刚", M),
        Person("WFL", "陈德福", M),
    ]
    relations = [
        Relation("X", "Z", PC),
        Relation("W", "T", SIB),
        Relation("Z", "G", PC),
        Relation("Y", "YW", SP),
        Relation("X", "XS", SIB),
        Relation("W", "WH", SP),
        Relation("WFL", "WH", PC),
    ]
    return KinshipIndex(people, relations)


def pairs(found: list[KinConflict]) -> list[tuple[str, str, str]]:
    return [(c.a, c.b, c.rule_id) for c in found]


H5_WINNERS = ["X", "Y", "Z", "W", "T"]


def kin_1(profile_id: str) -> list[tuple[str, str, str]]:
    found = kin_1_vc_members(_index(), load_profile(profile_id), [*H5_WINNERS, "G"])
    assert all(c.blocking for c in found)
    return pairs(found)


def test_kin_1a_zj_2020_spouse_parent_child_sibling() -> None:
    # G is Z's daughter and X's granddaughter: only the parent-child link counts here.
    assert kin_1("ZJ_2020") == [("G", "Z", "KIN-1a"), ("T", "W", "KIN-1a"), ("X", "Z", "KIN-1a")]


@pytest.mark.parametrize("profile_id", ["ZJ_2025", "NAT_2026", "GD_2020"])
def test_kin_1b_near_relatives_include_grandchildren(profile_id: str) -> None:
    assert kin_1(profile_id) == [
        ("G", "X", "KIN-1b"),
        ("G", "Z", "KIN-1b"),
        ("T", "W", "KIN-1b"),
        ("X", "Z", "KIN-1b"),
    ]


def test_kin_1c_sh_2020_spouse_and_lineal_relatives_not_siblings() -> None:
    assert kin_1("SH_2020") == [("G", "X", "KIN-1c"), ("G", "Z", "KIN-1c"), ("X", "Z", "KIN-1c")]


@pytest.mark.parametrize("profile_id", ["NAT_2018", "BJ_2012"])
def test_kin_1_no_internal_avoidance_in_nat_2018_and_bj(profile_id: str) -> None:
    assert kin_1(profile_id) == []


def test_kin_1a_h5_case_a_and_b_chains() -> None:
    found = kin_1_vc_members(_index(), load_profile("ZJ_2020"), H5_WINNERS)
    assert [c.chain for c in found] == ["王涛是王丽的兄弟", "徐国强是徐志明的父亲"]


def test_kin_2_near_relatives_of_vc_members_leave_the_supervision_committee() -> None:
    found = kin_2_supervision(_index(), vc_members=["X", "W"], supervisors=["G", "XS", "WFL"])
    assert [(c.a, c.b, c.kind, c.rule_id) for c in found] == [
        ("G", "X", RelationKind.GRANDPARENT_GRANDCHILD, "KIN-2"),
        ("XS", "X", RelationKind.SIBLING, "KIN-2"),
    ]
    assert found[0].chain == "徐小雨是徐国强的孙女（徐小雨是徐志明的女儿，徐志明是徐国强的儿子）"


KIN_3 = [
    (
        "zj_spouse_parent_child_sibling",
        RelationSet.SPOUSE_PARENT_CHILD_SIBLING,
        [("XS", "X"), ("YW", "Y")],
    ),
    ("sh_bj_spouse_lineal", RelationSet.SPOUSE_LINEAL, [("G", "X"), ("YW", "Y")]),
]


@pytest.mark.parametrize(
    ("relation_set", "expected"), [c[1:] for c in KIN_3], ids=[c[0] for c in KIN_3]
)
def test_kin_3_candidates_relatives_are_not_counting_staff(
    relation_set: RelationSet, expected: list[tuple[str, str]]
) -> None:
    found = kin_3_counting_staff(_index(), ["X", "Y"], ["G", "XS", "YW", "WFL"], relation_set)
    assert [(c.a, c.b) for c in found] == expected
    assert {c.rule_id for c in found} == {"KIN-3"}


KIN_4 = [
    ("zj_2020", "ZJ_2020", [("XS", "X")]),
    ("nat_2026_near_relatives", "NAT_2026", [("G", "X"), ("XS", "X")]),
    ("nat_2018_none", "NAT_2018", []),
]


@pytest.mark.parametrize(
    ("profile_id", "expected"), [c[1:] for c in KIN_4], ids=[c[0] for c in KIN_4]
)
def test_kin_4_ec_members_related_to_candidates(
    profile_id: str, expected: list[tuple[str, str]]
) -> None:
    found = kin_4_election_committee(_index(), load_profile(profile_id), ["X"], ["G", "XS", "WFL"])
    assert [(c.a, c.b) for c in found] == expected
    assert all(c.rule_id == "KIN-4" and c.blocking for c in found)


def test_kin_5_cooperative_board_and_supervisors() -> None:
    found = kin_5_cooperative(
        _index(), board=["X", "Z", "Y"], finance_staff=["W"], supervisors=["G", "T", "WFL"]
    )
    assert pairs(found) == [
        ("X", "Z", "KIN-5"),
        ("G", "X", "KIN-5"),
        ("G", "Z", "KIN-5"),
        ("T", "W", "KIN-5"),
    ]


SEED_KIN_X = [
    ("zj_2020_warns", "ZJ_2020", None, [("X", "XS", False), ("X", "Z", False)]),
    ("county_blocks", "ZJ_2020", "block", [("X", "XS", True), ("X", "Z", True)]),
    ("nat_2018_none", "NAT_2018", None, []),
]


@pytest.mark.parametrize(
    ("profile_id", "cross_body", "expected"),
    [c[1:] for c in SEED_KIN_X],
    ids=[c[0] for c in SEED_KIN_X],
)
def test_seed_kin_x_relatives_across_party_vc_and_cooperative(
    profile_id: str, cross_body: str | None, expected: list[tuple[str, str, bool]]
) -> None:
    profile = load_profile(profile_id)
    if cross_body is not None:
        profile = profile.derive("COUNTY_TEST", {"kin.cross_body": cross_body})
    # X sits in the party organization and the VC (交叉任职); XS is in the cooperative; Z in
    # the VC; W and T are siblings inside the party organization only (KIN-1's business).
    found = seed_kin_x_cross_body(
        _index(), profile, party=["X", "W", "T"], vc=["X", "Z"], cooperative=["XS"]
    )
    assert [(c.a, c.b, c.blocking) for c in found] == expected
    assert {c.rule_id for c in found} <= {"SEED-KIN-X"}


KIN_6 = [
    ("zj_2020_near_relatives", "ZJ_2020", [("X", "G"), ("X", "XS"), ("X", "Z")]),
    ("sh_2020_none", "SH_2020", []),
]


@pytest.mark.parametrize(
    ("profile_id", "expected"), [c[1:] for c in KIN_6], ids=[c[0] for c in KIN_6]
)
def test_kin_6_concurrent_posts_holder_avoids_near_relatives(
    profile_id: str, expected: list[tuple[str, str]]
) -> None:
    found = kin_6_concurrent_posts(
        _index(), load_profile(profile_id), "X", ["X", "Y", "Z", "G", "XS", "WFL"]
    )
    assert [(c.a, c.b) for c in found] == expected
    assert all(c.rule_id == "KIN-6" and not c.blocking for c in found)
