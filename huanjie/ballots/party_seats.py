"""Too few committee members elected: reduce the seats instead of the 另行选举 (PB-WIN-3).

When a members' meeting round (党员大会) leaves committee seats open, the count creates a 另行选举
for them (huanjie.ballots.rounds). The meeting may instead reduce the seats to the number
elected and hold no further vote, where the profile allows it and the number elected is not
below the minimum committee size (huanjie.rules.party.seats: the law's "close to the number of
seats" has no number, so the minimum is the only bound the system checks; the meeting judges
the rest). The village election committee records the decision: its basis (PB90: most members
agree; 2023 handbook: more than half of the voters, or the presidium), its date and who recorded
it. The 另行选举 the count created is withdrawn (refused once its sheets are being entered), the
round's result becomes final with the committee as elected, and the plenary follows where it
elects the secretary and deputy (PB-SEC-1). A reopened result takes the decision with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots import party
from huanjie.ballots import party_contest as pc
from huanjie.ballots.access import clerk as clerk_gate
from huanjie.ballots.access import may_enter
from huanjie.ballots.models import (
    ReductionBasis,
    RoundLink,
    RoundResult,
    SeatReduction,
    StepKind,
)
from huanjie.ballots.rounds import withdraw_round
from huanjie.elections.models import Election
from huanjie.rules.party.seats import RULE, seat_reduction

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

SEATS_REDUCE = AuditAction("ballots.seat_reduce", "党员大会决定减少委员名额，不再另行选举")

NOT_PARTY = (
    "减少名额只适用于党组织委员会的选举（PB-WIN-3）；村民委员会名额未选足的，"
    "请按规定另行选举（VC-TALLY-7、VC-TALLY-8）。"
)
NOT_COUNTED = "{election}还没有计出结果：计出结果、确有名额未选足时，才能决定减少名额。"
NO_SHORTFALL = (
    "{election}没有待另行选举的委员名额（名额已选足，或本轮须重新投票、等票重选），"
    "无需也不能减少名额。"
)
OFFICERS_OPEN = (
    "未选足的是书记、副书记的名额：减少名额只适用于委员，书记、副书记请按规定另行选举（PB-WIN-3）。"
)
ALREADY = "{election}已于{day}决定减少名额（{before}名减为{after}名），无需再录入。"
APPROVED = "本次党组织换届的选举结果已经上级党委批复（{number}），不能再减少名额。"
SUPPLEMENTARY_STARTED = (
    "另行选举（{following}）已经开始录入计票单，不能再减少名额：请继续完成另行选举；"
    "另行选举后名额仍未选足的，可以在另行选举计出结果后决定减少名额。"
)
CERTIFIED = (
    "{election}的选举结果已经乡镇确认，不能再减少名额：党员大会确已决定减少名额的，"
    "请乡镇先重新开启该选举结果，重新计出结果后再录入决定。"
)
SUPPLEMENTARY_IN_USE = (
    "另行选举（{following}）已被其他工作引用（如投票安排），不能自动撤销：请先处理，再减少名额。"
)
DAY_EARLY = "决定日期{day}早于本轮选举日{held}：请填写党员大会作出决定的日期。"
DAY_FUTURE = "决定日期{day}晚于今天：请在党员大会作出决定后再录入。"
BASIS_UNKNOWN = "请选择减少名额的决定方式：多数党员同意、超过半数的选举人同意或大会主席团决定。"


@dataclass(frozen=True)
class Shortfall:
    """A counted party round with committee seats open: may the meeting reduce them?"""

    election: Election
    seats: int  # the committee's seats: those elected plus those open
    elected: list[str]
    following: Election | None  # the 另行选举 the count created
    allowed: bool
    reason: str  # why not (Chinese, what to do instead)
    reduction: SeatReduction | None = None

    @property
    def open_seats(self) -> int:
        return self.seats - len(self.elected)


def shortfall(election: Election) -> Shortfall | None:
    """The round's shortfall and whether the seats may be reduced; None for a round without one
    (not party, not counted, complete, or due to be voted again)."""
    if not pc.is_party(election):
        return None
    result = RoundResult.objects.filter(election=election).first()
    if result is None:
        return None
    reduction = SeatReduction.objects.filter(result=result).select_related("recorded_by").first()
    elected = _elected(result)
    if reduction is not None:
        return Shortfall(
            election, reduction.seats_before, elected, None, False, "", reduction=reduction
        )
    link = (
        RoundLink.objects.filter(previous=election, kind=StepKind.SUPPLEMENTARY)
        .select_related("election")
        .first()
    )
    if link is None:
        return None
    following = link.election
    open_by_post = {s.post: s.seats for s in following.seats.all()}
    seats = len(elected) + sum(open_by_post.values())
    if any(post != "member" for post in open_by_post):
        return Shortfall(election, seats, elected, following, False, OFFICERS_OPEN)
    answer = seat_reduction(seats, len(elected), pc.profile_of(election))
    return Shortfall(election, seats, elected, following, answer.allowed, answer.reason)


def decision_words(reduction: SeatReduction) -> str:
    """The decision as an official writes it on the announcement and the round page."""
    day = reduction.decided_on
    return (
        f"{day.year}年{day.month}月{day.day}日，经{reduction.get_basis_display()}，"
        f"委员职数由{reduction.seats_before}名减为{reduction.seats_after}名，不再另行选举。"
    )


def committee_words(state: Shortfall) -> str:
    """Who the committee is after the reduction: those elected."""
    return f"委员会由{'、'.join(state.elected)}组成。"


def may_record(user: User | AnonymousUser, election: Election) -> bool:
    return may_enter(user, election.plan.village)


def seats_reduce(
    *,
    election: Election,
    basis: str,
    decided_on: date,
    acting_user: User | AnonymousUser,
) -> SeatReduction:
    """Record the meeting's decision to reduce the committee's seats to those elected (PB-WIN-3);
    the 另行选举 is withdrawn and the round's result is final. Refused, with nothing written, when
    the rules do not allow it."""
    user = clerk_gate(acting_user, election.plan.village)
    if not pc.is_party(election):
        raise ValidationError(NOT_PARTY, code=RULE)
    if basis not in ReductionBasis.values:
        raise ValidationError(BASIS_UNKNOWN, code="basis")
    if (approval := party.approved_in(election)) is not None:
        raise ValidationError(APPROVED.format(number=approval.document_number), code="approved")
    with transaction.atomic():
        Election.objects.select_for_update().filter(pk=election.pk).first()
        result = RoundResult.objects.filter(election=election).first()
        if result is None:
            raise ValidationError(NOT_COUNTED.format(election=election), code="not_counted")
        state = shortfall(election)
        if state is not None and state.reduction is not None:
            r = state.reduction
            raise ValidationError(
                ALREADY.format(
                    election=election,
                    day=r.decided_on.isoformat(),
                    before=r.seats_before,
                    after=r.seats_after,
                ),
                code="reduced",
            )
        if state is None or state.following is None:
            raise ValidationError(NO_SHORTFALL.format(election=election), code="no_shortfall")
        if result.certified:
            raise ValidationError(CERTIFIED.format(election=election), code="certified")
        if not state.allowed:
            raise ValidationError(state.reason, code=RULE)
        held = election.election_day or timezone.localdate(result.counted_at)
        if decided_on < held:
            raise ValidationError(
                DAY_EARLY.format(day=decided_on.isoformat(), held=held.isoformat()),
                code="decided_on",
            )
        if decided_on > timezone.localdate():
            raise ValidationError(DAY_FUTURE.format(day=decided_on.isoformat()), code="decided_on")
        withdrawn = withdraw_round(
            state.following,
            started=SUPPLEMENTARY_STARTED,
            in_use=SUPPLEMENTARY_IN_USE,
            code="supplementary_started",
        )
        reduction = SeatReduction.objects.create(
            result=result,
            basis=basis,
            decided_on=decided_on,
            seats_before=state.seats,
            seats_after=len(state.elected),
            recorded_by=user,
        )
        record_audit(
            actor=user,
            action=SEATS_REDUCE,
            target=reduction,
            before={"seats": state.seats, "supplementary_round": withdrawn},
            after={
                "seats": len(state.elected),
                "committee": state.elected,
                "basis": basis,
                "decided_on": decided_on.isoformat(),
            },
            village=election.plan.village,
        )
        # The committee is complete: the plenary follows where it elects the officers.
        party.after_count(election, result, user)
    return reduction


def _elected(result: RoundResult) -> list[str]:
    before = [seat["person"] for seat in result.contest.get("elected_before", [])]
    return before + [seat["person"] for seat in result.outcome["elected"]]
