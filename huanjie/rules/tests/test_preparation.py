"""Readiness before the election (huanjie.rules.preparation): SUP-3 on worked dates."""

from __future__ import annotations

from datetime import date

import pytest

from huanjie.rules.checks import Severity
from huanjie.rules.preparation import (
    Done,
    Item,
    Outcome,
    before_election,
    publication_problem,
    readiness_gaps,
)

DAY = date(2026, 12, 20)  # the VC election day of the worked cases
AUDITED = date(2026, 11, 30)


def _all_done(**changes: Done) -> dict[Item, Done]:
    items = {
        Item.REVIEW: Done(date(2026, 11, 10), Outcome.PASSED),
        Item.FINANCE_AUDIT: Done(AUDITED, Outcome.PASSED, date(2026, 12, 5)),
        Item.DEPARTURE_AUDIT: Done(AUDITED, Outcome.RESOLVED, date(2026, 12, 19)),
        Item.TRAINING: Done(date(2026, 12, 1), Outcome.PASSED),
    }
    items.update({Item(k): v for k, v in changes.items()})
    return items


@pytest.mark.parametrize(
    ("published", "in_time"),
    [
        pytest.param(date(2026, 12, 19), True, id="the day before: in time"),
        pytest.param(date(2026, 12, 20), False, id="the election day itself: too late"),
        pytest.param(date(2026, 12, 21), False, id="after: too late"),
    ],
)
def test_sup_3_departure_audit_published_before_the_election(
    published: date, in_time: bool
) -> None:
    assert before_election(published, DAY) is in_time
    problem = publication_problem(Item.DEPARTURE_AUDIT, AUDITED, published, DAY)
    assert (problem is None) is in_time
    gaps = readiness_gaps(_all_done(departure_audit=Done(AUDITED, Outcome.PASSED, published)), DAY)
    assert (gaps == []) is in_time
    if not in_time:
        [gap] = gaps
        assert gap.rule_id == "SUP-3" and gap.blocking
        assert "2026-12-20之前公开" in gap.message and str(published) in gap.message


def test_sup_3_a_publication_before_the_audit_was_done_is_refused() -> None:
    problem = publication_problem(Item.FINANCE_AUDIT, AUDITED, date(2026, 11, 29), DAY)
    assert problem is not None and "早于完成日期2026-11-30" in problem
    assert publication_problem(Item.FINANCE_AUDIT, AUDITED, None, DAY) is None
    assert publication_problem(Item.FINANCE_AUDIT, AUDITED, date(2026, 12, 25), None) is None


def test_a_village_with_every_item_done_in_time_is_ready() -> None:
    assert readiness_gaps(_all_done(), DAY) == []


def test_each_gap_is_named_with_its_rule() -> None:
    items = _all_done(
        review=Done(date(2026, 11, 10), Outcome.ISSUES),
        finance_audit=Done(AUDITED, Outcome.PASSED, None),
        training=Done(DAY, Outcome.PASSED),
    )
    del items[Item.DEPARTURE_AUDIT]
    gaps = readiness_gaps(items, DAY)
    assert [(g.rule_id, g.message) for g in gaps] == [
        ("SUP-3", "承诺述职评议发现的问题尚未整改。"),
        ("SEED-PREP", "财务审计结果尚未公开。"),
        ("SUP-3", "尚未登记离任审计。"),
        ("SEED-PREP", "换届工作人员业务培训在2026-12-20，不在选举日2026-12-20之前。"),
    ]
    assert all(g.severity is Severity.BLOCK for g in gaps)


def test_without_an_election_day_the_dates_wait_with_a_warning() -> None:
    gaps = readiness_gaps(_all_done(training=Done(date(2027, 1, 1), Outcome.PASSED)), None)
    [gap] = gaps
    assert gap.severity is Severity.WARNING and "选举日尚未确定" in gap.message


def test_nothing_recorded_lists_all_four_items() -> None:
    gaps = readiness_gaps({}, DAY)
    assert [g.message for g in gaps] == [
        "尚未登记承诺述职评议。",
        "尚未登记财务审计。",
        "尚未登记离任审计。",
        "尚未登记换届工作人员业务培训。",
    ]
