"""The party roll work a village that is ahead has done before the seeding day: two voting
members left out of "should attend" with both approvals (PB-QUORUM-2) — one away, one old and
bedridden or ill — a third proposed and consented to by the township but not yet passed by the
members' meeting (so it still counts), and most members registered for the election
(SEED-PB-REG, informational under PB_2020) — through the services, as the party organization
would have entered them.

Drawn with its own `random.Random` (the seed and the village's code) over the roll in ID-number
order: the same seed and day give the same rows.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from huanjie.demo.plan import DemoVillage, Stage
from huanjie.elections.models import Ground, RegistrationMethod
from huanjie.elections.party.roll import RollRow, party_roll
from huanjie.elections.party.services import (
    exclusion_consent_record,
    exclusion_meeting_record,
    exclusion_propose,
    member_register,
)
from huanjie.regions.models import Region
from huanjie.rules.timeline.periods import age_on

DAY = timedelta(days=1)
CONSENT_DAYS_BEFORE = 12  # the township's written consent
MEETING_DAYS_BEFORE = 6  # the members' meeting that passed the exclusions
REGISTERED_SHARE = 0.8
OLD = 75


def _rng(seed: int, village: Region) -> random.Random:
    return random.Random(f"huanjie-demo:{seed}:{village.code}:party-roll")


def _pick(rows: list[RollRow], rng: random.Random, taken: set[int]) -> RollRow | None:
    free = [r for r in rows if r.person.pk not in taken]
    return rng.choice(free) if free else None


def seed_party_roll(plan: DemoVillage, *, seed: int, today: date, window_start: date) -> None:
    if plan.stage != Stage.AHEAD:
        return
    village = Region.objects.get(code=plan.code)
    roll = party_roll(village=village)
    election = roll.election
    if election is None or election.election_day is None:
        return
    rng = _rng(seed, village)
    voting = sorted((r for r in roll.rows if r.rights.has_rights), key=lambda r: r.person.id_number)
    township = village.parent.name if village.parent is not None else ""
    approver = f"中共{township}委员会"
    document = f"{township[:2]}党〔{today.year}〕{rng.randint(8, 40)}号"
    consent_on = max(window_start, today - CONSENT_DAYS_BEFORE * DAY)
    meeting_on = max(consent_on, today - MEETING_DAYS_BEFORE * DAY)
    taken: set[int] = set()
    away = _pick([r for r in voting if r.membership.floating], rng, taken) or _pick(
        voting, rng, taken
    )
    old = [r for r in voting if age_on(r.person.birth_date, election.election_day) >= OLD]
    frail = _pick(old, rng, taken | ({away.person.pk} if away else set()))
    plans = []
    if away is not None:
        ground = Ground.FLOATING if away.membership.floating else Ground.AWAY
        plans.append((away, ground, "外出务工，选举期间不能回村，本人书面申请不列入", True))
        taken.add(away.person.pk)
    if frail is not None:
        plans.append((frail, Ground.BEDRIDDEN, "年老体弱，长期卧床", True))
        taken.add(frail.person.pk)
    pending = _pick(voting, rng, taken)
    if pending is not None:
        plans.append((pending, Ground.ILLNESS, "患病住院治疗，选举日前能否出院未定", False))
        taken.add(pending.person.pk)
    for row, ground, detail, passed in plans:
        exclusion = exclusion_propose(
            election=election,
            person=row.person,
            ground=ground,
            detail=detail,
            acting_user=None,
            today=consent_on,
        )
        exclusion = exclusion_consent_record(
            exclusion=exclusion,
            on=consent_on,
            approver=approver,
            document=document,
            acting_user=None,
            today=today,
        )
        if passed:
            exclusion_meeting_record(
                exclusion=exclusion, on=meeting_on, acting_user=None, today=today
            )
    days = max(1, (today - window_start).days)
    for row in sorted(roll.rows, key=lambda r: r.person.id_number):
        if row.person.pk in taken or rng.random() > REGISTERED_SHARE:
            continue
        floating = row.membership.floating
        member_register(
            election=election,
            person=row.person,
            on=window_start + rng.randrange(days) * DAY,
            method=RegistrationMethod.PHONE if floating else RegistrationMethod.IN_PERSON,
            note="在外务工，电话登记" if floating else "",
            acting_user=None,
            today=today,
        )
