"""Villagers' assemblies, villager groups and the representatives' assembly (REP-1..7).

Every quorum and decision is a `Threshold` on integers (rules.md §0.3), its base spelled out:
quorums count adults, households or members; decisions count those present (REP-2, REP-5,
REP-6 — unlike the cooperative's, which count everyone: `cooperative`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from huanjie.rules.checks import AnyOf, Cmp, Finding, Threshold, block, in_zhejiang, warn
from huanjie.rules.profiles.profile import Profile

HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)

_DECIDE_AGAIN = "本次表决未通过，可在修改议案后另行表决。"


def passes_by_present(rule_id: str, yes: int, present: int) -> Threshold:
    """REP-2, REP-5, REP-6 decisions: more than half of those present (`2y > present`)."""
    return Threshold(
        rule_id, "赞成票", yes, "到会人数", present, HALF, Cmp.MORE_THAN, _DECIDE_AGAIN
    )


# REP-1 ---------------------------------------------------------------------------------------

NOTICE_DAYS = 10  # 召开村民会议应当提前十天通知村民 (VCOL18 art 21); CEO-2 likewise


def must_convene_villagers_assembly(
    proposers: int, villagers: int, rep_proposers: int, representatives: int
) -> AnyOf:
    """REP-1: the VC must convene the assembly on ≥ 1/10 of villagers or ≥ 1/3 of representatives.

    `villagers` is the assembly's own base, villagers aged 18 or over [I] (H-11).
    """
    return AnyOf(
        "REP-1",
        (
            Threshold(
                "REP-1",
                "提议村民",
                proposers,
                "年满十八周岁的村民",
                villagers,
                Fraction(1, 10),
                Cmp.AT_LEAST,
                "",
            ),
            Threshold(
                "REP-1",
                "提议村民代表",
                rep_proposers,
                "村民代表",
                representatives,
                Fraction(1, 3),
                Cmp.AT_LEAST,
                "",
            ),
        ),
        "村民委员会可以不召集；提议人可继续征集联名。",
    )


def check_notice(rule_id: str, notice_on: date, meeting_on: date) -> Finding | None:
    """REP-1 / CEO-2: notice at least ten days ahead (a period before the event never rolls)."""
    latest = meeting_on - timedelta(days=NOTICE_DAYS)
    if notice_on <= latest:
        return None
    return block(
        rule_id,
        f"会议定于{meeting_on.isoformat()}召开，应不迟于{latest.isoformat()}通知，"
        f"实际通知日期为{notice_on.isoformat()}；请推迟会议或重新通知。",
    )


# REP-2 and REP-6 -----------------------------------------------------------------------------


def villagers_assembly_quorum(
    adults_present: int, adults: int, households_present: int, households: int
) -> AnyOf:
    """REP-2: more than half of adults, or ≥ 2/3 of household representatives, present."""
    return AnyOf(
        "REP-2",
        (
            Threshold(
                "REP-2",
                "到会村民",
                adults_present,
                "年满十八周岁的村民",
                adults,
                HALF,
                Cmp.MORE_THAN,
                "",
            ),
            Threshold(
                "REP-2",
                "到会户代表",
                households_present,
                "全村户数",
                households,
                TWO_THIRDS,
                Cmp.AT_LEAST,
                "",
                unit="户",
            ),
        ),
        "村民会议不能举行，请另行召集。",
    )


def villager_group_quorum(
    adults_present: int, adults: int, households_present: int, households: int
) -> AnyOf:
    """REP-6: ≥ 2/3 of the group's adults, or ≥ 2/3 of its household representatives."""
    return AnyOf(
        "REP-6",
        (
            Threshold(
                "REP-6",
                "到会村民",
                adults_present,
                "本组年满十八周岁的村民",
                adults,
                TWO_THIRDS,
                Cmp.AT_LEAST,
                "",
            ),
            Threshold(
                "REP-6",
                "到会户代表",
                households_present,
                "本组户数",
                households,
                TWO_THIRDS,
                Cmp.AT_LEAST,
                "",
                unit="户",
            ),
        ),
        "村民小组会议不能举行，请另行召集。",
    )


# REP-3, REP-4, REP-7: composition of the representatives' assembly ----------------------------


@dataclass(frozen=True, slots=True)
class Representative:
    key: str
    name: str
    household: str
    woman: bool


def representatives_assembly_tests(
    representatives: Sequence[Representative], vc_members: int
) -> tuple[Threshold, Threshold]:
    """REP-3's two tests, met or not (a screen shows both with their numbers): representatives
    ≥ 4/5 of all members; women representatives ≥ 1/3 of all members."""
    reps = len(representatives)
    total = reps + vc_members
    return (
        Threshold(
            "REP-3",
            "村民代表",
            reps,
            "村民代表会议组成人员",
            total,
            Fraction(4, 5),
            Cmp.AT_LEAST,
            "请增加村民代表名额。",
        ),
        Threshold(
            "REP-3",
            "妇女村民代表",
            sum(r.woman for r in representatives),
            "村民代表会议组成人员",
            total,
            Fraction(1, 3),
            Cmp.AT_LEAST,
            "请单列妇女代表名额，增加妇女村民代表。",
        ),
    )


def check_representatives_assembly(
    representatives: Sequence[Representative], vc_members: int
) -> list[Finding]:
    """REP-3: representatives ≥ 4/5 of all members; women representatives ≥ 1/3 of all members."""
    tests = representatives_assembly_tests(representatives, vc_members)
    return [t.finding for t in tests if t.finding is not None]


def representative_bounds(households: int) -> tuple[int, int]:
    """REP-4: one representative per 5–15 households → `ceil(H/15) <= reps <= floor(H/5)` [I]."""
    return -(-households // 15), households // 5


ZJ_MIN_POPULATION = 300  # villages of ≥ 300 people may set up the assembly (ZJ-I20 art 18)


def zj_minimum_representatives(population: int) -> int:
    """REP-7: < 500 people → 30; 500–999 → 40; ≥ 1000 → 50 (ZJ-I20 art 18)."""
    if population < 500:
        return 30
    if population < 1000:
        return 40
    return 50


def check_representative_count(
    representatives: Sequence[Representative],
    households: int,
    population: int,
    profile: Profile,
) -> list[Finding]:
    """REP-4 household apportionment (a warning: groups may be the unit) and REP-7 for ZJ."""
    reps = len(representatives)
    findings: list[Finding] = []
    low, high = representative_bounds(households)
    if not low <= reps <= high:
        findings.append(
            warn(
                "REP-4",
                f"按每五户至十五户推选一人计，{households}户应有{low}至{high}名村民代表，"
                f"现有{reps}名；如按村民小组推选，请核对各组名额。",
            )
        )
    if not in_zhejiang(profile):
        return findings
    if population < ZJ_MIN_POPULATION:
        findings.append(
            warn(
                "REP-7",
                f"本村人口{population}人，不足{ZJ_MIN_POPULATION}人；"
                "一般不设村民代表会议，居住分散的村除外，请确认。",
            )
        )
    minimum = zj_minimum_representatives(population)
    if reps < minimum:
        findings.append(
            block(
                "REP-7",
                f"本村人口{population}人，村民代表应不少于{minimum}名，现有{reps}名；"
                "请增加代表名额。",
            )
        )
    return findings + one_household_one_representative(representatives)


def one_household_one_representative(representatives: Sequence[Representative]) -> list[Finding]:
    """REP-7 (ZJ-I20 art 20): one household may not produce two representatives; one finding per
    household that did, naming its representatives."""
    per_household = Counter(r.household for r in representatives)
    findings: list[Finding] = []
    for household, count in sorted(per_household.items()):
        if count > 1:
            names = "、".join(r.name for r in representatives if r.household == household)
            findings.append(
                block(
                    "REP-7",
                    f"{names}属同一户，一户不得产生两名以上村民代表；请只保留一名。",
                )
            )
    return findings


def representative_election_quorum(
    voters_present: int, voters: int, households_present: int, households: int
) -> AnyOf:
    """REP-7: choosing representatives needs ≥ half of the unit's voters or ≥ 2/3 of households."""
    return AnyOf(
        "REP-7",
        (
            Threshold(
                "REP-7",
                "到会选民",
                voters_present,
                "本单元选民",
                voters,
                HALF,
                Cmp.AT_LEAST,
                "",
            ),
            Threshold(
                "REP-7",
                "到会户代表",
                households_present,
                "本单元户数",
                households,
                TWO_THIRDS,
                Cmp.AT_LEAST,
                "",
                unit="户",
            ),
        ),
        "推选村民代表的会议不能举行，请另行召集。",
    )


# REP-5 -----------------------------------------------------------------------------------------


def representatives_assembly_quorum(present: int, members: int) -> Threshold:
    """REP-5: ≥ 2/3 of all members (representatives plus VC members) present."""
    return Threshold(
        "REP-5",
        "到会人数",
        present,
        "村民代表会议组成人员",
        members,
        TWO_THIRDS,
        Cmp.AT_LEAST,
        "村民代表会议不能举行，请另行召集。",
    )


def extra_sitting_requested(proposers: int, representatives: int) -> Threshold:
    """REP-5: the assembly must sit when ≥ 1/5 of the representatives propose it."""
    return Threshold(
        "REP-5",
        "提议村民代表",
        proposers,
        "村民代表",
        representatives,
        Fraction(1, 5),
        Cmp.AT_LEAST,
        "可以不召集临时会议；提议人可继续征集联名。",
    )
