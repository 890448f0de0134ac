"""Party, supervision, cooperative and recall counts (rules.md H-6, H-7, H-12; tally-io.md)."""

from __future__ import annotations

from typing import Any

import pytest

from huanjie.rules.tally import count, parse_contest


def tally(**data: Any) -> dict[str, Any]:
    return count(parse_contest(data)).to_dict()


def persons(outcome: dict[str, Any]) -> list[str]:
    return [e["person"] for e in outcome["elected"]]


H7: dict[str, Any] = {
    "body": "party_organization",
    "should_attend": 40,
    "present": 32,
    "ballots_issued": 32,
    "ballots_collected": 32,
    "invalid_ballots": 1,
    "invalid_by_rule": {"PB-BALLOT-2": 1},
    "seats": {"member": 5},
    "votes": {"member": {"A": 30, "B": 28, "C": 22, "D": 21, "E": 20, "F": 16}},
}


def test_pb_win_1_should_attend_base_h7() -> None:
    outcome = tally(profile="PB_2020", **H7)
    assert outcome["threshold"] == {"member": 21}
    assert persons(outcome) == ["A", "B", "C", "D"]
    assert outcome["unfilled"] == {"member": 1}
    assert outcome["next"] == "supplementary_round"
    assert [w["rule"] for w in outcome["warnings"]] == ["PB-WIN-3"]
    assert outcome["invalid_by_rule"] == {"PB-BALLOT-2": 1}
    assert outcome["reasons"] == ["PB-QUORUM-1", "PB-BALLOT-1", "PB-WIN-1", "PB-WIN-3"]


def test_pb_win_1_present_base_h7() -> None:
    outcome = tally(profile="PB_1990", **H7)
    assert outcome["threshold"] == {"member": 17}
    assert persons(outcome) == ["A", "B", "C", "D", "E"]
    assert outcome["next"] == "complete"
    assert outcome["warnings"] == []


@pytest.mark.parametrize(
    ("present", "overrides", "valid"),
    [
        (32, {}, True),
        (32, {"pb.quorum_cmp": ">"}, False),
        (31, {}, False),
        (31, {"pb.quorum_cmp": ">"}, False),
    ],
    ids=["32-ge-valid", "32-gt-invalid", "31-ge-invalid", "31-gt-invalid"],
)
def test_pb_quorum_1_four_fifths_h7(present: int, overrides: dict[str, Any], valid: bool) -> None:
    data = {**H7, "present": present, "ballots_issued": present, "ballots_collected": present}
    outcome = tally(profile="PB_2020", profile_overrides=overrides, **data)
    assert outcome["valid"] is valid
    if not valid:
        assert (outcome["rule"], outcome["next"]) == ("PB-QUORUM-1", "new_meeting")
        assert outcome["reasons"] == ["PB-QUORUM-1"]


def test_pb_quorum_1_all_voting_members_base_gtzx() -> None:
    data = {**H7, "voting_members": 41}
    assert tally(profile="GTZX", **data)["rule"] == "PB-QUORUM-1"
    assert tally(profile="GTZX", **{**data, "voting_members": 40})["valid"] is True


@pytest.mark.parametrize(
    ("profile", "issued", "collected", "valid"),
    [
        ("PB_2020", 33, 33, False),
        ("PB_1990", 33, 33, True),
        ("PB_1990", 32, 33, False),
    ],
    ids=["min-issued-present", "issued-only", "more-than-issued"],
)
def test_pb_ballot_1_reconciliation(profile: str, issued: int, collected: int, valid: bool) -> None:
    data = {**H7, "ballots_issued": issued, "ballots_collected": collected}
    outcome = tally(profile=profile, **data)
    assert outcome["valid"] is valid
    if not valid:
        assert (outcome["rule"], outcome["next"]) == ("PB-BALLOT-1", "revote")


def test_pb_win_2_tie_and_party_revote() -> None:
    votes = {"member": {"A": 30, "B": 28, "C": 22, "D": 21, "E": 21, "F": 21}}
    outcome = tally(profile="PB_1990", **{**H7, "votes": votes})
    assert outcome["tie_revote"] == [{"post": "member", "persons": ["D", "E", "F"], "seats": 2}]
    assert "PB-WIN-2" in outcome["reasons"]
    revote = tally(
        profile="PB_1990",
        **{
            **H7,
            "round": "tie_revote",
            "seats": {"member": 2},
            "candidates": {"member": ["D", "E", "F"]},
            "votes": {"member": {"D": 12, "E": 10, "F": 9}},
        },
    )
    assert revote["threshold"] == {"member": None}
    assert persons(revote) == ["D", "E"]


def test_pb_kin_set_applies_to_party_body() -> None:
    outcome = tally(
        profile="PB_1990",
        profile_overrides={"pb.kin_set": "spouse_parent_child_sibling"},
        relations=[["A", "B", "spouse"]],
        **H7,
    )
    assert outcome["voided"] == [{"person": "B", "post": "member", "rule": "SEED-KIN-X"}]
    assert persons(outcome) == ["A", "C", "D", "E"]


SUPERVISION: dict[str, Any] = {
    "profile": "ZJ_2020",
    "body": "supervision_committee",
    "assembly": "representatives",
    "assembly_size": 55,
    "present": 40,
    "ballots_collected": 40,
    "invalid_ballots": 0,
    "seats": {"chair": 1, "member": 2},
    "votes": {"chair": {"S1": 30}, "member": {"M1": 25, "M2": 21, "M3": 20}},
}


def test_rep_5_supervision_by_representatives() -> None:
    outcome = tally(**SUPERVISION)
    assert outcome["threshold"] == {"chair": 21, "member": 21}
    assert persons(outcome) == ["S1", "M1", "M2"]
    assert outcome["reasons"] == ["REP-5", "VC-TALLY-2"]
    assert outcome["warnings"] == []


@pytest.mark.parametrize(
    ("assembly", "size", "present", "rule", "valid"),
    [
        ("representatives", 55, 36, "REP-5", False),
        ("representatives", 55, 37, "REP-5", True),
        ("villagers", 1500, 750, "REP-2", False),
        ("villagers", 1500, 751, "REP-2", True),
    ],
    ids=["reps-36-of-55", "reps-37-of-55", "adults-750", "adults-751"],
)
def test_rep_2_rep_5_supervision_quorum(
    assembly: str, size: int, present: int, rule: str, valid: bool
) -> None:
    data = {**SUPERVISION, "assembly": assembly, "assembly_size": size, "present": present}
    outcome = tally(**{**data, "ballots_collected": min(present, 40)})
    assert outcome["valid"] is valid
    assert outcome["reasons"][0] == rule
    if not valid:
        assert (outcome["rule"], outcome["next"]) == (rule, "revote")


def test_sup_1_barred_winner_voided_and_refilled() -> None:
    outcome = tally(**SUPERVISION, barred=["M1"])
    assert outcome["voided"] == [{"person": "M1", "post": "member", "rule": "SUP-1"}]
    assert persons(outcome) == ["S1", "M2"]
    assert outcome["unfilled"] == {"member": 1}
    assert outcome["next"] == "supplementary_round"
    assert [w["rule"] for w in outcome["warnings"]] == ["SUP-1"]


def test_sup_1_vacancy_after_supplementary_is_complete_with_warning() -> None:
    data = {**SUPERVISION, "round": "supplementary", "seats": {"member": 1}}
    outcome = tally(**{**data, "votes": {"member": {"M3": 20}}})
    assert outcome["next"] == "complete"
    assert outcome["unfilled"] == {"member": 1}
    assert [w["rule"] for w in outcome["warnings"]] == ["SUP-1"]


COOPERATIVE: dict[str, Any] = {
    "profile": "ZJ_2025",
    "body": "cooperative_board",
    "assembly": "members",
    "assembly_size": 300,
    "present": 240,
    "ballots_collected": 240,
    "invalid_ballots": 0,
    "seats": {"chair": 1},
}


@pytest.mark.parametrize(
    ("votes", "won"), [(190, False), (200, True)], ids=["190-of-300-fails", "200-passes"]
)
def test_ceo_2_two_thirds_of_all_members_h12(votes: int, won: bool) -> None:
    outcome = tally(**COOPERATIVE, votes={"chair": {"X": votes, "Y": 240 - votes}})
    assert outcome["threshold"] == {"chair": 200}
    assert persons(outcome) == (["X"] if won else [])
    assert outcome["reasons"][0] == "CEO-2"


@pytest.mark.parametrize(
    ("present", "valid"), [(199, False), (200, True)], ids=["199-no-quorum", "200-quorum"]
)
def test_ceo_2_assembly_quorum_h12(present: int, valid: bool) -> None:
    data = {**COOPERATIVE, "present": present, "ballots_collected": present}
    outcome = tally(**data, votes={"chair": {"X": present}})
    assert outcome["valid"] is valid
    if not valid:
        assert (outcome["rule"], outcome["next"]) == ("CEO-2", "revote")


def test_ceo_3_representatives_assembly() -> None:
    data = {**COOPERATIVE, "assembly": "representatives", "assembly_size": 30, "present": 25}
    outcome = tally(**{**data, "ballots_collected": 25}, votes={"chair": {"X": 20, "Y": 5}})
    assert outcome["threshold"] == {"chair": 20}
    assert persons(outcome) == ["X"]
    assert outcome["reasons"][0] == "CEO-3"


def test_kin_5_cooperative_near_relatives_and_ceo_5_barred() -> None:
    outcome = tally(
        **{
            **COOPERATIVE,
            "body": "cooperative_supervisors",
            "assembly_size": 240,
            "seats": {"member": 3},
        },
        votes={"member": {"G": 185, "H": 180, "J": 175, "K": 170}},
        relations=[["G", "H", "grandparent_grandchild"]],
        barred=["J"],
    )
    assert outcome["threshold"] == {"member": 160}
    assert outcome["voided"] == [
        {"person": "J", "post": "member", "rule": "CEO-5"},
        {"person": "H", "post": "member", "rule": "KIN-5"},
    ]
    assert persons(outcome) == ["G", "K"]
    assert [w["rule"] for w in outcome["warnings"]] == ["CEO-5"]


@pytest.mark.parametrize(
    ("participants", "yes", "valid", "recalled"),
    [(451, 226, True, True), (451, 225, True, False), (450, 300, False, None)],
    ids=["recalled", "not-recalled", "turnout-fails"],
)
def test_rec_2_recall_vote_h6(
    participants: int, yes: int, valid: bool, recalled: bool | None
) -> None:
    outcome = tally(
        profile="ZJ_2020", body="recall", registered=900, participants=participants, yes=yes
    )
    assert (outcome["valid"], outcome["recalled"], outcome["next"]) == (valid, recalled, None)
    assert outcome["rule"] == (None if valid else "REC-2")
    assert outcome["reasons"] == ["REC-2"]
