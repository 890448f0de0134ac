"""A village ahead has published the 招贤榜 of its 主任 and 副主任 posts a week before the seeding
day and taken a few applications — self, joint (signatures counted) and by the party
organization — of which the committee accepted some as candidates; the lists are still to be
published (practice.md §1–2). Written through the services, as the committee would have."""

from __future__ import annotations

import random
from datetime import date, timedelta

from huanjie.committees.models import CommitteeMember
from huanjie.committees.services.common import profile_of, vc_election
from huanjie.nominations.models import Kind
from huanjie.nominations.services import (
    application_accept,
    application_file,
    recruitment_publish,
)
from huanjie.people.models import Person, RegisterStatus
from huanjie.regions.models import Region
from huanjie.rules.bodies.nomination import self_registration_deadline

DAY = timedelta(days=1)
NOTICE_LEAD_DAYS = 7
REQUIREMENTS = {
    "chair": "五有：有干事激情、有担当精神、有实干能力、有群众基础、有良好品行；X：懂村集体经济经营",
    "vice_chair": "五有：有干事激情、有担当精神、有实干能力、有群众基础、有良好品行；X：熟悉农技推广",
}
# Per post: the kinds of its applications, and how many of the first are accepted.
APPLICATIONS = {
    "chair": ((Kind.SELF, Kind.JOINT, Kind.ORGANIZATION), 2),
    "vice_chair": ((Kind.SELF, Kind.JOINT), 2),
}


def seed_nominations(village: Region, *, seed: int, today: date, window_start: date) -> None:
    election = vc_election(village)
    if election is None or election.election_day is None:
        return
    notice_on = max(today - NOTICE_LEAD_DAYS * DAY, window_start)
    last = self_registration_deadline(profile_of(election), election.election_day)
    filed_by = min(today - DAY, last or election.election_day)
    if filed_by <= notice_on:
        return
    rng = random.Random(f"huanjie-demo:{seed}:{village.code}:nominations")
    sitting = set(
        CommitteeMember.objects.filter(committee__election=election).values_list(
            "person_id", flat=True
        )
    )
    day = election.election_day
    pool = [
        p
        for p in Person.objects.filter(
            village=village,
            status=RegisterStatus.ACTIVE,
            deprived_of_political_rights=False,
            birth_date__gt=date(day.year - 60, day.month, 1),
            birth_date__lt=date(day.year - 25, day.month, 1),
        ).order_by("id_number")
        if p.pk not in sitting
    ]
    posts = {s.post for s in election.seats.all()}
    wanted = sum(len(kinds) for post, (kinds, _) in APPLICATIONS.items() if post in posts)
    if len(pool) < wanted:
        return
    people = iter(rng.sample(pool, wanted))
    for post, (kinds, accepted) in APPLICATIONS.items():
        if post not in posts:
            continue
        recruitment = recruitment_publish(
            village=village,
            post=post,
            requirements=REQUIREMENTS[post],
            on=notice_on,
            acting_user=None,
        )
        for n, kind in enumerate(kinds):
            filed_on = notice_on + DAY * rng.randint(1, (filed_by - notice_on).days)
            application = application_file(
                recruitment=recruitment,
                person=next(people),
                kind=kind,
                filed_on=filed_on,
                signatures=rng.randint(10, 40) if kind == Kind.JOINT else None,
                nominated_by="村党组织" if kind == Kind.ORGANIZATION else "",
                acting_user=None,
            )
            if n < accepted:
                application_accept(application=application, on=filed_by, acting_user=None)
