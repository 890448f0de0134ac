"""A village's party roll: ≈6% of residents, which body it sets up (PB-ORG-1), probationary
members, members under 留党察看 and floating members (PB-RIGHTS-1)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from huanjie.demo.residents import Resident, weighted_sample
from huanjie.people.models import MembershipStatus, PartyOrganizationKind
from huanjie.rules.party.org import organization_setup
from huanjie.rules.timeline.periods import add_years

# A full member joined at least a year before the register day (the probation year).
LATEST_FULL_JOIN = date(2024, 12, 31)
PROBATIONARY_JOINED = (date(2025, 1, 10), date(2025, 11, 30))
# 留党察看 in the first village: one ended before the campaign, one runs through it.
FIRST_VILLAGE_PROBATIONS = (date(2025, 12, 20), date(2026, 8, 31))
OTHER_PROBATION_END = (date(2026, 2, 1), date(2027, 6, 30))


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _weight(person: Resident) -> float:
    if person.age < 18:
        return 0
    by_age = (
        0.3 if person.age < 25 else 0.8 if person.age < 36 else 1.2 if person.age <= 80 else 0.6
    )
    return by_age * (3 if person.sex == "M" else 1)


def _full_join(rng: random.Random, person: Resident) -> date | None:
    eighteen = add_years(person.birth_date, 18)
    if eighteen > LATEST_FULL_JOIN:
        return None
    joined = add_years(person.birth_date, rng.randint(20, 45)) + timedelta(days=rng.randrange(365))
    return joined if joined <= LATEST_FULL_JOIN else day_between(rng, eighteen, LATEST_FULL_JOIN)


def party_roll(
    rng: random.Random, residents: list[Resident], *, share: float, first_village: bool
) -> list[tuple[Resident, str, date, date | None]]:
    """(person, status, joined on, 留党察看 until) for each member, in register order."""
    members = weighted_sample(rng, residents, round(len(residents) * share), _weight)
    young = [p for p in members if 20 <= p.age <= 40]
    probationary = {
        p.id_number for p in rng.sample(young, min(len(young), max(1, len(members) // 25)))
    }
    roll: list[tuple[Resident, str, date, date | None]] = []
    for person in members:
        joined = None if person.id_number in probationary else _full_join(rng, person)
        if joined is None:
            joined = max(day_between(rng, *PROBATIONARY_JOINED), add_years(person.birth_date, 18))
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
        ends = list(FIRST_VILLAGE_PROBATIONS)
    else:
        ends = [day_between(rng, *OTHER_PROBATION_END)] if rng.random() < 0.3 else []
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
