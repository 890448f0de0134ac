"""Collective economic organizations: meetings (CEO-2, CEO-3, CEO-4 meetings, CEO-6) and who
may supervise (CEO-5).

农村集体经济组织法 (2024) counts decisions on ALL members, board members or representatives,
not on those present: 240 of 300 members attend and 190 agree → the decision fails (H-12).
The board's size (CEO-4) is checked with the other compositions (`composition`); near relatives
on the board and among the supervisors (KIN-5) are the kinship module's.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from fractions import Fraction

from huanjie.rules.bodies.assemblies import HALF, TWO_THIRDS, representative_bounds
from huanjie.rules.checks import Cmp, Finding, Threshold, block


class CeoMatter(StrEnum):
    """Matters of art 26; only the ones the representatives' assembly may not decide are named."""

    ARTICLES = "articles"  # (1) 章程
    MEMBERSHIP = "membership"  # (3) 成员身份
    LAND_PLANS = "land_plans"  # (8) 土地承包、宅基地、折股量化方案
    COMPENSATION = "compensation"  # (10) 征收补偿分配
    MERGER_DIVISION = "merger_division"  # (12) 合并、分立
    OTHER = "other"


_RESERVED_TO_MEMBERS = frozenset(CeoMatter) - {CeoMatter.OTHER}


def cooperative_assembly_quorum(present: int, members: int) -> Threshold:
    """CEO-2: ≥ 2/3 of members with full civil capacity (online and in-household proxies count)."""
    return Threshold(
        "CEO-2",
        "到会成员",
        present,
        "具有完全民事行为能力的成员",
        members,
        TWO_THIRDS,
        Cmp.AT_LEAST,
        "成员大会不能举行，请另行召集。",
    )


def cooperative_assembly_decision(yes: int, members: int) -> Threshold:
    """CEO-2: a decision needs ≥ 2/3 of ALL members, not of those present."""
    return Threshold(
        "CEO-2",
        "赞成票",
        yes,
        "全体成员",
        members,
        TWO_THIRDS,
        Cmp.AT_LEAST,
        "决定未通过：应以全体成员而非到会成员计算。",
    )


def check_cooperative_representatives(representatives: int, households: int) -> list[Finding]:
    """CEO-3: one representative per 5–15 households, and more than 20 representatives."""
    low, high = representative_bounds(households)
    findings: list[Finding] = []
    if not low <= representatives <= high:
        findings.append(
            block(
                "CEO-3",
                f"按每五户至十五户选举一名代表，{households}户应有{low}至{high}名成员代表，"
                f"现有{representatives}名；请调整代表名额。",
            )
        )
    if representatives <= 20:
        findings.append(
            block(
                "CEO-3",
                f"成员代表应超过20名，现有{representatives}名；请增加代表名额。",
            )
        )
    return findings


def cooperative_representatives_decision(
    yes: int, representatives: int, matter: CeoMatter
) -> Threshold | Finding:
    """CEO-3: ≥ 2/3 of ALL representatives; reserved matters go to the members' assembly."""
    if matter in _RESERVED_TO_MEMBERS:
        return block(
            "CEO-3",
            "该事项须由成员大会决定，成员代表大会无权表决；请提交成员大会。",
        )
    return Threshold(
        "CEO-3",
        "赞成票",
        yes,
        "全体成员代表",
        representatives,
        TWO_THIRDS,
        Cmp.AT_LEAST,
        "决定未通过：应以全体成员代表计算。",
    )


def board_meeting_quorum(present: int, board: int) -> Threshold:
    """CEO-4: a board meeting needs ≥ 2/3 of the board present."""
    return Threshold(
        "CEO-4",
        "到会理事",
        present,
        "理事会成员",
        board,
        TWO_THIRDS,
        Cmp.AT_LEAST,
        "理事会会议不能举行，请另行召集。",
    )


def board_decision(yes: int, board: int) -> Threshold:
    """CEO-4: a decision needs more than half of ALL board members."""
    return Threshold(
        "CEO-4",
        "赞成票",
        yes,
        "全体理事",
        board,
        HALF,
        Cmp.MORE_THAN,
        "决定未通过：应以全体理事而非到会理事计算。",
    )


def nonmember_rights_granted(yes: int, members: int) -> Threshold:
    """CEO-6: ≥ 3/4 of ALL members agree; never the rights to vote or stand (art 13 items 1–2)."""
    return Threshold(
        "CEO-6",
        "同意的成员",
        yes,
        "全体成员",
        members,
        Fraction(3, 4),
        Cmp.AT_LEAST,
        "不得赋予非成员相关权利；如需赋予，请重新征求成员意见。",
    )


def check_cooperative_supervisors(
    supervisors: Mapping[str, str], board: Collection[str], finance_staff: Collection[str]
) -> list[Finding]:
    """CEO-5 (CEO24 art 32, 34): a supervisory board, or one or two supervisors where members are
    few; no board member and no finance or accounting staff among them.

    `supervisors` maps person keys to names, in the order the officer listed them.
    """
    if not supervisors:
        return [
            block(
                "CEO-5",
                "集体经济组织未设监事会或监事；请选举监事会，成员较少的可选举一至二名监事。",
            )
        ]
    findings: list[Finding] = []
    for key, name in supervisors.items():
        if key in board:
            held = "理事会成员"
        elif key in finance_staff:
            held = "财务会计人员"
        else:
            continue
        findings.append(block("CEO-5", f"{name}是{held}，不得担任监事；请另选他人。"))
    return findings
