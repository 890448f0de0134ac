"""Which village Party body is set up, its term, and candidate margins (PB-ORG, PB-TERM, PB-DIFF).

Counts are of full members (正式党员): probationary members never count (PB-ORG-1, PB-ORG-2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from huanjie.rules.checks import (
    Cmp,
    Finding,
    block,
    minimum_count,
    warn,
)
from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.periods import add_years

# PB-ORG-1 / PB-ORG-2 / PB-ORG-3 thresholds (RURAL19; BRANCH; PB20 art 4)
BRANCH_MIN = 3  # 3人以上 → 党支部; fewer → joint branch with a neighbouring village
COMMITTEE_MIN = 7  # ≥ 7 full members → 支部委员会
GENERAL_BRANCH_ABOVE = 50  # 超过50人 → may set up a 党总支
PARTY_COMMITTEE_MIN = 100  # 100人以上 → may set up a 党委, county approval
DELEGATES_MIN = 500  # ≥ 500 → may elect by a 党员代表大会, township approval
BRANCH_COMMITTEE_SIZE = (3, 5, 7)  # 3–5 members, generally no more than 7


class OrgKind(StrEnum):
    JOINT_BRANCH = "joint_branch"  # 联合党支部
    BRANCH = "branch"  # 党支部
    GENERAL_BRANCH = "general_branch"  # 党总支
    COMMITTEE = "committee"  # 党委


class Approval(StrEnum):
    COUNTY = "county"  # 县级党委批准
    TOWNSHIP = "township"  # 乡镇党委批准


@dataclass(frozen=True, slots=True)
class OrgSetup:
    """What PB-ORG-1..3 require and permit for a village with `full_members` full members."""

    full_members: int
    required: OrgKind
    general_branch: bool  # may set up a 党总支 (> 50; fewer only where work requires)
    party_committee: bool  # may set up a 党委 with county approval
    branch_committee: bool  # a branch must have a committee (≥ 7), else a secretary only
    delegates_meeting: bool  # a 党委 may be elected by delegates with township approval

    @property
    def summary(self) -> str:
        if self.required is OrgKind.JOINT_BRANCH:
            return f"正式党员{self.full_members}名，不足3名，应与邻近村联合成立党支部。"
        parts = [f"正式党员{self.full_members}名，应成立党支部"]
        if self.branch_committee:
            parts.append("设支部委员会，委员3至5名，一般不超过7名")
        else:
            parts.append("不设支部委员会，设书记1名，必要时可设副书记1名")
        if self.general_branch:
            parts.append("可以成立党总支")
        if self.party_committee:
            parts.append("经县级党委批准可以成立党委")
        if self.delegates_meeting:
            parts.append("党委经乡镇党委批准可以召开党员代表大会进行选举")
        return "；".join(parts) + "。"


def organization_setup(full_members: int) -> OrgSetup:
    """PB-ORG-1..3 on the H-8 table."""
    if full_members < 0:
        raise RuleViolation("PB-ORG-1", "正式党员人数不能为负数，请核对党员名册。")
    return OrgSetup(
        full_members=full_members,
        required=OrgKind.BRANCH if full_members >= BRANCH_MIN else OrgKind.JOINT_BRANCH,
        general_branch=full_members > GENERAL_BRANCH_ABOVE,
        party_committee=full_members >= PARTY_COMMITTEE_MIN,
        branch_committee=full_members >= COMMITTEE_MIN,
        delegates_meeting=full_members >= DELEGATES_MIN,
    )


@dataclass(frozen=True, slots=True)
class OrgPlan:
    """The body a village intends to set up, with the approvals it holds."""

    full_members: int
    kind: OrgKind
    committee_size: int = 0  # 0: a branch led by a secretary alone
    deputy_secretaries: int = 0
    work_requires_general_branch: bool = False  # 确因工作需要 (a 党总支 below 51)
    delegates_meeting: bool = False
    scattered: bool = False  # 下属组织分散 (PB-ORG-3)
    approvals: frozenset[Approval] = frozenset()


def check_organization(plan: OrgPlan) -> list[Finding]:
    """PB-ORG-1..3: is the planned body permitted, approved and rightly led?"""
    setup = organization_setup(plan.full_members)
    n = plan.full_members
    findings: list[Finding] = []
    if plan.kind is OrgKind.JOINT_BRANCH and n >= BRANCH_MIN:
        findings.append(
            block("PB-ORG-1", f"正式党员{n}名，已达3名，应单独成立党支部，不再联合成立。")
        )
    if plan.kind is not OrgKind.JOINT_BRANCH and n < BRANCH_MIN:
        findings.append(block("PB-ORG-1", setup.summary + "请改为联合党支部。"))
    if plan.kind is OrgKind.GENERAL_BRANCH and not (
        setup.general_branch or plan.work_requires_general_branch
    ):
        findings.append(
            block(
                "PB-ORG-1",
                f"正式党员{n}名，未超过50名；成立党总支须确因工作需要，请说明理由或改设党支部。",
            )
        )
    if plan.kind is OrgKind.COMMITTEE:
        if not setup.party_committee:
            findings.append(
                block("PB-ORG-1", f"正式党员{n}名，不足100名，不能成立党委；请改设党总支或党支部。")
            )
        elif Approval.COUNTY not in plan.approvals:
            findings.append(block("PB-ORG-1", "成立村党委须经县级党委批准；请先取得批准。"))
    if plan.kind is OrgKind.BRANCH:  # a joint branch is checked on its joint membership
        findings.extend(_branch_leadership(plan, setup))
    if plan.delegates_meeting:
        findings.extend(_delegates_meeting(plan))
    return findings


def _branch_leadership(plan: OrgPlan, setup: OrgSetup) -> list[Finding]:
    """PB-ORG-2: a committee from 7 full members, else a secretary (and at most one deputy)."""
    size, n = plan.committee_size, plan.full_members
    low, usual, high = BRANCH_COMMITTEE_SIZE
    findings: list[Finding] = []
    if setup.branch_committee and size == 0:
        findings.append(
            block("PB-ORG-2", f"正式党员{n}名，已达7名，应设立支部委员会（委员{low}至{usual}名）。")
        )
    elif not setup.branch_committee and size > 0:
        findings.append(
            block(
                "PB-ORG-2",
                f"正式党员{n}名，不足7名，不设支部委员会；请只选举书记1名，必要时设副书记1名。",
            )
        )
    elif 0 < size < low:
        findings.append(block("PB-ORG-2", f"支部委员会委员{size}名，少于{low}名；请增加委员职数。"))
    elif size > high:
        findings.append(
            warn("PB-ORG-2", f"支部委员会委员{size}名，超过一般不超过{high}名的规定；请说明理由。")
        )
    if plan.deputy_secretaries > 1:
        findings.append(
            block(
                "PB-ORG-2",
                f"党支部设副书记{plan.deputy_secretaries}名；党支部最多设副书记1名，请调整。",
            )
        )
    return findings


def _delegates_meeting(plan: OrgPlan) -> list[Finding]:
    """PB-ORG-3: a 党委 of ≥ 500 members (or with scattered sub-organizations), approved."""
    if plan.kind is not OrgKind.COMMITTEE:
        return [block("PB-ORG-3", "只有村党委可以召开党员代表大会进行选举；请改为召开党员大会。")]
    if plan.full_members < DELEGATES_MIN and not plan.scattered:
        return [
            block(
                "PB-ORG-3",
                f"党员{plan.full_members}名，不足500名且下属组织不分散，应召开党员大会进行选举。",
            )
        ]
    if Approval.TOWNSHIP not in plan.approvals:
        return [block("PB-ORG-3", "召开党员代表大会须经乡镇党委批准；请先取得批准。")]
    return []


# PB-TERM-1 / PB-TERM-2 -------------------------------------------------------------------------

SHIFT_LIMIT_YEARS = 1  # 提前或延期一般不超过1年


def term_expires(term_began: date, profile: Profile) -> date:
    """PB-TERM-1: the day the term of `pb.term_years` years (5 in villages) ends."""
    return add_years(term_began, profile.get_int("pb.term_years"))


def check_election_timing(
    term_began: date, election_day: date, profile: Profile, shift_approved: bool
) -> list[Finding]:
    """PB-TERM-2: elect when the term expires; a shift needs approval and is generally ≤ 1 year."""
    due = term_expires(term_began, profile)
    if election_day == due:
        return []
    direction = "提前" if election_day < due else "延期"
    if not shift_approved:
        return [
            block(
                "PB-TERM-2",
                f"本届任期于{due.isoformat()}届满，选举定于{election_day.isoformat()}，"
                f"属于{direction}换届；须报上级党组织批准后方可进行。",
            )
        ]
    earliest, latest = add_years(due, -SHIFT_LIMIT_YEARS), add_years(due, SHIFT_LIMIT_YEARS)
    if not earliest <= election_day <= latest:
        return [
            warn(
                "PB-TERM-2",
                f"{direction}换届超过1年（任期届满日{due.isoformat()}）；"
                "提前或延期一般不超过1年，请核实上级批准文件。",
            )
        ]
    return []


# PB-DIFF-1..3 ------------------------------------------------------------------------------


class PartyContest(StrEnum):
    DELEGATES = "delegates"  # 党员代表大会代表 (PB-DIFF-2)
    MEMBER = "member"  # 委员 (PB-DIFF-1)
    SECRETARY = "secretary"  # 书记 (PB-DIFF-3)
    DEPUTY_SECRETARY = "deputy_secretary"  # 副书记 (PB-DIFF-3)


_CONTEST_NAMES = {
    PartyContest.DELEGATES: "代表",
    PartyContest.MEMBER: "委员",
    PartyContest.SECRETARY: "书记",
    PartyContest.DEPUTY_SECRETARY: "副书记",
}


def minimum_candidates(seats: int, profile: Profile) -> int:
    """PB-DIFF-1/2: `c >= s + ceil(ratio × s)`, i.e. `5(c − s) >= s` for 20 % (rounded up)."""
    if seats < 1:
        raise RuleViolation("PB-DIFF-1", "应选人数至少为1名，请核对职数。")
    return seats + minimum_count(profile.get_fraction("pb.diff_min_ratio"), seats, Cmp.AT_LEAST)


def check_candidate_margin(
    contest: PartyContest,
    seats: int,
    candidates: int,
    profile: Profile,
    uncontested_approved: bool = False,
) -> list[Finding]:
    """PB-DIFF-1..3: competitive lists for delegates and members; secretaries may be uncontested
    (等额) with the higher organization's approval."""
    name = _CONTEST_NAMES[contest]
    if contest in (PartyContest.DELEGATES, PartyContest.MEMBER):
        needed = minimum_candidates(seats, profile)
        if candidates >= needed:
            return []
        rule = "PB-DIFF-2" if contest is PartyContest.DELEGATES else "PB-DIFF-1"
        return [
            block(
                rule,
                f"应选{name}{seats}名，差额不少于应选人数的20%，候选人至少{needed}名，"
                f"现有{candidates}名；请增加候选人。",
            )
        ]
    if seats < 1:
        raise RuleViolation("PB-DIFF-3", "应选人数至少为1名，请核对职数。")
    if candidates < seats:
        return [block("PB-DIFF-3", f"应选{name}{seats}名，候选人仅{candidates}名；请增加候选人。")]
    if candidates == seats and not uncontested_approved:
        return [
            block(
                "PB-DIFF-3",
                f"{name}实行等额选举须经上级党组织批准；请取得批准或增加候选人实行差额选举。",
            )
        ]
    return []
