"""Recall petitions and procedure (REC-1, REC-3); the recall VOTE is counted by the tally engine.

REC-1 is national: ≥ 1/5 of voters or ≥ 1/3 of representatives, with reasons. REC-3 is
provincial, through `recall.*`: the committee's voting period and the township's fallback
(`timeline.recall_deadlines`, counted after the demand and rolled to a working day), and the
bar on repeating a failed recall (`recall.retry_bar`: years, `term`, or none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from huanjie.rules.checks import (
    AnyOf,
    Cmp,
    Finding,
    Threshold,
    block,
    calendar_warnings,
    warn,
)
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.calendar import WorkingDayCalendar
from huanjie.rules.timeline.periods import add_years
from huanjie.rules.timeline.plan import recall_deadlines


def petition_support(
    voter_signers: int, voters: int, rep_signers: int, representatives: int
) -> AnyOf:
    """REC-1: `5*signers >= voters` or `3*rep_signers >= representatives`."""
    return AnyOf(
        "REC-1",
        (
            Threshold(
                "REC-1",
                "联名选民",
                voter_signers,
                "有选举权的村民",
                voters,
                Fraction(1, 5),
                Cmp.AT_LEAST,
                "",
            ),
            Threshold(
                "REC-1",
                "联名村民代表",
                rep_signers,
                "村民代表",
                representatives,
                Fraction(1, 3),
                Cmp.AT_LEAST,
                "",
            ),
        ),
        "罢免要求不成立；请继续征集联名后再提出。",
    )


@dataclass(frozen=True, slots=True)
class RecallDemand:
    received_on: date
    voter_signers: int
    voters: int
    rep_signers: int
    representatives: int
    reasons_given: bool
    # the day an earlier recall of the same member on the same facts and reasons failed
    failed_before_on: date | None = None


def check_petition(
    demand: RecallDemand, profile: Profile, term_ends: date | None = None
) -> list[Finding]:
    """REC-1 (support, reasons) and REC-3's bar on repeating a failed recall."""
    findings: list[Finding] = []
    support = petition_support(
        demand.voter_signers, demand.voters, demand.rep_signers, demand.representatives
    ).finding
    if support is not None:
        findings.append(support)
    if not demand.reasons_given:
        findings.append(block("REC-1", "罢免要求应当写明罢免理由；请补充理由后再提出。"))
    if demand.failed_before_on is not None:
        bar = _retry_bar(demand.failed_before_on, demand.received_on, profile, term_ends)
        if bar is not None:
            findings.append(bar)
    return findings


def _retry_bar(
    failed: date, received: date, profile: Profile, term_ends: date | None
) -> Finding | None:
    if profile.get("recall.retry_bar") == "term":
        if term_ends is not None and received > term_ends:
            return None
        # BJ art 34: the committee MAY leave it unprocessed, so this only warns.
        return warn(
            "REC-3",
            f"同一事实和理由的罢免已于{failed.isoformat()}未获通过；本届任期内再次提出的，"
            "可以不予处理，请决定是否受理。",
        )
    years = profile.get_optional_int("recall.retry_bar")
    if years is None:
        return None
    until = add_years(failed, years)  # 民法典 202: the corresponding day is the last day
    if received > until:
        return None
    return block(
        "REC-3",
        f"同一事实和理由的罢免已于{failed.isoformat()}未获通过，{years}年内"
        f"（至{until.isoformat()}）不得再次提出；请在期满后提出，或提出新的事实和理由。",
    )


@dataclass(frozen=True, slots=True)
class RecallProgress:
    demand_received: date
    vote_held_on: date | None = None
    resignation_accepted_on: date | None = None


def recall_issues(
    progress: RecallProgress, today: date, profile: Profile, calendar: WorkingDayCalendar
) -> list[Finding]:
    """REC-3: is the recall vote due, overdue, or moot because the member resigned?"""
    resigned = progress.resignation_accepted_on
    if resigned is not None and (progress.vote_held_on is None or resigned < progress.vote_held_on):
        return [
            warn(
                "REC-3",
                f"被罢免人的辞职已于{resigned.isoformat()}获准，罢免程序终止；无需再组织投票。",
            )
        ]
    vote, fallback = recall_deadlines(profile, progress.demand_received, calendar)
    findings = calendar_warnings("REC-3", vote, fallback)
    last = fallback.day if fallback is not None else vote.day
    held = progress.vote_held_on
    if held is not None:
        if held > last:
            findings.append(
                warn(
                    "REC-3",
                    f"罢免投票于{held.isoformat()}举行，超过法定期限{last.isoformat()}；"
                    "请在报告中说明逾期原因。",
                )
            )
        return findings
    if today <= vote.day:
        findings.append(warn("REC-3", f"村民委员会应于{vote.day.isoformat()}前组织罢免投票。"))
    elif fallback is not None and today <= fallback.day:
        findings.append(
            block(
                "REC-3",
                f"村民委员会未在{vote.day.isoformat()}前组织罢免投票；"
                f"乡镇人民政府应于{fallback.day.isoformat()}前组织投票。",
            )
        )
    else:
        findings.append(
            block(
                "REC-3",
                f"罢免投票已超过法定期限{last.isoformat()}仍未举行；请立即组织投票并报告逾期原因。",
            )
        )
    return findings
