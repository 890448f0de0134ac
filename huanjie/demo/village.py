"""One demo village: its villager groups, households, party roll, outgoing committees, risk
rating and planned elections."""

from __future__ import annotations

import dataclasses
import math
import random
from datetime import date, timedelta

from huanjie.demo import names
from huanjie.demo.constants import (
    MAX_HOUSEHOLD_SIZE,
    PARTY_SHARE,
    RESIDENTS_MAX,
    RESIDENTS_MIN,
)
from huanjie.demo.households import age_on_register_day, household_members
from huanjie.demo.ids import IdNumbers
from huanjie.demo.offices import (
    election_plans,
    new_committees,
    outgoing_committees,
    seat_tables,
)
from huanjie.demo.party import organization_kind, organization_name, party_roll
from huanjie.demo.plan import DemoVillage, Departure, MembershipPlan, OfficePlan, Stage
from huanjie.demo.residents import residents_of
from huanjie.demo.schedule import Scheduler
from huanjie.people.models import HeadRelation, MembershipStatus, PoliticalStatus, RegisterStatus
from huanjie.people.register.inputs import HouseholdInput, MemberInput

# Mean ≈ 1,100 residents: log-uniform between the bounds (small villages are more common).
TARGET_LOW, TARGET_HIGH = RESIDENTS_MIN + 20, RESIDENTS_MAX - MAX_HOUSEHOLD_SIZE - 100
# Share of 畲族 families: many in a 少数民族村, few elsewhere (the county's people ≈ 11% 畲族).
SHE_FAMILIES_MINORITY_VILLAGE = (0.35, 0.5)
SHE_FAMILIES_OTHER_VILLAGE = (0.02, 0.07)
MINORITY_VILLAGE_THRESHOLD = 0.3  # share of 畲族 families that makes a 少数民族村

DAY = timedelta(days=1)
ADULT_AGE = 18
ELECTED_TURNOUT = (0.82, 0.95)  # the share of voters who voted in an elected village
POSTPONED_NOTE = "选举暂缓：待问题化解后，由乡镇党委另定选举日。"
MOVED_NOTE = "外出务工，户口迁往杭州市。"
DECEASED_NOTE = "病故。"

POLITICAL_STATUS: dict[str, str] = {
    MembershipStatus.FULL: PoliticalStatus.FULL_MEMBER,
    MembershipStatus.PROBATIONARY: PoliticalStatus.PROBATIONARY_MEMBER,
}


def residents_age(id_number: str) -> int:
    birth = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    return age_on_register_day(birth)


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
    stage: str,
    township: int,
    scheduler: Scheduler,
) -> DemoVillage:
    """`first_village`: the county's first (the demo logins' village); `township`: the index of
    its township; `stage`: how far its round has come on the scheduler's day."""
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
    roll = party_roll(
        rng,
        residents,
        share=rng.uniform(*PARTY_SHARE),
        first_village=first_village,
        today=scheduler.today,
    )
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
    days = scheduler.village_days(rng, code=code, township=township, stage=stage)
    offices = outgoing_committees(rng, residents, voting, seats, days)
    notes = risk[1] + (POSTPONED_NOTE if stage == Stage.POSTPONED else "")
    fixed = stage in (Stage.AHEAD, Stage.SCHEDULED, Stage.ELECTED)
    elections = election_plans(rng, seats, days, fixed=fixed)
    new_offices: tuple[OfficePlan, ...] = ()
    vc_turnout = None
    if stage == Stage.ELECTED:
        new_offices = new_committees(rng, residents, voting, seats, days)
        adults = sum(1 for r in residents if r.age >= ADULT_AGE)
        vc_turnout = (adults, round(adults * rng.uniform(*ELECTED_TURNOUT)))
    return DemoVillage(
        code=code,
        name=name,
        minority_village=she_families >= MINORITY_VILLAGE_THRESHOLD * len(households),
        villager_groups=groups,
        households=tuple(households),
        party_organization=(organization_name(name, kind), kind),
        memberships=memberships,
        offices=offices,
        risk_level=risk[0],
        risk_notes=notes,
        stage=stage,
        elections=elections,
        departures=_departures(households, offices, memberships, scheduler.today)
        if stage == Stage.AHEAD
        else (),
        new_offices=new_offices,
        vc_turnout=vc_turnout,
    )


def _departures(
    households: list[HouseholdInput],
    offices: tuple[OfficePlan, ...],
    memberships: tuple[MembershipPlan, ...],
    today: date,
) -> tuple[Departure, ...]:
    """Register work done before the seeding day in a village that is ahead: a young party
    member who moved away for work (still on the roll until the party organization transfers
    him) and the oldest non-head villager, deceased. Never an office holder nor a head (a
    household keeps its head)."""
    busy = {o.id_number for o in offices}
    members = {m.id_number for m in memberships}
    people = [
        (m, residents_age(m.id_number))
        for h in households
        for m in h.members
        if m.relation != HeadRelation.HEAD and m.id_number not in busy
    ]
    leaving: list[Departure] = []
    movers = [m for m, age in people if 20 <= age <= 40 and m.id_number in members]
    if movers:
        leaving.append(
            Departure(movers[0].id_number, RegisterStatus.MOVED_OUT, today - 40 * DAY, MOVED_NOTE)
        )
    elders = sorted((age, m.id_number) for m, age in people if age >= 75)
    if elders:
        leaving.append(
            Departure(elders[-1][1], RegisterStatus.DECEASED, today - 25 * DAY, DECEASED_NOTE)
        )
    return tuple(leaving)
