"""Villager group leaders (村民小组长、副组长): announcement 5's meeting (date, hours, place) and
each villager group's meeting that chose its leader and deputies, with its turnout and votes.

The group meeting needs two thirds of the group's adults or of its households present, and a
post is won by more than half of those present (REP-6, Organic Law art 28); the people and
counting are the representatives' (`representatives.people_counts`, `ranked_pick`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.committees import messages as msg
from huanjie.committees.models import (
    GroupElectionNotice,
    GroupLeaderSelection,
    GroupLeaderVote,
    GroupPost,
)
from huanjie.committees.services.common import open_election, person_faults, refuse
from huanjie.committees.services.representatives import (
    SelectionVoteInput,
    people_counts,
    ranked_pick,
)
from huanjie.people.models import Person
from huanjie.regions.models import Region, VillagerGroup
from huanjie.rules.bodies.assemblies import passes_by_present, villager_group_quorum

if TYPE_CHECKING:
    from huanjie.accounts.models import User

NOTICE_SET = AuditAction("group_leaders.notice", "登记村民代表和小组长选举公告")
GROUP_RECORD = AuditAction("group_leaders.selection", "登记村民小组长推选结果")
GROUP_CANCEL = AuditAction("group_leaders.selection_cancel", "撤销村民小组长推选结果")
MOST_DEPUTIES = 3
POST_NAMES = {GroupPost.LEADER: "村民小组长", GroupPost.DEPUTY: "村民小组副组长"}


def group_people(group: VillagerGroup) -> Any:
    """The villagers whose household belongs to the group."""
    return Person.objects.filter(village=group.village, household__villager_group=group)


def group_counts(group: VillagerGroup, on: date) -> tuple[int, int]:
    """REP-6's bases on `on`: the group's adults on the register, and its households."""
    return people_counts(group_people(group), on, voters_only=False)


# --- announcement 5 ------------------------------------------------------------------------------


@transaction.atomic
def group_election_notice_set(
    *,
    village: Region,
    issued_on: date,
    held_on: date,
    starts_at: time,
    ends_at: time,
    place: str,
    note: str = "",
    acting_user: User | None,
) -> GroupElectionNotice:
    """Announcement 5: the day, hours and place of the groups' meetings; set again while no
    group has met, to move them."""
    election = open_election(village)
    place, note = place.strip(), note.strip()
    faults = []
    if not place:
        faults.append(msg.NOTICE_PLACE)
    if ends_at <= starts_at:
        faults.append(msg.NOTICE_HOURS.format(starts=f"{starts_at:%H:%M}", ends=f"{ends_at:%H:%M}"))
    if issued_on > held_on:
        faults.append(msg.NOTICE_AFTER_MEETING.format(issued=issued_on, on=held_on))
    if election.election_day is not None and held_on > election.election_day:
        faults.append(msg.NOTICE_AFTER_ELECTION.format(on=held_on, day=election.election_day))
    if faults:
        raise refuse(faults, "invalid")
    existing = GroupElectionNotice.objects.filter(election=election).first()
    before = _notice_fields(existing) if existing is not None else None
    notice, _ = GroupElectionNotice.objects.update_or_create(
        election=election,
        defaults={
            "village": village,
            "issued_on": issued_on,
            "held_on": held_on,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": place,
            "note": note,
        },
    )
    record_audit(
        actor=acting_user,
        action=NOTICE_SET,
        target=notice,
        before=before,
        after=_notice_fields(notice),
        village=village,
    )
    return notice


def _notice_fields(notice: GroupElectionNotice) -> dict[str, str]:
    return {
        "issued_on": notice.issued_on.isoformat(),
        "held_on": notice.held_on.isoformat(),
        "hours": f"{notice.starts_at:%H:%M}—{notice.ends_at:%H:%M}",
        "place": notice.place,
        "note": notice.note,
    }


# --- a group's selection --------------------------------------------------------------------------


def _winners(
    post: str,
    votes: Sequence[SelectionVoteInput],
    seats: int,
    present: int,
    short: str,
) -> tuple[list[SelectionVoteInput], list[str]]:
    """The `seats` with most votes for the post, each with more than half of those present."""
    ranked = sorted(votes, key=lambda v: -v.votes)
    picked, faults = ranked_pick(ranked, seats, short, msg.GROUP_TIE)
    for vote in picked:
        passed = passes_by_present("REP-6", vote.votes, present)
        if not passed.met:
            faults.append(
                msg.GROUP_NOT_MAJORITY.format(
                    name=vote.person.name,
                    votes=vote.votes,
                    requirement=passed.requirement,
                    post=POST_NAMES[GroupPost(post)],
                )
            )
    return ([] if faults else picked), faults


def _vote_faults(
    votes: Sequence[SelectionVoteInput], group: VillagerGroup, held_on: date, post: str
) -> list[str]:
    members = set(group_people(group).values_list("pk", flat=True))
    what = POST_NAMES[GroupPost(post)]
    faults: list[str] = []
    seen: set[int] = set()
    for vote in votes:
        name = vote.person.name
        if vote.person.pk in seen:
            faults.append(msg.PERSON_TWICE.format(name=name))
        seen.add(vote.person.pk)
        if isinstance(vote.votes, bool) or not isinstance(vote.votes, int) or vote.votes < 1:
            faults.append(msg.VOTES_NOT_POSITIVE.format(name=name, votes=vote.votes))
        if vote.person.pk not in members and vote.person.village_id == group.village_id:
            faults.append(msg.GROUP_PERSON_OTHER.format(name=name, group=group.name, post=what))
        else:
            faults += person_faults(vote.person, group.village, held_on, what)
    return faults


@transaction.atomic
def group_leaders_record(
    *,
    group: VillagerGroup,
    held_on: date,
    adults_present: int,
    households_present: int,
    leader_votes: Sequence[SelectionVoteInput],
    deputy_votes: Sequence[SelectionVoteInput],
    deputy_seats: int = 1,
    acting_user: User | None,
) -> GroupLeaderSelection:
    """One villager group's meeting: its turnout against the group's adults and households
    (REP-6's quorum), every person's votes for 组长 and for 副组长, and the elected — the most
    votes, with more than half of those present (REP-6); one person holds one post."""
    group = VillagerGroup.objects.select_related("village").get(pk=group.pk)
    village = group.village
    election = open_election(village)
    done = GroupLeaderSelection.objects.filter(election=election, villager_group=group).first()
    if done is not None:
        raise ValidationError(
            msg.GROUP_DONE.format(group=group.name, on=done.held_on), code="selected"
        )
    faults: list[str] = []
    if election.election_day is not None and held_on > election.election_day:
        faults.append(msg.HELD_AFTER_ELECTION.format(on=held_on, day=election.election_day))
    notice = GroupElectionNotice.objects.filter(election=election).first()
    if notice is not None and held_on < notice.issued_on:
        faults.append(msg.GROUP_HELD_BEFORE_NOTICE.format(on=held_on, issued=notice.issued_on))
    if (
        isinstance(deputy_seats, bool)
        or not isinstance(deputy_seats, int)
        or not 0 <= deputy_seats <= MOST_DEPUTIES
    ):
        faults.append(msg.GROUP_DEPUTY_SEATS.format(most=MOST_DEPUTIES, value=deputy_seats))
    adults, households = group_counts(group, held_on)
    for what, present, eligible, base in (
        ("到会村民", adults_present, adults, f"年满十八周岁的村民{adults}人"),
        ("到会户代表", households_present, households, f"{households}户"),
    ):
        if isinstance(present, bool) or not isinstance(present, int) or present < 0:
            faults.append(msg.VOTES_NOT_POSITIVE.format(name=what, votes=present))
        elif present > eligible:
            faults.append(
                msg.GROUP_TURNOUT_OVER.format(
                    what=what, present=present, group=group.name, eligible=base
                )
            )
    if faults:
        raise refuse(faults, "invalid")
    quorum = villager_group_quorum(adults_present, adults, households_present, households)
    if quorum.finding is not None:
        faults.append(msg.GROUP_QUORUM.format(message=quorum.message))
    if not leader_votes:
        faults.append(msg.GROUP_NO_LEADER_VOTES)
    faults += _vote_faults(leader_votes, group, held_on, GroupPost.LEADER)
    faults += _vote_faults(deputy_votes, group, held_on, GroupPost.DEPUTY)
    if faults:
        raise refuse(faults, "invalid")
    # Those present at the meeting: the people, or a household's representative each.
    present = max(adults_present, households_present)
    short = msg.FEWER_THAN_SEATS.format(seats=1, count=0)
    leaders, faults = _winners(GroupPost.LEADER, leader_votes, 1, present, short)
    short = msg.GROUP_FEWER_DEPUTIES.format(seats=deputy_seats, count=len(deputy_votes))
    deputies, more = _winners(GroupPost.DEPUTY, deputy_votes, deputy_seats, present, short)
    faults += more
    both = {v.person.pk for v in leaders} & {v.person.pk for v in deputies}
    faults += [
        msg.GROUP_BOTH_POSTS.format(name=v.person.name) for v in leaders if v.person.pk in both
    ]
    if faults:
        raise refuse(faults, "invalid")
    selection = GroupLeaderSelection.objects.create(
        election=election,
        village=village,
        villager_group=group,
        held_on=held_on,
        adults_eligible=adults,
        adults_present=adults_present,
        households_eligible=households,
        households_present=households_present,
        deputy_seats=deputy_seats,
    )
    rows = []
    for post, votes, won in (
        (GroupPost.LEADER, leader_votes, leaders),
        (GroupPost.DEPUTY, deputy_votes, deputies),
    ):
        winners = {v.person.pk for v in won}
        rows += [
            GroupLeaderVote(
                selection=selection,
                post=post,
                person=v.person,
                votes=v.votes,
                elected=v.person.pk in winners,
            )
            for v in votes
        ]
    GroupLeaderVote.objects.bulk_create(rows)
    record_audit(
        actor=acting_user,
        action=GROUP_RECORD,
        target=selection,
        after={
            "villager_group": group.name,
            "held_on": held_on.isoformat(),
            "adults_eligible": adults,
            "adults_present": adults_present,
            "households_eligible": households,
            "households_present": households_present,
            "leader_votes": [f"{v.person.name} {v.votes}票" for v in leader_votes],
            "deputy_votes": [f"{v.person.name} {v.votes}票" for v in deputy_votes],
            "leader": [v.person.name for v in leaders],
            "deputies": [v.person.name for v in deputies],
        },
        village=village,
    )
    return selection


@transaction.atomic
def group_leaders_cancel(
    *, group: VillagerGroup, reason: str, acting_user: User | None
) -> VillagerGroup:
    """Undo a group's recorded selection (entered wrongly, or held again): the votes and the
    reason stay on the audit trail."""
    group = VillagerGroup.objects.select_related("village").get(pk=group.pk)
    election = open_election(group.village)
    selection = GroupLeaderSelection.objects.filter(election=election, villager_group=group).first()
    if selection is None:
        raise ValidationError(msg.GROUP_NOT_DONE.format(group=group.name), code="not_selected")
    reason = reason.strip()
    if not reason:
        raise ValidationError(msg.CANCEL_REASON_REQUIRED, code="invalid")
    votes = list(selection.votes.select_related("person"))
    record_audit(
        actor=acting_user,
        action=GROUP_CANCEL,
        target=selection,
        before={
            "villager_group": group.name,
            "held_on": selection.held_on.isoformat(),
            "votes": [f"{v.person.name} {v.votes}票（{v.get_post_display()}）" for v in votes],
            "elected": [f"{v.person.name}（{v.get_post_display()}）" for v in votes if v.elected],
        },
        after={"reason": reason},
        village=group.village,
    )
    selection.delete()
    return group
