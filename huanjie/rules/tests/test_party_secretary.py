"""Electing the secretary and deputy: PB-SEC-1..4, PB-QUORUM-3, PB-BALLOT-5, PB-WIN-4 (H-7)."""

from __future__ import annotations

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.secretary import (
    ElectingBody,
    Officer,
    OfficerVote,
    ResultStatus,
    SecretaryResult,
    check_scrutineers,
    count_members_meeting,
    count_plenary,
    electing_body,
    newly_elected_committee,
    plenary_quorum_minimum,
    record_approval,
)
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tally import Next, Outcome, count, parse_contest

PB_2020 = load_profile("PB_2020")
DIRECT = load_profile("PB_2020", overrides={"pb.secretary_mode": "by_members_meeting"})
GTZX = load_profile("GTZX")
COMMITTEE = ("A", "B", "C", "D", "E")  # H-7 under PB_1990: five members elected


def h7_committee_vote(profile: str, votes: dict[str, int], **changes: object) -> Outcome:
    contest: dict[str, object] = {
        "profile": profile,
        "body": "party_organization",
        "should_attend": 40,
        "present": 32,
        "ballots_collected": 32,
        "invalid_ballots": 1,
        "seats": {"member": 5},
        "votes": {"member": votes},
    }
    contest.update(changes)
    return count(parse_contest(contest))


H7_VOTES = {"A": 30, "B": 28, "C": 22, "D": 21, "E": 20, "F": 16}


def plenary_vote(**changes: object) -> OfficerVote:
    fields: dict[str, object] = {
        "present": 5,
        "seats": {"secretary": 1, "deputy_secretary": 1},
        "candidates": {"secretary": ("A", "B"), "deputy_secretary": ("C", "D")},
        "ballots_collected": 5,
        "invalid_ballots": 0,
        "votes": {"secretary": {"A": 4, "B": 1}, "deputy_secretary": {"C": 3, "D": 2}},
        "scrutineers": ("E",),
    }
    fields.update(changes)
    return OfficerVote(**fields)  # type: ignore[arg-type]


# --- which meeting elects the secretary -----------------------------------------------------------


def test_pb_sec_1_committee_plenary_elects_by_default() -> None:
    assert electing_body(PB_2020, has_committee=True) is ElectingBody.COMMITTEE_PLENARY


@pytest.mark.parametrize("profile", [PB_2020, DIRECT, GTZX], ids=["PB_2020", "direct", "GTZX"])
def test_pb_sec_2_branch_without_committee_elects_at_the_members_meeting(profile: object) -> None:
    assert electing_body(profile, has_committee=False) is ElectingBody.MEMBERS_MEETING  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("profile", "body"),
    [(DIRECT, ElectingBody.MEMBERS_MEETING), (GTZX, ElectingBody.CASCADE)],
    ids=["by_members_meeting", "cascade"],
)
def test_pb_sec_3_direct_election_only_as_an_approved_pilot(
    profile: object, body: ElectingBody
) -> None:
    for missing in (None, "", "   "):
        with pytest.raises(RuleViolation) as raised:
            electing_body(profile, has_committee=True, pilot_approval_doc_id=missing)  # type: ignore[arg-type]
        assert raised.value.rule_id == "PB-SEC-3"
        assert "批准文件编号" in raised.value.message
    approved = electing_body(profile, has_committee=True, pilot_approval_doc_id="县委组〔2026〕3号")  # type: ignore[arg-type]
    assert approved is body


# --- PB-SEC-1: committee first, then the plenary from the newly elected ---------------------------


def test_pb_sec_1_plenary_elects_from_the_newly_elected_committee() -> None:
    complete = h7_committee_vote("PB_1990", H7_VOTES)
    assert newly_elected_committee([complete]) == COMMITTEE


def test_pb_sec_1_committee_elected_over_several_votes() -> None:
    first = h7_committee_vote("PB_2020", H7_VOTES)  # A–D; one seat to a supplementary vote
    supplementary = h7_committee_vote(
        "PB_2020",
        {"E": 25, "F": 6},
        round="supplementary",
        seats={"member": 1},
        elected_before=[{"person": p, "post": "member"} for p in "ABCD"],
    )
    assert newly_elected_committee([first, supplementary]) == COMMITTEE


@pytest.mark.parametrize(
    "outcomes",
    [[], [h7_committee_vote("PB_2020", H7_VOTES)]],
    ids=["no-vote-yet", "a-seat-still-open"],
)
def test_pb_sec_1_no_plenary_before_the_committee_is_complete(outcomes: list[Outcome]) -> None:
    with pytest.raises(RuleViolation) as raised:
        newly_elected_committee(outcomes)
    assert raised.value.rule_id == "PB-SEC-1"


def test_pb_sec_1_candidates_must_be_newly_elected_members() -> None:
    vote = plenary_vote(candidates={"secretary": ("A", "F"), "deputy_secretary": ("C", "D")})
    with pytest.raises(RuleViolation) as raised:
        count_plenary(COMMITTEE, vote)
    assert raised.value.rule_id == "PB-SEC-1"
    assert raised.value.message.startswith("F不是新当选的委员")


def test_pb_sec_1_the_plenary_elects_secretary_and_deputy_only() -> None:
    with pytest.raises(RuleViolation, match="职位 member 不由本次会议选举"):
        count_plenary(COMMITTEE, plenary_vote(seats={"secretary": 1, "member": 1}))


def test_pb_sec_1_plenary_counts_with_the_engine() -> None:
    result = count_plenary(COMMITTEE, plenary_vote())
    assert result.body is ElectingBody.COMMITTEE_PLENARY
    assert result.elected == (Officer("A", "secretary", 4), Officer("C", "deputy_secretary", 3))
    assert result.outcome is not None and result.outcome.threshold == {
        "secretary": 3,
        "deputy_secretary": 3,
    }
    assert (result.next, result.rule, result.not_counted) == ("complete", None, ())


def test_pb_ballot_5_write_in_outside_the_committee_is_not_counted() -> None:
    votes = {"secretary": {"A": 2, "Z": 3}, "deputy_secretary": {"C": 3, "D": 2}}
    result = count_plenary(COMMITTEE, plenary_vote(votes=votes))
    assert result.not_counted == ("Z",)
    assert [officer.person for officer in result.elected] == ["C"]
    assert result.next == "supplementary_round"


# --- PB-QUORUM-3 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "minimum"), [(5, 4), (3, 3), (7, 6), (9, 8)], ids=["5", "3", "7", "9"]
)
def test_pb_quorum_3_plenary_minimum(size: int, minimum: int) -> None:
    assert plenary_quorum_minimum(size, PB_2020) == minimum


def test_pb_quorum_3_h7_plenary_with_three_of_five_is_not_held() -> None:
    vote = plenary_vote(
        present=3, ballots_collected=3, votes={"secretary": {"A": 3}, "deputy_secretary": {}}
    )
    result = count_plenary(COMMITTEE, vote)
    assert (result.next, result.rule, result.elected) == ("new_meeting", "PB-QUORUM-3", ())
    assert not result.outcome.valid and result.outcome.reasons == ("PB-QUORUM-3",)
    assert result.status is ResultStatus.IN_PROGRESS


def test_pb_quorum_3_more_present_than_members_is_refused() -> None:
    with pytest.raises(RuleViolation, match="到会 6 人多于委员 5 人"):
        count_plenary(COMMITTEE, plenary_vote(present=6, ballots_collected=6))


SIX = (*COMMITTEE, "F")


@pytest.mark.parametrize(
    ("profile", "overrides", "committee", "present", "held"),
    [
        # PB_2020's 4/5: 5p >= 4·members.
        ("PB_2020", {}, COMMITTEE, 4, True),  # 20 >= 20
        ("PB_2020", {}, SIX, 4, False),  # 20 < 24
        ("PB_2020", {}, SIX, 5, True),  # 25 >= 24
        # A county's 2/3, below the members' meeting's 4/5: 3p >= 2·members.
        ("PB_2020", {"pb.plenary_quorum": "2/3"}, COMMITTEE, 4, True),  # 12 >= 10
        ("PB_2020", {"pb.plenary_quorum": "2/3"}, COMMITTEE, 3, False),  # 9 < 10
        ("PB_2020", {"pb.plenary_quorum": "2/3"}, SIX, 4, True),  # 12 >= 12: exactly 2/3
        ("PB_2020", {"pb.plenary_quorum": "2/3"}, SIX, 3, False),  # 9 < 12
        ("PB_2020", {"pb.plenary_quorum": "1/1"}, COMMITTEE, 4, False),  # all five asked
        # The members' meeting's comparator and base do not reach the plenary.
        ("PB_2020", {"pb.quorum_cmp": ">"}, COMMITTEE, 4, True),
        ("GTZX", {}, COMMITTEE, 4, True),
    ],
    ids=[
        "pb2020-5-members-4-present",
        "pb2020-6-members-4-present",
        "pb2020-6-members-5-present",
        "county-2-3-5-members-4-present",
        "county-2-3-5-members-3-present",
        "county-2-3-6-members-4-present-exactly",
        "county-2-3-6-members-3-present",
        "county-all-members-4-of-5",
        "meeting-comparator-not-applied",
        "gtzx-all-voting-members-base-not-applied",
    ],
)
def test_pb_quorum_3_plenary_quorum_on_the_committee(
    profile: str,
    overrides: dict[str, object],
    committee: tuple[str, ...],
    present: int,
    held: bool,
) -> None:
    vote = plenary_vote(
        present=present,
        ballots_collected=present,
        votes={"secretary": {"A": present}, "deputy_secretary": {"C": present}},
    )
    result = count_plenary(committee, vote, profile_id=profile, profile_overrides=overrides)
    assert result.outcome.reasons[0] == "PB-QUORUM-3"
    if held:
        assert result.outcome.valid and result.next == "complete"
        assert [officer.person for officer in result.elected] == ["A", "C"]
    else:
        assert (result.outcome.valid, result.rule, result.next) == (
            False,
            "PB-QUORUM-3",
            "new_meeting",
        )


# --- PB-SEC-4 -------------------------------------------------------------------------------------


CANDIDATES = {"secretary": ("A", "B"), "deputy_secretary": ("C",)}


@pytest.mark.parametrize(
    ("scrutineers", "committee", "message"),
    [
        (("B", "X"), None, "监票人B是本次选举的候选人"),
        (("E", "X"), COMMITTEE, "监票人X不是新当选的委员"),
        (("C",), COMMITTEE, "监票人C是本次选举的候选人"),
    ],
    ids=["members-meeting-candidate", "plenary-outsider", "plenary-candidate"],
)
def test_pb_sec_4_scrutineers_refused(
    scrutineers: tuple[str, ...], committee: tuple[str, ...] | None, message: str
) -> None:
    with pytest.raises(RuleViolation) as raised:
        check_scrutineers(scrutineers, CANDIDATES, committee)
    assert (raised.value.rule_id, raised.value.message.split("：")[0]) == ("PB-SEC-4", message)


@pytest.mark.parametrize(
    ("scrutineers", "committee"),
    [(("X", "Y"), None), (("D", "E"), COMMITTEE)],
    ids=["members-meeting", "plenary"],
)
def test_pb_sec_4_scrutineers_accepted(
    scrutineers: tuple[str, ...], committee: tuple[str, ...] | None
) -> None:
    check_scrutineers(scrutineers, CANDIDATES, committee)


def test_pb_sec_4_checked_when_the_plenary_counts() -> None:
    with pytest.raises(RuleViolation) as raised:
        count_plenary(COMMITTEE, plenary_vote(scrutineers=("A",)))
    assert raised.value.rule_id == "PB-SEC-4"


# --- PB-SEC-2 / PB-SEC-3: the members' meeting ---------------------------------------------------


def members_meeting_vote(**changes: object) -> OfficerVote:
    fields: dict[str, object] = {
        "present": 6,
        "seats": {"secretary": 1},
        "candidates": {"secretary": ("P", "Q")},
        "ballots_collected": 6,
        "invalid_ballots": 1,
        "votes": {"secretary": {"P": 4, "Q": 1}},
        "scrutineers": ("R",),
        "ballots_issued": 6,
        "invalid_by_rule": {"INVALID-BLANK": 1},
    }
    fields.update(changes)
    return OfficerVote(**fields)  # type: ignore[arg-type]


def test_pb_sec_2_members_meeting_elects_the_secretary_directly() -> None:
    result = count_members_meeting(6, members_meeting_vote())
    assert result.body is ElectingBody.MEMBERS_MEETING
    assert result.elected == (Officer("P", "secretary", 4),)
    assert result.outcome is not None and result.outcome.invalid_by_rule == {"INVALID-BLANK": 1}
    assert result.status is ResultStatus.ELECTED_PENDING_APPROVAL


def test_pb_sec_3_pilot_under_the_gtzx_profile_counts_on_all_voting_members() -> None:
    result = count_members_meeting(
        6, members_meeting_vote(), profile_id="GTZX", voting_members=8
    )  # 5×6 = 30 < 4×8 = 32
    assert (result.next, result.rule) == ("new_meeting", "PB-QUORUM-1")


def test_pb_sec_2_members_meeting_with_profile_overrides() -> None:
    result = count_members_meeting(
        6, members_meeting_vote(), profile_overrides={"pb.quorum_cmp": ">"}
    )
    assert result.next == "complete"


def test_pb_sec_4_members_meeting_scrutineer_who_stands_is_refused() -> None:
    with pytest.raises(RuleViolation) as raised:
        count_members_meeting(6, members_meeting_vote(scrutineers=("Q",)))
    assert raised.value.rule_id == "PB-SEC-4"


# --- PB-WIN-4 -------------------------------------------------------------------------------------


def test_pb_win_4_elected_pending_approval_until_recorded() -> None:
    result = count_plenary(COMMITTEE, plenary_vote())
    assert result.status is ResultStatus.ELECTED_PENDING_APPROVAL
    approved = record_approval(result, " 县委组〔2026〕12号 ")
    assert (approved.status, approved.approval_doc_id) == (
        ResultStatus.APPROVED,
        "县委组〔2026〕12号",
    )
    assert approved.elected == result.elected


def test_pb_win_4_unfinished_vote_is_not_pending_approval() -> None:
    votes = {"secretary": {"A": 2, "B": 2}, "deputy_secretary": {"C": 3, "D": 2}}
    result = count_plenary(COMMITTEE, plenary_vote(votes=votes))
    assert (result.status, result.next) == (ResultStatus.IN_PROGRESS, "supplementary_round")


REVOTE = Outcome(valid=False, rule="PB-BALLOT-1", next=Next.REVOTE)
ELECTED = count_plenary(COMMITTEE, plenary_vote())


@pytest.mark.parametrize(
    ("result", "doc", "message"),
    [
        (
            SecretaryResult(
                ElectingBody.COMMITTEE_PLENARY, ResultStatus.IN_PROGRESS, "revote", (), REVOTE
            ),
            "县委组〔2026〕12号",
            "选举尚未产生最终结果",
        ),
        (
            SecretaryResult(
                ElectingBody.COMMITTEE_PLENARY,
                ResultStatus.APPROVED,
                "complete",
                (Officer("A", "secretary", 4),),
                ELECTED.outcome,
            ),
            "县委组〔2026〕12号",
            "选举尚未产生最终结果（或已批准）",
        ),
        (
            SecretaryResult(
                ElectingBody.COMMITTEE_PLENARY,
                ResultStatus.ELECTED_PENDING_APPROVAL,
                "complete",
                (Officer("A", "secretary", 4),),
                ELECTED.outcome,
            ),
            "  ",
            "请填写上级党组织批复的文件编号",
        ),
    ],
    ids=["still-voting", "already-approved", "no-document"],
)
def test_pb_win_4_approval_refused(result: SecretaryResult, doc: str, message: str) -> None:
    with pytest.raises(RuleViolation) as raised:
        record_approval(result, doc)
    assert raised.value.rule_id == "PB-WIN-4"
    assert raised.value.message.startswith(message)
