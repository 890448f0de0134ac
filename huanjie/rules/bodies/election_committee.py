"""The villagers' election committee (村民选举委员会, VC-EC-1..4): size, withdrawals, refills.

A member who stands for the VC leaves the committee (VC-EC-2): on nomination or on
confirmation per `ec.withdraw_trigger`; a self-nominee (自荐人) stands like a nominee (ZJ art
9(1); elsewhere our reading). A member related to someone standing within
`ec.withdraw_relatives` leaves too (VC-EC-4, KIN-4). Vacancies are filled from the original
推选 in vote order (依次递补, VC-EC-3), skipping anyone who would have to leave at once; a tie
that straddles the last vacancy cannot be settled by that order and needs a fresh 推选.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from huanjie.rules.checks import Finding, block
from huanjie.rules.kinship.avoidance import KinConflict, KinshipIndex
from huanjie.rules.kinship.rules import kin_4_election_committee
from huanjie.rules.profiles.profile import Profile


class Candidacy(StrEnum):
    NOMINATED = "nominated"  # nominated or registered as a self-nominee, not yet confirmed
    CONFIRMED = "confirmed"  # on the published candidate / self-nominee list


@dataclass(frozen=True, slots=True)
class Nominee:
    key: str
    stage: Candidacy
    self_nominee: bool = False


@dataclass(frozen=True, slots=True)
class Withdrawal:
    member: str
    nominee: str  # who the member leaves because of (the member themself under VC-EC-2)
    rule_ids: tuple[str, ...]
    reason: str
    kinship: KinConflict | None = None


@dataclass(frozen=True, slots=True)
class Renewal:
    """The committee after withdrawals and refills."""

    members: tuple[str, ...]
    withdrawals: tuple[Withdrawal, ...]
    filled: tuple[str, ...]
    findings: tuple[Finding, ...]


def check_size(profile: Profile, size: int) -> list[Finding]:
    """`ec.size_min` ≤ size ≤ `ec.size_max` (VC-EC-1)."""
    low, high = profile.get_int("ec.size_min"), profile.get_int("ec.size_max")
    if size < low:
        return [
            block(
                "VC-EC-1",
                f"村民选举委员会现有{size}人，少于{low}人；请依次递补或重新推选补足。",
            )
        ]
    if size > high:
        return [block("VC-EC-1", f"村民选举委员会有{size}人，多于{high}人；请按规定人数推选。")]
    return []


def standing(profile: Profile, nominees: Sequence[Nominee]) -> list[Nominee]:
    """The nominees whose stage triggers withdrawals under `ec.withdraw_trigger`."""
    if profile.get_str("ec.withdraw_trigger") == "confirmed":
        return [n for n in nominees if n.stage is Candidacy.CONFIRMED]
    return list(nominees)


def withdrawals(
    profile: Profile,
    index: KinshipIndex,
    members: Sequence[str],
    nominees: Sequence[Nominee],
) -> list[Withdrawal]:
    """Who must leave the committee, once each, in the order of `members`."""
    runners = standing(profile, nominees)
    by_key = {n.key: n for n in runners}
    related: dict[str, KinConflict] = {}
    for conflict in kin_4_election_committee(index, profile, list(by_key), members):
        related.setdefault(conflict.a, conflict)
    found: list[Withdrawal] = []
    for member in dict.fromkeys(members):
        if member in by_key:
            role = "自荐人" if by_key[member].self_nominee else "候选人"
            found.append(
                Withdrawal(
                    member,
                    member,
                    ("VC-EC-2",),
                    f"本人已成为村民委员会{role}，应退出村民选举委员会。",
                )
            )
        elif member in related:
            conflict = related[member]
            found.append(
                Withdrawal(
                    member,
                    conflict.b,
                    ("VC-EC-4", "KIN-4"),
                    f"{conflict.chain}，与候选人有近亲属关系，应退出村民选举委员会。",
                    conflict,
                )
            )
    return found


def _refill(
    profile: Profile,
    index: KinshipIndex,
    vacancies: int,
    runners_up: list[tuple[str, int]],
    nominees: Sequence[Nominee],
) -> tuple[list[str], list[Finding]]:
    """VC-EC-3: the next in vote order who would not have to leave at once."""
    eligible = [
        (key, votes)
        for key, votes in runners_up
        if not withdrawals(profile, index, [key], nominees)
    ]
    eligible.sort(key=lambda entry: -entry[1])  # stable: equal votes keep the recorded order
    if len(eligible) > vacancies > 0 and eligible[vacancies - 1][1] == eligible[vacancies][1]:
        tied = eligible[vacancies][1]
        chosen = [key for key, votes in eligible[:vacancies] if votes > tied]
        message = (
            f"递补人选中有人得票相同（{tied}票），无法按推选票数依次递补；"
            "请由村民会议、村民代表会议或村民小组会议重新推选补足。"
        )
        return chosen, [block("VC-EC-3", message)]
    return [key for key, _ in eligible[:vacancies]], []


def renew(
    profile: Profile,
    index: KinshipIndex,
    members: Sequence[str],
    nominees: Sequence[Nominee],
    original_vote: Sequence[tuple[str, int]],
) -> Renewal:
    """Withdrawals (VC-EC-2, VC-EC-4), refills in the order of `original_vote` — every person
    the original 推选 gave votes to, with their votes — (VC-EC-3) and the size check (VC-EC-1)."""
    leaving = withdrawals(profile, index, members, nominees)
    gone = {w.member for w in leaving}
    staying = [m for m in dict.fromkeys(members) if m not in gone]
    seated_before = set(members)
    runners_up = [(key, votes) for key, votes in original_vote if key not in seated_before]
    filled, findings = _refill(profile, index, len(gone), runners_up, nominees)
    seated = (*staying, *filled)
    if len(filled) < len(gone) and not findings:
        findings.append(
            block(
                "VC-EC-3",
                f"原推选结果中可依次递补的人员不足，尚缺{len(gone) - len(filled)}人；"
                "请重新推选补足。",
            )
        )
    return Renewal(
        members=seated,
        withdrawals=tuple(leaving),
        filled=tuple(filled),
        findings=(*findings, *check_size(profile, len(seated))),
    )
