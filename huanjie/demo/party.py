"""A village's party roll: ≈6% of residents, which body it sets up (PB-ORG-1), probationary
members, members under 留党察看 and floating members (PB-RIGHTS-1)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from huanjie.demo.residents import Resident, weighted_sample
from huanjie.people.models import MembershipStatus, PartyOrganizationKind
from huanjie.rules.party.org import organization_setup
from huanjie.rules.timeline.periods import add_years

# Counted back and forth from the seeding day: a full member joined over a year before it (the
# probation year and its confirmation); a probationary member within the last year.
FULL_JOIN_DAYS_BEFORE = 400
PROBATIONARY_JOINED_DAYS_BEFORE = (330, 40)
# 留党察看 in the first village: one ended before the campaign, one runs through it; elsewhere
# one, now and then, ending within eighteen months.
FIRST_VILLAGE_PROBATION_END_DAYS = (-20, 240)
OTHER_PROBATION_END_DAYS = (30, 540)


def _days(today: date, days: int) -> date:
    return today + timedelta(days=days)


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _weight(person: Resident) -> float:
    if person.age < 18:
        return 0
    by_age = (
        0.3 if person.age < 25 else 0.8 if person.age < 36 else 1.2 if person.age <= 80 else 0.6
    )
    return by_age * (3 if person.sex == "M" else 1)


def _full_join(rng: random.Random, person: Resident, latest: date) -> date | None:
    eighteen = add_years(person.birth_date, 18)
    if eighteen > latest:
        return None
    joined = add_years(person.birth_date, rng.randint(20, 45)) + timedelta(days=rng.randrange(365))
    return joined if joined <= latest else day_between(rng, eighteen, latest)


def party_roll(
    rng: random.Random,
    residents: list[Resident],
    *,
    share: float,
    first_village: bool,
    today: date,
) -> list[tuple[Resident, str, date, date | None]]:
    """(person, status, joined on, 留党察看 until) for each member, in register order; the
    dates counted from the seeding day `today`."""
    latest_full = _days(today, -FULL_JOIN_DAYS_BEFORE)
    first_joined, last_joined = (_days(today, -d) for d in PROBATIONARY_JOINED_DAYS_BEFORE)
    members = weighted_sample(rng, residents, round(len(residents) * share), _weight)
    young = [p for p in members if 20 <= p.age <= 40]
    probationary = {
        p.id_number for p in rng.sample(young, min(len(young), max(1, len(members) // 25)))
    }
    roll: list[tuple[Resident, str, date, date | None]] = []
    for person in members:
        joined = None if person.id_number in probationary else _full_join(rng, person, latest_full)
        if joined is None:
            joined = max(
                day_between(rng, first_joined, last_joined), add_years(person.birth_date, 18)
            )
            roll.append((person, MembershipStatus.PROBATIONARY, joined, None))
        else:
            roll.append((person, MembershipStatus.FULL, joined, None))
    # 留党察看 only ever concerns a full member living in the village.
    candidates = [
        i
        for i, (p, status, _, _) in enumerate(roll)
        if status == MembershipStatus.FULL and p.resides
    ]
    if first_village:
        ends = [_days(today, d) for d in FIRST_VILLAGE_PROBATION_END_DAYS]
    else:
        first_end, last_end = (_days(today, d) for d in OTHER_PROBATION_END_DAYS)
        ends = [day_between(rng, first_end, last_end)] if rng.random() < 0.3 else []
    for index, end in zip(
        rng.sample(candidates, min(len(ends), len(candidates))), ends, strict=False
    ):
        person, status, joined, _ = roll[index]
        roll[index] = (person, status, joined, end)
    return roll


def organization_kind(full_members: int) -> str:
    """PB-ORG-1: a 党委 from 100 full members, a 党总支 above 50, else a 党支部."""
    setup = organization_setup(full_members)
    if setup.party_committee:
        return PartyOrganizationKind.COMMITTEE
    if setup.general_branch:
        return PartyOrganizationKind.GENERAL_BRANCH
    return PartyOrganizationKind.BRANCH


ORGANIZATION_SUFFIX = {
    PartyOrganizationKind.BRANCH: "支部委员会",
    PartyOrganizationKind.GENERAL_BRANCH: "总支部委员会",
    PartyOrganizationKind.COMMITTEE: "委员会",
}


def organization_name(village: str, kind: str) -> str:
    return f"中共{village}{ORGANIZATION_SUFFIX[PartyOrganizationKind(kind)]}"
