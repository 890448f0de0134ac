"""SEED-STRUCT: a merged village's balance across its former villages; PB-DIFF-1 on the worked
minimums (rules.md B.5 / H-8)."""

from __future__ import annotations

import pytest

from huanjie.rules.bodies.composition import Member
from huanjie.rules.bodies.merged import (
    FormerVillages,
    check_former_village_balance,
    former_village_counts,
)
from huanjie.rules.party.org import PartyContest, check_candidate_margin, minimum_candidates
from huanjie.rules.profiles.profile import load_profile

FORMER = FormerVillages(
    names=("东坑村", "西坑村", "南坑村"),
    of_person={"1": "东坑村", "2": "东坑村", "3": "西坑村", "4": "南坑村"},
)


def _people(*keys: str) -> list[Member]:
    return [Member(key=k, name=f"人{k}", post="member") for k in keys]


def test_SEED_STRUCT_merged_village_every_former_village_represented() -> None:
    assert check_former_village_balance(_people("1", "3", "4"), FORMER) == []


def test_SEED_STRUCT_merged_village_missing_former_villages_warn() -> None:
    (finding,) = check_former_village_balance(_people("1", "2", "1", "9"), FORMER)
    assert finding.rule_id == "SEED-STRUCT"
    assert not finding.blocking
    assert "原西坑村、原南坑村" in finding.message
    assert "东坑村2人，西坑村0人，南坑村0人" in finding.message


def test_SEED_STRUCT_merged_village_counts_each_person_once() -> None:
    counts = former_village_counts(_people("1", "1", "3", "unknown"), FORMER)
    assert counts == {"东坑村": 1, "西坑村": 1, "南坑村": 0}


@pytest.mark.parametrize(
    "former",
    [FormerVillages(names=("东坑村",), of_person={"1": "东坑村"}), FormerVillages((), {})],
)
def test_SEED_STRUCT_not_merged_nothing_to_balance(former: FormerVillages) -> None:
    assert check_former_village_balance(_people("1"), former) == []


def test_SEED_STRUCT_merged_village_no_people_yet() -> None:
    assert check_former_village_balance([], FORMER) == []


@pytest.mark.parametrize(
    ("seats", "needed"), [(3, 4), (4, 5), (5, 6), (6, 8), (7, 9), (9, 11), (11, 14)]
)
def test_PB_DIFF_1_minimum_candidates_worked_numbers(seats: int, needed: int) -> None:
    profile = load_profile("PB_2020")
    assert minimum_candidates(seats, profile) == needed
    assert check_candidate_margin(PartyContest.MEMBER, seats, needed, profile) == []
    (finding,) = check_candidate_margin(PartyContest.MEMBER, seats, needed - 1, profile)
    assert finding.rule_id == "PB-DIFF-1" and finding.blocking
    assert f"候选人至少{needed}名" in finding.message
