"""Open seats and the next step (tally-io.md rule 6; VC-TALLY-7, VC-TALLY-8, PB-WIN-3).

Reducing seats or leaving them vacant is the assembly's decision, never the engine's: the engine
says which next step the law allows and warns where the assembly may decide otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from huanjie.rules.tally.contest import ElectionContest
from huanjie.rules.tally.model import Body, Post, Round, post_name
from huanjie.rules.tally.outcome import Next, TallyWarning
from huanjie.rules.tally.voiding import Seating

# The composition rule an assembly checks before it accepts fewer members.
_ASSEMBLY_DECIDES: dict[Body, str] = {
    Body.SUPERVISION_COMMITTEE: "SUP-1",
    Body.COOPERATIVE_BOARD: "CEO-4",
    Body.COOPERATIVE_SUPERVISORS: "CEO-5",
}


@dataclass(frozen=True)
class Vacancies:
    unfilled: Mapping[Post, int]
    next: Next
    warning: TallyWarning | None = None
    reason: str | None = None


def vacancies(contest: ElectionContest, seating: Seating) -> Vacancies:
    unfilled = _unfilled(contest, seating)
    if seating.ties:
        return Vacancies(unfilled, Next.TIE_REVOTE)
    if not unfilled:
        return Vacancies(unfilled, Next.COMPLETE)
    open_seats = "、".join(
        f"{post_name(contest.body, post)} {n} 名" for post, n in unfilled.items()
    )
    elected = len(seating.elected) + len(contest.elected_before)
    if contest.body is Body.PARTY_ORGANIZATION:
        return Vacancies(
            unfilled,
            Next.SUPPLEMENTARY_ROUND,
            TallyWarning(
                "PB-WIN-3",
                f"尚缺 {open_seats}：应另行选举（当选仍须过半数）；如当选人数接近应选名额且不少于"
                "委员会最少人数，党员大会可以决定减少名额、不再选举——这由大会决定",
            ),
            "PB-WIN-3",
        )
    if contest.body in _ASSEMBLY_DECIDES:
        rule = _ASSEMBLY_DECIDES[contest.body]
        if contest.bar_round is Round.FIRST:
            return Vacancies(
                unfilled,
                Next.SUPPLEMENTARY_ROUND,
                TallyWarning(rule, f"尚缺 {open_seats}：应另行选举，或由选举大会决定是否空缺"),
                "VC-TALLY-7",
            )
        return Vacancies(
            unfilled,
            Next.COMPLETE,
            TallyWarning(
                rule, f"另行选举后仍缺 {open_seats}：是否空缺由选举大会决定，请核对人数是否符合规定"
            ),
            rule,
        )
    if contest.bar_round is Round.FIRST:
        return Vacancies(unfilled, Next.SUPPLEMENTARY_ROUND, reason="VC-TALLY-7")
    return _after_supplementary(contest, seating, unfilled, open_seats, elected)


def _after_supplementary(
    contest: ElectionContest,
    seating: Seating,
    unfilled: Mapping[Post, int],
    open_seats: str,
    elected: int,
) -> Vacancies:
    rules = contest.rules
    enough = elected >= rules.min_elected_to_allow_vacancy
    chairs = any(e.post is Post.CHAIR for e in seating.elected) or any(
        s.post is Post.CHAIR for s in contest.elected_before
    )
    chair_ok = chairs or not rules.vacancy_requires_chair
    if enough and chair_ok:
        presiding = (
            ""
            if chairs
            else "；未选出主任，由副主任主持工作，没有副主任的由村民代表会议推选一名委员主持"
        )
        return Vacancies(
            unfilled,
            Next.COMPLETE,
            TallyWarning(
                "VC-TALLY-8",
                f"另行选举后仍缺 {open_seats}；已当选 {elected} 人，达到 "
                f"{rules.min_elected_to_allow_vacancy} 人，依规定可以空缺{presiding}",
            ),
            "VC-TALLY-8",
        )
    missing = "且未选出主任" if enough else f"不足 {rules.min_elected_to_allow_vacancy} 人"
    return Vacancies(
        unfilled,
        Next.SUPPLEMENTARY_ROUND,
        TallyWarning(
            "VC-TALLY-8",
            f"另行选举后仍缺 {open_seats}；已当选 {elected} 人，{missing}，不能空缺，须再次另行选举",
        ),
        "VC-TALLY-8",
    )


def _unfilled(contest: ElectionContest, seating: Seating) -> Mapping[Post, int]:
    unfilled: dict[Post, int] = {}
    for post, seats in contest.seats.items():
        taken = sum(1 for e in seating.elected if e.post is post)
        taken += sum(t.seats for t in seating.ties if t.post is post)
        if seats > taken:
            unfilled[post] = seats - taken
    return MappingProxyType(unfilled)
