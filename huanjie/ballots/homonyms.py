"""Winners whose name is borne by more than one voter on the register: the count names people by
name only, so such a winner is not recorded as an office holder automatically; the village
election committee picks the right person (by villager group and birth date) on the round page,
and the pick records the office holder like an automatic match would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.ballots.access import clerk as clerk_gate
from huanjie.ballots.holders import term_end
from huanjie.ballots.models import RoundResult
from huanjie.ballots.voters import register_for
from huanjie.elections.models import Election, OfficeHolder, Post, Round
from huanjie.elections.services import office_holder_record
from huanjie.registration.selectors import active_voters

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.registration.models import Voter

NO_RESULT = "{election}还没有计出结果，不能登记当选人。"
NOT_ELECTED = "“{name}”不是{election}的当选人，请从当选人中选择。"
ALREADY = "“{name}”已经登记任职，无需再选。"
NOT_THAT_NAME = "所选的人不是选民名单上名叫“{name}”的选民，请从列出的同名选民中选择。"


@dataclass(frozen=True)
class Option:
    voter_id: int
    label: str


@dataclass(frozen=True)
class Homonym:
    name: str
    post: str
    post_label: str
    options: list[Option]


def _label(voter: Voter) -> str:
    born = voter.person.birth_date
    group = voter.group_name or "村民小组未填"
    when = f"{born:%Y年%m月%d日}出生" if born else "出生日期未填"
    return f"{voter.name}（{group}，{when}）"


def homonyms(election: Election) -> list[Homonym]:
    """The round's winners not recorded yet whose name two or more voters bear."""
    result = RoundResult.objects.filter(election=election).first()
    register = register_for(election)
    if result is None or register is None:
        return []
    recorded = set(
        OfficeHolder.objects.filter(election=election).values_list("person__name", flat=True)
    )
    labels = dict(Post.choices)
    found = []
    for seat in result.outcome["elected"]:
        name = seat["person"]
        if name in recorded:
            continue
        voters = list(
            active_voters(register)
            .filter(name=name)
            .select_related("person")
            .order_by("group_name", "person__birth_date", "id")
        )
        if len(voters) > 1:
            options = [Option(voter.pk, _label(voter)) for voter in voters]
            found.append(Homonym(name, seat["post"], str(labels[seat["post"]]), options))
    return found


def elected_homonym_pick(
    *, election: Election, name: str, voter_id: int, acting_user: User
) -> OfficeHolder:
    """Record the winner `name` as the voter the committee picked among those bearing it."""
    village = election.plan.village
    clerk_gate(acting_user, village)
    result = RoundResult.objects.filter(election=election).first()
    if result is None:
        raise ValidationError(NO_RESULT.format(election=election), code="result")
    seat = next((s for s in result.outcome["elected"] if s["person"] == name), None)
    if seat is None:
        raise ValidationError(NOT_ELECTED.format(name=name, election=election), code="name")
    if OfficeHolder.objects.filter(election=election, person__name=name).exists():
        raise ValidationError(ALREADY.format(name=name), code="recorded")
    register = register_for(election)
    voter = (
        None
        if register is None
        else active_voters(register).filter(pk=voter_id, name=name).select_related("person").first()
    )
    if voter is None:
        raise ValidationError(NOT_THAT_NAME.format(name=name), code="voter")
    day = election.election_day or timezone.localtime(result.counted_at).date()
    with transaction.atomic():
        return office_holder_record(
            village=village,
            body=election.body,
            post=seat["post"],
            person=voter.person,
            term_start=day,
            term_end=term_end(_first_day(election) or day),
            election=election,
            acting_user=acting_user,
        )


def _first_day(election: Election) -> date | None:
    """The term runs from the first round, as for winners matched by name."""
    return (
        Election.objects.filter(plan=election.plan, body=election.body, round=Round.FIRST)
        .values_list("election_day", flat=True)
        .first()
    )
