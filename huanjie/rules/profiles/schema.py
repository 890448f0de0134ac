"""The typed schema of every rule-profile parameter (profiles.md is normative for names).

Each parameter has a kind (how its value is read), the body whose profiles may carry it, and,
where the law sets a floor or a ceiling, a bound that a derived profile may only tighten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.relations import RelationSet

ParamValue = int | bool | str | Fraction | RelationSet | None

ID_PATTERN = re.compile(r"[A-Z][A-Z0-9_]*")


class ProfileError(RuleViolation):
    """A profile cannot be loaded: the parameter (or metadata field) and a Chinese fix."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__("PROFILE", message)
        self.parameter = parameter


class Body(StrEnum):
    """Which body's elections a profile governs (VC profiles also govern supervision,
    cooperative and recall contests)."""

    VILLAGERS_COMMITTEE = "villagers_committee"
    PARTY_ORGANIZATION = "party_organization"

    @property
    def label(self) -> str:
        return _BODY_LABELS[self]


_BODY_LABELS = {
    Body.VILLAGERS_COMMITTEE: "村民委员会",
    Body.PARTY_ORGANIZATION: "党组织",
}


class Tag(StrEnum):
    """How far a value is verified (rules.md §0.1); the UI shows M as 待核实."""

    VERIFIED = "V"
    SECONDARY = "S"
    UNVERIFIED = "M"
    INTERPRETATION = "I"
    ENGINE_DEFAULT = "D"


# Values a derived profile may not weaken: those read in a legal text.
LEGAL_TAGS = frozenset({Tag.VERIFIED, Tag.SECONDARY})


class Kind(StrEnum):
    INT = "int"
    BOOL = "bool"
    FRACTION = "fraction"
    ENUM = "enum"
    RELATION_SET = "relation_set"
    RETRY_BAR = "retry_bar"  # years (int), "term", or null
    DATA_FILE = "data_file"  # id of a data file, e.g. the negative list (QUAL-4..7)


class Bound(StrEnum):
    """How a derived profile may change a value its parent took from a legal text.

    FLOOR: only up (a "days before" deadline, a minimum size, a wider avoidance set; null is
    the weakest value). CEILING: only down (a cap, a "within N days" period, a narrower
    permission; null means "no cap", the loosest value).
    """

    FLOOR = "floor"
    CEILING = "ceiling"


@dataclass(frozen=True, slots=True)
class Param:
    """One resolved parameter: its value, where the value comes from, and how sure it is."""

    name: str
    value: ParamValue
    source: str
    tag: Tag
    # The profile in the chain that set the value ("profile_overrides" for an override).
    defined_in: str = ""


@dataclass(frozen=True, slots=True)
class ParamSpec:
    name: str
    body: Body
    kind: Kind
    label: str
    nullable: bool = False
    choices: tuple[str, ...] = ()
    minimum: int = 0
    bound: Bound | None = None
    # False for parameters a root may leave out (gtzx.* exist only in 公推直选 profiles).
    required: bool = True


_VC = Body.VILLAGERS_COMMITTEE
_PB = Body.PARTY_ORGANIZATION
_FLOOR = Bound.FLOOR
_CEIL = Bound.CEILING


def _int(
    body: Body,
    name: str,
    label: str,
    *,
    minimum: int = 0,
    nullable: bool = False,
    bound: Bound | None = None,
    required: bool = True,
) -> ParamSpec:
    return ParamSpec(
        name, body, Kind.INT, label, nullable, minimum=minimum, bound=bound, required=required
    )


def _bool(body: Body, name: str, label: str, bound: Bound | None = None) -> ParamSpec:
    return ParamSpec(name, body, Kind.BOOL, label, bound=bound)


def _enum(body: Body, name: str, label: str, *choices: str) -> ParamSpec:
    return ParamSpec(name, body, Kind.ENUM, label, choices=choices)


def _rel(body: Body, name: str, label: str, bound: Bound | None = None) -> ParamSpec:
    return ParamSpec(name, body, Kind.RELATION_SET, label, bound=bound)


def _frac(
    body: Body, name: str, label: str, *, bound: Bound | None = None, required: bool = True
) -> ParamSpec:
    return ParamSpec(name, body, Kind.FRACTION, label, bound=bound, required=required)


_SPECS: tuple[ParamSpec, ...] = (
    _int(_VC, "vc.term_years", "村委会每届任期年数", minimum=1),
    _int(_VC, "vc.seats_min", "村委会成员职数下限", minimum=1, bound=_FLOOR),
    _int(_VC, "vc.seats_max", "村委会成员职数上限", minimum=1, bound=_CEIL),
    _bool(_VC, "vc.size_must_be_odd", "村委会职数须为单数", _FLOOR),
    _int(_VC, "vc.women_min", "村委会妇女成员最少人数", bound=_FLOOR),
    _enum(_VC, "vc.win_base", "当选所需过半数的基数", "participants", "ballots_collected"),
    _bool(_VC, "vc.tie_revote_requires_majority", "等票重选是否仍须过半数"),
    _int(_VC, "ec.size_min", "村民选举委员会人数下限", minimum=1, bound=_FLOOR),
    _int(_VC, "ec.size_max", "村民选举委员会人数上限", minimum=1, bound=_CEIL),
    _enum(_VC, "ec.withdraw_trigger", "选委会成员退出的时点", "nominated", "confirmed"),
    _rel(_VC, "ec.withdraw_relatives", "须退出选委会的候选人亲属范围", _FLOOR),
    _int(_VC, "reg.list_days_before", "选民名单须在选举日前公布的天数", bound=_FLOOR),
    _int(_VC, "reg.objection_days", "选民名单异议期天数", minimum=1, bound=_FLOOR),
    _int(_VC, "reg.decision_days", "异议处理期限天数", minimum=1, bound=_CEIL),
    _int(_VC, "reg.cat3_residence_years", "户籍不在本村者须居住的年数"),
    _int(_VC, "reg.cat4_village_affairs_years", "在本村从事村务工作须满的年数", nullable=True),
    _int(_VC, "nom.list_days_before", "候选人名单须在选举日前公布的天数", bound=_FLOOR),
    _int(
        _VC,
        "nom.withdraw_days_before",
        "候选人须在选举日前书面退出的天数",
        nullable=True,
        bound=_FLOOR,
    ),
    _int(_VC, "nom.max_posts_per_person", "每人可参选职位数", minimum=1, bound=_CEIL),
    _bool(_VC, "self.enabled", "是否允许自荐直选"),
    _int(_VC, "self.reg_days_before", "自荐须在选举日前报名的天数", bound=_FLOOR),
    _int(_VC, "vote.notice_days_before", "选举时间地点须在选举日前公告的天数", bound=_FLOOR),
    _rel(_VC, "proxy.allowed_relations", "可受委托的亲属范围", _CEIL),
    _int(
        _VC,
        "proxy.max_per_holder",
        "每名受托人最多接受委托数",
        nullable=True,
        minimum=1,
        bound=_CEIL,
    ),
    _bool(_VC, "proxy.candidate_may_hold", "候选人可否接受委托", _CEIL),
    _int(_VC, "proxy.request_days_before", "委托投票须在选举日前办理的天数", bound=_FLOOR),
    _int(_VC, "proxy.publish_days_before", "委托名单须在选举日前公布的天数", bound=_FLOOR),
    _bool(_VC, "mobile.requires_approval", "流动票箱须经乡镇批准", _FLOOR),
    _int(_VC, "mobile.min_scrutineers", "每个流动票箱最少监票人数", minimum=1, bound=_FLOOR),
    # Not in profiles.md's table: BJ art 23 (MOBILE-2) asks the same minimum per polling station.
    _int(_VC, "station.min_scrutineers", "每个投票站最少监票人数", minimum=1, nullable=True),
    _enum(_VC, "ballot.overvote_scope", "多选无效的范围", "whole_ballot", "position_section"),
    _bool(_VC, "ballot.same_person_multi_post_invalid", "同一人填入多个职位的选票无效"),
    _bool(_VC, "ballot.partial_invalidity", "选票可部分无效"),
    _enum(
        _VC,
        "ballot.multi_position_mode",
        "多职位投票方式",
        "exclusive_sections",
        "vote_sinking",
        "sequential_rounds",
    ),
    _enum(
        _VC,
        "women_seat_mode",
        "妇女委员保障方式",
        "none",
        "separate_section",
        "reserve_candidate",
        "top_woman_replaces",
    ),
    _bool(_VC, "supp.requires_turnout", "另行选举须过半数选民参加"),
    _int(_VC, "supp.extra_candidates_per_post", "另行选举每职位差额人数"),
    _int(_VC, "supp.max_days_after", "另行选举须在选举日后举行的最多天数", bound=_CEIL),
    _int(_VC, "supp.min_elected_to_allow_vacancy", "可以空缺所需的最少当选人数", bound=_FLOOR),
    _bool(_VC, "supp.vacancy_requires_chair", "空缺须已选出主任", _FLOOR),
    _rel(_VC, "kin.vc_internal_set", "村委会成员之间的回避亲属范围", _FLOOR),
    _enum(_VC, "kin.cross_body", "跨组织亲属关系的处理", "warn", "block"),
    _rel(_VC, "kin.cross_body_set", "党组织、村委会、经济合作社之间的回避亲属范围"),
    _rel(_VC, "kin.yjt_set", "“一肩挑”人选的回避亲属范围"),
    _rel(_VC, "kin.staff_set", "唱票、计票、监票人员须回避的候选人亲属范围", _FLOOR),
    _bool(_VC, "struct.warn_no_college_member", "无大学学历成员时提示"),
    _int(_VC, "struct.warn_no_member_under", "无此年龄及以下成员时提示的年龄", minimum=1),
    _bool(_VC, "struct.women_dedicated_member", "妇女委员专职专选"),
    _bool(_VC, "struct.warn_sup_chair_not_party_deputy", "监委会主任非党组织副书记时提示"),
    ParamSpec("qual.list", _VC, Kind.DATA_FILE, "资格负面清单数据文件"),
    _bool(_VC, "yjt.allowed", "允许“一肩挑”"),
    _int(_VC, "recall.vote_days", "罢免要求提出后须表决的天数", minimum=1, bound=_CEIL),
    _int(
        _VC,
        "recall.fallback_days",
        "乡镇代为组织罢免的天数",
        nullable=True,
        minimum=1,
        bound=_CEIL,
    ),
    ParamSpec("recall.retry_bar", _VC, Kind.RETRY_BAR, "罢免未通过后的再提出限制", nullable=True),
    _int(_VC, "handover.days", "工作移交期限天数", minimum=1, bound=_CEIL),
    _bool(_VC, "handover.seal_same_day", "公章当日移交", _FLOOR),
    _int(_VC, "sup.size_min", "村务监督委员会人数下限", minimum=1, bound=_FLOOR),
    _int(_VC, "sup.size_max", "村务监督委员会人数上限", nullable=True, minimum=1, bound=_CEIL),
    _int(_VC, "ceo.board_size_min", "经济合作社理事会人数下限", minimum=1, bound=_FLOOR),
    _int(_VC, "ceo.board_size_max", "经济合作社理事会人数上限", minimum=1, bound=_CEIL),
    _bool(_VC, "ceo.board_size_odd", "经济合作社理事会人数须为单数", _FLOOR),
    _rel(_VC, "ceo.kin_set", "经济合作社理事、监事的回避亲属范围", _FLOOR),
    _enum(_PB, "pb.quorum_base", "到会人数的比较基数", "should_attend", "all_voting_members"),
    _frac(_PB, "pb.quorum_fraction", "选举有效的到会比例", bound=_FLOOR),
    _enum(_PB, "pb.quorum_cmp", "到会比例的比较方式", ">=", ">"),
    _enum(_PB, "pb.win_base", "当选所需过半数的基数", "should_attend", "present"),
    _bool(_PB, "pb.tie_revote_requires_majority", "等票重选是否仍须过半数"),
    _frac(_PB, "pb.diff_min_ratio", "委员候选人最低差额比例", bound=_FLOOR),
    _enum(
        _PB,
        "pb.ballot_reconcile_against",
        "收回选票的核对基数",
        "min_issued_present",
        "issued",
    ),
    _bool(_PB, "pb.proxy_allowed", "允许委托投票", _CEIL),
    _bool(_PB, "pb.allow_reduce_seats", "当选不足时可减少名额"),
    _int(_PB, "pb.min_committee_size", "委员会最少人数", minimum=1),
    _enum(
        _PB,
        "pb.secretary_mode",
        "书记的产生方式",
        "by_committee",
        "by_members_meeting",
        "cascade",
    ),
    _frac(_PB, "pb.plenary_quorum", "全体委员会议选举书记的到会比例"),
    _bool(_PB, "pb.writein_requires_mark", "另选他人须同时画符号"),
    _bool(_PB, "pb.registration_defines_should_attend", "以选举登记确定应到会人数"),
    _rel(_PB, "pb.kin_set", "计票时的回避亲属范围"),
    _int(_PB, "pb.term_years", "党组织每届任期年数", minimum=1),
    ParamSpec("gtzx.every_round_competitive", _PB, Kind.BOOL, "每轮均须差额", required=False),
    _int(_PB, "gtzx.max_posts_per_applicant", "每人最多报名职位数", minimum=1, required=False),
    _frac(_PB, "gtzx.nonmember_rep_share_max", "非党员代表占党员人数的上限", required=False),
    _frac(_PB, "gtzx.recall_petition_fraction", "提出罢免所需党员比例", required=False),
)

SCHEMA: dict[str, ParamSpec] = {spec.name: spec for spec in _SPECS}


def describe(name: str) -> str:
    """`name（label）` for messages; unknown names are shown as they are."""
    spec = SCHEMA.get(name)
    return f"{name}（{spec.label}）" if spec else name
