"""A village's election timeline: period counting, legal deadlines and the readiness checklist.

`readiness_issues` both blocks the next step and renders as the officer's checklist (Helios'
`issues_before_freeze`), one `checks.Finding` per line. The date arithmetic lives in `periods`,
the profile's deadlines in `deadlines`; both are re-exported here, the one place callers import
them from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from huanjie.rules.checks import Finding, Severity, block, warn
from huanjie.rules.profiles.profile import Body, Profile, load_profile
from huanjie.rules.timeline.calendar import WorkingDayCalendar
from huanjie.rules.timeline.deadlines import (
    Deadline,
    Direction,
    Step,
    check_schedule,
    decision_deadline,
    objection_deadlines,
    plan_deadlines,
    recall_deadlines,
    schedule_violations,
)
from huanjie.rules.timeline.periods import (
    PeriodEnd,
    deadline_before,
    uncovered_years_warning,
    within_after,
)

__all__ = [
    "Deadline",
    "Direction",
    "PeriodEnd",
    "Step",
    "VillagePlanFacts",
    "check_schedule",
    "deadline_before",
    "decision_deadline",
    "objection_deadlines",
    "plan_deadlines",
    "readiness_issues",
    "recall_deadlines",
    "schedule_violations",
    "uncovered_years_warning",
    "within_after",
]


@dataclass(frozen=True, slots=True)
class VillagePlanFacts:
    """What a village has done so far for one body's election (dates are None until done)."""

    election_day: date
    body: str  # villagers_committee | party_organization
    profile_id: str
    self_nomination: bool = False  # the village measures chose 自荐直选 (PROV-ZJ-SELF-1)
    register_published: date | None = None
    open_objections: tuple[date, ...] = ()  # the day each undecided objection was received
    self_nominee_registration_closed: date | None = None
    candidate_list_published: date | None = None  # the self-nominee list under 自荐直选
    vote_notice_published: date | None = None
    proxy_requests: int = 0
    proxy_list_published: date | None = None
    member_registration_closed: date | None = None  # party election registration (SEED-PB-REG)


# How each checked step reads in the checklist: what is due, and the verb that completes it.
_WORDING: dict[Step, tuple[str, str]] = {
    Step.VOTER_LIST: ("选民名单", "公布"),
    Step.SELF_NOMINEE_REGISTRATION: ("自荐人报名", "截止"),
    Step.SELF_NOMINEE_LIST: ("自荐人名单", "公布"),
    Step.CANDIDATE_LIST: ("正式候选人名单", "公布"),
    Step.VOTE_NOTICE: ("投票时间、地点和选举工作人员", "公布"),
    Step.PROXY_LIST: ("委托投票名单", "公布"),
}


def readiness_issues(
    plan: VillagePlanFacts,
    today: date,
    calendar: WorkingDayCalendar,
    *,
    profile: Profile | None = None,
) -> list[Finding]:
    """What stands between the village and its election day, blocking issues first.

    `profile` is the village's own (e.g. a county's derived) profile; without it the plan's
    `profile_id` is loaded.
    """
    prof = profile if profile is not None else load_profile(plan.profile_id)
    if plan.body == Body.PARTY_ORGANIZATION:
        issues = _party_issues(plan, today, prof)
    else:
        issues = _committee_issues(plan, today, calendar, prof)
    return sorted(issues, key=lambda i: not i.blocking)


def _committee_issues(
    plan: VillagePlanFacts, today: date, calendar: WorkingDayCalendar, profile: Profile
) -> list[Finding]:
    issues: list[Finding] = []
    if plan.self_nomination and not profile.get_bool("self.enabled"):
        issues.append(
            block(
                "PROV-ZJ-SELF-1",
                f"规则配置“{profile.id}”不允许自荐直选；请改用有候选人的差额选举，"
                "或选用允许自荐直选的规则配置。",
            )
        )
    deadlines = {d.step: d for d in plan_deadlines(profile, plan.election_day, calendar)}
    done: dict[Step, date | None] = {Step.VOTER_LIST: plan.register_published}
    if plan.self_nomination:
        done[Step.SELF_NOMINEE_REGISTRATION] = plan.self_nominee_registration_closed
        done[Step.SELF_NOMINEE_LIST] = plan.candidate_list_published
    else:
        done[Step.CANDIDATE_LIST] = plan.candidate_list_published
    done[Step.VOTE_NOTICE] = plan.vote_notice_published
    if plan.proxy_requests:
        done[Step.PROXY_LIST] = plan.proxy_list_published
    for step, day in done.items():
        deadline = deadlines.get(step)
        if deadline is not None:
            issues.extend(_step_issue(deadline, day, today))
    issues.extend(_objection_issues(plan, today, calendar, profile))
    return issues


def _step_issue(deadline: Deadline, done: date | None, today: date) -> list[Finding]:
    noun, verb = _WORDING[deadline.step]
    due = f"{noun}应于{deadline.day}前{verb}（选举日前{deadline.days}日）"
    if done is None:
        if today <= deadline.day:
            left = (deadline.day - today).days
            return [warn(deadline.rule_id, f"{due}，还有{left}天。")]
        later = today + timedelta(days=deadline.days)
        return [
            block(
                deadline.rule_id,
                f"{due}，现已逾期；请立即{verb}，并将选举日推迟到{later}或以后。",
            )
        ]
    if done > deadline.day:
        later = done + timedelta(days=deadline.days)
        return [
            block(
                deadline.rule_id,
                f"{noun}于{done}{verb}，晚于法定最晚日{deadline.day}（选举日前{deadline.days}日）；"
                f"请将选举日推迟到{later}或以后。",
            )
        ]
    return []


def _objection_issues(
    plan: VillagePlanFacts, today: date, calendar: WorkingDayCalendar, profile: Profile
) -> list[Finding]:
    if not plan.open_objections:
        return []
    ends = sorted(
        (decision_deadline(profile, r, calendar) for r in plan.open_objections),
        key=lambda end: end.day,
    )
    first = ends[0]
    overdue = sum(1 for end in ends if today > end.day)
    note = f"（{first.warning}）" if first.warning else ""
    if overdue:
        message = (
            f"有{overdue}件选民名单异议已超过处理期限（最早一件应于{first.day}前作出决定）{note}；"
            "请立即作出处理决定并公布结果。"
        )
        return [block("VC-REG-6", message)]
    pending = len(ends)
    if today >= plan.election_day:
        message = f"还有{pending}件选民名单异议未处理；异议须在选举日前作出决定并公布结果。"
        return [block("VC-REG-6", message)]
    message = f"有{pending}件选民名单异议待处理，最早一件应于{first.day}前作出决定并公布{note}。"
    return [warn("VC-REG-6", message)]


def _party_issues(plan: VillagePlanFacts, today: date, profile: Profile) -> list[Finding]:
    if not profile.get_bool("pb.registration_defines_should_attend"):
        return []
    if plan.member_registration_closed is not None:
        return []
    severity = Severity.BLOCK if today >= plan.election_day else Severity.WARNING
    return [
        Finding(
            "SEED-PB-REG",
            severity,
            "党员选举登记尚未截止；应到会人数以登记为准，请在投票前截止登记并公布登记名单。",
        )
    ]
