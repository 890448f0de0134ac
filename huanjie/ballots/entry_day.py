"""No count before the vote: a round's tally sheets (and ballots) are entered on or after its
election day, never before it, and never for a round whose day is not set (VC-VOTE-6: the boxes
are opened and counted together on election day at the main venue)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots.access import clerk as clerk_gate
from huanjie.ballots.models import RoundLink, RoundResult
from huanjie.elections.models import Body, Election, ElectionStatus

if TYPE_CHECKING:
    from huanjie.accounts.models import User

RULE = "VC-VOTE-6"
DEADLINE_RULE = "VC-TALLY-7"
ROUND_DAY_SET = AuditAction("ballots.round_day_set", "确定下一轮选举日")
DAY_NOT_SET = (
    "{election}的选举日还没有确定，不能录入计票单或选票：选票在选举日当天开箱计票（{rule}）。"
    "请先在选举页面确定本轮的选举日。"
)
BEFORE_DAY = (
    "{election}的选举日是 {day}，今天（{today}）还没有到，不能录入计票单或选票："
    "选票在选举日当天开箱计票（{rule}）。请在选举日计票后再录入。"
)


# The bodies whose rounds always have a day to be counted on (VC-VOTE-6): a villagers'
# committee's and a party organization's (the members' meeting's or the plenary's). A
# supervision committee or cooperative round is held to its day where it has one.
DAY_REQUIRED = frozenset({Body.VILLAGERS_COMMITTEE, Body.PARTY_ORGANIZATION})


def check_entry_day(election: Election, today: date | None = None) -> None:
    """Refuse with the rule and a plain message when the round cannot be counted today."""
    today = today or timezone.localdate()
    if election.election_day is None:
        raise ValidationError(DAY_NOT_SET.format(election=election, rule=RULE), code=RULE)
    if today < election.election_day:
        raise ValidationError(
            BEFORE_DAY.format(
                election=election,
                day=f"{election.election_day:%Y-%m-%d}",
                today=f"{today:%Y-%m-%d}",
                rule=RULE,
            ),
            code=RULE,
        )


NOT_A_LATER_ROUND = (
    "{election}不是系统按上一轮结果建立的一轮，它的选举日在选举安排中确定，本页不能修改。"
)
ROUND_COUNTED = "{election}已经计出结果，选举日不能再修改。"
BEFORE_PREVIOUS = "{election}的选举日不能早于上一轮的选举日 {previous}，请重新选择。"
AFTER_DEADLINE = (
    "{election}最迟应于 {deadline} 前举行（{rule}），{day} 已超过期限，请选择期限内的日子。"
)


def round_day_set(*, election: Election, day: date, acting_user: User) -> Election:
    """Fix the day of a round the system created (a tie re-vote, a 另行选举, a re-vote): not
    before the round before it, not after the deadline the system set (VC-TALLY-7)."""
    clerk_gate(acting_user, election.plan.village)
    link = RoundLink.objects.select_related("previous").filter(election=election).first()
    if link is None:
        raise ValidationError(NOT_A_LATER_ROUND.format(election=election), code="round")
    if RoundResult.objects.filter(election=election).exists():
        raise ValidationError(ROUND_COUNTED.format(election=election), code="counted")
    previous = link.previous.election_day
    if previous is not None and day < previous:
        raise ValidationError(
            BEFORE_PREVIOUS.format(election=election, previous=f"{previous:%Y-%m-%d}"),
            code="day",
        )
    if link.deadline is not None and day > link.deadline:
        raise ValidationError(
            AFTER_DEADLINE.format(
                election=election,
                deadline=f"{link.deadline:%Y-%m-%d}",
                day=f"{day:%Y-%m-%d}",
                rule=DEADLINE_RULE,
            ),
            code=DEADLINE_RULE,
        )
    before = f"{election.election_day:%Y-%m-%d}" if election.election_day else None
    with transaction.atomic():
        election.election_day = day
        if election.status == ElectionStatus.PLANNED:
            election.status = ElectionStatus.SCHEDULED
        election.save(update_fields=["election_day", "status", "updated_at"])
        record_audit(
            actor=acting_user,
            action=ROUND_DAY_SET,
            target=election,
            before=before,
            after=f"{day:%Y-%m-%d}",
            village=election.plan.village,
        )
    return election
