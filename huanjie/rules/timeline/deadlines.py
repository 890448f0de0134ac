"""The dated steps of a villagers' committee election and their legal deadlines (§C.7, H-9).

Every offset comes from the profile, so a county's derived profile moves them; a calendar
template (倒排工期) is checked against them and refused when it breaks one (practice.md §1).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from huanjie.rules.checks import Finding, block
from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.calendar import TableCalendar, WorkingDayCalendar
from huanjie.rules.timeline.periods import PeriodEnd, deadline_before, within_after


class Direction(StrEnum):
    BEFORE = "before"  # "选举日的 N 日前": on or before the date, never rolled
    AFTER = "after"  # counted after an event, rolled to the next working day


class Step(StrEnum):
    VOTER_LIST = "voter_list"
    OBJECTION = "objection"
    OBJECTION_DECISION = "objection_decision"
    SELF_NOMINEE_REGISTRATION = "self_nominee_registration"
    SELF_NOMINEE_LIST = "self_nominee_list"
    CANDIDATE_LIST = "candidate_list"
    VOTE_NOTICE = "vote_notice"
    CANDIDATE_WITHDRAWAL = "candidate_withdrawal"
    PROXY_REQUEST = "proxy_request"
    PROXY_LIST = "proxy_list"
    SEAL_HANDOVER = "seal_handover"
    HANDOVER = "handover"
    SUPPLEMENTARY_ROUND = "supplementary_round"


@dataclass(frozen=True, slots=True)
class Deadline:
    step: Step
    label: str
    day: date
    rule_id: str
    direction: Direction
    parameter: str
    days: int
    source: str
    tag: str  # the parameter's verification tag: V, S, M (待核实), I or D
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class _StepRule:
    step: Step
    label: str
    parameter: str
    rule_id: str
    direction: Direction = Direction.BEFORE
    applies: Callable[[Profile], bool] = lambda _p: True


def _self_nomination(p: Profile) -> bool:
    return p.get_bool("self.enabled")


def _withdrawal_regulated(p: Profile) -> bool:
    return p.get_optional_int("nom.withdraw_days_before") is not None


# Acts due a number of days before election day. The rule IDs of §C.7 rows that have none of
# their own are "C.7".
_BEFORE: tuple[_StepRule, ...] = (
    _StepRule(Step.VOTER_LIST, "公布选民名单", "reg.list_days_before", "VC-REG-5"),
    _StepRule(
        Step.SELF_NOMINEE_REGISTRATION,
        "自荐人报名截止",
        "self.reg_days_before",
        "PROV-ZJ-SELF-2",
        applies=_self_nomination,
    ),
    _StepRule(
        Step.SELF_NOMINEE_LIST,
        "按姓氏笔画公布自荐人名单",
        "nom.list_days_before",
        "PROV-ZJ-SELF-2",
        applies=_self_nomination,
    ),
    _StepRule(Step.CANDIDATE_LIST, "公布正式候选人名单", "nom.list_days_before", "VC-NOM-6"),
    _StepRule(
        Step.VOTE_NOTICE,
        "公布投票时间、地点和唱票、计票、监票人员",
        "vote.notice_days_before",
        "C.7",
    ),
    _StepRule(
        Step.CANDIDATE_WITHDRAWAL,
        "候选人书面提出不愿接受提名",
        "nom.withdraw_days_before",
        "VC-NOM-7",
        applies=_withdrawal_regulated,
    ),
    _StepRule(Step.PROXY_REQUEST, "提出委托投票申请", "proxy.request_days_before", "C.7"),
    _StepRule(Step.PROXY_LIST, "公布委托投票名单", "proxy.publish_days_before", "VC-VOTE-2"),
)
_OBJECTION = _StepRule(
    Step.OBJECTION, "对选民名单提出异议截止", "reg.objection_days", "VC-REG-6", Direction.AFTER
)
_DECISION = _StepRule(
    Step.OBJECTION_DECISION,
    "对最后一日受理的异议作出处理决定",
    "reg.decision_days",
    "VC-REG-6",
    Direction.AFTER,
)
_SEAL = _StepRule(
    Step.SEAL_HANDOVER, "移交公章（当日）", "handover.seal_same_day", "VC-POST-1", Direction.AFTER
)
# Periods counted after the new committee is formed on election day.
_AFTER: tuple[_StepRule, ...] = (
    _StepRule(Step.HANDOVER, "完成工作移交", "handover.days", "VC-POST-1", Direction.AFTER),
    _StepRule(
        Step.SUPPLEMENTARY_ROUND,
        "另行选举（如需）最晚日期",
        "supp.max_days_after",
        "VC-TALLY-7",
        Direction.AFTER,
    ),
)


def plan_deadlines(
    profile: Profile, election_day: date, calendar: WorkingDayCalendar
) -> list[Deadline]:
    """Every deadline of the profile for one election day, in date order.

    The objection window and its decision are counted from the LATEST lawful publication day of
    the voter list; `objection_deadlines` counts them from the real one.
    """
    deadlines = [
        _deadline(profile, rule, deadline_before(election_day, profile.get_int(rule.parameter)))
        for rule in _BEFORE
        if rule.applies(profile)
    ]
    deadlines += objection_deadlines(profile, deadlines[0].day, calendar)
    if profile.get_bool("handover.seal_same_day"):
        deadlines.append(_deadline(profile, _SEAL, election_day, days=0))
    for rule in _AFTER:
        end = within_after(election_day, profile.get_int(rule.parameter), calendar)
        deadlines.append(_deadline(profile, rule, end.day, end.warning))
    return sorted(deadlines, key=lambda d: d.day)


def objection_deadlines(
    profile: Profile, published: date, calendar: WorkingDayCalendar
) -> tuple[Deadline, Deadline]:
    """VC-REG-6: the last day to object to a list published on `published`, and the last day
    to decide an objection received on that last day."""
    close = within_after(published, profile.get_int(_OBJECTION.parameter), calendar)
    decided = decision_deadline(profile, close.day, calendar)
    return (
        _deadline(profile, _OBJECTION, close.day, close.warning),
        _deadline(profile, _DECISION, decided.day, decided.warning),
    )


def decision_deadline(profile: Profile, received: date, calendar: WorkingDayCalendar) -> PeriodEnd:
    """VC-REG-6: the committee decides an objection within `reg.decision_days` of receiving it."""
    return within_after(received, profile.get_int(_DECISION.parameter), calendar)


def recall_deadlines(
    profile: Profile, demand_received: date, calendar: WorkingDayCalendar
) -> tuple[PeriodEnd, PeriodEnd | None]:
    """REC-3: the committee's last day to hold a recall vote, then the township's fallback
    (counted from the committee's last day), where the profile has one."""
    vote = within_after(demand_received, profile.get_int("recall.vote_days"), calendar)
    fallback = profile.get_optional_int("recall.fallback_days")
    if fallback is None:
        return vote, None
    return vote, within_after(vote.day, fallback, calendar)


def schedule_violations(
    profile: Profile,
    election_day: date,
    planned: Mapping[Step, date],
    *,
    calendar: WorkingDayCalendar | None = None,
) -> list[Finding]:
    """Where a calendar template (倒排工期) breaks a legal minimum of the profile.

    Without a calendar, weekends alone are rest days: periods counted after an event then end no
    later than with the real holiday table, so a template that passes here passes there too.
    Steps the profile does not regulate are not checked.
    """
    cal = calendar if calendar is not None else TableCalendar()
    legal = {d.step: d for d in plan_deadlines(profile, election_day, cal)}
    findings: list[Finding] = []
    for step, day in sorted(planned.items(), key=lambda item: item[1]):
        deadline = legal.get(step)
        if deadline is None:
            continue
        if step is Step.OBJECTION:
            published = planned.get(Step.VOTER_LIST, legal[Step.VOTER_LIST].day)
            shortest = objection_deadlines(profile, published, cal)[0]
            if day < shortest.day:
                findings.append(_short_window(shortest, day))
            continue
        if step is Step.OBJECTION_DECISION and Step.OBJECTION in planned:
            decided = decision_deadline(profile, planned[Step.OBJECTION], cal)
            deadline = replace(deadline, day=decided.day)
        if day > deadline.day:
            findings.append(_late_step(deadline, day, election_day))
    return findings


def check_schedule(
    profile: Profile,
    election_day: date,
    planned: Mapping[Step, date],
    *,
    calendar: WorkingDayCalendar | None = None,
) -> None:
    """Refuse a calendar template that breaks a legal minimum (raises `RuleViolation` with the
    rule ID of the earliest broken step and every problem in the message)."""
    findings = schedule_violations(profile, election_day, planned, calendar=calendar)
    if findings:
        raise RuleViolation(findings[0].rule_id, "".join(f.message for f in findings))


def _late_step(deadline: Deadline, day: date, election_day: date) -> Finding:
    if deadline.direction is Direction.BEFORE:
        when = f"选举日前{(election_day - day).days}日（{day}）"
        legal = f"选举日前{deadline.days}日，即{deadline.day}"
    else:
        when, legal = str(day), str(deadline.day)
    return block(
        deadline.rule_id,
        f"工作安排中“{deadline.label}”定在{when}，晚于法定最晚日（{legal}）；"
        f"请改到{deadline.day}或以前。",
    )


def _short_window(shortest: Deadline, day: date) -> Finding:
    return block(
        shortest.rule_id,
        f"工作安排中选民名单异议期到{day}截止，不足法定的{shortest.days}日；"
        f"请把异议截止日改到{shortest.day}或以后。",
    )


def _deadline(
    profile: Profile,
    rule: _StepRule,
    day: date,
    warning: str | None = None,
    *,
    days: int | None = None,
) -> Deadline:
    param = profile.param(rule.parameter)
    return Deadline(
        step=rule.step,
        label=rule.label,
        day=day,
        rule_id=rule.rule_id,
        direction=rule.direction,
        parameter=rule.parameter,
        days=profile.get_int(rule.parameter) if days is None else days,
        source=param.source,
        tag=param.tag,
        warning=warning,
    )
