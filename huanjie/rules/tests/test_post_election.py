"""VC-POST-1..4 and SEED-HANDOVER, on the real 2026 holiday calendar."""

from datetime import date

import pytest

from huanjie.rules.bodies.post_election import (
    ByElectionAssembly,
    HandoverFacts,
    OfficeFacts,
    Rating,
    ResignationFacts,
    automatic_loss_of_office,
    by_election_turnout,
    check_handover,
    check_resignation,
    handover_due,
)
from huanjie.rules.checks import Severity
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tests.real_calendar import calendar_for

CAL_2026 = calendar_for(2026)
ZJ = load_profile("ZJ_2025")
SH = load_profile("SH_2020")
E = date(2026, 3, 28)


def test_vc_post_1_handover_deadline_h9() -> None:
    """New VC formed on election day 2026-03-28 → handover by 04-07 (H-9)."""
    due = handover_due(E, ZJ, CAL_2026)
    assert due.day == date(2026, 4, 7) and due.warning is None


def test_vc_post_1_handover_deadline_rolls_past_a_holiday() -> None:
    """Formed 2026-09-25 (Mid-Autumn) → 10-05 falls in National Day → next working day 10-08."""
    assert handover_due(date(2026, 9, 25), ZJ, CAL_2026).day == date(2026, 10, 8)


@pytest.mark.parametrize(
    ("facts", "today", "expected"),
    [
        (HandoverFacts(E), date(2026, 4, 7), []),
        (HandoverFacts(E), date(2026, 4, 8), [("VC-POST-1", Severity.BLOCK, "2026-04-07前")]),
        (HandoverFacts(E, completed_on=date(2026, 4, 7)), date(2026, 5, 1), []),
        (
            HandoverFacts(E, completed_on=date(2026, 4, 8)),
            date(2026, 5, 1),
            [("VC-POST-1", Severity.WARNING, "超过期限2026-04-07")],
        ),
    ],
    ids=["due-today", "overdue", "in-time", "late"],
)
def test_vc_post_1_handover_within_ten_days(
    facts: HandoverFacts, today: date, expected: list[tuple[str, Severity, str]]
) -> None:
    findings = check_handover(facts, today, ZJ, CAL_2026)
    assert [(f.rule_id, f.severity) for f in findings] == [(r, s) for r, s, _ in expected]
    for finding, (_, _, needle) in zip(findings, expected, strict=True):
        assert needle in finding.message


@pytest.mark.parametrize(
    ("seal", "today", "expected"),
    [
        (None, E, []),
        (None, date(2026, 3, 29), [Severity.BLOCK]),
        (E, date(2026, 3, 29), []),
        (date(2026, 3, 30), date(2026, 3, 31), [Severity.WARNING]),
    ],
    ids=["formation-day", "seal-missing", "seal-same-day", "seal-late"],
)
def test_seed_handover_seal_same_day(
    seal: date | None, today: date, expected: list[Severity]
) -> None:
    """SH art 24 (`handover.seal_same_day`): the seal is handed over on the day of formation."""
    findings = check_handover(HandoverFacts(E, seal_handed_on=seal), today, SH, CAL_2026)
    assert [(f.rule_id, f.severity) for f in findings] == [("SEED-HANDOVER", s) for s in expected]


def test_seed_handover_seal_rule_off_in_zhejiang() -> None:
    assert check_handover(HandoverFacts(E), date(2026, 3, 29), ZJ, CAL_2026) == []


def test_vc_post_1_uncovered_year_warns() -> None:
    findings = check_handover(HandoverFacts(date(2027, 3, 28)), date(2027, 3, 29), ZJ, CAL_2026)
    assert [(f.rule_id, f.severity) for f in findings] == [("VC-POST-1", Severity.WARNING)]
    assert "2027年节假日安排尚未录入" in findings[0].message


@pytest.mark.parametrize(
    ("facts", "ends_on"),
    [
        (OfficeFacts(), None),
        (OfficeFacts(lost_capacity_on=date(2026, 8, 1)), date(2026, 8, 1)),
        (OfficeFacts(sentenced_on=date(2026, 9, 1)), date(2026, 9, 1)),
        (
            OfficeFacts(lost_capacity_on=date(2026, 10, 1), sentenced_on=date(2026, 9, 1)),
            date(2026, 9, 1),
        ),
        (
            OfficeFacts(
                evaluations=(
                    (date(2028, 12, 1), Rating.INCOMPETENT),
                    (date(2027, 12, 1), Rating.INCOMPETENT),
                )
            ),
            date(2028, 12, 1),
        ),
        (
            OfficeFacts(
                evaluations=(
                    (date(2026, 12, 1), Rating.INCOMPETENT),
                    (date(2027, 12, 1), Rating.BASICALLY_COMPETENT),
                    (date(2028, 12, 1), Rating.INCOMPETENT),
                )
            ),
            None,
        ),
        (
            OfficeFacts(
                evaluations=(
                    (date(2026, 12, 1), Rating.COMPETENT),
                    (date(2027, 12, 1), Rating.INCOMPETENT),
                    (date(2028, 12, 1), Rating.INCOMPETENT),
                    (date(2029, 12, 1), Rating.INCOMPETENT),
                )
            ),
            date(2028, 12, 1),
        ),
    ],
    ids=[
        "none",
        "capacity",
        "sentence",
        "earliest-wins",
        "two-in-a-row-unsorted",
        "not-consecutive",
        "first-pair-decides",
    ],
)
def test_vc_post_2_automatic_loss_of_office(facts: OfficeFacts, ends_on: date | None) -> None:
    end = automatic_loss_of_office(facts)
    assert (end.on if end else None) == ends_on
    assert end is None or (end.rule_id == "VC-POST-2" and "自行终止" in end.message)


@pytest.mark.parametrize(
    ("assembly", "voting", "members", "met"),
    [
        (ByElectionAssembly.VILLAGERS, 751, 1500, True),
        (ByElectionAssembly.VILLAGERS, 750, 1500, False),
        (ByElectionAssembly.REPRESENTATIVES, 37, 55, True),
        (ByElectionAssembly.REPRESENTATIVES, 36, 55, False),
    ],
    ids=["villagers-751", "villagers-750-half", "reps-37", "reps-36"],
)
def test_vc_post_3_by_election_turnout(
    assembly: ByElectionAssembly, voting: int, members: int, met: bool
) -> None:
    """ZJ art 38: villagers' assembly `2v > m`; representatives' assembly `3v >= 2m`."""
    turnout = by_election_turnout(assembly, voting, members)
    assert turnout.met is met and turnout.rule_id == "VC-POST-3"


SUBMITTED = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("facts", "today", "expected"),
    [
        (ResignationFacts(SUBMITTED), date(2026, 7, 1), []),
        (ResignationFacts(SUBMITTED), date(2026, 7, 2), [(Severity.BLOCK, "2026-07-01前")]),
        (
            ResignationFacts(SUBMITTED, decided_on=date(2026, 7, 3)),
            date(2026, 7, 3),
            [(Severity.WARNING, "已逾期")],
        ),
        (ResignationFacts(SUBMITTED, decided_on=date(2026, 6, 16)), date(2026, 6, 22), []),
        (
            ResignationFacts(SUBMITTED, decided_on=date(2026, 6, 16)),
            date(2026, 6, 23),
            [(Severity.BLOCK, "2026-06-22前公布")],
        ),
        (
            ResignationFacts(
                SUBMITTED, decided_on=date(2026, 6, 16), published_on=date(2026, 6, 22)
            ),
            date(2026, 9, 1),
            [],
        ),
    ],
    ids=[
        "decide-due",
        "decide-overdue",
        "decided-late",
        "publish-due-after-holiday",
        "publish-overdue",
        "published",
    ],
)
def test_vc_post_4_resignation_deadlines(
    facts: ResignationFacts, today: date, expected: list[tuple[Severity, str]]
) -> None:
    """ZJ art 37: decided within 30 days (06-01 → 07-01), published within 5 days of the
    decision (06-16 → 06-21, a Sunday in the Dragon Boat holiday → 06-22)."""
    findings = check_resignation(facts, today, ZJ, CAL_2026)
    assert [f.rule_id for f in findings] == ["VC-POST-4"] * len(expected)
    for finding, (severity, needle) in zip(findings, expected, strict=True):
        assert finding.severity is severity and needle in finding.message


def test_vc_post_4_only_in_zhejiang() -> None:
    assert check_resignation(ResignationFacts(SUBMITTED), date(2026, 9, 1), SH, CAL_2026) == []


def test_vc_post_4_uncovered_year_warns() -> None:
    facts = ResignationFacts(date(2027, 6, 1), decided_on=date(2027, 6, 2))
    findings = check_resignation(facts, date(2027, 6, 3), ZJ, CAL_2026)
    assert [f.severity for f in findings] == [Severity.WARNING]  # said once for both periods
    assert "2027年节假日安排尚未录入" in findings[0].message
