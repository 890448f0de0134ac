from dataclasses import replace
from datetime import date

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.member_rights import (
    AttendanceExclusion,
    ExclusionGround,
    MemberStatus,
    PartyMember,
    PartyProbation,
    member_rights,
    party_proxy_issue,
    party_scribe_issue,
    post_restriction_issue,
    should_attend,
)
from huanjie.rules.profiles.profile import load_profile

E = date(2026, 3, 28)
PROBATION = PartyProbation(date(2025, 1, 10), date(2026, 1, 9), previous_post_rank=2)


def full(key: str, **kw: object) -> PartyMember:
    return PartyMember(key, MemberStatus.FULL, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("member", "on", "has_rights", "rule_id"),
    [
        (full("a"), E, True, "PB-RIGHTS-1"),
        (PartyMember("b", MemberStatus.PROBATIONARY), E, False, "PB-RIGHTS-1"),
        (full("c", suspended=True), E, False, "PB-RIGHTS-1"),
        (full("d", probation=PROBATION), date(2026, 1, 9), False, "PB-RIGHTS-2"),
        (full("d", probation=PROBATION), date(2026, 1, 10), True, "PB-RIGHTS-1"),
        (full("d", probation=PROBATION), date(2025, 1, 9), True, "PB-RIGHTS-1"),
    ],
    ids=[
        "full",
        "probationary",
        "suspended",
        "last-day-of-probation",
        "day-after-probation",
        "before-probation",
    ],
)
def test_pb_rights_1_who_votes_and_stands(
    member: PartyMember, on: date, has_rights: bool, rule_id: str
) -> None:
    rights = member_rights(member, on)
    assert (rights.has_rights, rights.rule_id) == (has_rights, rule_id)
    assert rights.reason


def test_pb_rights_2_rights_back_the_day_after_the_end() -> None:
    rights = member_rights(full("d", probation=PROBATION), date(2025, 6, 1))
    assert (
        rights.reason
        == "留党察看期间（至2026-01-09）没有表决权、选举权和被选举权，2026-01-10起恢复。"
    )
    assert PROBATION.restored_on == date(2026, 1, 10)
    assert PROBATION.post_restricted_until == date(2028, 1, 9)


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2024, 3, 1), date(2026, 3, 1)), (date(2024, 3, 1), date(2024, 2, 29))],
    ids=["longer-than-two-years", "ends-before-it-starts"],
)
def test_pb_rights_2_probation_period_is_checked(start: date, end: date) -> None:
    with pytest.raises(RuleViolation) as refused:
        PartyProbation(start, end)
    assert refused.value.rule_id == "PB-RIGHTS-2"


def test_pb_rights_2_two_years_is_allowed() -> None:
    assert PartyProbation(date(2024, 3, 1), date(2026, 2, 28)).restored_on == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("member", "rank", "on", "restricted"),
    [
        (full("d", probation=PROBATION), 2, date(2027, 6, 1), True),  # equal post
        (full("d", probation=PROBATION), 3, date(2028, 1, 9), True),  # higher, last day
        (full("d", probation=PROBATION), 1, date(2027, 6, 1), False),  # lower post
        (full("d", probation=PROBATION), 2, date(2028, 1, 10), False),  # two years over
        (full("d", probation=PROBATION), 2, date(2025, 6, 1), False),  # still on probation: no rights at all
        (full("e", probation=PartyProbation(date(2025, 1, 10), date(2026, 1, 9))), 2, date(2027, 6, 1), False),
        (full("f"), 2, date(2027, 6, 1), False),
    ],
    ids=["equal-post", "higher-post-last-day", "lower-post", "after-two-years", "during-probation",
         "held-no-post", "never-sanctioned"],
)  # fmt: skip
def test_pb_rights_2_post_restriction(
    member: PartyMember, rank: int, on: date, restricted: bool
) -> None:
    issue = post_restriction_issue(member, rank, on)
    assert (issue is not None) is restricted
    if issue is not None:
        assert (issue.rule_id, issue.blocking) == ("PB-RIGHTS-2", True)
        assert "至2028-01-09" in issue.message


def test_pb_rights_3_no_proxy_in_party_elections() -> None:
    issue = party_proxy_issue(load_profile("PB_2020"))
    assert issue is not None
    assert (issue.rule_id, issue.blocking) == ("PB-RIGHTS-3", True)
    # No shipped profile allows it and a derived one may not loosen it: build one by hand.
    pb = load_profile("PB_2020")
    allowing = replace(pb.param("pb.proxy_allowed"), value=True)
    assert (
        party_proxy_issue(replace(pb, values={**pb.values, "pb.proxy_allowed": allowing})) is None
    )


def test_pb_rights_3_scribe_must_not_be_a_candidate() -> None:
    assert party_scribe_issue(scribe_is_candidate=False) is None
    issue = party_scribe_issue(scribe_is_candidate=True)
    assert issue is not None
    assert issue.rule_id == "PB-RIGHTS-3"


def h7_members() -> list[PartyMember]:
    """H-7: 48 members, 3 probationary, 45 full of whom 1 under 留党察看."""
    members = [full(f"m{i:02}") for i in range(44)]
    members.append(
        full("sanctioned", probation=PartyProbation(date(2025, 9, 1), date(2026, 8, 31)))
    )
    members += [PartyMember(f"p{i}", MemberStatus.PROBATIONARY) for i in range(3)]
    return members


def approved(key: str, ground: ExclusionGround) -> AttendanceExclusion:
    return AttendanceExclusion(key, ground, higher_org_approved=True, meeting_approved=True)


H7_EXCLUSIONS = [
    approved("m00", ExclusionGround.ILLNESS),
    approved("m01", ExclusionGround.ABROAD),
    approved("m02", ExclusionGround.BEDRIDDEN),
    approved("m03", ExclusionGround.BEDRIDDEN),
]


def test_pb_quorum_2_h7_should_attend() -> None:
    result = should_attend(h7_members(), H7_EXCLUSIONS, on=E)
    assert (result.members, result.voting_members, result.should_attend) == (48, 44, 40)
    assert result.excluded == ("m00", "m01", "m02", "m03")
    assert result.issues == ()


@pytest.mark.parametrize(
    ("higher", "meeting", "missing"),
    [
        (True, False, "党员大会"),
        (False, True, "上级党组织"),
        (False, False, "上级党组织、党员大会"),
    ],
    ids=["meeting-missing", "higher-org-missing", "both-missing"],
)
def test_pb_quorum_2_exclusion_needs_both_approvals(
    higher: bool, meeting: bool, missing: str
) -> None:
    half = AttendanceExclusion("m04", ExclusionGround.AWAY, higher, meeting)
    result = should_attend(h7_members(), [*H7_EXCLUSIONS, half], on=E)
    assert result.should_attend == 40
    assert [(i.rule_id, i.blocking) for i in result.issues] == [("PB-QUORUM-2", False)]
    assert f"尚未经{missing}同意" in result.issues[0].message


def test_pb_quorum_2_excluding_a_member_without_rights_changes_nothing() -> None:
    extra = [approved("p0", ExclusionGround.AWAY), approved("m00", ExclusionGround.ILLNESS)]
    result = should_attend(h7_members(), [*H7_EXCLUSIONS, *extra], on=E)
    assert result.should_attend == 40


def test_pb_quorum_2_exclusion_of_a_stranger_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        should_attend(h7_members(), [approved("nobody", ExclusionGround.FLOATING)], on=E)
    assert refused.value.rule_id == "PB-QUORUM-2"


def test_seed_pb_reg_unregistered_members_left_out_only_when_switched_on() -> None:
    members = h7_members()
    members[10] = full("m10", registered=False)
    members[0] = full("m00", registered=False)  # also excluded: counted once
    members[45] = PartyMember("p0", MemberStatus.PROBATIONARY, registered=False)  # no rights anyway
    off = should_attend(members, H7_EXCLUSIONS, on=E)
    assert off.should_attend == 40
    on = should_attend(members, H7_EXCLUSIONS, on=E, registration_defines_should_attend=True)
    assert (on.should_attend, on.unregistered) == (39, ("m10",))
