"""Who sits on the village bodies: VC-ORG-1..2, SUP-1..2, CEO-4 size, SEQ-1.

Legal composition rules block (VC-ORG-1 size, SUP-1/SUP-2 exclusions, CEO-4 board size);
VC-ORG-2 (a woman, a minority member) only warns: the voters decide who sits, the officer is
told what the result lacks. The seed's structure targets of the 两委 team (SEED-STRUCT) are in
`structure`; near-relative exclusions (KIN-2, KIN-5) are the kinship module's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from huanjie.rules.checks import Finding, block, in_zhejiang, warn
from huanjie.rules.eligibility.preferences import Education
from huanjie.rules.kinship.terms import Sex
from huanjie.rules.profiles.profile import Profile


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the party committee or the villagers' committee (posts as domain.md §7)."""

    key: str
    name: str
    post: str  # chair / vice_chair / member / women_member; secretary / deputy_secretary / member
    sex: Sex | None = None
    birth_date: date | None = None
    ethnicity: str | None = None
    education: Education | None = None


# VC-ORG-1 ------------------------------------------------------------------------------------


def check_vc_size(seats: int, profile: Profile) -> list[Finding]:
    """VC-ORG-1: 3–7 posts in total (profile bounds), odd where the province requires it."""
    low, high = profile.get_int("vc.seats_min"), profile.get_int("vc.seats_max")
    findings: list[Finding] = []
    if not low <= seats <= high:
        findings.append(
            block(
                "VC-ORG-1",
                f"村民委员会职数为{seats}名，不在法定的{low}至{high}名之间；"
                f"请在{low}至{high}名之间重新确定主任、副主任和委员的职数。",
            )
        )
    if profile.get_bool("vc.size_must_be_odd") and seats % 2 == 0:
        findings.append(
            block(
                "VC-ORG-1",
                f"本省要求村民委员会职数为单数，现为{seats}名；请增加或减少一名委员。",
            )
        )
    return findings


# VC-ORG-2 ------------------------------------------------------------------------------------


def minority_names(groups: Iterable[str]) -> str:
    """The smaller ethnic groups named in a stable order, for messages."""
    return "、".join(sorted(groups))


def check_vc_women_and_minorities(
    members: Sequence[Member], minority_groups: frozenset[str] = frozenset()
) -> list[Finding]:
    """VC-ORG-2: a woman member; where several ethnic groups live, a member of the smaller ones.

    Warnings only (product decision 10): the law gives no mechanism to force the result.
    `minority_groups` are the village's smaller ethnic groups (empty for a one-group village).
    """
    findings: list[Finding] = []
    if not any(m.sex is Sex.FEMALE for m in members):
        if any(m.sex is None for m in members):
            findings.append(
                warn(
                    "VC-ORG-2",
                    "部分成员未登记性别，无法确认村民委员会是否有妇女成员；请补录性别后复核。",
                )
            )
        else:
            findings.append(
                warn(
                    "VC-ORG-2",
                    "村民委员会成员中没有妇女，不符合“应当有妇女成员”的规定；"
                    "请按本省妇女成员保障办法另行选举或在补选中予以保障。",
                )
            )
    if minority_groups and not any(m.ethnicity in minority_groups for m in members):
        findings.append(
            warn(
                "VC-ORG-2",
                f"本村为多民族居住村，村民委员会中没有{minority_names(minority_groups)}成员；"
                "请在候选人提名和补选中注意安排人数较少的民族的成员。",
            )
        )
    return findings


# SUP-1, SUP-2 ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SupervisionMember:
    key: str
    name: str
    accounting_or_management: bool  # 具备财会、管理知识


@dataclass(frozen=True, slots=True)
class SupervisionFacts:
    members: tuple[SupervisionMember, ...]
    vc_members: frozenset[str]  # person keys of the (new) villagers' committee
    clerks_and_bookkeepers: frozenset[str] = frozenset()  # 村文书、村报账员 (ZJ)
    vc_formed_on: date | None = None
    elected_on: date | None = None


def check_supervision_committee(facts: SupervisionFacts, profile: Profile) -> list[Finding]:
    """SUP-1 (national) and SUP-2 (Zhejiang): size, knowledge, who may not serve, and timing."""
    zhejiang = in_zhejiang(profile)
    rule = "SUP-2" if zhejiang else "SUP-1"
    findings: list[Finding] = []
    size = len(facts.members)
    low = profile.get_int("sup.size_min")
    high = profile.get_optional_int("sup.size_max")
    if size < low or (high is not None and size > high):
        bounds = f"{low}至{high}人" if high is not None else f"不少于{low}人"
        findings.append(block(rule, f"村务监督委员会现有{size}人，应为{bounds}；请调整成员人数。"))
    if not any(m.accounting_or_management for m in facts.members):
        findings.append(
            block(
                "SUP-1",
                "村务监督委员会成员中没有具备财会、管理知识的人员；请至少安排一名此类人员。",
            )
        )
    for m in facts.members:
        if m.key in facts.vc_members:
            findings.append(
                block(
                    "SUP-1",
                    f"{m.name}是村民委员会成员，不得担任村务监督委员会成员；请另选他人。",
                )
            )
        elif zhejiang and m.key in facts.clerks_and_bookkeepers:
            findings.append(
                block(
                    "SUP-2",
                    f"{m.name}是村文书或村报账员，不得担任村务监督委员会成员；请另选他人。",
                )
            )
    if (
        zhejiang
        and facts.vc_formed_on is not None
        and facts.elected_on is not None
        and facts.elected_on < facts.vc_formed_on
    ):
        findings.append(
            block(
                "SUP-2",
                f"村务监督委员会于{facts.elected_on.isoformat()}选举，早于新一届村民委员会"
                f"产生之日{facts.vc_formed_on.isoformat()}；请在村民委员会产生后再行选举。",
            )
        )
    return findings


# CEO-4 board size --------------------------------------------------------------------------


def check_board_size(size: int, profile: Profile) -> list[Finding]:
    """CEO-4: a cooperative board of 3–7 members, an odd number."""
    low = profile.get_int("ceo.board_size_min")
    high = profile.get_int("ceo.board_size_max")
    findings: list[Finding] = []
    if not low <= size <= high:
        findings.append(
            block("CEO-4", f"理事会现为{size}人，应为{low}至{high}人；请调整理事会人数。")
        )
    if profile.get_bool("ceo.board_size_odd") and size % 2 == 0:
        findings.append(block("CEO-4", f"理事会人数应为单数，现为{size}人；请增加或减少一名理事。"))
    return findings


# SEQ-1 -------------------------------------------------------------------------------------


class Body(StrEnum):
    PARTY_ORGANIZATION = "party_organization"
    VILLAGERS_COMMITTEE = "villagers_committee"
    SUPERVISION_COMMITTEE = "supervision_committee"
    COOPERATIVE = "cooperative"


ELECTION_SEQUENCE = (
    Body.PARTY_ORGANIZATION,
    Body.VILLAGERS_COMMITTEE,
    Body.SUPERVISION_COMMITTEE,
    Body.COOPERATIVE,
)

_BODY_NAMES = {
    Body.PARTY_ORGANIZATION: "村党组织",
    Body.VILLAGERS_COMMITTEE: "村民委员会",
    Body.SUPERVISION_COMMITTEE: "村务监督委员会",
    Body.COOPERATIVE: "村经济合作社",
}


def check_sequence(elected_on: Mapping[Body, date]) -> list[Finding]:
    """SEQ-1: party organization first, then VC, supervision committee, cooperative (warning)."""
    findings: list[Finding] = []
    held = [body for body in ELECTION_SEQUENCE if body in elected_on]
    for earlier, later in pairwise(held):
        if elected_on[later] < elected_on[earlier]:
            findings.append(
                warn(
                    "SEQ-1",
                    f"{_BODY_NAMES[later]}换届（{elected_on[later].isoformat()}）早于"
                    f"{_BODY_NAMES[earlier]}换届（{elected_on[earlier].isoformat()}）；"
                    "换届应按先村党组织、后村民委员会、再村务监督委员会和村经济合作社的顺序进行，"
                    "请调整日程。",
                )
            )
    return findings
