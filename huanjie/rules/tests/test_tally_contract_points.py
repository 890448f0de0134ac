"""The subtle points of tally-io.md a county auditor checks, each pinned on small numbers.

Rule 4's voiding order and refill, ties on the final ranking, `unfilled` keys, the precedence
of `next`, the orders of `elected` / `voided` / `reasons`, void votes and recalls, the
supplementary and tie re-vote bars, the women-only section and `barred`.
"""

from __future__ import annotations

from typing import Any

import pytest

from huanjie.rules.tally import ContestError, Post, count, parse_contest


def vc(**changes: Any) -> dict[str, Any]:
    """ZJ_2020, 800 of 1000 vote: the first-vote bar is 401 (2v > 800)."""
    contest: dict[str, Any] = {
        "profile": "ZJ_2020",
        "body": "villagers_committee",
        "registered": 1000,
        "participants": 800,
        "ballots_collected": 800,
        "invalid_ballots": 0,
    }
    return contest | changes


def party(**changes: Any) -> dict[str, Any]:
    """PB_2020, H-7's meeting: 32 of 40 present, the bar is 21 (2v > 40)."""
    contest: dict[str, Any] = {
        "profile": "PB_2020",
        "body": "party_organization",
        "should_attend": 40,
        "present": 32,
        "ballots_collected": 32,
        "invalid_ballots": 0,
        "seats": {"member": 2},
        "votes": {"member": {"A": 30, "B": 25, "C": 6}},
    }
    return contest | changes


def outcome(contest: dict[str, Any]) -> dict[str, Any]:
    return count(parse_contest(contest)).to_dict()


def seated(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(row["person"], row["post"]) for row in result["elected"]]


def voided(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(row["person"], row["post"], row["rule"]) for row in result["voided"]]


# --- rule 4: who is voided first, and the refill as if the voided person had not stood -------

RULE_4_CASES = [
    (
        # Cannot sit at all (A ineligible) comes before kinship (B, the chair's son); each void
        # refills the post from its ranking: C, then D and E.
        "cannot-sit-before-kinship-then-refill-twice",
        vc(
            participants=1000,
            ballots_collected=1000,
            seats={"chair": 1, "member": 3},
            votes={
                "chair": {"Y": 600},
                "member": {"A": 600, "B": 560, "C": 520, "D": 510, "E": 505},
            },
            people={"A": {"ineligible": True}},
            relations=[["Y", "B", "parent_child"]],
        ),
        [("Y", "chair"), ("C", "member"), ("D", "member"), ("E", "member")],
        [("A", "member", "QUAL-9"), ("B", "member", "VC-TALLY-9")],
    ),
    (
        # X is related to E (an earlier round) and to Z (this round): earlier rounds stand, so
        # X goes first; Z then has no stronger relative left and keeps the seat.
        "earlier-rounds-before-kinship-in-the-round",
        vc(
            seats={"chair": 1, "member": 2},
            votes={"chair": {"X": 500, "Q": 300}, "member": {"Z": 500, "M": 450, "N": 300}},
            relations=[["E", "X", "sibling"], ["X", "Z", "sibling"]],
            elected_before=[{"person": "E", "post": "vice_chair"}],
        ),
        [("Z", "member"), ("M", "member")],
        [("X", "chair", "VC-TALLY-9")],
    ),
    (
        # A > B > C, A–B and B–C siblings: B is voided by A; C is related only to B, who does
        # not stay, so C keeps the seat and D takes B's.
        "only-a-relative-who-stays-voids",
        vc(
            seats={"member": 3},
            votes={"member": {"A": 600, "B": 500, "C": 450, "D": 420}},
            relations=[["A", "B", "sibling"], ["B", "C", "sibling"]],
        ),
        [("A", "member"), ("C", "member"), ("D", "member")],
        [("B", "member", "VC-TALLY-9")],
    ),
    (
        # A supplementary round refills with its own bar, 3v >= 610 → 204: C (210) is seated
        # although far from a majority.
        "supplementary-refill-with-the-third-bar",
        vc(
            round="supplementary",
            registered=1200,
            participants=610,
            ballots_collected=610,
            seats={"member": 2},
            votes={"member": {"A": 300, "B": 250, "C": 210, "D": 150}},
            people={"A": {"ineligible": True}},
        ),
        [("B", "member"), ("C", "member")],
        [("A", "member", "QUAL-9")],
    ),
]


@pytest.mark.parametrize(
    ("contest", "elected", "voids"),
    [case[1:] for case in RULE_4_CASES],
    ids=[case[0] for case in RULE_4_CASES],
)
def test_vc_tally_9_rule_4_voiding_order_and_refill(
    contest: dict[str, Any], elected: list[tuple[str, str]], voids: list[tuple[str, str, str]]
) -> None:
    result = outcome(contest)
    assert (seated(result), voided(result)) == (elected, voids)


@pytest.mark.parametrize(
    ("seats", "votes", "elected", "ties"),
    [
        # A's void dissolves the tie: B and C fit the two seats.
        (2, {"A": 500, "B": 430, "C": 430}, ["B", "C"], []),
        # A's void makes one: C and D tie for the seat A leaves.
        (3, {"B": 600, "A": 500, "E": 450, "C": 420, "D": 420}, ["B", "E"], [["C", "D"]]),
    ],
    ids=["void-dissolves-a-tie", "void-makes-a-tie"],
)
def test_vc_tally_6_ties_are_judged_on_the_final_ranking(
    seats: int, votes: dict[str, int], elected: list[str], ties: list[list[str]]
) -> None:
    contest = vc(
        seats={"member": seats}, votes={"member": votes}, people={"A": {"ineligible": True}}
    )
    result = outcome(contest)
    assert [person for person, _ in seated(result)] == elected
    assert [tie["persons"] for tie in result["tie_revote"]] == ties


@pytest.mark.parametrize(
    ("seats", "reasons_end"),
    [
        # One seat for two tied relatives: a plain tie (rule 3), the relation changes nothing.
        (2, ["VC-TALLY-5", "VC-TALLY-6"]),
        # Three seats: both would sit but may not together — a kinship re-vote for one seat.
        (3, ["VC-TALLY-5", "VC-TALLY-6", "VC-TALLY-9"]),
    ],
    ids=["tie-for-one-seat", "related-winners-with-equal-votes"],
)
def test_vc_tally_9_related_persons_with_equal_votes(seats: int, reasons_end: list[str]) -> None:
    contest = vc(
        seats={"member": seats},
        votes={"member": {"A": 500, "B": 430, "C": 430}},
        relations=[["B", "C", "sibling"]],
    )
    result = outcome(contest)
    assert result["tie_revote"] == [{"post": "member", "persons": ["B", "C"], "seats": 1}]
    assert result["reasons"][-len(reasons_end) :] == reasons_end


# --- rule 5: `unfilled` names only the contest's own posts --------------------------------------


@pytest.mark.parametrize(
    ("profile", "overrides"),
    [
        ("ZJ_2020", {}),
        ("NAT_2018", {"women_seat_mode": "reserve_candidate"}),
        ("NAT_2018", {"women_seat_mode": "top_woman_replaces"}),
        ("NAT_2018", {}),
    ],
    ids=["separate-section", "reserve-candidate", "top-woman-replaces", "none"],
)
def test_vc_org_2_unfilled_keys_are_the_contests_own_posts(
    profile: str, overrides: dict[str, str]
) -> None:
    contest = vc(
        profile=profile,
        profile_overrides=overrides,
        votes={"member": {"A": 500, "B": 300}},
        people={"A": {"sex": "M"}, "B": {"sex": "M"}},
    )
    short = outcome(contest | {"seats": {"member": 2}})
    full = outcome(contest | {"seats": {"member": 1}})
    assert (short["unfilled"], short["next"]) == ({"member": 1}, "supplementary_round")
    # No woman among the elected is a warning, never an open women's seat.
    assert (full["unfilled"], full["next"]) == ({}, "complete")
    assert [w["rule"] for w in full["warnings"]] == ["VC-ORG-2"]


# --- precedence of `next` ----------------------------------------------------------------------

TIE_AND_GAP = {
    "seats": {"vice_chair": 1, "member": 2},
    "votes": {"vice_chair": {"F": 300}, "member": {"A": 500, "B": 430, "C": 430}},
}


@pytest.mark.parametrize(
    ("contest", "expected"),
    [
        (vc(**TIE_AND_GAP, ballots_collected=801), "revote"),
        (party(present=31, ballots_collected=31), "new_meeting"),
        (vc(**TIE_AND_GAP), "tie_revote"),
        (vc(seats={"member": 2}, votes={"member": {"A": 500, "B": 300}}), "supplementary_round"),
        (vc(seats={"member": 2}, votes={"member": {"A": 500, "B": 430}}), "complete"),
    ],
    ids=["void-first", "no-quorum", "tie-before-supplementary", "open-seats", "complete"],
)
def test_vc_tally_6_precedence_of_next(contest: dict[str, Any], expected: str) -> None:
    result = outcome(contest)
    assert result["next"] == expected
    if expected == "tie_revote":
        assert result["unfilled"] == {"vice_chair": 1}  # still open, after the re-vote


# --- orders of `elected`, `tie_revote`, `voided` and `reasons` ----------------------------------


def test_vc_tally_10_orders_of_the_outcome() -> None:
    result = outcome(
        vc(
            seats={"chair": 1, "vice_chair": 2, "member": 3, "women_member": 1},
            votes={
                "chair": {"K": 420},
                "vice_chair": {"Y3": 410, "Y2": 410, "Y1": 410},
                "member": {"Q": 480, "P": 470, "A": 460, "C": 450, "B": 450},
                "women_member": {"N": 450},
            },
            people={"Q": {"ineligible": True}, "P": {"ineligible": True}, "N": {"sex": "F"}},
        )
    )
    # By post, then votes descending, then person: the chair first whatever its votes.
    assert seated(result) == [
        ("K", "chair"),
        ("A", "member"),
        ("B", "member"),
        ("C", "member"),
        ("N", "women_member"),
    ]
    assert result["tie_revote"] == [
        {"post": "vice_chair", "persons": ["Y1", "Y2", "Y3"], "seats": 2}
    ]
    # In the order voided — the stronger first — not in code-point order.
    assert voided(result) == [("Q", "member", "QUAL-9"), ("P", "member", "QUAL-9")]
    # In the order applied, each once.
    assert result["reasons"] == ["VC-TALLY-1", "VC-TALLY-2", "VC-TALLY-5", "VC-TALLY-6", "QUAL-9"]


def test_pb_win_1_party_elected_in_party_post_order() -> None:
    result = outcome(
        party(
            seats={"secretary": 1, "deputy_secretary": 1, "member": 1},
            votes={"member": {"M": 30}, "deputy_secretary": {"D": 28}, "secretary": {"S": 22}},
        )
    )
    assert seated(result) == [("S", "secretary"), ("D", "deputy_secretary"), ("M", "member")]


# --- a void vote and a recall ------------------------------------------------------------------

EMPTY: dict[str, object] = {
    "threshold": {},
    "elected": [],
    "voided": [],
    "unfilled": {},
    "tie_revote": [],
}


def assembly(body: str, kind: str, **changes: Any) -> dict[str, Any]:
    contest: dict[str, Any] = {
        "profile": "ZJ_2025",
        "body": body,
        "assembly": kind,
        "assembly_size": 300,
        "present": 240,
        "ballots_collected": 240,
        "invalid_ballots": 0,
        "seats": {"chair": 1},
        "votes": {"chair": {"P": 230}},
    }
    return contest | changes


@pytest.mark.parametrize(
    ("contest", "rule", "next_step"),
    [
        (vc(participants=500, seats={"member": 1}, votes={"member": {"A": 400}}), "VC-TALLY-1", "revote"),
        (vc(ballots_collected=801, seats={"member": 1}, votes={"member": {"A": 500}}), "VC-TALLY-2", "revote"),
        (party(present=31, ballots_collected=31), "PB-QUORUM-1", "new_meeting"),
        (party(ballots_issued=32, ballots_collected=33), "PB-BALLOT-1", "revote"),
        (assembly("supervision_committee", "villagers", present=150, ballots_collected=150,
                  votes={"chair": {"P": 140}}), "REP-2", "revote"),
        (assembly("cooperative_board", "members", present=199, ballots_collected=199,
                  votes={"chair": {"P": 190}}), "CEO-2", "revote"),
    ],
    ids=["turnout", "reconciliation", "party-quorum", "party-reconciliation", "rep-2", "ceo-2"],
)  # fmt: skip
def test_vc_tally_2_void_vote_clears_the_result(
    contest: dict[str, Any], rule: str, next_step: str
) -> None:
    result = outcome(contest)
    assert (result["valid"], result["rule"], result["next"]) == (False, rule, next_step)
    assert {key: result[key] for key in EMPTY} == EMPTY
    assert result["reasons"][-1] == rule


@pytest.mark.parametrize(
    ("participants", "yes", "valid", "recalled"),
    [(451, 226, True, True), (451, 225, True, False), (450, 300, False, None)],
    ids=["recalled", "not-recalled", "void"],
)
def test_rec_2_recall_outcome_has_next_null(
    participants: int, yes: int, valid: bool, recalled: bool | None
) -> None:
    recall = {
        "profile": "ZJ_2020",
        "body": "recall",
        "registered": 900,
        "participants": participants,
        "yes": yes,
    }
    assert outcome(recall) == {
        "valid": valid,
        "rule": None if valid else "REC-2",
        **EMPTY,
        "next": None,
        "invalid_by_rule": {},
        "warnings": [],
        "reasons": ["REC-2"],
        "recalled": recalled,
    }


# --- the bars of the supplementary round and of a tie re-vote ----------------------------------


@pytest.mark.parametrize(
    ("participants", "collected", "votes", "bar", "won"),
    [
        (610, 610, 204, 204, True),  # H-3: 3×204 = 612 >= 610
        (610, 610, 203, 204, False),  # 3×203 = 609 < 610
        (700, 600, 200, 200, True),  # exactly a third of the ballots collected, not of P = 700
        (700, 600, 199, 200, False),
    ],
    ids=["h3-204-of-610", "h3-203-of-610", "200-of-600-collected", "199-of-600-collected"],
)
def test_vc_tally_7_supplementary_bar_is_a_third_of_ballots_collected(
    participants: int, collected: int, votes: int, bar: int, won: bool
) -> None:
    result = outcome(
        vc(
            round="supplementary",
            registered=1200,
            participants=participants,
            ballots_collected=collected,
            seats={"vice_chair": 1},
            votes={"vice_chair": {"F1": votes, "F2": 100}},
            elected_before=[{"person": p, "post": "member"} for p in ("A", "B", "C")],
        )
    )
    assert result["threshold"] == {"vice_chair": bar}
    assert (seated(result) == [("F1", "vice_chair")]) is won


def revote(contest: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return contest | {"round": "tie_revote", "candidates": {"member": ["A", "B"]}} | changes


@pytest.mark.parametrize(
    ("contest", "bar", "elected"),
    [
        # No bar by default: the most votes wins, 20 of 40 included.
        (revote(party(seats={"member": 1}, votes={"member": {"A": 20, "B": 12}})), None, ["A"]),
        # With the bar, it is the first vote's test on the re-vote's own numbers.
        (
            revote(
                party(
                    profile_overrides={"pb.tie_revote_requires_majority": True},
                    seats={"member": 1},
                    votes={"member": {"A": 20, "B": 12}},
                )
            ),
            21,  # 2v > 40 should attend
            [],
        ),
        (
            revote(
                party(
                    profile="PB_1990",
                    profile_overrides={"pb.tie_revote_requires_majority": True},
                    ballots_issued=32,
                    seats={"member": 1},
                    votes={"member": {"A": 20, "B": 12}},
                )
            ),
            17,  # 2v > 32 present
            ["A"],
        ),
        (
            revote(
                vc(
                    profile_overrides={"vc.tie_revote_requires_majority": True},
                    participants=700,
                    ballots_collected=690,
                    seats={"member": 1},
                    votes={"member": {"A": 351, "B": 300}},
                )
            ),
            351,  # 2v > 700 participants of the re-vote, not the first vote's 800
            ["A"],
        ),
        (
            revote(
                vc(
                    profile_overrides={"vc.tie_revote_requires_majority": True},
                    tie_of="supplementary",
                    participants=610,
                    ballots_collected=600,
                    seats={"member": 1},
                    votes={"member": {"A": 199, "B": 190}},
                )
            ),
            200,  # 3v >= 600 collected in the re-vote
            [],
        ),
    ],
    ids=[
        "party-no-bar",
        "party-should-attend-bar",
        "party-present-bar",
        "vc-first-bar-on-revote-participants",
        "vc-supplementary-bar-on-revote-ballots",
    ],
)
def test_pb_win_2_tie_revote_bar_of_tie_of_on_its_own_numbers(
    contest: dict[str, Any], bar: int | None, elected: list[str]
) -> None:
    result = outcome(contest)
    assert result["threshold"] == {"member": bar}
    assert [person for person, _ in seated(result)] == elected


# --- the women-only `women_member` section -----------------------------------------------------

WOMAN_CHAIR = {"person": "W", "post": "chair"}
MAN_CHAIR = {"person": "K", "post": "chair"}
PEOPLE = {"W": {"sex": "F"}, "K": {"sex": "M"}, "M1": {"sex": "M"}}


def women_section(**changes: Any) -> dict[str, Any]:
    """Ballot mode: eight ballots naming the man M1 for `women_member`."""
    contest: dict[str, Any] = {
        "profile": "ZJ_2020",
        "body": "villagers_committee",
        "registered": 10,
        "participants": 8,
        "ballots_collected": 8,
        "seats": {"women_member": 1},
        "ballots": [{"women_member": ["M1"]}] * 8,
        "people": PEOPLE,
    }
    return contest | changes


@pytest.mark.parametrize(
    ("contest", "counted"),
    [
        (
            women_section(
                seats={"chair": 1, "women_member": 1},
                ballots=[{"chair": ["W"], "women_member": ["M1"]}] * 8,
            ),
            False,  # a woman elected in this same round does not open it
        ),
        (women_section(round="supplementary", elected_before=[MAN_CHAIR]), False),
        (women_section(round="supplementary", elected_before=[WOMAN_CHAIR]), True),
        (women_section(profile="NAT_2018"), True),  # no separate section there
    ],
    ids=["woman-in-this-round", "man-before", "woman-before", "mode-none"],
)
def test_c4_separate_section_women_only_until_a_woman_sits_before(
    contest: dict[str, Any], counted: bool
) -> None:
    result = outcome(contest)
    assert (("M1", "women_member") in seated(result)) is counted
    assert ("VC-ORG-2" in result["reasons"]) is not counted


def test_vc_org_2_tally_sheet_refuses_a_man_in_the_women_only_section() -> None:
    sheet = vc(seats={"women_member": 1}, votes={"women_member": {"M1": 500}}, people=PEOPLE)
    with pytest.raises(ContestError) as raised:
        parse_contest(sheet)
    assert (raised.value.field, raised.value.rule) == ("votes.women_member.M1", "VC-ORG-2")
    opened = sheet | {"round": "supplementary", "elected_before": [WOMAN_CHAIR]}
    assert seated(outcome(opened)) == [("M1", "women_member")]


# --- barred winners ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind", "rule"),
    [
        ("supervision_committee", "representatives", "SUP-1"),
        ("cooperative_board", "representatives", "CEO-5"),
        ("cooperative_supervisors", "members", "CEO-5"),
    ],
    ids=["supervision", "cooperative-board", "cooperative-supervisors"],
)
def test_sup_1_ceo_5_barred_winner_voided_and_refilled(body: str, kind: str, rule: str) -> None:
    result = outcome(
        assembly(
            body,
            kind,
            seats={"member": 1},
            votes={"member": {"X": 230, "Y": 10}},
            barred=["X"],
        )
    )
    assert voided(result) == [("X", "member", rule)]
    assert (seated(result), result["unfilled"]) == ([], {"member": 1})


# --- vote sinking: the announced totals are the ones the post was decided on -------------------


def test_c3_vote_sinking_totals_leave_out_higher_winners_h13() -> None:
    contest = vc(
        profile="NAT_2018",
        profile_overrides={"ballot.multi_position_mode": "vote_sinking"},
        registered=1500,
        participants=1000,
        ballots_collected=1000,
        seats={"chair": 1, "vice_chair": 1, "member": 3},
        votes={
            "chair": {"A": 520, "B": 430},
            "vice_chair": {"B": 300, "C": 420, "D": 200},
            "member": {"A": 100, "C": 200, "D": 480, "E": 560, "F": 530, "G": 300},
        },
    )
    tallies = count(parse_contest(contest)).tallies
    assert tallies[Post.VICE_CHAIR] == (("B", 730), ("C", 420), ("D", 200))
    assert tallies[Post.MEMBER] == (("D", 680), ("C", 620), ("E", 560), ("F", 530), ("G", 300))
