"""The village whose voter list the demo published has begun its voting arrangements: a central
venue and a mobile box (proposed, waiting for the township's approval — the demo's township
officer approves it), the box's voters and three scrutineers, a caller and a counter, and a few
proxies between spouses (the household register's spouse links confirmed by the committee), two
of them approved. Nothing is announced yet: the announcements are due by E−5. Written through
the services, which refuse a candidate's relative as staff: such a pick is simply passed over."""

from __future__ import annotations

import random
from datetime import date

from django.core.exceptions import ValidationError

from huanjie.ballots.models import BoxKind
from huanjie.committees.services.common import vc_election
from huanjie.elections.models import Election
from huanjie.people.models import HeadRelation, Household
from huanjie.people.services.relations import relations_confirm_household
from huanjie.regions.models import Region, VillagerGroup
from huanjie.registration.models import Voter
from huanjie.voting.models import Duty
from huanjie.voting.selectors import voters
from huanjie.voting.services import (
    mobile_voter_add,
    proxy_approve,
    proxy_file,
    staff_add,
    station_add,
)

PROXIES = 3
APPROVED = 2


def seed_voting(village: Region, *, seed: int, today: date) -> None:
    election = vc_election(village)
    if election is None or election.election_day is None or today >= election.election_day:
        return
    listed = list(voters(election).order_by("person__id_number"))
    if len(listed) < 12:
        return
    rng = random.Random(f"huanjie-demo:{seed}:{village.code}:voting")
    groups = VillagerGroup.objects.filter(village=village).order_by("id")
    route = "—".join(g.name for g in groups[:3]) or "全村"
    station_add(
        election=election,
        kind=BoxKind.CENTRAL,
        name="中心会场",
        place="村文化礼堂",
        hours="7:30—12:00",
        acting_user=None,
    )
    mobile = station_add(
        election=election,
        kind=BoxKind.MOBILE,
        name="流动票箱",
        place="村委会出发",
        hours="8:00—11:00",
        route=route,
        acting_user=None,
    )
    eldest = sorted(listed, key=lambda v: (v.person.birth_date, v.person.id_number))[:2]
    for voter in eldest:
        mobile_voter_add(station=mobile, person=voter.person, reason="年老体弱", acting_user=None)
    pool = [v.person for v in listed if v not in eldest]
    rng.shuffle(pool)
    wanted = [(Duty.CALLER, None), (Duty.COUNTER, None)] + [(Duty.SCRUTINEER, mobile)] * 3
    for duty, station in wanted:
        while pool:
            person = pool.pop()
            try:
                staff_add(
                    election=election,
                    person=person,
                    duty=duty,
                    station=station,
                    acting_user=None,
                )
                break
            except ValidationError:
                continue  # a candidate or a candidate's relative: the next one
    _proxies(election, listed, today)


def _proxies(election: Election, listed: list[Voter], today: date) -> None:
    on_register = {v.person_id: v for v in listed}
    homes = Household.objects.filter(village_id=election.plan.village_id).order_by("number")
    filed = 0
    for home in homes:
        members = list(home.members.filter(pk__in=on_register))
        head = next((p for p in members if p.relation_to_head == HeadRelation.HEAD), None)
        spouse = next((p for p in members if p.relation_to_head == HeadRelation.SPOUSE), None)
        if head is None or spouse is None:
            continue
        relations_confirm_household(household=home, acting_user=None)
        try:
            request = proxy_file(
                election=election,
                principal=head,
                holder=spouse,
                reason="外出务工",
                filed_on=today,
                filed_by=spouse.name if filed % 2 else "",
                acting_user=None,
            )
        except ValidationError:
            continue  # e.g. the spouse is a candidate
        if filed < APPROVED:
            proxy_approve(request=request, acting_user=None)
        filed += 1
        if filed == PROXIES:
            return
