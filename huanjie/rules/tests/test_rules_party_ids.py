"""PB-ORG-3 (PB20 art 4) on rules.md §H-8: a village Party committee of 520 members may elect by
a delegates' meeting (党员代表大会) with township approval; below 500 only where its
sub-organizations are scattered."""

import pytest

from huanjie.rules.checks import Severity
from huanjie.rules.party.org import (
    Approval,
    OrgKind,
    OrgPlan,
    check_organization,
    organization_setup,
)

APPROVED = frozenset({Approval.COUNTY, Approval.TOWNSHIP})


@pytest.mark.parametrize(
    ("members", "permitted"),
    [(520, True), (500, True), (499, False)],
    ids=["520-h8", "exactly-500", "499"],
)
def test_pb_org_3_delegates_meeting_from_500_members_h8(members: int, permitted: bool) -> None:
    setup = organization_setup(members)
    assert setup.delegates_meeting is permitted
    assert ("党委经乡镇党委批准可以召开党员代表大会进行选举" in setup.summary) is permitted


@pytest.mark.parametrize(
    ("plan", "needle"),
    [
        (OrgPlan(520, OrgKind.COMMITTEE, delegates_meeting=True, approvals=APPROVED), None),
        (
            OrgPlan(520, OrgKind.COMMITTEE, delegates_meeting=True, approvals=frozenset()),
            "须经乡镇党委批准",
        ),
        (
            OrgPlan(499, OrgKind.COMMITTEE, delegates_meeting=True, approvals=APPROVED),
            "应召开党员大会进行选举",
        ),
        (
            OrgPlan(
                180, OrgKind.COMMITTEE, delegates_meeting=True, scattered=True, approvals=APPROVED
            ),
            None,
        ),
        (
            OrgPlan(520, OrgKind.GENERAL_BRANCH, delegates_meeting=True, approvals=APPROVED),
            "只有村党委可以召开党员代表大会",
        ),
        (OrgPlan(520, OrgKind.COMMITTEE, approvals=frozenset({Approval.COUNTY})), None),
    ],
    ids=[
        "520-township-approved",
        "520-without-township-approval",
        "499-not-scattered",
        "scattered-below-500",
        "general-branch",
        "members-meeting-needs-no-approval",
    ],
)
def test_pb_org_3_delegates_meeting_plan_h8(plan: OrgPlan, needle: str | None) -> None:
    findings = [f for f in check_organization(plan) if f.rule_id == "PB-ORG-3"]
    if needle is None:
        assert findings == []
    else:
        assert [f.severity for f in findings] == [Severity.BLOCK]
        assert needle in findings[0].message and findings[0].message.endswith("。")
