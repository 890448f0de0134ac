"""The women's seat (VC-ORG-2, rules.md §C.4; tally-io.md rule 5) — villagers' committees only.

`top_woman_replaces` is the only mode that changes who is elected: when no woman is among the
elected, the woman with the most `member` votes who may sit takes the place of the weakest
elected `member`, or an open `member` seat if one is left (decided on a final result, so not
while a tie re-vote is pending). Every other
mode acts through the ballot (`separate_section`) or the next round (`reserve_candidate`); in
every mode the check is a warning, never a block.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from huanjie.rules.tally.avoidance import Avoidance
from huanjie.rules.tally.contest import ElectionContest
from huanjie.rules.tally.model import POSTS, Body, Post, Sex
from huanjie.rules.tally.outcome import Elected, TallyWarning, Voided
from huanjie.rules.tally.voiding import Seating, strength

VC_ORG_2 = "VC-ORG-2"


@dataclass(frozen=True, slots=True)
class WomenCheck:
    seating: Seating
    has_woman: bool | None  # None: some elected person's sex is unknown and none is a woman


def women_seat(contest: ElectionContest, seating: Seating) -> WomenCheck:
    if contest.body is not Body.VILLAGERS_COMMITTEE:
        return WomenCheck(seating, True)
    has_woman = _has_woman(contest, seating)
    if (
        has_woman is False
        and contest.rules.women_seat_mode == "top_woman_replaces"
        and not seating.ties
    ):
        replaced = _top_woman_replaces(contest, seating)
        if replaced is not None:
            return WomenCheck(replaced, True)
    return WomenCheck(seating, has_woman)


def _has_woman(contest: ElectionContest, seating: Seating) -> bool | None:
    persons = [e.person for e in seating.elected] + [s.person for s in contest.elected_before]
    sexes = [contest.facts(person).sex for person in persons]
    if Sex.FEMALE in sexes:
        return True
    return None if None in sexes else False


def _top_woman_replaces(contest: ElectionContest, seating: Seating) -> Seating | None:
    members = sorted(
        (e for e in seating.elected if e.post is Post.MEMBER),
        key=lambda e: strength(e.person, e.post, e.votes),
    )
    # A member seat left open takes her: no winner loses a seat while one stays empty.
    open_seat = contest.seats.get(Post.MEMBER, 0) > len(members)
    if not members and not open_seat:
        return None
    weakest = None if open_seat else members[-1]
    sitting = [e.person for e in seating.elected if e is not weakest]
    sitting += [s.person for s in contest.elected_before]
    avoidance = Avoidance(contest)
    elected_persons = {e.person for e in seating.elected}
    for person, votes in seating.rankings.get(Post.MEMBER, ()):
        facts = contest.facts(person)
        if (
            facts.sex is not Sex.FEMALE
            or facts.ineligible
            or person in elected_persons
            or any(avoidance.conflict(person, other) for other in sitting)
        ):
            continue
        order = {post: index for index, post in enumerate(POSTS[contest.body])}
        elected = sorted(
            [e for e in seating.elected if e is not weakest]
            + [Elected(person, Post.MEMBER, votes)],
            key=lambda e: (order[e.post], -e.votes, e.person),
        )
        displaced = () if weakest is None else (Voided(weakest.person, Post.MEMBER, VC_ORG_2),)
        return replace(
            seating,
            elected=tuple(elected),
            voided=(*seating.voided, *displaced),
            reasons=(*seating.reasons, VC_ORG_2),
        )
    return None


def women_warning(
    contest: ElectionContest, has_woman: bool | None, supplementary_due: bool
) -> TallyWarning | None:
    """VC-ORG-2: a warning when no woman is elected, or when it cannot be checked."""
    if has_woman is True:
        return None
    if has_woman is None:
        return TallyWarning(
            VC_ORG_2,
            "部分当选人未填写性别，无法核对村民委员会是否有妇女成员；请在人员名单（JSON 字段"
            " people）中为每位当选人填上性别（字段 sex，女填 F、男填 M）后重新计票核对",
        )
    message = "当选人中没有女性，村民委员会应当有妇女成员（组织法第六条）"
    mode = contest.rules.women_seat_mode
    if mode == "reserve_candidate" and supplementary_due:
        message += "；另行选举的候选人中须至少列入一名未当选的女性"
    elif mode == "separate_section" and supplementary_due:
        message += "；另行选举的选票应继续单列妇女委员职位"
    else:
        message += "；请在结果公告前报乡镇指导组研究处理（此为提示，不阻止确认结果）"
    return TallyWarning(VC_ORG_2, message)
