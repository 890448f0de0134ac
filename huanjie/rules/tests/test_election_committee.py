"""The villagers' election committee: VC-EC-1 size, VC-EC-2 and VC-EC-4 withdrawals, VC-EC-3."""

from __future__ import annotations

import pytest

from huanjie.rules.bodies.election_committee import (
    Candidacy,
    Nominee,
    check_size,
    renew,
    withdrawals,
)
from huanjie.rules.kinship.avoidance import KinshipIndex, Person, Sex
from huanjie.rules.kinship.relations import Relation, RelationKind
from huanjie.rules.profiles.profile import load_profile

M, F = Sex.MALE, Sex.FEMALE
PC, SIB = RelationKind.PARENT_CHILD, RelationKind.SIBLING


def _index() -> KinshipIndex:
    """EC members E1..E7 and runners-up R1..R4; candidate C1 is E2's brother and R1's father;
    candidate C2 is E3's paternal grandmother (through her son P)."""
    people = [Person(k, k, M) for k in ("E1", "E2", "E3", "E4", "E5", "P")]
    people += [Person(k, k, F) for k in ("R1", "R2", "R3", "R4", "C1", "C2")]
    relations = [
        Relation("C1", "E2", SIB),
        Relation("C1", "R1", PC),
        Relation("C2", "P", PC),
        Relation("P", "E3", PC),
    ]
    return KinshipIndex(people, relations)


MEMBERS = ["E1", "E2", "E3", "E4", "E5"]


def left(profile_id: str, nominees: list[Nominee]) -> list[tuple[str, tuple[str, ...]]]:
    found = withdrawals(load_profile(profile_id), _index(), MEMBERS, nominees)
    return [(w.member, w.rule_ids) for w in found]


def test_vc_ec_2_a_nominated_member_leaves() -> None:
    assert left("NAT_2018", [Nominee("E1", Candidacy.NOMINATED)]) == [("E1", ("VC-EC-2",))]


def test_vc_ec_2_zj_self_nominee_leaves_too() -> None:
    (withdrawal,) = withdrawals(
        load_profile("ZJ_2020"), _index(), MEMBERS, [Nominee("E4", Candidacy.NOMINATED, True)]
    )
    assert withdrawal.reason == "本人已成为村民委员会自荐人，应退出村民选举委员会。"


@pytest.mark.parametrize(
    ("stage", "expected"),
    [(Candidacy.NOMINATED, []), (Candidacy.CONFIRMED, [("E1", ("VC-EC-2",))])],
    ids=["nominated_stays", "confirmed_leaves"],
)
def test_vc_ec_2_sh_trigger_is_confirmation(
    stage: Candidacy, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert left("SH_2020", [Nominee("E1", stage)]) == expected


NOMINEES = [Nominee("C1", Candidacy.NOMINATED), Nominee("C2", Candidacy.NOMINATED)]
EC_4 = [
    ("zj_2020_sibling_only", "ZJ_2020", [("E2", ("VC-EC-4", "KIN-4"))]),
    (
        "zj_2025_near_relatives",
        "ZJ_2025",
        [("E2", ("VC-EC-4", "KIN-4")), ("E3", ("VC-EC-4", "KIN-4"))],
    ),
    ("nat_2018_none", "NAT_2018", []),
]


@pytest.mark.parametrize(
    ("profile_id", "expected"), [c[1:] for c in EC_4], ids=[c[0] for c in EC_4]
)
def test_vc_ec_4_relatives_of_candidates_leave(
    profile_id: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert left(profile_id, NOMINEES) == expected


def test_vc_ec_4_reason_names_the_chain() -> None:
    found = withdrawals(load_profile("ZJ_2025"), _index(), MEMBERS, NOMINEES)
    assert found[1].nominee == "C2"
    assert found[1].reason == (
        "E3是C2的孙子（E3是P的儿子，P是C2的儿子），与候选人有近亲属关系，应退出村民选举委员会。"
    )
    assert found[1].kinship is not None


def test_vc_ec_3_refill_in_vote_order_skipping_a_candidates_relative() -> None:
    original = [
        ("E1", 90),
        ("E2", 88),
        ("E3", 80),
        ("E4", 77),
        ("E5", 70),
        ("R1", 65),
        ("R2", 60),
        ("R3", 50),
    ]
    renewal = renew(load_profile("ZJ_2025"), _index(), MEMBERS, NOMINEES, original)
    assert [w.member for w in renewal.withdrawals] == ["E2", "E3"]
    assert renewal.filled == ("R2", "R3")  # R1 is C1's daughter: would leave at once
    assert renewal.members == ("E1", "E4", "E5", "R2", "R3")
    assert renewal.findings == ()


def test_vc_ec_3_a_tie_at_the_last_vacancy_needs_a_fresh_vote() -> None:
    original = [("R2", 60), ("R3", 55), ("R4", 55)]
    renewal = renew(load_profile("ZJ_2025"), _index(), MEMBERS, NOMINEES, original)
    assert renewal.filled == ("R2",)
    assert [f.rule_id for f in renewal.findings] == ["VC-EC-3", "VC-EC-1"]
    assert "得票相同（55票）" in renewal.findings[0].message


def test_vc_ec_3_too_few_runners_up() -> None:
    renewal = renew(load_profile("ZJ_2025"), _index(), MEMBERS, NOMINEES, [("R2", 40)])
    assert renewal.filled == ("R2",)
    assert [f.rule_id for f in renewal.findings] == ["VC-EC-3", "VC-EC-1"]
    assert "尚缺1人" in renewal.findings[0].message
    assert (
        renewal.findings[1].message == "村民选举委员会现有4人，少于5人；请依次递补或重新推选补足。"
    )


def test_vc_ec_3_nothing_to_fill() -> None:
    renewal = renew(load_profile("ZJ_2025"), _index(), MEMBERS, [], [("R2", 40)])
    assert renewal.members == tuple(MEMBERS)
    assert renewal.filled == ()
    assert renewal.findings == ()


SIZES = [
    ("zj_4_too_few", "ZJ_2020", 4, ["少于5人"]),
    ("zj_5", "ZJ_2020", 5, []),
    ("zj_9", "ZJ_2020", 9, []),
    ("zj_10_too_many", "ZJ_2020", 10, ["多于9人"]),
    ("sh_6_too_few", "SH_2020", 6, ["少于7人"]),
    ("nat_3", "NAT_2018", 3, []),
]


@pytest.mark.parametrize(
    ("profile_id", "size", "mentions"), [c[1:] for c in SIZES], ids=[c[0] for c in SIZES]
)
def test_vc_ec_1_committee_size(profile_id: str, size: int, mentions: list[str]) -> None:
    findings = check_size(load_profile(profile_id), size)
    assert [m for m in mentions if any(m in f.message for f in findings)] == mentions
    assert len(findings) == len(mentions)
    assert all(f.rule_id == "VC-EC-1" and f.blocking for f in findings)
