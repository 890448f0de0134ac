"""Nominating villagers' committee candidates: who may apply for which post and until when, and
the dates of the candidate list and of a withdrawal (VC-NOM-4, VC-NOM-6, VC-NOM-7,
PROV-ZJ-SELF-2).

Every number comes from the profile (`nom.*`, `self.*`); the dates are the timeline's
(`deadline_before`: "选举日的 N 日前", never rolled).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from huanjie.rules.checks import Finding, block
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.periods import deadline_before


class Kind(StrEnum):
    SELF = "self"  # 个人自荐
    JOINT = "joint"  # 村民联名推荐
    ORGANIZATION = "organization"  # 组织推荐


def self_registration_deadline(profile: Profile, election_day: date) -> date | None:
    """PROV-ZJ-SELF-2: the last day a self-nominee may register, where the profile has
    self-nomination at all."""
    if not profile.get_bool("self.enabled"):
        return None
    return deadline_before(election_day, profile.get_int("self.reg_days_before"))


def list_deadline(profile: Profile, election_day: date) -> date:
    """VC-NOM-6: the last day to publish the candidate list."""
    return deadline_before(election_day, profile.get_int("nom.list_days_before"))


def withdrawal_deadline(profile: Profile, election_day: date) -> date | None:
    """VC-NOM-7: the last day a candidate may decline in writing; None where the profile sets
    no deadline (the national law has none)."""
    days = profile.get_optional_int("nom.withdraw_days_before")
    return None if days is None else deadline_before(election_day, days)


def application_findings(
    profile: Profile,
    *,
    election_day: date,
    filed_on: date,
    kind: Kind,
    other_posts: int,
) -> list[Finding]:
    """Why an application may not be taken: filed too late for a self-nominee
    (PROV-ZJ-SELF-2), or for more posts than the profile allows one person (VC-NOM-4).
    `other_posts` counts the person's live applications for other posts of the election."""
    findings: list[Finding] = []
    if filed_on > election_day:
        findings.append(
            block(
                "VC-NOM-1",
                f"报名日期{filed_on}在选举日（{election_day}）之后，请核对日期。",
            )
        )
    last = self_registration_deadline(profile, election_day)
    if kind is Kind.SELF and last is not None and filed_on > last:
        days = profile.get_int("self.reg_days_before")
        findings.append(
            block(
                "PROV-ZJ-SELF-2",
                f"自荐人须在选举日{days}日前报名，最晚{last}；{filed_on}报名已过期限，"
                "不能再登记为自荐人，可由村民联名或组织推荐。",
            )
        )
    most = profile.get_int("nom.max_posts_per_person")
    if other_posts >= most:
        findings.append(
            block(
                "VC-NOM-4",
                f"每人只能参选{most}个职位，此人已报名参选其他职位{other_posts}个；"
                "请先撤回另一项报名，或书面确认只参选一个职位。",
            )
        )
    return findings


def list_date_finding(profile: Profile, election_day: date, on: date) -> Finding | None:
    """VC-NOM-6: a candidate list published after the last lawful day."""
    last = list_deadline(profile, election_day)
    if on <= last:
        return None
    days = profile.get_int("nom.list_days_before")
    return block(
        "VC-NOM-6",
        f"正式候选人名单须在选举日{days}日前公布，最晚{last}；{on}公布已晚，"
        f"请把公布日期改到{last}或以前，否则须推迟选举日。",
    )


def withdrawal_finding(profile: Profile, election_day: date, on: date) -> Finding | None:
    """VC-NOM-7: a candidate declining after the last day the profile allows."""
    last = withdrawal_deadline(profile, election_day)
    if last is None or on <= last:
        return None
    days = profile.get_int("nom.withdraw_days_before")
    return block(
        "VC-NOM-7",
        f"候选人不愿接受提名的，须在选举日{days}日前书面提出，最晚{last}；"
        f"{on}已过期限，不能再退出，其姓名仍列在选票上。",
    )
