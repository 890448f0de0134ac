"""Reducing the committee's seats after too few winners (rules.md §B.8 PB-WIN-3).

When the members' meeting elects fewer committee members than there are seats, the open seats
go to a 另行选举 (supplementary vote, still needing more than half). Instead, the meeting may
reduce the seats to the number elected and hold no further vote, when the number elected is
"close to the number of seats and not below the minimum committee size", with the consent the
rules ask for (PB90: most members agree; 2023 handbook: more than half of the voters agree, or
the meeting's presidium decides).

Whether to reduce is the meeting's decision, never the engine's: this only says whether the
profile lets the meeting take it (`pb.allow_reduce_seats`, `pb.min_committee_size`).
"""

from __future__ import annotations

from dataclasses import dataclass

from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import Profile

RULE = "PB-WIN-3"


@dataclass(frozen=True, slots=True)
class ReductionAnswer:
    """Whether the seats may be reduced to those elected; `reason` (Chinese, what to do
    instead) when not."""

    allowed: bool
    seats: int
    elected: int
    reason: str = ""


def seat_reduction(seats: int, elected: int, profile: Profile) -> ReductionAnswer:
    """May a party committee election with `seats` seats and `elected` elected end with its
    seats reduced to `elected` (PB-WIN-3)? Rules.md H-7: 5 seats, 4 elected, minimum 3 → yes.

    PB-WIN-3 also asks that the number elected be "close to" the number of seats; the law gives
    no number for it, so none is invented here: the minimum committee size is the only bound
    checked, and how close is close enough is for the meeting to judge when it consents.
    """
    if seats < 1 or elected < 0:
        raise RuleViolation(
            RULE, f"应选名额 {seats}、当选人数 {elected} 不可能：请核对本轮的名额和计票结果。"
        )
    if not profile.has("pb.allow_reduce_seats"):
        return ReductionAnswer(
            False,
            seats,
            elected,
            "减少名额只适用于党组织委员会的选举（PB-WIN-3）；本选举名额未选足的，"
            "请按规定另行选举。",
        )
    if elected >= seats:
        return ReductionAnswer(
            False,
            seats,
            elected,
            f"应选 {seats} 名，已当选 {elected} 名，名额已经选足，无需减少名额。",
        )
    open_seats = seats - elected
    if not profile.get_bool("pb.allow_reduce_seats"):
        return ReductionAnswer(
            False,
            seats,
            elected,
            f"本次选举适用的规则（{profile.title}）不允许减少名额：请就空缺的 {open_seats} 名"
            "另行选举（PB-WIN-3）。",
        )
    least = profile.get_int("pb.min_committee_size")
    if elected < least:
        return ReductionAnswer(
            False,
            seats,
            elected,
            f"已当选 {elected} 名，少于委员会最少人数 {least} 名，不能减少名额：请就空缺的 "
            f"{open_seats} 名另行选举（PB-WIN-3）。",
        )
    return ReductionAnswer(True, seats, elected)
