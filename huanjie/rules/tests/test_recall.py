"""REC-1 petitions (rules.md §H-6) and the REC-3 procedure (§H-9 recall row)."""

from datetime import date

import pytest

from huanjie.rules.bodies.recall import (
    RecallDemand,
    RecallProgress,
    check_petition,
    petition_support,
    recall_issues,
)
from huanjie.rules.checks import Severity
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tests.real_calendar import calendar_for

CAL_2026 = calendar_for(2026)
ZJ = load_profile("ZJ_2020")
NAT = load_profile("NAT_2018")
BJ = load_profile("BJ_2012")


@pytest.mark.parametrize(
    ("voters", "reps", "met"),
    [(180, 0, True), (179, 0, False), (0, 16, True), (0, 15, False), (179, 15, False)],
    ids=["180-voters", "179-voters", "16-reps", "15-reps", "neither"],
)
def test_rec_1_petition_h6(voters: int, reps: int, met: bool) -> None:
    """900 voters: `5s >= 900` → s ≥ 180; 46 representatives: `3s >= 46` → s ≥ 16."""
    support = petition_support(voters, 900, reps, 46)
    assert support.met is met
    assert [t.required for t in support.options] == [180, 16]


def _demand(**changes: object) -> RecallDemand:
    facts: dict[str, object] = {
        "received_on": date(2026, 6, 1),
        "voter_signers": 180,
        "voters": 900,
        "rep_signers": 0,
        "representatives": 46,
        "reasons_given": True,
    }
    facts.update(changes)
    return RecallDemand(**facts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("demand", "profile_id", "expected"),
    [
        (_demand(), "ZJ_2020", []),
        (_demand(voter_signers=179), "ZJ_2020", [("REC-1", Severity.BLOCK, "180")]),
        (_demand(reasons_given=False), "ZJ_2020", [("REC-1", Severity.BLOCK, "理由")]),
        (
            _demand(failed_before_on=date(2025, 6, 1)),
            "ZJ_2020",
            [("REC-3", Severity.BLOCK, "至2026-06-01")],
        ),
        (_demand(failed_before_on=date(2025, 5, 31)), "ZJ_2020", []),
        (_demand(failed_before_on=date(2026, 1, 1)), "NAT_2018", []),
        (
            _demand(failed_before_on=date(2026, 1, 1)),
            "BJ_2012",
            [("REC-3", Severity.WARNING, "可以不予处理")],
        ),
    ],
    ids=[
        "valid",
        "179-signers",
        "no-reasons",
        "zj-within-a-year",
        "zj-after-a-year",
        "nat-no-bar",
        "bj-same-term",
    ],
)
def test_rec_1_and_rec_3_petition(
    demand: RecallDemand, profile_id: str, expected: list[tuple[str, Severity, str]]
) -> None:
    findings = check_petition(demand, load_profile(profile_id))
    assert [(f.rule_id, f.severity) for f in findings] == [(r, s) for r, s, _ in expected]
    for finding, (_, _, needle) in zip(findings, expected, strict=True):
        assert needle in finding.message


def test_rec_3_bj_bar_ends_with_the_term() -> None:
    demand = _demand(failed_before_on=date(2026, 1, 1))
    assert check_petition(demand, BJ, term_ends=date(2026, 5, 31)) == []
    assert len(check_petition(demand, BJ, term_ends=date(2026, 6, 1))) == 1


RECEIVED = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("progress", "today", "profile_id", "expected"),
    [
        (RecallProgress(RECEIVED), date(2026, 6, 15), "ZJ_2020", [(Severity.WARNING, "07-01前")]),
        (
            RecallProgress(RECEIVED),
            date(2026, 7, 2),
            "ZJ_2020",
            [(Severity.BLOCK, "乡镇人民政府应于2026-08-31前")],
        ),
        (RecallProgress(RECEIVED), date(2026, 9, 1), "ZJ_2020", [(Severity.BLOCK, "2026-08-31")]),
        (RecallProgress(RECEIVED), date(2026, 7, 2), "NAT_2018", [(Severity.BLOCK, "2026-07-01")]),
        (RecallProgress(RECEIVED, vote_held_on=date(2026, 6, 30)), date(2026, 9, 9), "ZJ_2020", []),
        (
            RecallProgress(RECEIVED, vote_held_on=date(2026, 9, 1)),
            date(2026, 9, 9),
            "ZJ_2020",
            [(Severity.WARNING, "超过法定期限2026-08-31")],
        ),
        (
            RecallProgress(RECEIVED, resignation_accepted_on=date(2026, 6, 20)),
            date(2026, 9, 9),
            "ZJ_2020",
            [(Severity.WARNING, "程序终止")],
        ),
        (
            RecallProgress(
                RECEIVED,
                vote_held_on=date(2026, 6, 20),
                resignation_accepted_on=date(2026, 6, 25),
            ),
            date(2026, 9, 9),
            "ZJ_2020",
            [],
        ),
    ],
    ids=[
        "due",
        "township-fallback",
        "overdue-zj",
        "overdue-nat",
        "held-in-time",
        "held-late",
        "resigned-first",
        "voted-then-resigned",
    ],
)
def test_rec_3_procedure_h9(
    progress: RecallProgress, today: date, profile_id: str, expected: list[tuple[Severity, str]]
) -> None:
    """H-9: demand received 2026-06-01 → VC by 07-01, township by 08-31 (08-30 is a Sunday)."""
    findings = recall_issues(progress, today, load_profile(profile_id), CAL_2026)
    assert [f.rule_id for f in findings] == ["REC-3"] * len(expected)
    for finding, (severity, needle) in zip(findings, expected, strict=True):
        assert finding.severity is severity and needle in finding.message


def test_rec_3_uncovered_year_warns() -> None:
    findings = recall_issues(RecallProgress(date(2027, 6, 1)), date(2027, 6, 2), ZJ, CAL_2026)
    assert [f.severity for f in findings] == [Severity.WARNING] * 2  # one calendar warning
    assert "2027年节假日安排尚未录入" in findings[0].message


def test_rec_1_village_without_representatives_needs_voter_signatures() -> None:
    """A village with no representatives' assembly (REP-7: under 300 people) has only the
    voters' route: `3*0 >= 0` must not let an unsigned petition through."""
    support = petition_support(0, 900, 0, 0)
    assert not support.met
    assert support.finding is not None and "至少180人" in support.finding.message
    assert "村民代表" not in support.finding.message
    assert petition_support(180, 900, 0, 0).met
