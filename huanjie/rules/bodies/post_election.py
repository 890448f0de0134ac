"""After the VC election: handover, loss of office, by-elections, resignations (VC-POST-1..4).

Periods after an event end on the next working day when their last day is a rest day
(民法典 203, product decision 3): they are counted with `timeline.within_after`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise

from huanjie.rules.checks import (
    Cmp,
    Finding,
    Threshold,
    block,
    calendar_warnings,
    in_zhejiang,
    warn,
)
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.calendar import WorkingDayCalendar
from huanjie.rules.timeline.plan import PeriodEnd, within_after

# VC-POST-1 / SEED-HANDOVER -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HandoverFacts:
    formed_on: date  # the day the new villagers' committee was formed
    seal_handed_on: date | None = None
    completed_on: date | None = None  # seals, documents and collective assets (三资) all handed


def handover_due(formed_on: date, profile: Profile, calendar: WorkingDayCalendar) -> PeriodEnd:
    """VC-POST-1: the handover is completed within `handover.days` (10) of the formation."""
    return within_after(formed_on, profile.get_int("handover.days"), calendar)


def check_handover(
    facts: HandoverFacts, today: date, profile: Profile, calendar: WorkingDayCalendar
) -> list[Finding]:
    """VC-POST-1 and SEED-HANDOVER: everything within 10 days; the seal the same day where the
    profile says so (SH art 24). Overdue and open blocks; done late is recorded as a warning."""
    due = handover_due(facts.formed_on, profile, calendar)
    findings = calendar_warnings("VC-POST-1", due)
    if profile.get_bool("handover.seal_same_day"):
        seal = facts.seal_handed_on
        if seal is None and today > facts.formed_on:
            findings.append(
                block(
                    "SEED-HANDOVER",
                    f"公章应于新一届村民委员会产生当日（{facts.formed_on.isoformat()}）移交，"
                    "至今未移交；请立即组织移交公章。",
                )
            )
        elif seal is not None and seal > facts.formed_on:
            findings.append(
                warn(
                    "SEED-HANDOVER",
                    f"公章于{seal.isoformat()}移交，晚于应当日移交的"
                    f"{facts.formed_on.isoformat()}；请在交接记录中说明原因。",
                )
            )
    done = facts.completed_on
    if done is None and today > due.day:
        findings.append(
            block(
                "VC-POST-1",
                f"工作移交应于{due.day.isoformat()}前完成，至今未完成；"
                "请由村民选举委员会主持、乡镇监督，立即完成公章、账目、档案和集体资产的移交。",
            )
        )
    elif done is not None and done > due.day:
        findings.append(
            warn(
                "VC-POST-1",
                f"工作移交于{done.isoformat()}完成，超过期限{due.day.isoformat()}；"
                "请在交接记录中说明逾期原因。",
            )
        )
    return findings


# VC-POST-2 ---------------------------------------------------------------------------------


class Rating(StrEnum):
    COMPETENT = "competent"  # 称职
    BASICALLY_COMPETENT = "basically_competent"  # 基本称职
    INCOMPETENT = "incompetent"  # 不称职


@dataclass(frozen=True, slots=True)
class OfficeFacts:
    lost_capacity_on: date | None = None  # 丧失行为能力
    sentenced_on: date | None = None  # 被判处刑罚
    evaluations: tuple[tuple[date, Rating], ...] = ()  # democratic evaluations (art 33)


@dataclass(frozen=True, slots=True)
class OfficeEnd:
    rule_id: str
    on: date
    message: str


def automatic_loss_of_office(facts: OfficeFacts) -> OfficeEnd | None:
    """VC-POST-2: office ends by itself on loss of capacity, a criminal sentence, or a second
    consecutive 不称职 rating; the earliest of these decides the day."""
    ends: list[OfficeEnd] = []
    if facts.lost_capacity_on is not None:
        ends.append(OfficeEnd("VC-POST-2", facts.lost_capacity_on, "丧失行为能力，职务自行终止。"))
    if facts.sentenced_on is not None:
        ends.append(OfficeEnd("VC-POST-2", facts.sentenced_on, "被判处刑罚，职务自行终止。"))
    ratings = sorted(facts.evaluations)
    for (_, first), (day, second) in pairwise(ratings):
        if first is second is Rating.INCOMPETENT:
            ends.append(OfficeEnd("VC-POST-2", day, "连续两次被评议为不称职，职务自行终止。"))
            break
    return min(ends, key=lambda end: end.on, default=None)


# VC-POST-3 ---------------------------------------------------------------------------------


class ByElectionAssembly(StrEnum):
    VILLAGERS = "villagers"  # 村民会议
    REPRESENTATIVES = "representatives"  # 村民代表会议


def by_election_turnout(assembly: ByElectionAssembly, voting: int, members: int) -> Threshold:
    """VC-POST-3 (ZJ art 38, the art 15 procedure): more than half of the villagers' assembly,
    or ≥ 2/3 of the representatives' assembly, must vote."""
    if assembly is ByElectionAssembly.VILLAGERS:
        return Threshold(
            "VC-POST-3",
            "参加投票的村民",
            voting,
            "村民会议组成人员",
            members,
            Fraction(1, 2),
            Cmp.MORE_THAN,
            "补选无效，请另行组织补选。",
        )
    return Threshold(
        "VC-POST-3",
        "参加投票的代表",
        voting,
        "村民代表会议组成人员",
        members,
        Fraction(2, 3),
        Cmp.AT_LEAST,
        "补选无效，请另行组织补选。",
    )


# VC-POST-4 ---------------------------------------------------------------------------------

RESIGNATION_DECISION_DAYS = 30  # ZJ art 37: put to the assembly within 30 days
RESIGNATION_PUBLISH_DAYS = 5  # ZJ art 37: the decision published within 5 days


@dataclass(frozen=True, slots=True)
class ResignationFacts:
    submitted_on: date  # the written resignation was received
    decided_on: date | None = None
    published_on: date | None = None


def check_resignation(
    facts: ResignationFacts, today: date, profile: Profile, calendar: WorkingDayCalendar
) -> list[Finding]:
    """VC-POST-4 (Zhejiang): decide within 30 days, publish the decision within 5 days."""
    if not in_zhejiang(profile):
        return []
    decide_by = within_after(facts.submitted_on, RESIGNATION_DECISION_DAYS, calendar)
    publish_by = (
        None
        if facts.decided_on is None
        else within_after(facts.decided_on, RESIGNATION_PUBLISH_DAYS, calendar)
    )
    findings = calendar_warnings("VC-POST-4", decide_by, publish_by)
    findings += _late(
        facts.decided_on,
        decide_by,
        today,
        "辞职申请应于{due}前提请村民会议或村民代表会议决定",
    )
    if publish_by is not None:
        findings += _late(facts.published_on, publish_by, today, "辞职决定应于{due}前公布")
    return findings


def _late(done: date | None, due: PeriodEnd, today: date, duty: str) -> Sequence[Finding]:
    text = duty.format(due=due.day.isoformat())
    if done is None and today > due.day:
        return [block("VC-POST-4", f"{text}，至今未办理；请立即办理。")]
    if done is not None and done > due.day:
        return [warn("VC-POST-4", f"{text}，实际于{done.isoformat()}办理，已逾期；请说明原因。")]
    return []
