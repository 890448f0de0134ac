"""Villagers' committee counts on the worked numbers of rules.md §H (H-1..H-5, H-13)."""

from __future__ import annotations

from typing import Any

import pytest

from huanjie.rules.tally import count, parse_contest


def tally(**data: Any) -> dict[str, Any]:
    return count(parse_contest(data)).to_dict()


def vc(**data: Any) -> dict[str, Any]:
    return tally(**{"profile": "ZJ_2020", "body": "villagers_committee", **data})


def elected(outcome: dict[str, Any]) -> list[tuple[str, str, int]]:
    return [(e["person"], e["post"], e["votes"]) for e in outcome["elected"]]


def test_tally_io_example_h4_tie_at_last_seat() -> None:
    outcome = vc(
        round="first",
        registered=900,
        participants=800,
        ballots_collected=800,
        invalid_ballots=0,
        seats={"member": 2},
        votes={"member": {"A": 500, "B": 430, "C": 430, "D": 200}},
    )
    assert outcome["valid"] is True
    assert outcome["threshold"] == {"member": 401}
    assert outcome["elected"] == [{"person": "A", "post": "member", "votes": 500}]
    assert outcome["tie_revote"] == [{"post": "member", "persons": ["B", "C"], "seats": 1}]
    assert outcome["next"] == "tie_revote"
    assert outcome["unfilled"] == {}
    assert [w["rule"] for w in outcome["warnings"]] == ["VC-ORG-2"]
    assert "无法核对" in outcome["warnings"][0]["message"]
    assert list(outcome) == [
        "valid",
        "rule",
        "threshold",
        "elected",
        "voided",
        "unfilled",
        "tie_revote",
        "next",
        "invalid_by_rule",
        "warnings",
        "reasons",
        "recalled",
    ]
    assert outcome["reasons"] == ["VC-TALLY-1", "VC-TALLY-2", "VC-TALLY-5", "VC-TALLY-6"]


@pytest.mark.parametrize(
    ("participants", "valid"),
    [(480, False), (500, False), (501, True)],
    ids=["480-of-1000-invalid", "exactly-half-invalid", "501-valid"],
)
def test_vc_tally_1_turnout_h1(participants: int, valid: bool) -> None:
    outcome = vc(
        registered=1000,
        participants=participants,
        ballots_collected=participants,
        invalid_ballots=0,
        seats={"chair": 1},
        votes={"chair": {"Z": participants}},
    )
    assert outcome["valid"] is valid
    if not valid:
        assert outcome["rule"] == "VC-TALLY-1"
        assert outcome["next"] == "revote"
        assert outcome["reasons"] == ["VC-TALLY-1"]
        assert (outcome["elected"], outcome["threshold"], outcome["unfilled"]) == ([], {}, {})
        assert outcome["invalid_by_rule"] == {}


def test_vc_tally_2_more_ballots_than_voters_h2() -> None:
    outcome = vc(
        registered=1000,
        participants=620,
        ballots_collected=623,
        invalid_ballots=0,
        seats={"member": 1},
        votes={"member": {"A": 400}},
    )
    assert (outcome["valid"], outcome["rule"], outcome["next"]) == (False, "VC-TALLY-2", "revote")
    assert outcome["reasons"] == ["VC-TALLY-1", "VC-TALLY-2"]


def test_vc_tally_2_more_ballots_than_issued_is_void() -> None:
    outcome = vc(
        registered=1000,
        participants=620,
        ballots_issued=620,
        ballots_collected=621,
        invalid_ballots=0,
        seats={"member": 1},
        votes={"member": {"A": 400}},
    )
    assert outcome["rule"] == "VC-TALLY-2"


@pytest.mark.parametrize(
    ("votes", "won"), [(311, True), (310, False)], ids=["311-wins", "310-loses"]
)
def test_vc_tally_5_base_is_participants_not_ballots_h2(votes: int, won: bool) -> None:
    outcome = vc(
        registered=1000,
        participants=620,
        ballots_collected=618,
        invalid_ballots=0,
        seats={"member": 1},
        votes={"member": {"A": votes}},
    )
    assert outcome["valid"] is True
    assert outcome["threshold"] == {"member": 311}
    assert bool(outcome["elected"]) is won


@pytest.mark.parametrize(
    "overrides",
    [{}, {"vc.win_base": "ballots_collected"}],
    ids=["participants-base", "ballots-collected-base"],
)
def test_vc_tally_5_invalid_ballots_raise_the_bar_h2(overrides: dict[str, Any]) -> None:
    outcome = vc(
        profile_overrides=overrides,
        registered=1000,
        participants=700,
        ballots_collected=700,
        invalid_ballots=100,
        invalid_by_rule={"VC-TALLY-3": 100},
        seats={"member": 1},
        votes={"member": {"X": 330}},
    )
    assert outcome["threshold"] == {"member": 351}
    assert outcome["elected"] == []
    assert outcome["invalid_by_rule"] == {"VC-TALLY-3": 100}
    assert outcome["unfilled"] == {"member": 1}
    assert outcome["next"] == "supplementary_round"


H3_FIRST: dict[str, Any] = {
    "registered": 1200,
    "participants": 700,
    "ballots_collected": 700,
    "invalid_ballots": 12,
    "invalid_by_rule": {"VC-TALLY-3": 12},
    "seats": {"chair": 1, "vice_chair": 1, "member": 2, "women_member": 1},
    "votes": {
        "chair": {"Z1": 402, "Z2": 270},
        "vice_chair": {"F1": 344, "F2": 320},
        "member": {"A": 520, "B": 351, "C": 350, "D": 150},
        "women_member": {"N1": 380, "N2": 290},
    },
    "people": {"N1": {"sex": "F"}, "N2": {"sex": "F"}},
}
H3_EARLIER = [
    {"person": "Z1", "post": "chair"},
    {"person": "A", "post": "member"},
    {"person": "B", "post": "member"},
    {"person": "N1", "post": "women_member"},
]


def test_vc_tally_5_sections_one_time_ballot_h3() -> None:
    outcome = vc(**H3_FIRST)
    assert outcome["threshold"] == dict.fromkeys(H3_FIRST["seats"], 351)
    assert elected(outcome) == [
        ("Z1", "chair", 402),
        ("A", "member", 520),
        ("B", "member", 351),
        ("N1", "women_member", 380),
    ]
    assert outcome["unfilled"] == {"vice_chair": 1}
    assert outcome["next"] == "supplementary_round"
    assert outcome["warnings"] == []
    assert outcome["invalid_by_rule"] == {"VC-TALLY-3": 12}
    assert outcome["reasons"] == ["VC-TALLY-1", "VC-TALLY-2", "VC-TALLY-5", "VC-TALLY-7"]


H3_SUPPLEMENTARY: dict[str, Any] = {
    "round": "supplementary",
    "registered": 1200,
    "participants": 610,
    "ballots_collected": 610,
    "invalid_ballots": 40,
    "seats": {"vice_chair": 1},
    "elected_before": H3_EARLIER,
    "people": {"N1": {"sex": "F"}},
}


def test_vc_tally_7_supplementary_third_of_ballots_h3() -> None:
    outcome = vc(**H3_SUPPLEMENTARY, votes={"vice_chair": {"F1": 215, "F2": 205, "X": 150}})
    assert outcome["threshold"] == {"vice_chair": 204}
    assert elected(outcome) == [("F1", "vice_chair", 215)]
    assert outcome["next"] == "complete"
    assert outcome["reasons"] == ["VC-TALLY-1", "VC-TALLY-2", "VC-TALLY-7"]


def test_vc_tally_8_vacancy_allowed_after_supplementary_h3() -> None:
    outcome = vc(**H3_SUPPLEMENTARY, votes={"vice_chair": {"F1": 203, "F2": 199, "X": 168}})
    assert outcome["elected"] == []
    assert outcome["unfilled"] == {"vice_chair": 1}
    assert outcome["next"] == "complete"
    assert [w["rule"] for w in outcome["warnings"]] == ["VC-TALLY-8"]
    assert outcome["reasons"][-1] == "VC-TALLY-8"


def test_vc_tally_7_supplementary_needs_turnout_h3() -> None:
    data = {**H3_SUPPLEMENTARY, "participants": 598, "ballots_collected": 598}
    outcome = vc(**data, votes={"vice_chair": {"F1": 300}})
    assert (outcome["valid"], outcome["rule"], outcome["next"]) == (False, "VC-TALLY-1", "revote")


def test_vc_tally_7_supplementary_without_turnout_rule() -> None:
    data = {**H3_SUPPLEMENTARY, "participants": 598, "ballots_collected": 598}
    outcome = vc(
        **data,
        profile_overrides={"supp.requires_turnout": False},
        votes={"vice_chair": {"F1": 300}},
    )
    assert outcome["valid"] is True
    assert outcome["reasons"][0] == "VC-TALLY-2"
    assert elected(outcome) == [("F1", "vice_chair", 300)]


H4_REVOTE: dict[str, Any] = {
    "round": "tie_revote",
    "registered": 900,
    "participants": 760,
    "ballots_collected": 760,
    "invalid_ballots": 5,
    "seats": {"member": 1},
    "candidates": {"member": ["B", "C"]},
    "elected_before": [{"person": "A", "post": "member"}],
}


def test_vc_tally_6_revote_most_votes_wins_h4() -> None:
    outcome = vc(**H4_REVOTE, votes={"member": {"B": 390, "C": 365}})
    assert outcome["threshold"] == {"member": None}
    assert elected(outcome) == [("B", "member", 390)]
    assert outcome["next"] == "complete"
    assert outcome["reasons"] == ["VC-TALLY-1", "VC-TALLY-2", "VC-TALLY-6"]


def test_vc_tally_6_revote_ties_again_h4() -> None:
    outcome = vc(**H4_REVOTE, votes={"member": {"B": 377, "C": 377}})
    assert outcome["tie_revote"] == [{"post": "member", "persons": ["B", "C"], "seats": 1}]
    assert outcome["next"] == "tie_revote"


def test_vc_tally_6_only_tied_persons_count_in_revote() -> None:
    outcome = vc(**H4_REVOTE, votes={"member": {"B": 300, "C": 200, "W": 250}})
    assert elected(outcome) == [("B", "member", 300)]
    assert "VC-TALLY-6" in outcome["reasons"]


@pytest.mark.parametrize(
    ("b_votes", "won"), [(390, True), (380, False)], ids=["390-passes-381", "380-fails"]
)
def test_vc_tally_6_revote_with_majority_bar(b_votes: int, won: bool) -> None:
    outcome = vc(
        **H4_REVOTE,
        profile_overrides={"vc.tie_revote_requires_majority": True},
        votes={"member": {"B": b_votes, "C": 365}},
    )
    assert outcome["threshold"] == {"member": 381}
    assert bool(outcome["elected"]) is won
    assert outcome["next"] == ("complete" if won else "supplementary_round")


def test_vc_tally_6_revote_of_supplementary_keeps_third_bar() -> None:
    outcome = vc(
        **{**H4_REVOTE, "tie_of": "supplementary"},
        profile_overrides={"vc.tie_revote_requires_majority": True},
        votes={"member": {"B": 254, "C": 253}},
    )
    assert outcome["threshold"] == {"member": 254}
    assert elected(outcome) == [("B", "member", 254)]


H5: dict[str, Any] = {
    "registered": 1000,
    "participants": 800,
    "ballots_collected": 800,
    "invalid_ballots": 0,
    "seats": {"chair": 1, "vice_chair": 1, "member": 3},
    "votes": {
        "chair": {"X": 610},
        "vice_chair": {"Y": 500},
        "member": {"Z": 450, "W": 420, "T": 410, "V": 405, "U": 390},
    },
}


@pytest.mark.parametrize(
    ("relation", "v_votes", "voided", "members", "next_step"),
    [
        (["X", "Z", "parent_child"], 405, "Z", ["W", "T", "V"], "complete"),
        (["W", "T", "sibling"], 405, "T", ["Z", "W", "V"], "complete"),
        (["X", "Z", "parent_child"], 400, "Z", ["W", "T"], "supplementary_round"),
    ],
    ids=["a-higher-post-stays", "b-more-votes-stays", "c-no-majority-left"],
)
def test_vc_tally_9_kinship_after_first_vote_h5(
    relation: list[str], v_votes: int, voided: str, members: list[str], next_step: str
) -> None:
    votes = {**H5["votes"], "member": {**H5["votes"]["member"], "V": v_votes}}
    outcome = vc(**{**H5, "votes": votes}, relations=[relation])
    assert outcome["voided"] == [{"person": voided, "post": "member", "rule": "VC-TALLY-9"}]
    assert [e["person"] for e in outcome["elected"] if e["post"] == "member"] == members
    assert outcome["next"] == next_step
    assert "VC-TALLY-9" in outcome["reasons"]


def test_vc_tally_9_supplementary_winner_related_to_sitting_member_h5() -> None:
    outcome = vc(
        round="supplementary",
        registered=1000,
        participants=700,
        ballots_collected=700,
        invalid_ballots=10,
        seats={"member": 1},
        votes={"member": {"V": 330, "U": 240, "S": 120}},
        elected_before=[
            {"person": "X", "post": "chair"},
            {"person": "Y", "post": "vice_chair"},
            {"person": "W", "post": "member"},
            {"person": "T", "post": "member"},
        ],
        relations=[["W", "V", "sibling"]],
    )
    assert outcome["threshold"] == {"member": 234}
    assert outcome["voided"] == [{"person": "V", "post": "member", "rule": "VC-TALLY-9"}]
    assert elected(outcome) == [("U", "member", 240)]


H13: dict[str, Any] = {
    "registered": 1500,
    "participants": 1000,
    "ballots_collected": 1000,
    "invalid_ballots": 0,
    "seats": {"chair": 1, "vice_chair": 1, "member": 3},
    "votes": {
        "chair": {"A": 520, "B": 430},
        "vice_chair": {"B": 300, "C": 420, "D": 200},
        "member": {"A": 100, "C": 200, "D": 480, "E": 560, "F": 530, "G": 300},
    },
}


def test_c3_vote_sinking_h13() -> None:
    outcome = tally(
        profile="NAT_2018",
        body="villagers_committee",
        profile_overrides={"ballot.multi_position_mode": "vote_sinking"},
        **H13,
    )
    assert elected(outcome) == [
        ("A", "chair", 520),
        ("B", "vice_chair", 730),
        ("D", "member", 680),
        ("C", "member", 620),
        ("E", "member", 560),
    ]
    assert outcome["voided"] == []
    assert outcome["next"] == "complete"


def test_c3_exclusive_sections_h13() -> None:
    outcome = vc(**H13)
    assert outcome["threshold"] == {"chair": 501, "vice_chair": 501, "member": 501}
    assert elected(outcome) == [("A", "chair", 520), ("E", "member", 560), ("F", "member", 530)]
    assert outcome["unfilled"] == {"vice_chair": 1, "member": 1}
    assert outcome["next"] == "supplementary_round"


def test_c3_sequential_rounds_ignore_votes_for_earlier_winners() -> None:
    outcome = tally(
        profile="SH_2020",
        body="villagers_committee",
        registered=1000,
        participants=700,
        ballots_collected=700,
        invalid_ballots=0,
        seats={"member": 2},
        votes={"member": {"A": 400, "C": 380, "D": 370}},
        elected_before=[{"person": "A", "post": "chair"}],
    )
    assert elected(outcome) == [("C", "member", 380), ("D", "member", 370)]
    assert "VC-MULTI-1" in outcome["reasons"]


def test_vc_tally_10_every_total_announced_and_failed_winner_not_validly_elected() -> None:
    contest = parse_contest(
        {
            "profile": "ZJ_2020",
            "body": "villagers_committee",
            "registered": 1000,
            "participants": 800,
            "ballots_collected": 800,
            "invalid_ballots": 0,
            "seats": {"chair": 1},
            "votes": {"chair": {"Q": 300, "P": 450, "R": 50}},
            "people": {"P": {"ineligible": True}},
        }
    )
    outcome = count(contest)
    assert dict(outcome.tallies) == {"chair": (("P", 450), ("Q", 300), ("R", 50))}
    assert outcome.to_dict()["voided"] == [{"person": "P", "post": "chair", "rule": "QUAL-9"}]
    assert outcome.elected == ()
    assert outcome.next == "supplementary_round"
