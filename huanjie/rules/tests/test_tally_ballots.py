"""Ballot mode: classification of every collected ballot (rules.md H-14; tally-io.md)."""

from __future__ import annotations

from typing import Any

import pytest

from huanjie.rules.tally import count, parse_contest


def tally(ballots: list[dict[str, Any]], **data: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "profile": "ZJ_2020",
        "body": "villagers_committee",
        "registered": len(ballots),
        "participants": len(ballots),
        "ballots_collected": len(ballots),
        "seats": {"chair": 1, "member": 3},
    }
    return count(parse_contest({**base, **data, "ballots": ballots})).to_dict()


def votes(outcome: dict[str, Any]) -> dict[tuple[str, str], int]:
    return {(e["person"], e["post"]): e["votes"] for e in outcome["elected"]}


OVERVOTED = {"chair": ["Li"], "member": ["A", "B", "C", "D"]}
GOOD = {"chair": ["Li"], "member": ["A", "B"]}


@pytest.mark.parametrize(
    ("overrides", "invalid", "chair_votes", "member_a"),
    [({}, {"VC-TALLY-3": 1}, 5, 5), ({"ballot.overvote_scope": "position_section"}, {}, 6, 5)],
    ids=["whole-ballot-zj", "position-section"],
)
def test_vc_tally_3_overvoted_ballot_h14(
    overrides: dict[str, Any], invalid: dict[str, int], chair_votes: int, member_a: int
) -> None:
    outcome = tally([OVERVOTED] + [GOOD] * 5, profile_overrides=overrides)
    assert outcome["invalid_by_rule"] == invalid
    assert votes(outcome)[("Li", "chair")] == chair_votes
    assert votes(outcome)[("A", "member")] == member_a
    assert outcome["threshold"] == {"chair": 4, "member": 4}  # the base stays participants
    assert "VC-TALLY-3" in outcome["reasons"]


def test_vc_tally_3_same_person_for_two_posts_h14() -> None:
    outcome = tally([{"chair": ["Li"], "member": ["Li"]}] + [GOOD] * 5)
    assert outcome["invalid_by_rule"] == {"VC-TALLY-3": 1}
    assert votes(outcome)[("Li", "chair")] == 5


def test_vc_tally_3_same_person_two_posts_valid_where_profile_allows() -> None:
    outcome = tally(
        [{"chair": ["Li"], "member": ["Li", "A"]}] * 4,
        profile="NAT_2018",
        profile_overrides={},
    )
    assert outcome["invalid_by_rule"] == {}
    assert votes(outcome) == {("Li", "chair"): 4, ("A", "member"): 4}
    assert outcome["voided"] == [{"person": "Li", "post": "member", "rule": "VC-MULTI-1"}]


@pytest.mark.parametrize(
    ("ballot", "rule"),
    [
        ({}, "INVALID-BLANK"),
        ({"chair": [], "member": []}, "INVALID-BLANK"),
        ({"member": ["A", "A"]}, "VC-TALLY-4"),
        ({"invalid": "INVALID-TORN"}, "INVALID-TORN"),
        ({"invalid": "INVALID-WRITER"}, "INVALID-WRITER"),
    ],
    ids=["no-section", "empty-sections", "same-name-twice", "torn", "writer"],
)
def test_vc_tally_4_invalid_ballots_by_rule(ballot: dict[str, Any], rule: str) -> None:
    outcome = tally([ballot] + [GOOD] * 4)
    assert outcome["invalid_by_rule"] == {rule: 1}
    assert count_votes_valid([ballot] + [GOOD] * 4) == 4


def count_votes_valid(ballots: list[dict[str, Any]]) -> int | None:
    data = {
        "profile": "ZJ_2020",
        "body": "villagers_committee",
        "registered": len(ballots),
        "participants": len(ballots),
        "ballots_collected": len(ballots),
        "seats": {"chair": 1, "member": 3},
        "ballots": ballots,
    }
    return count(parse_contest(data)).valid_ballots


def test_c4_separate_section_mark_for_a_man_not_counted() -> None:
    ballot = {"chair": ["Li"], "women_member": ["M1"]}
    outcome = tally(
        [ballot] * 3 + [{"chair": ["Li"], "women_member": ["W1"]}] * 2,
        seats={"chair": 1, "women_member": 1},
        people={"M1": {"sex": "M"}, "W1": {"sex": "F"}, "Li": {"sex": "M"}},
    )
    assert outcome["invalid_by_rule"] == {}
    assert votes(outcome) == {("Li", "chair"): 5}
    assert outcome["unfilled"] == {"women_member": 1}
    assert "VC-ORG-2" in outcome["reasons"]


def test_vc_org_2_women_section_open_once_a_woman_sits() -> None:
    outcome = tally(
        [{"women_member": ["M1"]}] * 4,
        seats={"women_member": 1},
        round="supplementary",
        people={"M1": {"sex": "M"}, "W0": {"sex": "F"}},
        elected_before=[{"person": "W0", "post": "chair"}],
    )
    assert votes(outcome) == {("M1", "women_member"): 4}


def test_vc_multi_1_ballot_votes_for_earlier_winner_not_counted() -> None:
    outcome = tally(
        [{"member": ["Z1", "A"]}] * 4,
        seats={"member": 2},
        round="supplementary",
        elected_before=[{"person": "Z1", "post": "chair"}],
    )
    assert votes(outcome) == {("A", "member"): 4}
    assert "VC-MULTI-1" in outcome["reasons"]


def test_vc_tally_6_revote_ballots_only_tied_count() -> None:
    outcome = tally(
        [{"member": ["B"]}, {"member": ["W"]}, {"member": ["W"]}, {"member": ["C"]}],
        seats={"member": 1},
        round="tie_revote",
        candidates={"member": ["C", "B"]},
    )
    assert outcome["tie_revote"] == [{"post": "member", "persons": ["B", "C"], "seats": 1}]
    assert outcome["threshold"] == {"member": None}


PARTY: dict[str, Any] = {
    "profile": "PB_2020",
    "body": "party_organization",
    "should_attend": 6,
    "seats": {"member": 5},
}


def party(ballots: list[dict[str, Any]]) -> dict[str, Any]:
    data = {**PARTY, "present": len(ballots), "ballots_collected": len(ballots)}
    return count(parse_contest({**data, "ballots": ballots})).to_dict()


@pytest.mark.parametrize(
    ("marks", "invalid"),
    [
        (["A", "B", "C", "D", "W"], {}),
        (["A", "B", "C", "D", "E", "F"], {"PB-BALLOT-2": 1}),
        (["A", "A", "B"], {"PB-BALLOT-3": 1}),
    ],
    ids=["five-marks-with-write-in-valid", "six-marks-invalid", "same-name-twice"],
)
def test_pb_ballot_2_party_ballot_h14(marks: list[str], invalid: dict[str, int]) -> None:
    outcome = party([{"member": marks}] + [{"member": ["A", "B", "C", "D", "E"]}] * 5)
    assert outcome["invalid_by_rule"] == invalid
    assert outcome["threshold"] == {"member": 4}
    a_votes = {e["person"]: e["votes"] for e in outcome["elected"]}["A"]
    assert a_votes == (5 if invalid else 6)


def test_pb_ballot_2_party_overvote_always_whole_ballot() -> None:
    data = {
        **PARTY,
        "seats": {"secretary": 1, "member": 2},
        "present": 6,
        "ballots_collected": 6,
        "ballots": [{"secretary": ["S"], "member": ["A", "B", "C"]}]
        + [{"secretary": ["S"], "member": ["A", "B"]}] * 5,
    }
    outcome: dict[str, Any] = count(parse_contest(data)).to_dict()
    assert outcome["invalid_by_rule"] == {"PB-BALLOT-2": 1}
    assert {(e["person"], e["votes"]) for e in outcome["elected"]} == {
        ("S", 5),
        ("A", 5),
        ("B", 5),
    }


def test_pb_ballot_3_same_name_twice_spoils_the_party_ballot() -> None:
    outcome = party([{"member": ["A", "B", "A"]}] + [{"member": ["A", "B"]}] * 5)
    assert outcome["invalid_by_rule"] == {"PB-BALLOT-3": 1}
    assert "PB-BALLOT-3" in outcome["reasons"]


def test_pb_ballot_4_marked_write_in_counts_unmarked_is_absent_h14() -> None:
    # A write-in with a yes mark is listed and counts; one without a mark is not listed.
    outcome = party([{"member": ["A", "W"]}] * 4 + [{"member": ["A"]}] * 2)
    assert {e["person"]: e["votes"] for e in outcome["elected"]} == {"A": 6, "W": 4}
    assert outcome["invalid_by_rule"] == {}


def test_vc_tally_3_classify_gives_a_box_its_sheet_before_the_rounds_filters() -> None:
    """A box counted ballot by ballot: the classification keeps a vote for someone elected
    earlier (VC-MULTI-1 is the round's business), and counts blank and over-voted ballots."""
    from huanjie.rules.tally.ballots import classify
    from huanjie.rules.tally.contest import ElectionContest
    from huanjie.rules.tally.model import Post

    data: dict[str, Any] = {
        "profile": "ZJ_2020",
        "body": "villagers_committee",
        "round": "supplementary",
        "registered": 4,
        "participants": 4,
        "ballots_collected": 4,
        "seats": {"chair": 1, "member": 3},
        "elected_before": [{"person": "Li", "post": "chair"}],
        "ballots": [{}, OVERVOTED, {"member": ["Li", "A"]}, {"invalid": "INVALID-TORN"}],
    }
    contest = parse_contest(data)
    assert isinstance(contest, ElectionContest)
    sheet = classify(contest)
    assert sheet.valid == 1
    assert dict(sheet.invalid_by_rule) == {
        "VC-TALLY-3": 1,
        "INVALID-BLANK": 1,
        "INVALID-TORN": 1,
    }
    assert dict(sheet.votes[Post.MEMBER]) == {"Li": 1, "A": 1}
    assert sheet.reasons == ("VC-TALLY-3", "INVALID-BLANK")
