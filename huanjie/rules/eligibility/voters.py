"""Who may be registered as a voter of a villagers' committee election (rules.md §A.3, §G.1).

Facts in, a decision with its rule IDs and Chinese reasons out. Party members' rights and the
"should attend" base of a party election are in `member_rights`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from huanjie.rules.checks import Finding, block, warn
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.calendar import WorkingDayCalendar
from huanjie.rules.timeline.deadlines import decision_deadline, objection_deadlines
from huanjie.rules.timeline.periods import add_years, age_on, deadline_before

VOTING_AGE = 18  # a fixed national rule, not a profile parameter (profiles.md)


class RegistrationCategory(StrEnum):
    """VC-REG-2's registrable categories (+ the village-affairs category of ZJ and NAT_2026)."""

    HUKOU_RESIDENT = "hukou_resident"
    HUKOU_AWAY = "hukou_away"
    RESIDENT = "resident"
    VILLAGE_AFFAIRS = "village_affairs"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    RegistrationCategory.HUKOU_RESIDENT: "户籍在本村且在本村居住",
    RegistrationCategory.HUKOU_AWAY: "户籍在本村、不在本村居住，本人表示参加选举",
    RegistrationCategory.RESIDENT: "户籍不在本村、在本村居住满规定年限，经村民会议或村民代表会议同意",
    RegistrationCategory.VILLAGE_AFFAIRS: "户籍不在本村、在本村从事村务工作满规定年限，经村民会议或村民代表会议同意",
}


class ExclusionReason(StrEnum):
    """Why a person is left off the list: VC-REG-1 nationally, VC-REG-4 where the province's
    measures provide it (the committee records only what its measures allow)."""

    DEPRIVED_OF_POLITICAL_RIGHTS = "deprived_of_political_rights"
    NO_CIVIL_CAPACITY = "no_civil_capacity"
    UNREACHABLE = "unreachable"


_EXCLUSIONS: dict[ExclusionReason, tuple[str, str]] = {
    ExclusionReason.DEPRIVED_OF_POLITICAL_RIGHTS: ("VC-REG-1", "被依法剥夺政治权利"),
    ExclusionReason.NO_CIVIL_CAPACITY: ("VC-REG-4", "无民事行为能力"),
    ExclusionReason.UNREACHABLE: ("VC-REG-4", "登记期间经多方通知仍无法联系"),
}


@dataclass(frozen=True, slots=True)
class Exclusion:
    reason: ExclusionReason
    until: date | None = None  # the last day the condition applies; None: open-ended


@dataclass(frozen=True, slots=True)
class VoterFacts:
    birth_date: date
    hukou_here: bool
    resident: bool
    expressed_intent: bool = False  # category 2: said they want to take part
    residence_since: date | None = None  # category 3
    village_affairs_since: date | None = None  # the village-affairs category
    applied: bool = False  # categories 3 and village affairs
    assembly_approved: bool = False  # categories 3 and village affairs
    exclusions: tuple[Exclusion, ...] = ()


@dataclass(frozen=True, slots=True)
class VoterDecision:
    registrable: bool
    category: RegistrationCategory | None
    rule_ids: tuple[str, ...]
    reasons: tuple[str, ...]  # why not (empty when registrable)


def voter_decision(facts: VoterFacts, election_day: date, profile: Profile) -> VoterDecision:
    """VC-REG-1, VC-REG-2 and VC-REG-4 for one person (rules.md §G.1)."""
    rule_ids: list[str] = []
    reasons: list[str] = []
    if age_on(facts.birth_date, election_day) < VOTING_AGE:
        adult = add_years(facts.birth_date, VOTING_AGE)
        rule_ids.append("VC-REG-1")
        reasons.append(
            f"选举日（{election_day}）未满{VOTING_AGE}周岁（{adult}年满），不能登记为选民。"
        )
    for exclusion in facts.exclusions:
        if exclusion.until is None or exclusion.until >= election_day:
            rule_id, what = _EXCLUSIONS[exclusion.reason]
            rule_ids.append(rule_id)
            if exclusion.until is None:
                reasons.append(f"{what}，不列入选民名单。")
            else:
                reasons.append(
                    f"{what}（至{exclusion.until}），选举日前未消除，不列入选民名单；"
                    "该情形在选举日前消除的，应重新列入。"
                )
    category = registration_category(facts, election_day, profile)
    if category is None:
        rule_ids.append("VC-REG-2")
        reasons.append(_no_category_reason(facts, election_day, profile))
    return VoterDecision(not reasons, category, tuple(dict.fromkeys(rule_ids)), tuple(reasons))


def registration_category(
    facts: VoterFacts, election_day: date, profile: Profile
) -> RegistrationCategory | None:
    """The first VC-REG-2 category the person falls in, or None."""
    if facts.hukou_here:
        if facts.resident:
            return RegistrationCategory.HUKOU_RESIDENT
        return RegistrationCategory.HUKOU_AWAY if facts.expressed_intent else None
    if not (facts.applied and facts.assembly_approved):
        return None
    years = profile.get_int("reg.cat3_residence_years")
    if facts.resident and _served(facts.residence_since, years, election_day):
        return RegistrationCategory.RESIDENT
    affairs_years = profile.get_optional_int("reg.cat4_village_affairs_years")
    if affairs_years is not None and _served(
        facts.village_affairs_since, affairs_years, election_day
    ):
        return RegistrationCategory.VILLAGE_AFFAIRS
    return None


def _served(since: date | None, years: int, on: date) -> bool:
    """ "…一年以上" includes exactly the stated years (民法典 1259), counted to election day."""
    return since is not None and add_years(since, years) <= on


def _no_category_reason(facts: VoterFacts, election_day: date, profile: Profile) -> str:
    if facts.hukou_here:
        return "户籍在本村但不在本村居住，须本人表示参加选举后方可登记。"
    missing = []
    years = profile.get_int("reg.cat3_residence_years")
    affairs_years = profile.get_optional_int("reg.cat4_village_affairs_years")
    if not (facts.resident and _served(facts.residence_since, years, election_day)):
        basis = f"在本村居住满{years}年"
        if affairs_years is not None:
            basis += f"或在本村从事村务工作满{affairs_years}年"
        missing.append(f"至选举日{basis}")
    if not facts.applied:
        missing.append("本人提出参加选举的申请")
    if not facts.assembly_approved:
        missing.append("村民会议或村民代表会议同意")
    return f"户籍不在本村，须{'、'.join(missing)}，方可登记为选民。"


@dataclass(frozen=True, slots=True)
class Registration:
    """One voter registration of a person in a campaign."""

    village_code: str
    village_name: str


def double_registration_issue(
    village_code: str, registrations: Iterable[Registration]
) -> Finding | None:
    """VC-REG-3: a person already registered in another village of the same campaign (matched
    by ID number by the caller) may not be registered again."""
    elsewhere = sorted({r.village_name for r in registrations if r.village_code != village_code})
    if not elsewhere:
        return None
    return block(
        "VC-REG-3",
        f"此人已在{'、'.join(elsewhere)}登记为选民，同一届选举不得重复登记；"
        "如本人选择在本村参加选举，须先由原登记村取消其登记。",
    )


def voter_list_issue(published: date, election_day: date, profile: Profile) -> Finding | None:
    """VC-REG-5: the list must be published at least `reg.list_days_before` days before."""
    days = profile.get_int("reg.list_days_before")
    latest = deadline_before(election_day, days)
    if published <= latest:
        return None
    return block(
        "VC-REG-5",
        f"选民名单于{published}公布，晚于法定最晚日{latest}（选举日前{days}日）；"
        f"请将选举日推迟到{published + timedelta(days=days)}或以后。",
    )


def objection_issue(
    published: date, lodged: date, profile: Profile, calendar: WorkingDayCalendar
) -> Finding | None:
    """VC-REG-6: an objection lodged after the window is time-barred [I]. It is flagged, not
    blocked: the committee may still correct an obvious clerical error."""
    close = objection_deadlines(profile, published, calendar)[0]
    if lodged <= close.day:
        return None
    return warn(
        "VC-REG-6",
        f"该异议于{lodged}提出，异议期已于{close.day}届满，依法不再受理；"
        "名单中明显的登记错误仍可由村民选举委员会直接更正。",
    )


def decision_issue(
    received: date,
    decided: date | None,
    election_day: date,
    today: date,
    profile: Profile,
    calendar: WorkingDayCalendar,
) -> Finding | None:
    """VC-REG-6: an objection is decided within `reg.decision_days` of receipt, and in any case
    before election day."""
    end = decision_deadline(profile, received, calendar)
    latest = min(end.day, election_day - timedelta(days=1))
    day = decided if decided is not None else today
    if day <= latest:
        return None
    state = f"于{decided}作出决定" if decided is not None else "至今未作出决定"
    return block(
        "VC-REG-6",
        f"{received}收到的异议{state}，超过法定期限（应于{latest}前作出决定并公布）；"
        "请立即作出处理决定并公布结果。",
    )
