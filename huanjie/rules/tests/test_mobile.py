"""Mobile ballot boxes (MOBILE-1, MOBILE-2) and per-box / aggregate reconciliation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.voting.mobile import (
    BallotBox,
    MobileBox,
    check_box,
    check_station,
    may_issue,
    reconcile,
)

BOX = MobileBox(
    name="一号流动票箱",
    voters=frozenset({"V1", "V2"}),
    scrutineers=frozenset({"S1", "S2", "S3"}),
    lists_published=True,
    township_approved=True,
)

CHECKS = [
    ("zj_ready", "ZJ_2020", BOX, []),
    ("zj_not_approved", "ZJ_2020", replace(BOX, township_approved=False), ["MOBILE-1"]),
    ("nat_needs_no_approval", "NAT_2018", replace(BOX, township_approved=False), []),
    ("lists_not_published", "BJ_2012", replace(BOX, lists_published=False), ["MOBILE-1"]),
    ("two_scrutineers", "BJ_2012", replace(BOX, scrutineers=frozenset({"S1", "S2"})), ["MOBILE-2"]),
    (
        "everything_missing",
        "ZJ_2020",
        MobileBox("二号流动票箱", frozenset(), frozenset(), False, False),
        ["MOBILE-1", "MOBILE-1", "MOBILE-2"],
    ),
]


@pytest.mark.parametrize(
    ("profile_id", "box", "rules"), [c[1:] for c in CHECKS], ids=[c[0] for c in CHECKS]
)
def test_mobile_1_box_approval_lists_and_scrutineers(
    profile_id: str, box: MobileBox, rules: list[str]
) -> None:
    findings = check_box(load_profile(profile_id), box)
    assert [f.rule_id for f in findings] == rules
    assert all(f.blocking for f in findings)


def test_mobile_2_names_the_missing_scrutineers() -> None:
    (finding,) = check_box(load_profile("BJ_2012"), replace(BOX, scrutineers=frozenset({"S1"})))
    assert (
        finding.message
        == "流动票箱“一号流动票箱”只有1名监票人，每个流动票箱至少需要3名，请补足后再出发。"
    )


@pytest.mark.parametrize(
    ("box", "voter", "allowed"),
    [
        (BOX, "V1", True),
        (BOX, "V9", False),
        (replace(BOX, lists_published=False), "V1", False),
    ],
    ids=["on_published_list", "not_on_list", "list_not_published"],
)
def test_mobile_1_ballot_only_for_a_voter_on_the_published_list(
    box: MobileBox, voter: str, allowed: bool
) -> None:
    finding = may_issue(box, voter)
    assert (finding is None) is allowed
    if finding is not None:
        assert finding.rule_id == "MOBILE-1"
        assert "请其到投票站投票" in finding.message


RECONCILE = [
    ("all_balanced", [BallotBox("中心会场", 600, 598), BallotBox("流动1", 20, 20, listed=25)], []),
    (
        "one_box_over_total_fine",
        [BallotBox("中心会场", 600, 590), BallotBox("流动1", 20, 22, listed=25)],
        ["MOBILE-1"],
    ),
    (
        "one_box_over_total_over",
        [BallotBox("中心会场", 600, 600), BallotBox("流动1", 20, 21, listed=25)],
        ["MOBILE-1", "VC-TALLY-2"],
    ),
    ("issued_beyond_list", [BallotBox("流动1", 26, 26, listed=25)], ["MOBILE-1"]),
]


@pytest.mark.parametrize("boxes, rules", [c[1:] for c in RECONCILE], ids=[c[0] for c in RECONCILE])
def test_mobile_1_reconciliation_per_box_and_in_aggregate(
    boxes: list[BallotBox], rules: list[str]
) -> None:
    assert [f.rule_id for f in reconcile(boxes)] == rules


def test_vc_tally_2_aggregate_message() -> None:
    findings = reconcile([BallotBox("中心会场", 600, 600), BallotBox("流动1", 20, 21)])
    assert (
        findings[-1].message
        == "全部票箱收回选票合计621张，多于发出的620张，本次投票无效，应重新投票。"
    )


def test_negative_counts_are_refused() -> None:
    with pytest.raises(RuleViolation, match="负数"):
        reconcile([BallotBox("流动1", -1, 0)])


@pytest.mark.parametrize(
    ("profile_id", "scrutineers", "rules"),
    [("BJ_2012", 2, ["MOBILE-2"]), ("BJ_2012", 3, []), ("ZJ_2025", 0, [])],
    ids=["bj_two", "bj_three", "zj_no_minimum_per_station"],
)
def test_mobile_2_scrutineers_per_polling_station(
    profile_id: str, scrutineers: int, rules: list[str]
) -> None:
    findings = check_station(load_profile(profile_id), "第二投票站", scrutineers)
    assert [f.rule_id for f in findings] == rules
    if findings:
        assert findings[0].blocking
        assert findings[0].message.startswith(
            "投票站“第二投票站”只有2名监票人，每个投票站至少需要3名"
        )
