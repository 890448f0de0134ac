"""A village's plan as dated tasks: the steps of each body's election (domain.md §3, practice.md §1).

A task template lists the steps of the four bodies in the order they are elected (SEQ-1: party
organization → villagers' committee → supervision committee → cooperative). A step is dated
either by the law (the engine's `plan_deadlines` for the villagers' committee: the latest lawful
day) or by a planned offset from its body's election day (D−35 …), which is template data, not
law. A planned offset that breaks a legal minimum is refused (`RuleViolation`): one county's
calendar published the formal candidates at D−4 (practice.md §1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.calendar import TableCalendar, WorkingDayCalendar
from huanjie.rules.timeline.deadlines import Deadline, Step, check_schedule, plan_deadlines

# The bodies of one village in the order they are elected (SEQ-1); the cooperative's two boards
# are elected at one assembly, dated by the management board's election.
BODY_ORDER = (
    "party_organization",
    "villagers_committee",
    "supervision_committee",
    "cooperative_board",
)


_ANY_DAY = date(2000, 1, 1)


class Method(StrEnum):
    """Which way of fixing the villagers' committee's candidates a step belongs to."""

    ANY = "any"
    CANDIDATES = "candidates"  # 有候选人差额选举
    SELF_NOMINATION = "self_nomination"  # 自荐直选 (PROV-ZJ-SELF-1)


class DateKind(StrEnum):
    LEGAL = "legal"  # the latest day the law allows
    PLANNED = "planned"  # the template's day, within the law


@dataclass(frozen=True, slots=True)
class Basis:
    """A rule the step rests on: its ID and the article's words (rules.md)."""

    rule_id: str
    words: str


@dataclass(frozen=True, slots=True)
class TaskTemplate:
    key: str
    body: str
    title: str
    owner: str  # the role that does the step (accounts.Role's value)
    how_to: str
    basis: tuple[Basis, ...]
    offset: int | None = None  # planned days from the body's election day (negative: before)
    step: Step | None = None  # the engine's legal deadline the step meets (villagers' committee)
    minimum_before: int | None = None  # a legal minimum of days before, outside the engine
    ritual: bool = False  # a fixed ritual every village performs (e.g. 重温入党誓词)
    method: Method = Method.ANY
    requires: str | None = None  # a profile switch the step exists under


@dataclass(frozen=True, slots=True)
class PlannedTask:
    template: TaskTemplate
    order: int
    day: date | None  # None: the body's election day is not fixed yet
    kind: DateKind
    legal_day: date | None  # the latest lawful day, where the law sets one
    warning: str | None = None  # a deadline counted in a year the holiday table lacks


@dataclass(frozen=True, slots=True)
class ElectionDays:
    """The villagers' election days by body (None: not fixed) and how the VC's candidates come."""

    days: Mapping[str, date | None]
    self_nomination: bool = False


def plan_tasks(
    template: Sequence[TaskTemplate],
    election: ElectionDays,
    *,
    vc_profile: Profile,
    party_profile: Profile,
    calendar: WorkingDayCalendar,
) -> list[PlannedTask]:
    """The template's tasks for one village, dated, in the order of the bodies then the template.

    Raises `RuleViolation` where a planned offset breaks a legal minimum.
    """
    check_template(template)
    vc_day = election.days.get("villagers_committee")
    legal = _legal(vc_profile, vc_day, calendar)
    _check_planned(template, vc_profile, vc_day, calendar)
    # The steps the profile regulates at all (the same on any day).
    regulated = {d.step for d in plan_deadlines(vc_profile, _ANY_DAY, TableCalendar())}
    bodies = {b: i for i, b in enumerate(BODY_ORDER)}
    ordered = sorted(enumerate(template), key=lambda it: (bodies[it[1].body], it[0]))
    kept = [
        item
        for _, item in ordered
        if (item.step is None or item.step in regulated)
        and _applies(item, election, vc_profile, party_profile)
    ]
    return [
        _dated(item, order, election.days.get(item.body), legal)
        for order, item in enumerate(kept, start=1)
    ]


def check_template(template: Sequence[TaskTemplate]) -> None:
    """Refuse a template whose keys repeat, whose bodies are unknown, or whose planned offsets
    break a legal minimum of days before the election day."""
    seen: set[str] = set()
    for item in template:
        if item.key in seen:
            raise RuleViolation("C.7", f"工作安排模板中步骤“{item.key}”重复，请删去重复的一项。")
        seen.add(item.key)
        if item.body not in BODY_ORDER:
            raise RuleViolation("SEQ-1", f"工作安排模板中“{item.title}”的选举机构无法识别。")
        if item.offset is None and item.step is None:
            raise RuleViolation("C.7", f"工作安排模板中“{item.title}”既无法定期限也无计划日期。")
        if item.step is not None and item.body != "villagers_committee":
            raise RuleViolation(
                "C.7", f"工作安排模板中“{item.title}”的法定期限只适用于村民委员会选举。"
            )
        short = item.minimum_before is not None and item.offset is not None
        if short and -(item.offset or 0) < (item.minimum_before or 0):
            rule = item.basis[0].rule_id if item.basis else "C.7"
            raise RuleViolation(
                rule,
                f"工作安排中“{item.title}”定在选举日前{-(item.offset or 0)}日，不足法定的"
                f"{item.minimum_before}日；请改到选举日前{item.minimum_before}日或更早。",
            )


def _applies(
    item: TaskTemplate, election: ElectionDays, vc_profile: Profile, party_profile: Profile
) -> bool:
    if item.method is Method.SELF_NOMINATION and not election.self_nomination:
        return False
    if item.method is Method.CANDIDATES and election.self_nomination:
        return False
    if item.requires is not None:
        profile = party_profile if item.body == "party_organization" else vc_profile
        if not profile.get_bool(item.requires):
            return False
    return True


def _legal(
    profile: Profile, vc_day: date | None, calendar: WorkingDayCalendar
) -> dict[Step, Deadline]:
    if vc_day is None:
        return {}
    return {d.step: d for d in plan_deadlines(profile, vc_day, calendar)}


def _check_planned(
    template: Sequence[TaskTemplate],
    vc_profile: Profile,
    vc_day: date | None,
    calendar: WorkingDayCalendar,
) -> None:
    """A planned day of a step the law dates must not be later than the law's (check_schedule);
    checked on the village's own VC election day (an objection window ends on working days)."""
    if vc_day is None:
        return
    planned = {
        item.step: vc_day + timedelta(days=item.offset)
        for item in template
        if item.step is not None and item.offset is not None and item.body == "villagers_committee"
    }
    check_schedule(vc_profile, vc_day, planned, calendar=calendar)


def _dated(
    item: TaskTemplate, order: int, day: date | None, legal: Mapping[Step, Deadline]
) -> PlannedTask:
    if day is None:
        kind = DateKind.PLANNED if item.offset is not None else DateKind.LEGAL
        return PlannedTask(item, order, None, kind, None)
    deadline = legal.get(item.step) if item.step is not None else None
    legal_day = deadline.day if deadline is not None else None
    warning = deadline.warning if deadline is not None else None
    if item.minimum_before is not None:
        legal_day = day - timedelta(days=item.minimum_before)
    if item.offset is None:
        return PlannedTask(item, order, legal_day, DateKind.LEGAL, legal_day, warning)
    planned = day + timedelta(days=item.offset)
    return PlannedTask(item, order, planned, DateKind.PLANNED, legal_day, warning)


# A campaign's own template: planned offsets, owners and how-tos changed from the default ------


@dataclass(frozen=True, slots=True)
class TemplateChange:
    """What a campaign changed in one step: its planned offset (only a step that has one), its
    owner and its how-to."""

    offset: int | None
    owner: str
    how_to: str


def apply_changes(
    template: Sequence[TaskTemplate], changes: Mapping[str, TemplateChange]
) -> tuple[TaskTemplate, ...]:
    """The template with the campaign's changes; a step dated by the law keeps the law's day."""
    changed = []
    for item in template:
        change = changes.get(item.key)
        if change is not None:
            offset = change.offset if item.offset is not None else None
            item = replace(item, offset=offset, owner=change.owner, how_to=change.how_to)
        changed.append(item)
    return tuple(changed)


def last_lawful_offset(
    item: TaskTemplate, profile: Profile, vc_day: date, calendar: WorkingDayCalendar
) -> int | None:
    """The latest planned offset the law allows the step (its minimum of days before, and the
    engine's latest lawful day on the village's election day); None where the law sets none."""
    bounds = [] if item.minimum_before is None else [-item.minimum_before]
    if item.step is not None:
        bounds += [
            (d.day - vc_day).days
            for d in plan_deadlines(profile, vc_day, calendar)
            if d.step == item.step
        ]
    return min(bounds) if bounds else None
