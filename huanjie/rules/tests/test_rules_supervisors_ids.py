"""Who may supervise: SUP-2 (Zhejiang's village-affairs supervision committee, ZJ-I20 art 30–31)
and CEO-5 (a collective economic organization's supervisors, CEO24 art 32, 34).

Near relatives of VC members (KIN-2) and of the cooperative's board and finance staff (KIN-5)
are tested with the kinship rules.
"""

from datetime import date

import pytest

from huanjie.rules.bodies.composition import (
    SupervisionFacts,
    SupervisionMember,
    check_supervision_committee,
)
from huanjie.rules.bodies.cooperative import check_cooperative_supervisors
from huanjie.rules.checks import Severity
from huanjie.rules.profiles.profile import load_profile

FORMED = date(2026, 3, 28)  # the new VC is formed on election day (H-9)
ACCOUNTANT = SupervisionMember("acc", "钱会计", True)


def _committee(size: int, *extra: SupervisionMember, **dates: date) -> SupervisionFacts:
    members = (
        ACCOUNTANT,
        *(SupervisionMember(f"m{i}", f"成员{i}", False) for i in range(size - 1)),
    )
    return SupervisionFacts(
        members=(*members, *extra),
        vc_members=frozenset({"vc"}),
        clerks_and_bookkeepers=frozenset({"clerk", "bookkeeper"}),
        **dates,
    )


@pytest.mark.parametrize(
    ("profile_id", "size", "blocked"),
    [
        ("ZJ_2020", 2, True),
        ("ZJ_2020", 3, False),
        ("ZJ_2020", 5, False),
        ("ZJ_2020", 6, True),
        ("ZJ_2025", 6, True),
        ("NAT_2018", 6, False),
    ],
    ids=["zj-2", "zj-3", "zj-5", "zj-6", "zj-2025-6", "national-has-no-upper-bound"],
)
def test_sup_2_zhejiang_committee_of_three_to_five(
    profile_id: str, size: int, blocked: bool
) -> None:
    findings = check_supervision_committee(_committee(size), load_profile(profile_id))
    assert [(f.rule_id, f.severity) for f in findings] == (
        [("SUP-2", Severity.BLOCK)] if blocked else []
    )
    assert all("应为3至5人" in f.message for f in findings)


@pytest.mark.parametrize(
    ("profile_id", "key", "expected"),
    [
        ("ZJ_2020", "clerk", ["SUP-2"]),
        ("ZJ_2020", "bookkeeper", ["SUP-2"]),
        ("ZJ_2020", "vc", ["SUP-1"]),
        ("NAT_2018", "clerk", []),
    ],
    ids=["zj-clerk", "zj-bookkeeper", "vc-member-is-national", "clerk-outside-zhejiang"],
)
def test_sup_2_village_clerk_and_bookkeeper_may_not_serve(
    profile_id: str, key: str, expected: list[str]
) -> None:
    facts = _committee(3, SupervisionMember(key, "赵某", False))
    findings = check_supervision_committee(facts, load_profile(profile_id))
    assert [f.rule_id for f in findings] == expected
    assert all(f.message.startswith("赵某是") and "请另选他人" in f.message for f in findings)


@pytest.mark.parametrize(
    ("elected_on", "blocked"),
    [(date(2026, 3, 27), True), (FORMED, False), (date(2026, 4, 2), False)],
    ids=["day-before-the-vc", "same-day", "after"],
)
def test_sup_2_chosen_after_the_new_vc_is_formed(elected_on: date, blocked: bool) -> None:
    facts = _committee(3, vc_formed_on=FORMED, elected_on=elected_on)
    findings = check_supervision_committee(facts, load_profile("ZJ_2020"))
    assert [f.rule_id for f in findings] == (["SUP-2"] if blocked else [])
    assert all("请在村民委员会产生后再行选举" in f.message for f in findings)


@pytest.mark.parametrize(
    ("supervisors", "expected"),
    [
        ({"s1": "孙监事"}, []),
        ({"s1": "孙监事", "s2": "周监事"}, []),
        ({"b1": "李理事", "s1": "孙监事"}, ["李理事是理事会成员"]),
        ({"f1": "吴出纳", "s1": "孙监事"}, ["吴出纳是财务会计人员"]),
        ({"b1": "李理事", "f1": "吴出纳"}, ["李理事是理事会成员", "吴出纳是财务会计人员"]),
        ({}, ["未设监事会或监事"]),
    ],
    ids=["one", "two", "board-member", "finance-staff", "both-named", "none"],
)
def test_ceo_5_board_members_and_finance_staff_may_not_supervise(
    supervisors: dict[str, str], expected: list[str]
) -> None:
    findings = check_cooperative_supervisors(
        supervisors, board={"b1", "b2", "b3"}, finance_staff={"f1"}
    )
    assert [f.rule_id for f in findings] == ["CEO-5"] * len(expected)
    assert all(f.blocking for f in findings)
    for finding, needle in zip(findings, expected, strict=True):
        assert needle in finding.message and "请" in finding.message  # says how to fix it
