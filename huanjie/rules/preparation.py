"""Readiness before a village's election (domain.md §3, 准备阶段): what is still missing.

Four items per village: the sitting committee's 承诺述职评议 (the supervisory body presides
over the annual democratic evaluation, SUP-3), the 财务审计 and the 离任审计 with their
publication — departure audits of outgoing VC members must be published **before** the next VC
election (SUP-3, art 35) — and the training of election staff (业务培训, seed 000's practice).
A village is ready when every item is recorded, none has an unresolved problem, and the audits
were published (and the training held) before the election day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from huanjie.rules.checks import Finding, block, warn

SUP_3 = "SUP-3"
PRACTICE = "SEED-PREP"  # seed 000: every village reviewed, audited and its staff trained


class Item(StrEnum):
    REVIEW = "review"
    FINANCE_AUDIT = "finance_audit"
    DEPARTURE_AUDIT = "departure_audit"
    TRAINING = "training"


LABELS = {
    Item.REVIEW: "承诺述职评议",
    Item.FINANCE_AUDIT: "财务审计",
    Item.DEPARTURE_AUDIT: "离任审计",
    Item.TRAINING: "换届工作人员业务培训",
}
RULE_OF = {
    Item.REVIEW: SUP_3,
    Item.FINANCE_AUDIT: PRACTICE,
    Item.DEPARTURE_AUDIT: SUP_3,
    Item.TRAINING: PRACTICE,
}
PUBLISHED = frozenset({Item.FINANCE_AUDIT, Item.DEPARTURE_AUDIT})


class Outcome(StrEnum):
    PASSED = "passed"
    ISSUES = "issues"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class Done:
    """One item as recorded."""

    done_on: date
    outcome: Outcome
    published_on: date | None = None


def before_election(day: date, election_day: date) -> bool:
    """SUP-3's "before the election": strictly earlier, the election day itself is too late."""
    return day < election_day


def publication_problem(
    item: Item, done_on: date, published_on: date | None, election_day: date | None
) -> str | None:
    """Why this publication date cannot stand (None if it can): not before the audit was done,
    or not before the election day (SUP-3)."""
    if published_on is None:
        return None
    if published_on < done_on:
        return f"{LABELS[item]}的公开日期{published_on}早于完成日期{done_on}，请核对两个日期。"
    if election_day is not None and not before_election(published_on, election_day):
        return (
            f"{LABELS[item]}结果须在选举日{election_day}之前公开（{RULE_OF[item]}），"
            f"{published_on}已是选举日当天或之后；请在选举日前公开，或把选举日推后。"
        )
    return None


def readiness_gaps(items: Mapping[Item, Done], election_day: date | None) -> list[Finding]:
    """What keeps the village from being ready: one blocking finding per gap, in the items'
    order; a warning when the election day is not yet fixed (the dates cannot be checked)."""
    found: list[Finding] = []
    for item in Item:
        label, rule = LABELS[item], RULE_OF[item]
        done = items.get(item)
        if done is None:
            found.append(block(rule, f"尚未登记{label}。"))
            continue
        if done.outcome is Outcome.ISSUES:
            found.append(block(rule, f"{label}发现的问题尚未整改。"))
        if item in PUBLISHED:
            if done.published_on is None:
                found.append(block(rule, f"{label}结果尚未公开。"))
            else:
                problem = publication_problem(item, done.done_on, done.published_on, election_day)
                if problem is not None:
                    found.append(block(rule, problem))
        if (
            item is Item.TRAINING
            and election_day is not None
            and not before_election(done.done_on, election_day)
        ):
            found.append(block(rule, f"{label}在{done.done_on}，不在选举日{election_day}之前。"))
    if election_day is None:
        found.append(warn(SUP_3, "选举日尚未确定，审计公开是否在选举日之前待选举日确定后核对。"))
    return found
