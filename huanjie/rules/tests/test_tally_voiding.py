"""Voiding and refill in tally-io.md rule 4's order; the women's seat (rule 5); vacancies (rule 6)."""

from __future__ import annotations

from typing import Any

import pytest

from huanjie.rules.tally import count, parse_contest

BASE: dict[str, Any] = {
    "profile": "ZJ_2020",
    "body": "villagers_committee",
    "registered": 1000,
    "participants": 800,
    "ballots_collected": 800,
    "invalid_ballots": 0,
}


def tally(**data: Any) -> dict[str, Any]:
    return count(parse_contest({**BASE, **data})).to_dict()


def seated(outcome: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["person"], e["post"]) for e in outcome["elected"]]


def voided(outcome: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(v["person"], v["post"], v["rule"]) for v in outcome["voided"]]


def test_qual_9_ineligible_winner_voided_and_refilled() -> None:
    outcome = tally(
        seats={"member": 2},
        votes={"member": {"A": 600, "B": 500, "C": 450}},
        people={"A": {"ineligible": True}},
    )
    assert voided(outcome) == [("A", "member", "QUAL-9")]
    assert seated(outcome) == [("B", "member"), ("C", "member")]
    assert "QUAL-9" in outcome["reasons"]


@pytest.mark.parametrize(
    ("member", "women", "kept"),
    [(500, 450, "member"), (450, 500, "women_member"), (480, 480, "women_member")],
    ids=["more-member-votes", "more-women-votes", "equal-votes-women-member-stays"],
)
def test_vc_multi_1_equal_rank_member_and_women_member(member: int, women: int, kept: str) -> None:
    outcome = tally(
        profile="NAT_2018",
        seats={"member": 1, "women_member": 1},
        votes={"member": {"W": member, "B": 250}, "women_member": {"W": women, "N": 250}},
        people={"W": {"sex": "F"}, "N": {"sex": "F"}},
    )
    lost = "women_member" if kept == "member" else "member"
    assert voided(outcome) == [("W", lost, "VC-MULTI-1")]
    assert seated(outcome) == [("W", kept)]
    assert outcome["unfilled"] == {lost: 1}


def test_vc_multi_1_higher_post_stays_in_supplementary() -> None:
    outcome = tally(
        round="supplementary",
        seats={"vice_chair": 1, "member": 1},
        votes={"vice_chair": {"F1": 300, "F2": 280}, "member": {"F1": 290, "M": 270}},
        profile="NAT_2018",
    )
    assert voided(outcome) == [("F1", "member", "VC-MULTI-1")]
    assert seated(outcome) == [("F1", "vice_chair"), ("M", "member")]


def test_vc_multi_1_tie_for_higher_post_releases_lower_seat() -> None:
    outcome = tally(
        profile="NAT_2018",
        round="supplementary",
        seats={"chair": 1, "member": 1},
        votes={"chair": {"P": 300, "Q": 300}, "member": {"P": 420, "R": 300}},
    )
    assert outcome["tie_revote"] == [{"post": "chair", "persons": ["P", "Q"], "seats": 1}]
    assert voided(outcome) == [("P", "member", "VC-MULTI-1")]
    assert seated(outcome) == [("R", "member")]


def test_vc_multi_1_elected_person_leaves_lower_tie() -> None:
    outcome = tally(
        profile="NAT_2018",
        seats={"chair": 1, "member": 1},
        round="supplementary",
        votes={"chair": {"P": 500}, "member": {"P": 300, "R": 300}},
    )
    assert seated(outcome) == [("P", "chair"), ("R", "member")]
    assert outcome["tie_revote"] == []
    assert outcome["voided"] == []
    assert "VC-MULTI-1" in outcome["reasons"]


def test_vc_tally_9_earlier_rounds_stand() -> None:
    outcome = tally(
        round="supplementary",
        participants=700,
        ballots_collected=700,
        seats={"member": 1},
        votes={"member": {"S": 400, "U": 300}},
        elected_before=[{"person": "E", "post": "member"}],
        relations=[["E", "S", "spouse"]],
    )
    assert voided(outcome) == [("S", "member", "VC-TALLY-9")]
    assert seated(outcome) == [("U", "member")]


def test_vc_tally_9_only_a_staying_person_voids_a_weaker_one() -> None:
    outcome = tally(
        seats={"member": 3},
        votes={"member": {"A": 600, "B": 500, "C": 450, "D": 420}},
        relations=[["A", "B", "sibling"], ["B", "C", "sibling"]],
    )
    assert voided(outcome) == [("B", "member", "VC-TALLY-9")]
    assert seated(outcome) == [("A", "member"), ("C", "member"), ("D", "member")]


def test_vc_tally_9_relation_outside_the_set_is_no_conflict() -> None:
    outcome = tally(
        seats={"member": 2},
        votes={"member": {"A": 600, "B": 500}},
        relations=[["A", "B", "grandparent_grandchild"]],
    )
    assert outcome["voided"] == []


def test_vc_tally_9_equal_votes_form_a_tie_group() -> None:
    outcome = tally(
        seats={"member": 3},
        votes={"member": {"Z": 450, "W": 420, "T": 420, "V": 405}},
        relations=[["T", "W", "sibling"]],
    )
    assert outcome["voided"] == []
    assert seated(outcome) == [("Z", "member"), ("V", "member")]
    assert outcome["tie_revote"] == [{"post": "member", "persons": ["T", "W"], "seats": 1}]
    assert outcome["next"] == "tie_revote"
    assert outcome["unfilled"] == {}
    assert outcome["reasons"][-2:] == ["VC-TALLY-6", "VC-TALLY-9"]


def test_vc_tally_9_refill_ties_are_judged_on_final_ranking() -> None:
    outcome = tally(
        round="supplementary",
        seats={"member": 2},
        votes={"member": {"A": 500, "B": 400, "C": 300, "D": 300}},
        relations=[["A", "B", "spouse"]],
    )
    assert voided(outcome) == [("B", "member", "VC-TALLY-9")]
    assert seated(outcome) == [("A", "member")]
    assert outcome["tie_revote"] == [{"post": "member", "persons": ["C", "D"], "seats": 1}]


def test_kin_6_party_secretary_avoids_near_relatives() -> None:
    outcome = tally(
        seats={"chair": 1, "member": 2},
        votes={"chair": {"P": 600}, "member": {"G": 500, "H": 450, "K": 420}},
        relations=[["P", "G", "grandparent_grandchild"]],
        party_secretary="P",
    )
    assert voided(outcome) == [("G", "member", "KIN-6")]
    assert seated(outcome) == [("P", "chair"), ("H", "member"), ("K", "member")]


def test_vc_tally_9_rule_4_order_cannot_sit_before_kinship() -> None:
    outcome = tally(
        round="supplementary",
        participants=700,
        ballots_collected=700,
        seats={"chair": 1, "member": 2},
        votes={"chair": {"A": 400, "X": 240}, "member": {"A": 300, "B": 290, "C": 280, "D": 270}},
        people={"X": {"ineligible": True}},
        elected_before=[{"person": "E", "post": "vice_chair"}],
        relations=[["E", "C", "sibling"], ["A", "B", "spouse"]],
        profile="NAT_2026",
    )
    assert voided(outcome) == [
        ("A", "member", "VC-MULTI-1"),
        ("C", "member", "VC-TALLY-9"),
        ("B", "member", "VC-TALLY-9"),
    ]
    assert seated(outcome) == [("A", "chair"), ("D", "member")]
    assert outcome["unfilled"] == {"member": 1}


WOMEN: dict[str, Any] = {
    "profile": "NAT_2018",
    "seats": {"chair": 1, "member": 2},
    "votes": {"chair": {"C": 600}, "member": {"M1": 500, "M2": 450, "F1": 300}},
    "people": {"C": {"sex": "M"}, "M1": {"sex": "M"}, "M2": {"sex": "M"}, "F1": {"sex": "F"}},
}


def test_c4_none_no_woman_elected_is_a_warning() -> None:
    outcome = tally(**WOMEN)
    assert outcome["next"] == "complete"
    assert [w["rule"] for w in outcome["warnings"]] == ["VC-ORG-2"]
    assert "没有女性" in outcome["warnings"][0]["message"]


def test_vc_org_2_woman_elected_no_warning() -> None:
    people = {**WOMEN["people"], "M2": {"sex": "F"}}
    assert tally(**{**WOMEN, "people": people})["warnings"] == []


def test_c4_top_woman_replaces_lowest_member() -> None:
    outcome = tally(**WOMEN, profile_overrides={"women_seat_mode": "top_woman_replaces"})
    assert voided(outcome) == [("M2", "member", "VC-ORG-2")]
    assert seated(outcome) == [("C", "chair"), ("M1", "member"), ("F1", "member")]
    assert outcome["warnings"] == []
    assert "VC-ORG-2" in outcome["reasons"]


@pytest.mark.parametrize(
    ("votes", "elected"),
    [
        ({"M1": 500, "F1": 300}, [("C", "chair"), ("M1", "member"), ("F1", "member")]),
        ({"M1": 390, "F1": 300}, [("C", "chair"), ("F1", "member")]),
    ],
    ids=["one-member-seat-open", "no-member-elected"],
)
def test_vc_org_2_top_woman_takes_an_open_seat_before_displacing_a_winner(
    votes: dict[str, int], elected: list[tuple[str, str]]
) -> None:
    outcome = tally(
        **{**WOMEN, "votes": {**WOMEN["votes"], "member": votes}},
        profile_overrides={"women_seat_mode": "top_woman_replaces"},
    )
    assert voided(outcome) == []
    assert seated(outcome) == elected
    assert outcome["warnings"] == []


def test_vc_org_2_top_woman_replaces_skips_women_who_cannot_sit() -> None:
    outcome = tally(
        **{
            **WOMEN,
            "votes": {**WOMEN["votes"], "member": {**WOMEN["votes"]["member"], "F2": 350}},
            "people": {**WOMEN["people"], "F2": {"sex": "F", "ineligible": True}},
        },
        profile_overrides={
            "women_seat_mode": "top_woman_replaces",
            "kin.vc_internal_set": "spouse_parent_child_sibling",
        },
        relations=[["C", "F1", "spouse"]],
    )
    assert outcome["voided"] == []
    assert [w["rule"] for w in outcome["warnings"]] == ["VC-ORG-2"]


def test_vc_org_2_top_woman_replaces_needs_an_elected_member() -> None:
    outcome = tally(
        **{**WOMEN, "seats": {"chair": 1}, "votes": {"chair": {"C": 600}}},
        profile_overrides={"women_seat_mode": "top_woman_replaces"},
    )
    assert seated(outcome) == [("C", "chair")]
    assert [w["rule"] for w in outcome["warnings"]] == ["VC-ORG-2"]


@pytest.mark.parametrize(
    ("mode", "text"),
    [("reserve_candidate", "未当选的女性"), ("separate_section", "单列妇女委员")],
    ids=["reserve-candidate", "separate-section"],
)
def test_c4_reserve_candidate_or_separate_section_supplementary_due(mode: str, text: str) -> None:
    data = {**WOMEN, "seats": {"chair": 1, "member": 3}}
    outcome = tally(**data, profile_overrides={"women_seat_mode": mode})
    assert outcome["next"] == "supplementary_round"
    assert text in outcome["warnings"][0]["message"]


@pytest.mark.parametrize(
    ("profile", "earlier", "next_step", "warning"),
    [
        ("ZJ_2020", [("C", "chair")], "supplementary_round", "不足 3 人"),
        ("ZJ_2020", [("C", "chair"), ("M1", "member"), ("M2", "member")], "complete", "可以空缺"),
        (
            "BJ_2012",
            [("V", "vice_chair"), ("M1", "member"), ("M2", "member")],
            "supplementary_round",
            "未选出主任",
        ),
        ("BJ_2012", [("C", "chair"), ("M1", "member"), ("M2", "member")], "complete", "可以空缺"),
        ("NAT_2018", [("V", "vice_chair"), ("M1", "member")], "complete", "副主任主持"),
    ],
    ids=[
        "zj-1-plus-1-too-few",
        "zj-3-plus-1",
        "bj-no-chair",
        "bj-4-with-chair",
        "no-chair-presides",
    ],
)
def test_vc_tally_8_vacancy_after_supplementary(
    profile: str, earlier: list[tuple[str, str]], next_step: str, warning: str
) -> None:
    outcome = tally(
        profile=profile,
        round="supplementary",
        seats={"member": 2},
        votes={"member": {"N": 300, "O": 200}},
        elected_before=[{"person": p, "post": post} for p, post in earlier],
    )
    assert seated(outcome) == [("N", "member")]
    assert outcome["next"] == next_step
    assert [w["rule"] for w in outcome["warnings"] if w["rule"] != "VC-ORG-2"] == ["VC-TALLY-8"]
    assert warning in outcome["warnings"][-1]["message"]


def test_vc_multi_1_vote_sinking_keeps_women_section_apart() -> None:
    outcome = tally(
        profile="NAT_2018",
        profile_overrides={"ballot.multi_position_mode": "vote_sinking"},
        seats={"chair": 1, "member": 1, "women_member": 1},
        votes={
            "chair": {"A": 500, "W": 250},
            "member": {"W": 200, "B": 420},
            "women_member": {"A": 200, "W": 460, "N": 130},
        },
        people={"W": {"sex": "F"}, "N": {"sex": "F"}},
    )
    assert outcome["elected"] == [
        {"person": "A", "post": "chair", "votes": 500},
        {"person": "B", "post": "member", "votes": 420},
        {"person": "W", "post": "women_member", "votes": 460},
    ]
    assert voided(outcome) == [("W", "member", "VC-MULTI-1")]


SUPP: dict[str, Any] = {
    "round": "supplementary",
    "registered": 60,
    "participants": 39,
    "ballots_collected": 39,
}


@pytest.mark.parametrize(
    ("extra", "rule"),
    [
        ({"people": {"C": {"ineligible": True}}}, "QUAL-9"),
        ({"relations": [["A", "C", "spouse"]]}, "VC-TALLY-9"),
        (
            {
                "relations": [["E", "C", "spouse"]],
                "elected_before": [{"person": "E", "post": "chair"}],
            },
            "VC-TALLY-9",
        ),
    ],
    ids=["ineligible", "related-to-stronger-winner", "related-to-earlier-winner"],
)
def test_qual_9_vc_tally_9_who_could_never_sit_leaves_the_tie(
    extra: dict[str, Any], rule: str
) -> None:
    outcome = tally(
        **SUPP,
        seats={"member": 2},
        votes={"member": {"A": 20, "C": 13, "D": 13}},
        **extra,
    )
    assert seated(outcome) == [("A", "member"), ("D", "member")]
    assert outcome["tie_revote"] == []
    assert outcome["voided"] == []
    assert rule in outcome["reasons"]


@pytest.mark.parametrize(
    ("seats", "elected", "ties"),
    [
        (2, [("D", "member")], [(["C", "K"], 1)]),
        (1, [], [(["C", "D", "K"], 1)]),
    ],
    ids=["related-pair-and-one-fit-two-seats", "too-few-seats-whole-tie-revotes"],
)
def test_vc_tally_9_related_persons_tied_at_last_seats(
    seats: int, elected: list[tuple[str, str]], ties: list[tuple[list[str], int]]
) -> None:
    outcome = tally(
        **SUPP,
        seats={"member": seats},
        votes={"member": {"C": 13, "K": 13, "D": 13}},
        relations=[["C", "K", "sibling"]],
    )
    assert seated(outcome) == elected
    assert [(t["persons"], t["seats"]) for t in outcome["tie_revote"]] == ties
    assert outcome["next"] == "tie_revote"


def test_vc_tally_9_related_sets_hold_every_seat_nobody_below_is_tied() -> None:
    # Two related pairs tied for both seats re-vote for one seat each; E below them waits.
    outcome = tally(
        **SUPP,
        seats={"member": 2},
        votes={"member": {"A": 15, "B": 15, "C": 15, "D": 15, "E": 14}},
        relations=[["A", "B", "sibling"], ["C", "D", "spouse"]],
    )
    assert seated(outcome) == []
    assert [(t["persons"], t["seats"]) for t in outcome["tie_revote"]] == [
        (["A", "B"], 1),
        (["C", "D"], 1),
    ]
    assert (outcome["unfilled"], outcome["next"]) == ({}, "tie_revote")
