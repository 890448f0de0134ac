"""REP-1..7 on the numbers of rules.md §H-11 (ZJ village: 600 households, 2,100 people,
1,500 adults, a VC of 5, 50 representatives)."""

from datetime import date

import pytest

from huanjie.rules.bodies.assemblies import (
    Representative,
    check_notice,
    check_representative_count,
    check_representatives_assembly,
    extra_sitting_requested,
    must_convene_villagers_assembly,
    one_household_one_representative,
    passes_by_present,
    representative_bounds,
    representative_election_quorum,
    representatives_assembly_quorum,
    representatives_assembly_tests,
    villager_group_quorum,
    villagers_assembly_quorum,
    zj_minimum_representatives,
)
from huanjie.rules.checks import Severity
from huanjie.rules.profiles.profile import load_profile

ZJ = load_profile("ZJ_2025")
NAT = load_profile("NAT_2018")


def _reps(n: int, women: int = 0) -> list[Representative]:
    return [Representative(f"r{i}", f"代表{i}", f"h{i}", i < women) for i in range(n)]


def test_rep_4_household_bounds_h11() -> None:
    assert representative_bounds(600) == (40, 120)


@pytest.mark.parametrize(
    ("households", "bounds"),
    [(601, (41, 120)), (14, (1, 2)), (4, (1, 0)), (0, (0, 0))],
    ids=["ceil-up", "small", "too-few-households", "none"],
)
def test_rep_4_ceil_and_floor(households: int, bounds: tuple[int, int]) -> None:
    assert representative_bounds(households) == bounds


@pytest.mark.parametrize(
    ("population", "minimum"),
    [(300, 30), (499, 30), (500, 40), (999, 40), (1000, 50), (2100, 50)],
    ids=["300", "499", "500", "999", "1000", "2100-h11"],
)
def test_rep_7_zj_minimum_by_population(population: int, minimum: int) -> None:
    assert zj_minimum_representatives(population) == minimum


@pytest.mark.parametrize(
    ("reps", "profile_id", "expected"),
    [
        (50, "ZJ_2025", []),
        (49, "ZJ_2025", [("REP-7", Severity.BLOCK)]),
        (39, "ZJ_2025", [("REP-4", Severity.WARNING), ("REP-7", Severity.BLOCK)]),
        (39, "NAT_2018", [("REP-4", Severity.WARNING)]),
        (40, "NAT_2018", []),
        (121, "NAT_2018", [("REP-4", Severity.WARNING)]),
    ],
    ids=["h11-50", "zj-49", "below-both", "nat-39", "nat-40", "nat-121"],
)
def test_rep_7_and_rep_4_count_h11(
    reps: int, profile_id: str, expected: list[tuple[str, Severity]]
) -> None:
    findings = check_representative_count(_reps(reps), 600, 2100, load_profile(profile_id))
    assert [(f.rule_id, f.severity) for f in findings] == expected


def test_rep_7_small_village_and_one_household_one_representative() -> None:
    reps = [*_reps(29), Representative("x", "张三", "h0", False)]
    findings = check_representative_count(reps, 100, 280, ZJ)
    assert [(f.rule_id, f.severity) for f in findings] == [
        ("REP-4", Severity.WARNING),
        ("REP-7", Severity.WARNING),
        ("REP-7", Severity.BLOCK),
    ]
    assert "不足300人" in findings[1].message
    assert "代表0、张三属同一户" in findings[2].message


@pytest.mark.parametrize(
    ("reps", "women", "expected"),
    [(50, 19, []), (50, 18, ["妇女"]), (20, 19, []), (19, 19, ["村民代表19人"])],
    ids=["h11-19-women", "h11-18-women", "20-reps-holds", "19-reps-fails"],
)
def test_rep_3_composition_h11(reps: int, women: int, expected: list[str]) -> None:
    """`5*reps >= 4*(reps+5)`; `3*women >= reps+5` → with 50 reps, w ≥ 19."""
    findings = check_representatives_assembly(_reps(reps, women), vc_members=5)
    assert len(findings) == len(expected)
    for finding, needle in zip(findings, expected, strict=True):
        assert finding.rule_id == "REP-3" and finding.blocking and needle in finding.message


def test_rep_3_tests_show_both_thresholds_met_or_not_h11() -> None:
    """A screen shows each REP-3 test with its numbers, passed or not: 17 women of 50 reps with
    a VC of 5 are two short of 19."""
    share, women = representatives_assembly_tests(_reps(50, 17), vc_members=5)
    assert (share.met, share.count, share.base, share.required) == (True, 50, 55, 44)
    assert (women.met, women.count, women.base, women.required) == (False, 17, 55, 19)


def test_rep_7_one_household_one_representative_alone() -> None:
    reps = [Representative("a", "张三", "x1", False), Representative("b", "张四", "x1", True)]
    (finding,) = one_household_one_representative([*reps, *_reps(3)])
    assert (finding.rule_id, finding.blocking) == ("REP-7", True)
    assert "张三、张四属同一户" in finding.message
    assert one_household_one_representative(_reps(3)) == []


def test_rep_5_quorum_decision_and_extra_sitting_h11() -> None:
    assert representatives_assembly_quorum(37, 55).met
    assert not representatives_assembly_quorum(36, 55).met
    assert representatives_assembly_quorum(36, 55).required == 37
    assert passes_by_present("REP-5", 21, 40).met
    assert not passes_by_present("REP-5", 20, 40).met
    assert extra_sitting_requested(10, 50).met
    assert not extra_sitting_requested(9, 50).met


@pytest.mark.parametrize(
    ("adults", "households", "met"),
    [(751, 0, True), (750, 0, False), (0, 400, True), (0, 399, False), (750, 399, False)],
    ids=["751-adults", "750-adults", "400-households", "399-households", "neither"],
)
def test_rep_2_quorum_h11(adults: int, households: int, met: bool) -> None:
    """Adults `2a > 1500` (≥ 751) OR household representatives `3h >= 1200` (≥ 400)."""
    quorum = villagers_assembly_quorum(adults, 1500, households, 600)
    assert quorum.met is met
    assert (quorum.finding is None) is met


def test_rep_2_decision_more_than_half_of_present() -> None:
    assert passes_by_present("REP-2", 401, 800).met
    assert not passes_by_present("REP-2", 400, 800).met


@pytest.mark.parametrize(
    ("villagers", "reps", "met"),
    [(150, 0, True), (149, 0, False), (0, 17, True), (149, 16, False)],
    ids=["150-villagers", "149-villagers", "17-reps", "neither"],
)
def test_rep_1_must_convene_h11(villagers: int, reps: int, met: bool) -> None:
    assert must_convene_villagers_assembly(villagers, 1500, reps, 50).met is met


def test_rep_1_notice_ten_days_ahead() -> None:
    meeting = date(2026, 3, 28)
    assert check_notice("REP-1", date(2026, 3, 18), meeting) is None
    late = check_notice("REP-1", date(2026, 3, 19), meeting)
    assert late is not None and late.blocking and "2026-03-18" in late.message


@pytest.mark.parametrize(
    ("adults", "households", "met"),
    [(80, 0, True), (79, 0, False), (0, 27, True), (0, 26, False)],
    ids=["two-thirds-adults", "short-adults", "two-thirds-households", "short-households"],
)
def test_rep_6_villager_group_quorum(adults: int, households: int, met: bool) -> None:
    assert villager_group_quorum(adults, 119, households, 40).met is met


@pytest.mark.parametrize(
    ("voters", "households", "met"),
    [(60, 0, True), (59, 0, False), (0, 20, True), (59, 19, False)],
    ids=["half-voters", "short-voters", "two-thirds-households", "neither"],
)
def test_rep_7_choosing_representatives_quorum(voters: int, households: int, met: bool) -> None:
    """半数以上 includes exactly half (`2v >= 120`); households `3h >= 2*30`."""
    assert representative_election_quorum(voters, 120, households, 30).met is met


def test_rep_1_village_without_representatives() -> None:
    """No representatives: only the villagers' tenth can oblige the committee to convene."""
    assert not must_convene_villagers_assembly(0, 1500, 0, 0).met
    assert must_convene_villagers_assembly(150, 1500, 0, 0).met
