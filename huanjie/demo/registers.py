"""The demo's voter registers, written through the registration services: the villages that are
ahead (the first of each township) have theirs built for the villagers' committee election, the
very first one published on the seeding day when VC-REG-5 allows it, and each has the previous
term's list as an imported one would be (the demo's previous round was before the system), so
that the 四增四减 shows the villagers who came of age, moved out or died since."""

from __future__ import annotations

from datetime import date, timedelta

from huanjie.demo.plan import DemoVillage, Stage
from huanjie.elections.models import Body, Election
from huanjie.people.models import Person
from huanjie.registration.models import AwayWish, Meeting, VoterRegister, WishMeans
from huanjie.registration.services import (
    application_record,
    previous_list_record,
    register_build,
    register_open,
    register_publish,
    wish_record,
)
from huanjie.rules.eligibility.voters import VOTING_AGE
from huanjie.rules.timeline.periods import add_years, age_on

PREVIOUS_LIST_NAME = "上届选民名单演示.xlsx"
TERM_YEARS = 5
APPLICANTS_RESIDENT_YEARS = 3


def seed_register(plan: DemoVillage, today: date, *, publish: bool) -> bool:
    """Build (and, when `publish`, publish) the register of an ahead village's VC election;
    other villages are left for their committees. Whether it was published."""
    election = Election.objects.filter(
        plan__village__code=plan.code, body=Body.VILLAGERS_COMMITTEE
    ).first()
    if plan.stage != Stage.AHEAD or election is None or election.election_day is None:
        return False
    register = register_open(election=election, acting_user=None)
    _record_facts(register, today)
    register = register_build(election=election, acting_user=None, today=today)
    previous_day = _previous_day(plan, election.election_day)
    previous_list_record(
        register=register,
        id_numbers=_previous_list(plan, election, previous_day),
        election_day=previous_day,
        source_name=PREVIOUS_LIST_NAME,
        acting_user=None,
    )
    if publish:
        # The list is posted on the seeding day: lawful, as the schedule keeps E − 20 ahead.
        register_publish(register=register, published_on=today, acting_user=None, today=today)
    return publish


def _record_facts(register: VoterRegister, today: date) -> None:
    """What the committee heard while registering: every other villager away said they will
    come back to vote (by phone, in writing …), and the wives and husbands whose household
    registration is still elsewhere applied and the representatives' assembly agreed."""
    people = Person.objects.on_register().filter(village=register.village).order_by("id_number")
    means = list(WishMeans.values)
    away = people.filter(hukou_in_village=True, resides_in_village=False)
    for n, person in enumerate(away[::2]):
        wish_record(
            register=register,
            person=person,
            expressed_on=today - timedelta(days=n % 9 + 1),
            means=means[n % len(means)],
            acting_user=None,
            today=today,
        )
    for person in people.filter(hukou_in_village=False, resides_in_village=True):
        application_record(
            register=register,
            id_number=person.id_number,
            since=add_years(today, -APPLICANTS_RESIDENT_YEARS),
            applied_on=today - timedelta(days=12),
            approved_on=today - timedelta(days=3),
            meeting=Meeting.REPRESENTATIVES,
            acting_user=None,
            today=today,
        )


def _previous_day(plan: DemoVillage, election_day: date) -> date:
    """The outgoing committee's first day (its election), else five years before."""
    starts = [o.term_start for o in plan.offices if o.body == Body.VILLAGERS_COMMITTEE]
    return min(starts) if starts else add_years(election_day, -TERM_YEARS)


def _previous_list(plan: DemoVillage, election: Election, day: date) -> list[str]:
    """Who was on the previous list: the adults of that day registered and living here, and
    those who have left the register since (moved out, died)."""
    left = {d.id_number for d in plan.departures}
    register = VoterRegister.objects.get(election=election)
    wished = set(AwayWish.objects.filter(register=register).values_list("person_id", flat=True))
    people = Person.objects.filter(village=election.plan.village).values_list(
        "pk", "id_number", "birth_date", "hukou_in_village", "resides_in_village"
    )
    return [
        number
        for pk, number, birth, hukou, resides in people
        if age_on(birth, day) >= VOTING_AGE
        and ((hukou and (resides or pk in wished)) or number in left)
    ]
