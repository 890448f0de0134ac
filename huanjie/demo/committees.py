"""The work a village that is ahead has done before the seeding day: its villagers' election
committee chosen by the representatives' assembly (VC-EC-1), the representatives' seats
apportioned by villager group (REP-4, REP-7, with reserved women's seats) and all but the last
group's selection held (REP-7), announcement 5 posted and all but the last group's leader and
deputy chosen (REP-6) — through the services, as the committee would have entered it.

Drawn from the village's register with its own `random.Random` (the seed and the village's
code), read in ID-number order: the same seed and day give the same rows.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from huanjie.committees.models import Constituency
from huanjie.committees.selectors import vc_seat_total
from huanjie.committees.services import (
    SelectionVoteInput,
    VoteInput,
    committee_record,
    representatives_apportion,
    representatives_selection_record,
)
from huanjie.committees.services.common import profile_of, vc_election
from huanjie.committees.services.group_leaders import (
    group_counts,
    group_election_notice_set,
    group_leaders_record,
    group_people,
)
from huanjie.committees.services.representatives import (
    group_households,
    suggested_seats,
    suggested_women_seats,
    unit_counts,
    unit_people,
)
from huanjie.elections.models import OfficeHolder
from huanjie.people.figures import village_figures
from huanjie.people.models import Person, RegisterStatus, Sex
from huanjie.regions.models import Region
from huanjie.rules.timeline.periods import age_on

DAY = timedelta(days=1)
# The committee: five seated (ZJ 5–9) and three more given votes; chosen about 34 days before
# the vote (practice.md §1 row 2), never later than the day before the seeding day.
SEATED = ("chair", "vice_chair", "member", "member", "member")
RUNNERS_UP = 3
COMMITTEE_LEAD_DAYS = 34
# The outgoing representatives' assembly that chose it: its members, and how many came.
ASSEMBLY = (40, 48)
# The last group has not chosen its representatives yet on the seeding day.
GROUPS_PENDING = 1


def _rng(seed: int, village: Region) -> random.Random:
    return random.Random(f"huanjie-demo:{seed}:{village.code}:committees")


def _adults(village: Region, on: date, exclude: set[int]) -> list[Person]:
    """Villagers on the register aged 25–65 on `on`, one per household, in ID-number order."""
    found: list[Person] = []
    homes: set[int | None] = set()
    for person in Person.objects.filter(
        village=village, status=RegisterStatus.ACTIVE, deprived_of_political_rights=False
    ).order_by("id_number"):
        if person.pk in exclude or person.household_id in homes:
            continue
        if 25 <= age_on(person.birth_date, on) <= 65:
            found.append(person)
            homes.add(person.household_id)
    return found


def _distinct_votes(rng: random.Random, count: int, low: int, high: int) -> list[int]:
    """`count` different vote totals between `low` and `high` (widened downwards to 1 when too
    narrow), most first: no tie for the order to settle."""
    low = max(1, min(low, high - count + 1))
    return sorted(rng.sample(range(low, high + 1), count), reverse=True)


def seed_committee(village: Region, *, seed: int, today: date, window_start: date) -> None:
    election = vc_election(village)
    if election is None or election.election_day is None:
        return
    rng = _rng(seed, village)
    chosen_on = election.election_day - COMMITTEE_LEAD_DAYS * DAY
    chosen_on = min(max(chosen_on, window_start), today - DAY)
    office_holders = set(
        OfficeHolder.objects.filter(village=village).values_list("person_id", flat=True)
    )
    pool = _adults(village, chosen_on, office_holders)
    people = rng.sample(pool, len(SEATED) + RUNNERS_UP)
    should_attend = rng.randint(*ASSEMBLY)
    present = should_attend - rng.randint(2, 8)
    votes = _distinct_votes(rng, len(people), present // 4, present - 1)
    roles: list[str | None] = [*SEATED, *([None] * RUNNERS_UP)]
    committee_record(
        village=village,
        chosen_by="representatives_assembly",
        chosen_on=chosen_on,
        should_attend=should_attend,
        present=present,
        votes=[VoteInput(p, v, r) for p, v, r in zip(people, votes, roles, strict=True)],
        acting_user=None,
    )
    _seed_representatives(village, rng, chosen_on, today, exclude={p.pk for p in people})
    _seed_group_leaders(village, rng, chosen_on, today, exclude={p.pk for p in people})


def _seed_representatives(
    village: Region, rng: random.Random, chosen_on: date, today: date, exclude: set[int]
) -> None:
    election = vc_election(village)
    assert election is not None
    groups = [g for g in group_households(village) if g.households]
    seats = suggested_seats(
        groups, village_figures(village=village).people, profile_of(election), "groups"
    )
    decided_on = chosen_on + DAY
    plan = representatives_apportion(
        village=village,
        basis="groups",
        seats=seats,
        women_seats=suggested_women_seats(seats, vc_seat_total(election)),
        decided_on=decided_on,
        acting_user=None,
    )
    units = list(plan.constituencies.order_by("number"))
    for unit in units[: max(0, len(units) - GROUPS_PENDING)]:
        held_on = min(decided_on + rng.randint(1, 6) * DAY, today - DAY)
        _select(unit, rng, held_on, exclude)


def _select(unit: Constituency, rng: random.Random, held_on: date, exclude: set[int]) -> None:
    voters, households = unit_counts(unit, held_on)
    members = set(unit_people(unit).values_list("pk", flat=True))
    pool = [p for p in _adults(unit.plan.village, held_on, exclude) if p.pk in members]
    women = [p for p in pool if p.sex == Sex.FEMALE]
    men = [p for p in pool if p.sex != Sex.FEMALE]
    wanted_women = min(len(women), unit.women_seats + 1)
    chosen = rng.sample(women, wanted_women)
    chosen += rng.sample(men, min(len(men), unit.seats - unit.women_seats + 2))
    rng.shuffle(chosen)
    present = voters // 2 + rng.randint(voters // 10, voters // 4 + 1)
    votes = _distinct_votes(rng, len(chosen), present // 5, present - 1)
    representatives_selection_record(
        constituency=unit,
        held_on=held_on,
        voters_present=min(present, voters),
        households_present=rng.randint(households // 3, households // 2),
        votes=[SelectionVoteInput(p, v) for p, v in zip(chosen, votes, strict=True)],
        acting_user=None,
    )


# The groups meet a few days after the committee is chosen (announcement 5 posted that day).
GROUP_MEETING_LEAD = 4


def _seed_group_leaders(
    village: Region, rng: random.Random, chosen_on: date, today: date, exclude: set[int]
) -> None:
    """Announcement 5, then every group but the last chooses a leader and one deputy (REP-6:
    two thirds of its adults present, the winners with more than half of them)."""
    held_on = max(chosen_on, min(chosen_on + GROUP_MEETING_LEAD * DAY, today - DAY))
    group_election_notice_set(
        village=village,
        issued_on=chosen_on,
        held_on=held_on,
        starts_at=time(8, 30),
        ends_at=time(11, 30),
        place="各村民小组活动室",
        acting_user=None,
    )
    groups = [g.group for g in group_households(village) if g.households]
    for group in groups[: max(0, len(groups) - GROUPS_PENDING)]:
        adults, households = group_counts(group, held_on)
        members = set(group_people(group).values_list("pk", flat=True))
        pool = [p for p in _adults(village, held_on, exclude) if p.pk in members]
        present = min(adults, -(-2 * adults // 3) + rng.randint(0, max(1, adults // 10)))
        if len(pool) < 4 or present < 6:
            continue
        leader, runner, deputy, other = rng.sample(pool, 4)
        top, second = _distinct_votes(rng, 2, present // 2 + 1, present - 1)
        group_leaders_record(
            group=group,
            held_on=held_on,
            adults_present=present,
            households_present=rng.randint(households // 3, households // 2),
            leader_votes=[
                SelectionVoteInput(leader, top),
                SelectionVoteInput(runner, present - top),
            ],
            deputy_votes=[
                SelectionVoteInput(deputy, second),
                SelectionVoteInput(other, present - second),
            ],
            acting_user=None,
        )
