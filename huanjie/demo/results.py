"""The results of a village that voted before the seeding day (Stage.ELECTED): each body's
election complete, its new members in office from their election day, and the villagers'
committee's vote counted by the engine from a tally in the shape of tally-io.md — so the
dashboards, the village's 选举 tab and the handover all read one story.

The votes are the seed's: the winners' share of the valid ballots is drawn per village, the
outgoing members who stood again and lost come second.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from huanjie.ballots.models import RoundResult
from huanjie.campaigns.models import VillagePlan
from huanjie.demo.plan import DemoVillage
from huanjie.elections.models import Body, Election, ElectionSeat, ElectionStatus
from huanjie.elections.services import office_holder_record
from huanjie.handover.models import Handover, HandoverItem, ItemKind
from huanjie.people.models import Person
from huanjie.rules.tally import count, parse_contest

WINNER_SHARE = (0.62, 0.92)  # of the valid ballots
RUNNER_UP_SHARE = (0.08, 0.3)
COUNTED_AT = time(18, 30)  # the count ends on the evening of the vote


def seed_results(
    plan: DemoVillage, village_plan: VillagePlan, people: dict[str, Person], *, seed: int
) -> None:
    """Record the elected village's new committees and its VC result (the plan's elections
    already carry their past days)."""
    rng = random.Random(f"huanjie-demo:{seed}:{plan.code}:results")
    village = village_plan.village
    for election in Election.objects.filter(plan=village_plan).order_by("election_day", "id"):
        holders = [o for o in plan.new_offices if o.body == election.body]
        for office in holders:
            office_holder_record(
                village=village,
                body=office.body,
                post=office.post,
                person=people[office.id_number],
                term_start=office.term_start,
                term_end=office.term_end,
                election=election,
                acting_user=None,
            )
        election.status = ElectionStatus.COMPLETE
        election.save(update_fields=["status", "updated_at"])
        if election.body == Body.VILLAGERS_COMMITTEE and plan.vc_turnout is not None:
            _vc_result(rng, plan, election, people)


def _vc_result(
    rng: random.Random, plan: DemoVillage, election: Election, people: dict[str, Person]
) -> None:
    registered, participants = plan.vc_turnout or (0, 0)
    invalid = rng.randint(0, max(1, participants // 100))
    valid = participants - invalid
    winners = [o for o in plan.new_offices if o.body == Body.VILLAGERS_COMMITTEE]
    elected_ids = {o.id_number for o in winners}
    names = {people[o.id_number].name for o in winners}
    # The outgoing members who were not re-elected stood again and came second.
    losers = [
        o
        for o in plan.offices
        if o.body == Body.VILLAGERS_COMMITTEE
        and o.id_number not in elected_ids
        and people[o.id_number].name not in names
    ]
    seats = dict(ElectionSeat.objects.filter(election=election).values_list("post", "seats"))
    votes: dict[str, dict[str, int]] = {}
    facts: dict[str, dict[str, str]] = {}
    for office in winners:
        person = people[office.id_number]
        votes.setdefault(office.post, {})[person.name] = round(valid * rng.uniform(*WINNER_SHARE))
        facts[person.name] = {"sex": person.sex}
    for office in losers:
        person = people[office.id_number]
        section = votes.get(office.post)
        if section is None or person.name in section:
            continue
        # Each ballot names at most as many people as the post has seats (IO-1).
        room = seats.get(office.post, 0) * valid - sum(section.values())
        share = min(room, round(valid * rng.uniform(*RUNNER_UP_SHARE)))
        if share > 0:
            section[person.name] = share
            facts[person.name] = {"sex": person.sex}
    data: dict[str, Any] = {
        "profile": election.plan.campaign.profile_id,
        "body": election.body,
        "round": "first",
        "registered": registered,
        "participants": participants,
        "ballots_issued": participants,
        "ballots_collected": participants,
        "invalid_ballots": invalid,
        "seats": seats,
        "votes": {post: dict(sorted(votes.get(post, {}).items())) for post in seats},
        "people": facts,
    }
    outcome = count(parse_contest(data))
    if not outcome.valid or str(outcome.next) != "complete":
        raise ValueError(f"The demo's VC vote in {plan.code} does not complete the committee.")
    assert election.election_day is not None
    counted = timezone.make_aware(datetime.combine(election.election_day, COUNTED_AT))
    # Stored as the tally service stores it; the handover opens by itself (handover.signals).
    RoundResult.objects.create(
        election=election, contest=data, outcome=outcome.to_dict(), counted_at=counted
    )
    _hand_over(rng, election)


def _hand_over(rng: random.Random, election: Election) -> None:
    """A handover whose deadline has passed was done within it: the seal on the day the
    committee was formed, the rest of the checklist on one later day, both sides confirming
    and the township supervising then (VC-POST-1)."""
    handover = Handover.objects.filter(election=election).first()
    if handover is None or handover.due_on >= timezone.localdate():
        return
    span = max(1, (handover.due_on - handover.formed_on).days)
    done = handover.formed_on + timedelta(days=rng.randint(1, span))
    HandoverItem.objects.bulk_create(
        [
            HandoverItem(
                handover=handover,
                kind=kind,
                handed_on=handover.formed_on if kind == ItemKind.SEAL else done,
                note=HANDOVER_NOTES[kind],
            )
            for kind in ItemKind
        ]
    )
    moment = timezone.make_aware(datetime.combine(done, HANDOVER_AT))
    Handover.objects.filter(pk=handover.pk).update(
        outgoing_confirmed_at=moment,
        incoming_confirmed_at=moment,
        supervised_at=moment,
        completed_on=done,
    )


HANDOVER_AT = time(10, 0)
HANDOVER_NOTES = {
    ItemKind.SEAL: "村民委员会公章1枚、财务专用章1枚，当场移交。",
    ItemKind.ARCHIVES: "2021年以来会议记录、村务公开资料和选举档案共12盒。",
    ItemKind.ASSETS: "集体资产台账、银行账户和会计凭证，经乡镇农经站核对无误。",
    ItemKind.DEBTS: "债权债务清单1份，双方核对签字。",
    ItemKind.FACILITIES: "办公电脑2台、打印机1台、办公桌椅一批。",
    ItemKind.PENDING: "未办结事项3件，已列清单交新一届村民委员会。",
}
