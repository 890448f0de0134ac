"""Recording the villagers' election committee: the 推选 that chose it and its roles (VC-EC-1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.committees import messages as msg
from huanjie.committees.models import (
    ChosenBy,
    CommitteeMember,
    CommitteeRole,
    CommitteeVote,
    ElectionCommittee,
    Seating,
)
from huanjie.committees.services.common import open_election, person_faults, profile_of, refuse
from huanjie.people.models import Person
from huanjie.regions.models import Region
from huanjie.rules.bodies.assemblies import (
    representatives_assembly_quorum,
    villagers_assembly_quorum,
)
from huanjie.rules.bodies.election_committee import check_size
from huanjie.rules.checks import AnyOf, Threshold

if TYPE_CHECKING:
    from huanjie.accounts.models import User

COMMITTEE_RECORD = AuditAction("committee.record", "登记村民选举委员会")
COMMITTEE_ROLE = AuditAction("committee.role", "调整村民选举委员会成员职务")
MEMBER = "村民选举委员会成员"


@dataclass(frozen=True)
class VoteInput:
    """One person the 推选 gave votes to; `role` for those it seated, None for the others."""

    person: Person
    votes: int
    role: str | None = None


def _quorum(chosen_by: str, present: int, should_attend: int) -> Threshold | AnyOf | None:
    """The meeting's quorum: REP-5 for the representatives' assembly, REP-2 (adults) for the
    villagers' assembly; the group meetings each have their own (REP-6), not checked on the
    village's totals [I]."""
    if chosen_by == ChosenBy.REPRESENTATIVES_ASSEMBLY:
        return representatives_assembly_quorum(present, should_attend)
    if chosen_by == ChosenBy.VILLAGERS_ASSEMBLY:
        return villagers_assembly_quorum(present, should_attend, 0, 0)
    return None


def _meeting_faults(chosen_by: str, present: int, should_attend: int) -> list[str]:
    if chosen_by not in ChosenBy.values:
        choices = "、".join(str(label) for label in ChosenBy.labels)
        return [msg.CHOSEN_BY_UNKNOWN.format(value=chosen_by, choices=choices)]
    if present < 1:
        return [msg.PRESENT_NONE]
    if present > should_attend:
        return [msg.PRESENT_OVER.format(present=present, should=should_attend)]
    quorum = _quorum(chosen_by, present, should_attend)
    if quorum is not None and quorum.finding is not None:
        return [msg.QUORUM_FAILED.format(message=quorum.message, rule_id=quorum.rule_id)]
    return []


def _vote_faults(votes: Sequence[VoteInput], village: Region, on: date) -> list[str]:
    if not votes:
        return [msg.VOTES_EMPTY]
    faults: list[str] = []
    seen: set[int] = set()
    for vote in votes:
        name = vote.person.name
        if vote.person.pk in seen:
            faults.append(msg.PERSON_TWICE.format(name=name))
        seen.add(vote.person.pk)
        if isinstance(vote.votes, bool) or not isinstance(vote.votes, int) or vote.votes < 1:
            faults.append(msg.VOTES_NOT_POSITIVE.format(name=name, votes=vote.votes))
        if vote.role is not None and vote.role not in CommitteeRole.values:
            faults.append(msg.ROLE_UNKNOWN.format(value=vote.role))
        if vote.role is not None:
            faults += person_faults(vote.person, village, on, MEMBER)
    return faults


def _seat_faults(votes: Sequence[VoteInput]) -> list[str]:
    """One chair; the seated are those with the most votes, a tie across the line unsettled
    (VC-EC-1: 推选 by votes; VC-EC-3's reading of a tie)."""
    seated = [v for v in votes if v.role is not None]
    others = [v for v in votes if v.role is None]
    chairs = [v.person.name for v in seated if v.role == CommitteeRole.CHAIR]
    faults: list[str] = []
    if not chairs and seated:
        faults.append(msg.NO_CHAIR)
    if len(chairs) > 1:
        faults.append(msg.TWO_CHAIRS.format(names="、".join(chairs)))
    if not seated or not others:
        return faults
    lowest = min(seated, key=lambda v: v.votes)
    highest = max(others, key=lambda v: v.votes)
    if highest.votes > lowest.votes:
        faults.append(
            msg.NOT_TOP_VOTES.format(
                seated=lowest.person.name,
                seated_votes=lowest.votes,
                other=highest.person.name,
                other_votes=highest.votes,
            )
        )
    elif highest.votes == lowest.votes:
        tied = [v.person.name for v in votes if v.votes == lowest.votes]
        faults.append(msg.TIE_AT_LAST_SEAT.format(names="、".join(tied), votes=lowest.votes))
    return faults


@transaction.atomic
def committee_record(
    *,
    village: Region,
    chosen_by: str,
    chosen_on: date,
    should_attend: int,
    present: int,
    votes: Sequence[VoteInput],
    acting_user: User | None,
) -> ElectionCommittee:
    """The committee of the round's villagers' committee election as the 推选 chose it: every
    person given votes (their votes fix the order of refills, VC-EC-3) and the seated members
    with their roles, within the profile's size (VC-EC-1)."""
    election = open_election(village)
    if ElectionCommittee.objects.filter(election=election).exists():
        existing = ElectionCommittee.objects.get(election=election)
        raise ValidationError(
            msg.COMMITTEE_EXISTS.format(village=village.name, on=existing.chosen_on),
            code="exists",
        )
    faults = _meeting_faults(chosen_by, present, should_attend)
    campaign = election.plan.campaign
    if election.election_day is not None and chosen_on > election.election_day:
        faults.append(msg.CHOSEN_AFTER_ELECTION.format(on=chosen_on, day=election.election_day))
    if chosen_on < campaign.window_start:
        faults.append(msg.CHOSEN_BEFORE_CAMPAIGN.format(on=chosen_on, start=campaign.window_start))
    faults += _vote_faults(votes, village, chosen_on)
    if not faults:
        faults += _seat_faults(votes)
        seated = sum(1 for v in votes if v.role is not None)
        faults += [
            msg.SIZE_REFUSED.format(message=f.message, rule_id=f.rule_id)
            for f in check_size(profile_of(election), seated)
            if f.blocking
        ]
    if faults:
        raise refuse(faults, "invalid")
    ordered = sorted(enumerate(votes), key=lambda item: (-item[1].votes, item[0]))
    committee = ElectionCommittee.objects.create(
        election=election,
        village=village,
        chosen_by=chosen_by,
        chosen_on=chosen_on,
        should_attend=should_attend,
        present=present,
        seats=sum(1 for v in votes if v.role is not None),
    )
    CommitteeVote.objects.bulk_create(
        CommitteeVote(committee=committee, person=v.person, votes=v.votes, position=n)
        for n, (_, v) in enumerate(ordered, start=1)
    )
    CommitteeMember.objects.bulk_create(
        CommitteeMember(
            committee=committee,
            person=v.person,
            role=v.role,
            first_role=v.role,
            seated_on=chosen_on,
            seating=Seating.SELECTED,
        )
        for _, v in ordered
        if v.role is not None
    )
    record_audit(
        actor=acting_user,
        action=COMMITTEE_RECORD,
        target=committee,
        after={
            **snapshot(committee, ["chosen_by", "chosen_on", "should_attend", "present", "seats"]),
            "committee_members": [
                f"{v.person.name}（{CommitteeRole(v.role).label}）"
                for _, v in ordered
                if v.role is not None
            ],
            "committee_votes": [f"{v.person.name} {v.votes}票" for _, v in ordered],
        },
        village=village,
    )
    return committee


@transaction.atomic
def committee_member_role_set(
    *, member: CommitteeMember, role: str, acting_user: User | None
) -> CommitteeMember:
    """A sitting member's role; naming a new 主任 makes the sitting one a 委员 (the committee
    has one chair)."""
    member = (
        CommitteeMember.objects.select_for_update(of=("self",))
        .select_related("person", "committee__village")
        .get(pk=member.pk)
    )
    name = member.person.name
    if role not in CommitteeRole.values:
        raise ValidationError(msg.ROLE_UNKNOWN.format(value=role), code="invalid")
    if member.left_on is not None:
        raise ValidationError(
            msg.MEMBER_NOT_SITTING.format(name=name, on=member.left_on), code="not_sitting"
        )
    if member.role == role:
        raise ValidationError(
            msg.ROLE_UNCHANGED.format(name=name, role=CommitteeRole(role).label), code="unchanged"
        )
    changes: dict[str, str] = {name: f"{member.get_role_display()} → {CommitteeRole(role).label}"}
    if role == CommitteeRole.CHAIR:
        former = CommitteeMember.objects.filter(
            committee=member.committee, role=CommitteeRole.CHAIR, left_on__isnull=True
        ).select_related("person")
        for chair in former:
            changes[chair.person.name] = "主任 → 委员"
        former.update(role=CommitteeRole.MEMBER)
    member.role = role
    member.save(update_fields=["role", "updated_at"])
    record_audit(
        actor=acting_user,
        action=COMMITTEE_ROLE,
        target=member.committee,
        after={"committee_roles": [f"{who}：{what}" for who, what in changes.items()]},
        village=member.committee.village,
    )
    return member
