"""公推直选 (PRAC-GTZX): the 倒选 cascade SEED-GTZX-2 and the seed-002 checks SEED-GTZX-1/3."""

from __future__ import annotations

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.gtzx import (
    Ballot,
    CascadePlan,
    RoundTally,
    Stage,
    check_recall_petition,
    check_recommendation_meeting,
    check_registrations,
    draw_speech_order,
    recall_petition_minimum,
    run_cascade,
)
from huanjie.rules.party.secretary import Officer, ResultStatus
from huanjie.rules.profiles.profile import load_profile

SEC, DEP, MEM = Stage.SECRETARY, Stage.DEPUTY_SECRETARY, Stage.MEMBER
GTZX = load_profile("GTZX")


def plan(**changes: object) -> CascadePlan:
    fields: dict[str, object] = {
        "voting_members": 100,
        "should_attend": 100,
        "seats": {SEC: 1, DEP: 2, MEM: 3},
        "candidates": {SEC: ("S1", "S2"), DEP: ("D1", "D2"), MEM: ("M1", "M2", "M3")},
    }
    fields.update(changes)
    return CascadePlan(**fields)  # type: ignore[arg-type]


def tally(votes: dict[str, int], present: int = 90, **changes: object) -> RoundTally:
    fields: dict[str, object] = {
        "present": present,
        "ballots_collected": present,
        "invalid_ballots": 0,
        "votes": votes,
    }
    fields.update(changes)
    return RoundTally(**fields)  # type: ignore[arg-type]


ROUND_1 = tally({"S1": 60, "S2": 28}, invalid_ballots=2)  # bar 2v > 90: 46 — S1
ROUND_2 = tally({"D1": 55, "S2": 50, "D2": 30})  # D1 and S2 (a round-1 loser)
ROUND_3 = tally({"M1": 70, "M2": 60, "D2": 50, "M3": 40})  # D2 (a round-2 loser) takes a seat
CASCADE_WINNERS = (
    Officer("S1", "secretary", 60),
    Officer("D1", "deputy_secretary", 55),
    Officer("S2", "deputy_secretary", 50),
    Officer("M1", "member", 70),
    Officer("M2", "member", 60),
    Officer("D2", "member", 50),
)


def test_seed_gtzx_2_three_rounds_losers_move_down() -> None:
    result = run_cascade(plan(), [ROUND_1, ROUND_2, ROUND_3])
    assert result.elected == CASCADE_WINNERS
    assert [vote.ballot for vote in result.votes] == [
        Ballot(SEC, "first", ("S1", "S2"), 1),
        Ballot(DEP, "first", ("D1", "D2", "S2"), 2),
        Ballot(MEM, "first", ("M1", "M2", "M3", "D2"), 3),
    ]
    assert (result.next, result.upcoming) == ("complete", None)


def test_pb_win_4_cascade_result_waits_for_approval() -> None:
    assert run_cascade(plan(), [ROUND_1, ROUND_2, ROUND_3]).status is (
        ResultStatus.ELECTED_PENDING_APPROVAL
    )


@pytest.mark.parametrize(
    ("held", "upcoming"),
    [
        (0, Ballot(SEC, "first", ("S1", "S2"), 1)),
        (1, Ballot(DEP, "first", ("D1", "D2", "S2"), 2)),
        (2, Ballot(MEM, "first", ("M1", "M2", "M3", "D2"), 3)),
    ],
    ids=["before-round-1", "after-round-1", "after-round-2"],
)
def test_seed_gtzx_2_says_which_vote_comes_next(held: int, upcoming: Ballot) -> None:
    result = run_cascade(plan(), [ROUND_1, ROUND_2, ROUND_3][:held])
    assert (result.next, result.upcoming, result.status) == (
        "vote",
        upcoming,
        ResultStatus.IN_PROGRESS,
    )
    assert result.elected == CASCADE_WINNERS[: (0, 1, 3)[held]]


def test_seed_gtzx_2_win_is_more_than_half_of_those_present() -> None:
    # 45 of 90 present is exactly half: not elected; a supplementary vote follows.
    result = run_cascade(plan(), [tally({"S1": 45, "S2": 44}, invalid_ballots=1)])
    assert result.votes[0].outcome.threshold == {"secretary": 46}
    assert result.elected == ()
    assert result.upcoming == Ballot(SEC, "supplementary", ("S1", "S2"), 1)


def test_seed_gtzx_2_quorum_is_four_fifths_of_all_voting_members() -> None:
    # 79 present: 5×79 = 395 < 4×100 — although 79 would be 4/5 of the 90 who should attend.
    result = run_cascade(plan(should_attend=90), [tally({"S1": 60, "S2": 19}, present=79)])
    assert (result.next, result.upcoming, result.elected) == ("new_meeting", None, ())
    assert result.votes[0].outcome.rule == "PB-QUORUM-1"
    assert result.status is ResultStatus.IN_PROGRESS


def test_seed_gtzx_2_no_tally_after_a_failed_quorum() -> None:
    with pytest.raises(RuleViolation) as raised:
        run_cascade(plan(), [tally({"S1": 60, "S2": 19}, present=79), ROUND_1])
    assert raised.value.rule_id == "SEED-GTZX-2"
    assert "多出 1 张计票单" in raised.value.message


def test_seed_gtzx_2_no_tally_after_the_last_round() -> None:
    with pytest.raises(RuleViolation, match="多出 1 张计票单"):
        run_cascade(plan(), [ROUND_1, ROUND_2, ROUND_3, ROUND_3])


def test_seed_gtzx_2_void_vote_is_held_again() -> None:
    void = tally({"S1": 60, "S2": 30}, ballots_collected=91)  # PB-BALLOT-1: 91 > 90
    result = run_cascade(plan(), [void, ROUND_1])
    assert [vote.outcome.rule for vote in result.votes] == ["PB-BALLOT-1", None]
    assert result.votes[0].ballot == result.votes[1].ballot
    assert result.elected == CASCADE_WINNERS[:1]


def test_seed_gtzx_2_tie_at_the_last_seat_goes_to_a_tie_revote() -> None:
    tied = tally({"M1": 70, "M2": 60, "D2": 50, "M3": 50})
    result = run_cascade(plan(), [ROUND_1, ROUND_2, tied])
    assert result.upcoming == Ballot(MEM, "tie_revote", ("D2", "M3"), 1, tie_of="first")
    settled = run_cascade(plan(), [ROUND_1, ROUND_2, tied, tally({"D2": 48, "M3": 40})])
    assert settled.elected[-1] == Officer("D2", "member", 48)
    assert settled.next == "complete"


def test_seed_gtzx_2_tie_again_keeps_the_round_it_settles() -> None:
    tied = tally({"M1": 70, "M2": 60, "D2": 50, "M3": 50})
    again = tally({"D2": 44, "M3": 44})
    result = run_cascade(plan(), [ROUND_1, ROUND_2, tied, again])
    assert result.upcoming == Ballot(MEM, "tie_revote", ("D2", "M3"), 1, tie_of="first")


def test_pb_win_3_open_seats_go_to_a_supplementary_vote_among_the_rest() -> None:
    short = tally({"D1": 55, "S2": 40, "D2": 30})
    result = run_cascade(plan(), [ROUND_1, short])
    assert result.upcoming == Ballot(DEP, "supplementary", ("D2", "S2"), 1)
    filled = run_cascade(plan(), [ROUND_1, short, tally({"S2": 50, "D2": 35})])
    assert filled.elected[1:] == (
        Officer("D1", "deputy_secretary", 55),
        Officer("S2", "deputy_secretary", 50),
    )
    # Only the round's candidates not elected in any of its votes move down.
    assert filled.upcoming == Ballot(MEM, "first", ("M1", "M2", "M3", "D2"), 3)


def test_seed_gtzx_2_no_deputy_round_sends_secretary_losers_to_members() -> None:
    result = run_cascade(plan(seats={SEC: 1, MEM: 3}), [ROUND_1])
    assert result.upcoming == Ballot(MEM, "first", ("M1", "M2", "M3", "S2"), 3)


def test_seed_gtzx_2_round_without_own_candidates_takes_the_losers() -> None:
    # The members' round lists nobody of its own: the deputy round's losers are its pool.
    candidates = {SEC: ("S1", "S2"), DEP: ("D1", "D2", "D3")}
    result = run_cascade(plan(candidates=candidates, seats={SEC: 1, DEP: 2, MEM: 1}), [ROUND_1])
    assert result.upcoming == Ballot(DEP, "first", ("D1", "D2", "D3", "S2"), 2)
    held = [ROUND_1, tally({"D1": 55, "S2": 50, "D2": 30, "D3": 5})]
    after = run_cascade(plan(candidates=candidates, seats={SEC: 1, DEP: 2, MEM: 1}), held)
    assert after.upcoming == Ballot(MEM, "first", ("D2", "D3"), 1)


def test_seed_gtzx_2_secretary_round_without_candidates_is_refused() -> None:
    with pytest.raises(RuleViolation) as raised:
        run_cascade(plan(candidates={DEP: ("D1", "D2"), MEM: ("M1", "M2")}), [])
    assert raised.value.rule_id == "SEED-GTZX-2"
    assert "书记一轮候选人 0 人" in raised.value.message


def test_seed_gtzx_2_a_winner_never_stands_again() -> None:
    candidates = {SEC: ("S1", "S2"), DEP: ("S1", "D1", "D2"), MEM: ("M1", "M2", "M3")}
    result = run_cascade(plan(candidates=candidates), [ROUND_1])
    assert result.upcoming == Ballot(DEP, "first", ("D1", "D2", "S2"), 2)


@pytest.mark.parametrize(
    ("candidates", "seats", "held", "where"),
    [
        ({SEC: ("S1",), DEP: ("D1", "D2"), MEM: ("M1",)}, {SEC: 1, DEP: 1, MEM: 1}, [], "书记"),
        (
            {SEC: ("S1", "S2"), DEP: ("D1",), MEM: ("M1",)},
            {SEC: 1, DEP: 2, MEM: 1},
            [ROUND_1],
            "副书记一轮候选人 2 人，不多于应选 2 人",
        ),
    ],
    ids=["secretary-round-uncontested", "deputy-round-uncontested-with-losers"],
)
def test_seed_gtzx_2_every_round_competitive(
    candidates: dict[Stage, tuple[str, ...]],
    seats: dict[Stage, int],
    held: list[RoundTally],
    where: str,
) -> None:
    with pytest.raises(RuleViolation) as raised:
        run_cascade(plan(candidates=candidates, seats=seats), held)
    assert raised.value.rule_id == "SEED-GTZX-2"
    assert where in raised.value.message and "差额" in raised.value.message


def test_seed_gtzx_2_uncontested_round_allowed_when_the_profile_says_so() -> None:
    lenient = plan(
        candidates={SEC: ("S1",), DEP: ("D1",), MEM: ("M1",)},
        seats={SEC: 1, DEP: 1, MEM: 1},
        profile_overrides={"gtzx.every_round_competitive": False},
    )
    result = run_cascade(lenient, [tally({"S1": 60})])
    assert result.elected == (Officer("S1", "secretary", 60),)
    assert result.upcoming == Ballot(DEP, "first", ("D1",), 1)


def test_seed_gtzx_2_tally_sheet_fields_reach_the_count() -> None:
    sheet = tally(
        {"S1": 60, "S2": 27},
        ballots_issued=90,
        invalid_ballots=3,
        invalid_by_rule={"PB-BALLOT-2": 2, "INVALID-BLANK": 1},
    )
    result = run_cascade(plan(), [sheet])
    assert result.votes[0].outcome.invalid_by_rule == {"PB-BALLOT-2": 2, "INVALID-BLANK": 1}


@pytest.mark.parametrize(
    ("seats", "message"),
    [
        ({SEC: 2, DEP: 1, MEM: 3}, "书记职位数设为 1"),
        ({DEP: 1, MEM: 3}, "书记职位数设为 1"),
        ({SEC: 1, DEP: -1, MEM: 3}, "副书记职位数不能为负数"),
    ],
    ids=["two-secretaries", "no-secretary", "negative-deputies"],
)
def test_seed_gtzx_2_plan_is_checked(seats: dict[Stage, int], message: str) -> None:
    with pytest.raises(RuleViolation, match=message):
        run_cascade(plan(seats=seats), [])


def test_seed_gtzx_2_counting_errors_reach_the_caller() -> None:
    with pytest.raises(RuleViolation) as raised:
        run_cascade(plan(), [tally({"S1": 95})])
    assert raised.value.rule_id == "IO-1"


# --- SEED-GTZX-1 ------------------------------------------------------------------------------


def test_seed_gtzx_1_at_most_two_posts_per_applicant() -> None:
    check_registrations({"A": [SEC, DEP], "B": [MEM, MEM, DEP]}, GTZX)
    with pytest.raises(RuleViolation) as raised:
        check_registrations({"A": [SEC, DEP], "B": [SEC, DEP, MEM], "C": list(Stage)}, GTZX)
    assert raised.value.rule_id == "SEED-GTZX-1"
    assert raised.value.message.startswith("B、C报名的职位超过 2 个")


@pytest.mark.parametrize(
    ("members", "representatives", "allowed"),
    [(100, 30, True), (100, 31, False), (45, 13, True), (45, 14, False), (0, 0, True)],
    ids=["30-of-100", "31-of-100", "13-of-45", "14-of-45", "no-members"],
)
def test_seed_gtzx_1_nonmember_representatives_at_most_30_percent(
    members: int, representatives: int, allowed: bool
) -> None:
    if allowed:
        check_recommendation_meeting(members, representatives, GTZX)
    else:
        with pytest.raises(RuleViolation, match="请减少 1 名非党员代表"):
            check_recommendation_meeting(members, representatives, GTZX)


def test_seed_gtzx_1_speech_order_replays_from_its_seed() -> None:
    names = ["王芳", "李强", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄勇"]
    draw = draw_speech_order(names, seed=20260328)
    assert draw.seed == 20260328
    assert sorted(draw.order) == sorted(names)
    assert draw_speech_order(names, seed=20260328) == draw
    assert draw_speech_order(reversed(names), seed=20260328) == draw
    assert draw_speech_order(names, seed=20260329).order != draw.order


def test_seed_gtzx_1_speech_draw_refuses_a_name_twice() -> None:
    with pytest.raises(RuleViolation, match="李强在抽签名单中出现了不止一次"):
        draw_speech_order(["李强", "王芳", "李强"], seed=1)


# --- SEED-GTZX-3 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "minimum"),
    [(100, 20), (101, 21), (99, 20), (5, 1)],
    ids=["100", "101", "99", "5"],
)
def test_seed_gtzx_3_recall_petition_minimum(members: int, minimum: int) -> None:
    assert recall_petition_minimum(members, GTZX) == minimum
    check_recall_petition(minimum, members, GTZX)
    with pytest.raises(RuleViolation, match="还需 1 名党员联名"):
        check_recall_petition(minimum - 1, members, GTZX)


def test_seed_gtzx_3_more_signers_than_members_is_refused() -> None:
    with pytest.raises(RuleViolation) as raised:
        check_recall_petition(101, 100, GTZX)
    assert raised.value.rule_id == "SEED-GTZX-3"
    assert raised.value.message.startswith("联名 101 人多于党员总数 100 人")
