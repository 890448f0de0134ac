"""One demo village: its villager groups, households, party roll, outgoing committees, risk
rating and planned elections."""

from __future__ import annotations

import dataclasses
import math
import random

from huanjie.demo import names
from huanjie.demo.constants import (
    MAX_HOUSEHOLD_SIZE,
    PARTY_SHARE,
    RESIDENTS_MAX,
    RESIDENTS_MIN,
)
from huanjie.demo.households import household_members
from huanjie.demo.ids import IdNumbers
from huanjie.demo.offices import election_plans, outgoing_committees, seat_tables
from huanjie.demo.party import organization_kind, organization_name, party_roll
from huanjie.demo.plan import DemoVillage, MembershipPlan
from huanjie.demo.residents import residents_of
from huanjie.people.models import MembershipStatus, PoliticalStatus
from huanjie.people.register.inputs import HouseholdInput, MemberInput

# Mean ≈ 1,100 residents: log-uniform between the bounds (small villages are more common).
TARGET_LOW, TARGET_HIGH = RESIDENTS_MIN + 20, RESIDENTS_MAX - MAX_HOUSEHOLD_SIZE - 100
# Share of 畲族 families: many in a 少数民族村, few elsewhere (the county's people ≈ 11% 畲族).
SHE_FAMILIES_MINORITY_VILLAGE = (0.35, 0.5)
SHE_FAMILIES_OTHER_VILLAGE = (0.02, 0.07)
MINORITY_VILLAGE_THRESHOLD = 0.3  # share of 畲族 families that makes a 少数民族村

POLITICAL_STATUS: dict[str, str] = {
    MembershipStatus.FULL: PoliticalStatus.FULL_MEMBER,
    MembershipStatus.PROBATIONARY: PoliticalStatus.PROBATIONARY_MEMBER,
}


def _households(
    rng: random.Random, ids: IdNumbers, she_share: float, clans: tuple[str, ...]
) -> tuple[tuple[str, ...], list[tuple[MemberInput, ...]], list[int]]:
    """Groups, households (members) and each household's group index (0-based)."""
    target = round(math.exp(rng.uniform(math.log(TARGET_LOW), math.log(TARGET_HIGH))))
    families: list[tuple[MemberInput, ...]] = []
    people = 0
    while people < target:
        members = household_members(rng, ids, she_share=she_share, clan_surnames=clans)
        families.append(members)
        people += len(members)
    group_count = max(4, min(12, round(people / 150) + rng.randint(-1, 1)))
    groups = tuple(names.group_name(i) for i in range(1, group_count + 1))
    # Households of one group are neighbours on the register: contiguous blocks.
    group_of = [i * group_count // len(families) for i in range(len(families))]
    return groups, families, group_of


def build_village(
    rng: random.Random,
    ids: IdNumbers,
    *,
    code: str,
    name: str,
    first_village: bool,
    minority: bool,
    risk: tuple[str, str],
    party_day_offset: int,
) -> DemoVillage:
    she_share = rng.uniform(
        *(SHE_FAMILIES_MINORITY_VILLAGE if minority else SHE_FAMILIES_OTHER_VILLAGE)
    )
    clans = tuple(
        names.surname(rng, she=minority) for _ in range(rng.randint(2, 3))
    )  # a few big families (大姓) in most villages
    groups, families, group_of = _households(rng, ids, she_share, clans)
    numbering = [0] * len(groups)
    households: list[HouseholdInput] = []
    for members, g in zip(families, group_of, strict=True):
        numbering[g] += 1
        households.append(
            HouseholdInput(
                number=f"{g + 1:02d}{numbering[g]:03d}", villager_group=groups[g], members=members
            )
        )
    residents = residents_of(households)
    roll = party_roll(rng, residents, share=rng.uniform(*PARTY_SHARE), first_village=first_village)
    status_of = {person.id_number: status for person, status, _, _ in roll}
    households = [
        dataclasses.replace(
            h,
            members=tuple(
                dataclasses.replace(m, political_status=POLITICAL_STATUS[status_of[m.id_number]])
                if m.id_number in status_of
                else m
                for m in h.members
            ),
        )
        for h in households
    ]
    memberships = tuple(
        MembershipPlan(
            id_number=person.id_number,
            status=status,
            joined_on=joined,
            probation_until=until,
            floating=not person.resides,
        )
        for person, status, joined, until in roll
    )
    full = sum(1 for m in memberships if m.status == MembershipStatus.FULL)
    kind = organization_kind(full)
    population = len(residents)
    seats = seat_tables(population, full, kind)
    voting = {
        m.id_number
        for m in memberships
        if m.status == MembershipStatus.FULL and m.probation_until is None and not m.floating
    }
    she_families = sum(1 for h in households if h.members[0].ethnicity == "畲族")
    return DemoVillage(
        code=code,
        name=name,
        minority_village=she_families >= MINORITY_VILLAGE_THRESHOLD * len(households),
        villager_groups=groups,
        households=tuple(households),
        party_organization=(organization_name(name, kind), kind),
        memberships=memberships,
        offices=outgoing_committees(rng, residents, voting, seats),
        risk_level=risk[0],
        risk_notes=risk[1],
        elections=election_plans(rng, seats, party_day_offset),
    )
