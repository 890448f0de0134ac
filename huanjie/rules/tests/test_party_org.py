"""PB-ORG-1..3, PB-TERM-1..2, PB-DIFF-1..3 on rules.md §H-8."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huanjie.rules.checks import Severity
from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.org import (
    Approval,
    OrgKind,
    OrgPlan,
    PartyContest,
    check_candidate_margin,
    check_election_timing,
    check_organization,
    minimum_candidates,
    organization_setup,
    term_expires,
)
from huanjie.rules.profiles.profile import load_profile

PB = load_profile("PB_2020")


def test_pb_org_1_two_full_members_form_a_joint_branch_h8() -> None:
    setup = organization_setup(2)
    assert setup.required is OrgKind.JOINT_BRANCH
    assert "联合成立党支部" in setup.summary


def test_pb_org_2_six_full_three_probationary_no_committee_h8() -> None:
    """Probationary members never count: 6 full (+3 probationary) < 7 → secretary only."""
    setup = organization_setup(6)
    assert setup.required is OrgKind.BRANCH and not setup.branch_committee
    assert "不设支部委员会，设书记1名，必要时可设副书记1名" in setup.summary


def test_pb_org_2_seven_full_members_set_up_a_committee_h8() -> None:
    setup = organization_setup(7)
    assert setup.branch_committee and "委员3至5名，一般不超过7名" in setup.summary


@pytest.mark.parametrize(
    ("members", "general", "committee", "delegates"),
    [
        (50, False, False, False),
        (51, True, False, False),
        (99, True, False, False),
        (100, True, True, False),
        (499, True, True, False),
        (500, True, True, True),
        (520, True, True, True),
    ],
    ids=["50", "51-h8", "99", "100-h8", "499", "500", "520-h8"],
)
def test_pb_org_1_thresholds_h8(
    members: int, general: bool, committee: bool, delegates: bool
) -> None:
    setup = organization_setup(members)
    assert (setup.general_branch, setup.party_committee, setup.delegates_meeting) == (
        general,
        committee,
        delegates,
    )
    assert ("可以成立党总支" in setup.summary) is general
    assert ("经县级党委批准可以成立党委" in setup.summary) is committee
    assert ("经乡镇党委批准可以召开党员代表大会" in setup.summary) is delegates


def test_pb_org_1_negative_count_is_refused() -> None:
    with pytest.raises(RuleViolation) as raised:
        organization_setup(-1)
    assert raised.value.rule_id == "PB-ORG-1"


COUNTY = frozenset({Approval.COUNTY})
BOTH = frozenset({Approval.COUNTY, Approval.TOWNSHIP})


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (OrgPlan(2, OrgKind.JOINT_BRANCH), []),
        (OrgPlan(3, OrgKind.JOINT_BRANCH), [("PB-ORG-1", Severity.BLOCK)]),
        (OrgPlan(2, OrgKind.BRANCH), [("PB-ORG-1", Severity.BLOCK)]),
        (OrgPlan(6, OrgKind.BRANCH, deputy_secretaries=1), []),
        (OrgPlan(6, OrgKind.BRANCH, committee_size=3), [("PB-ORG-2", Severity.BLOCK)]),
        (OrgPlan(6, OrgKind.BRANCH, deputy_secretaries=2), [("PB-ORG-2", Severity.BLOCK)]),
        (OrgPlan(7, OrgKind.BRANCH), [("PB-ORG-2", Severity.BLOCK)]),
        (OrgPlan(7, OrgKind.BRANCH, committee_size=2), [("PB-ORG-2", Severity.BLOCK)]),
        (OrgPlan(7, OrgKind.BRANCH, committee_size=3), []),
        (OrgPlan(40, OrgKind.BRANCH, committee_size=7), []),
        (OrgPlan(40, OrgKind.BRANCH, committee_size=8), [("PB-ORG-2", Severity.WARNING)]),
        (OrgPlan(50, OrgKind.GENERAL_BRANCH), [("PB-ORG-1", Severity.BLOCK)]),
        (OrgPlan(50, OrgKind.GENERAL_BRANCH, work_requires_general_branch=True), []),
        (OrgPlan(51, OrgKind.GENERAL_BRANCH), []),
        (OrgPlan(99, OrgKind.COMMITTEE, approvals=COUNTY), [("PB-ORG-1", Severity.BLOCK)]),
        (OrgPlan(100, OrgKind.COMMITTEE), [("PB-ORG-1", Severity.BLOCK)]),
        (OrgPlan(100, OrgKind.COMMITTEE, approvals=COUNTY), []),
        (
            OrgPlan(520, OrgKind.COMMITTEE, delegates_meeting=True, approvals=COUNTY),
            [("PB-ORG-3", Severity.BLOCK)],
        ),
        (OrgPlan(520, OrgKind.COMMITTEE, delegates_meeting=True, approvals=BOTH), []),
        (
            OrgPlan(499, OrgKind.COMMITTEE, delegates_meeting=True, approvals=BOTH),
            [("PB-ORG-3", Severity.BLOCK)],
        ),
        (
            OrgPlan(300, OrgKind.COMMITTEE, delegates_meeting=True, scattered=True, approvals=BOTH),
            [],
        ),
        (
            OrgPlan(520, OrgKind.GENERAL_BRANCH, delegates_meeting=True, approvals=BOTH),
            [("PB-ORG-3", Severity.BLOCK)],
        ),
    ],
    ids=[
        "2-joint",
        "3-must-be-own",
        "2-own-branch",
        "6-secretary-deputy",
        "6-no-committee",
        "6-two-deputies",
        "7-needs-committee",
        "committee-of-2",
        "committee-of-3",
        "committee-of-7",
        "committee-of-8",
        "50-general",
        "50-general-work",
        "51-general",
        "99-committee",
        "100-no-approval",
        "100-approved",
        "520-no-township",
        "520-delegates",
        "499-delegates",
        "scattered-delegates",
        "general-branch-delegates",
    ],
)
def test_pb_org_1_to_3_plan_checks(plan: OrgPlan, expected: list[tuple[str, Severity]]) -> None:
    findings = check_organization(plan)
    assert [(f.rule_id, f.severity) for f in findings] == expected
    assert all(f.message.endswith("。") for f in findings)


@pytest.mark.parametrize(
    ("seats", "minimum"),
    [(3, 4), (4, 5), (5, 6), (6, 8), (7, 9), (9, 11), (11, 14)],
    ids=["3", "4", "5", "6", "7", "9", "11"],
)
def test_pb_diff_1_minimum_candidates_h8(seats: int, minimum: int) -> None:
    assert minimum_candidates(seats, PB) == minimum
    assert check_candidate_margin(PartyContest.MEMBER, seats, minimum, PB) == []
    short = check_candidate_margin(PartyContest.MEMBER, seats, minimum - 1, PB)
    assert [f.rule_id for f in short] == ["PB-DIFF-1"]
    assert f"至少{minimum}名" in short[0].message


@given(st.integers(1, 200), st.integers(0, 300))
def test_pb_diff_1_agrees_with_the_integer_test(seats: int, candidates: int) -> None:
    """`5*(c - s) >= s` ⇔ no finding (PB_2020's ratio 1/5, rounded up)."""
    findings = check_candidate_margin(PartyContest.MEMBER, seats, candidates, PB)
    assert (findings == []) == (5 * (candidates - seats) >= seats)


def test_pb_diff_1_ratio_comes_from_the_profile() -> None:
    """A county demanding 1/3 more candidates: 6 seats → 8 (ceil 2), 7 → 10 (ceil 7/3 = 3)."""
    county = PB.derive("COUNTY_TEST", {"pb.diff_min_ratio": "1/3"})
    assert (minimum_candidates(6, county), minimum_candidates(7, county)) == (8, 10)


def test_pb_diff_2_delegates() -> None:
    findings = check_candidate_margin(PartyContest.DELEGATES, 40, 47, PB)
    assert [f.rule_id for f in findings] == ["PB-DIFF-2"]
    assert check_candidate_margin(PartyContest.DELEGATES, 40, 48, PB) == []


@pytest.mark.parametrize(
    ("contest", "candidates", "approved", "rules"),
    [
        (PartyContest.SECRETARY, 1, True, []),
        (PartyContest.SECRETARY, 1, False, ["PB-DIFF-3"]),
        (PartyContest.SECRETARY, 2, False, []),
        (PartyContest.SECRETARY, 0, True, ["PB-DIFF-3"]),
        (PartyContest.DEPUTY_SECRETARY, 1, True, []),
    ],
    ids=["uncontested-approved", "uncontested-unapproved", "competitive", "none", "deputy"],
)
def test_pb_diff_3_secretary_may_be_uncontested_with_approval(
    contest: PartyContest, candidates: int, approved: bool, rules: list[str]
) -> None:
    findings = check_candidate_margin(contest, 1, candidates, PB, uncontested_approved=approved)
    assert [f.rule_id for f in findings] == rules


@pytest.mark.parametrize(
    ("contest", "rule"),
    [(PartyContest.MEMBER, "PB-DIFF-1"), (PartyContest.SECRETARY, "PB-DIFF-3")],
    ids=["member", "secretary"],
)
def test_pb_diff_zero_seats_is_refused(contest: PartyContest, rule: str) -> None:
    with pytest.raises(RuleViolation) as raised:
        check_candidate_margin(contest, 0, 3, PB)
    assert raised.value.rule_id == rule


def test_pb_term_1_five_years_or_the_profile() -> None:
    assert term_expires(date(2021, 1, 10), PB) == date(2026, 1, 10)
    assert term_expires(date(2021, 1, 10), load_profile("PB_1990")) == date(2024, 1, 10)


@pytest.mark.parametrize(
    ("election_day", "approved", "expected"),
    [
        (date(2026, 1, 10), False, []),
        (date(2025, 11, 20), False, [("PB-TERM-2", Severity.BLOCK, "提前")]),
        (date(2026, 3, 1), False, [("PB-TERM-2", Severity.BLOCK, "延期")]),
        (date(2026, 3, 1), True, []),
        (date(2027, 1, 10), True, []),
        (date(2027, 1, 11), True, [("PB-TERM-2", Severity.WARNING, "超过1年")]),
        (date(2025, 1, 9), True, [("PB-TERM-2", Severity.WARNING, "超过1年")]),
    ],
    ids=["on-time", "early", "late", "late-approved", "one-year", "over-a-year", "too-early"],
)
def test_pb_term_2_shift_needs_approval(
    election_day: date, approved: bool, expected: list[tuple[str, Severity, str]]
) -> None:
    findings = check_election_timing(date(2021, 1, 10), election_day, PB, approved)
    assert [(f.rule_id, f.severity) for f in findings] == [(r, s) for r, s, _ in expected]
    for finding, (_, _, needle) in zip(findings, expected, strict=True):
        assert needle in finding.message
