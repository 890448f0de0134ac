"""Writing the demo county through the services, so every row has its audit entry.

The whole county is one transaction: a failure leaves no half-built county that `--if-empty`
would then mistake for a finished one. The seeder acts as the system (`acting_user=None`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from huanjie.accounts.models import User
from huanjie.campaigns.models import Campaign
from huanjie.campaigns.services import campaign_create, campaign_start, village_plan_create
from huanjie.demo.committees import seed_committee
from huanjie.demo.constants import CITY, COUNTY, PARTY_PROFILE, PROVINCE, VC_PROFILE
from huanjie.demo.nominations import seed_nominations
from huanjie.demo.party_roll import seed_party_roll
from huanjie.demo.plan import DemoCounty, DemoVillage, Stage
from huanjie.demo.plan_tasks import seed_plan_tasks
from huanjie.demo.preparation import seed_preparation
from huanjie.demo.recommendation import seed_recommendation
from huanjie.demo.registers import seed_register
from huanjie.demo.reserve import seed_reserve, seed_review_round
from huanjie.demo.results import seed_results
from huanjie.demo.users import create_demo_users
from huanjie.demo.voting import seed_voting
from huanjie.elections.services import election_create, office_holder_record
from huanjie.people.models import Person
from huanjie.people.services import (
    household_register_many,
    party_membership_set,
    party_organization_create,
)
from huanjie.people.services.moves import person_leave
from huanjie.regions.models import Level, Region, VillageKind
from huanjie.regions.services import region_create, village_facts_update, villager_group_create


@dataclass(frozen=True)
class Seeded:
    county: Region
    campaign: Campaign
    villages: int
    households: int
    people: int
    users: int


def county_exists() -> bool:
    return Region.objects.filter(code=COUNTY[0]).exists()


def database_in_use() -> bool:
    """Regions or accounts are already there (a fresh database has only its holiday table)."""
    return Region.objects.exists() or User.objects.exists()


def _region(code: str, name: str, level: str, parent: Region | None) -> Region:
    # The real province and city may already be in the tree (another county's data).
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return region_create(code=code, name=name, level=level, parent=parent, acting_user=None)


@transaction.atomic
def seed_county(
    plan: DemoCounty, *, on_village: Callable[[DemoVillage], None] | None = None
) -> Seeded:
    province = _region(*PROVINCE, Level.PROVINCE, None)
    city = _region(*CITY, Level.CITY, province)
    county = region_create(
        code=COUNTY[0], name=COUNTY[1], level=Level.COUNTY, parent=city, acting_user=None
    )
    round_ = plan.round
    campaign = campaign_create(
        name=f"{county.name}{round_.term_start_year}年村级组织换届",
        term_start_year=round_.term_start_year,
        region=county,
        profile_id=VC_PROFILE,
        party_profile_id=PARTY_PROFILE,
        window_start=round_.window_start,
        window_end=round_.window_end,
        acting_user=None,
    )
    # The campaign's work began on its first day, before the seeding day.
    campaign = campaign_start(campaign=campaign, today=round_.today, acting_user=None)
    households = people = 0
    published = False  # the very first ahead village publishes its voter list
    for township_plan in plan.townships:
        township = region_create(
            code=township_plan.code,
            name=township_plan.name,
            level=Level.TOWNSHIP,
            parent=county,
            acting_user=None,
        )
        for village_plan in township_plan.villages:
            left = _seed_village(village_plan, township, campaign, round_.today, plan.seed)
            if village_plan.stage == Stage.AHEAD:
                village = Region.objects.get(code=village_plan.code)
                seed_committee(
                    village, seed=plan.seed, today=round_.today, window_start=round_.window_start
                )
                seed_nominations(
                    village, seed=plan.seed, today=round_.today, window_start=round_.window_start
                )
                seed_recommendation(village, seed=plan.seed, today=round_.today)
                seed_reserve(village, seed=plan.seed, today=round_.today)
                seed_party_roll(
                    village_plan,
                    seed=plan.seed,
                    today=round_.today,
                    window_start=round_.window_start,
                )
            if seed_register(village_plan, round_.today, publish=not published):
                published = True  # the one village that also begins its voting arrangements
                seed_voting(
                    Region.objects.get(code=village_plan.code), seed=plan.seed, today=round_.today
                )
            households += len(village_plan.households)
            people += village_plan.population - left
            if on_village is not None:
                on_village(village_plan)
    seed_review_round(campaign, today=round_.today)
    users = create_demo_users(plan)
    seed_plan_tasks(plan, campaign)
    seed_preparation(plan, campaign)
    return Seeded(county, campaign, len(plan.villages), households, people, len(users))


def _seed_village(
    plan: DemoVillage, township: Region, campaign: Campaign, today: date, seed: int
) -> int:
    """Write one village (an elected one with its results); returns how many of its villagers
    left the register."""
    village = region_create(
        code=plan.code,
        name=plan.name,
        level=Level.VILLAGE,
        parent=township,
        kind=VillageKind.VILLAGE,
        acting_user=None,
    )
    # Groups first, in their order, so 第一组 … come out in the register's order.
    for name in plan.villager_groups:
        villager_group_create(village=village, name=name, acting_user=None)
    household_register_many(village=village, households=plan.households, acting_user=None)
    # The yearbook's population and households are not the demo's to invent: left unfilled.
    village = village_facts_update(
        village=village, facts={"minority_village": plan.minority_village}, acting_user=None
    )
    org_name, org_kind = plan.party_organization
    organization = party_organization_create(
        village=village, name=org_name, kind=org_kind, acting_user=None
    )
    wanted = (
        {m.id_number for m in plan.memberships}
        | {o.id_number for o in plan.offices}
        | {o.id_number for o in plan.new_offices}
        | {d.id_number for d in plan.departures}
    )
    people = {p.id_number: p for p in Person.objects.filter(village=village, id_number__in=wanted)}
    for member in plan.memberships:
        party_membership_set(
            person=people[member.id_number],
            organization=organization,
            status=member.status,
            joined_on=member.joined_on,
            probation_until=member.probation_until,
            floating=member.floating,
            acting_user=None,
        )
    for office in plan.offices:
        office_holder_record(
            village=village,
            body=office.body,
            post=office.post,
            person=people[office.id_number],
            term_start=office.term_start,
            term_end=office.term_end,
            acting_user=None,
        )
    left = _register_work(plan, people, today)
    # Rated 红/橙 later, with reasons and history, by the demo's users (demo.preparation).
    village_plan = village_plan_create(
        campaign=campaign, village=village, notes=plan.risk_notes, acting_user=None
    )
    for election in plan.elections:
        election_create(
            plan=village_plan,
            body=election.body,
            method=election.method,
            seats=dict(election.seats),
            election_day=election.election_day,
            acting_user=None,
        )
    if plan.stage == Stage.ELECTED:
        seed_results(plan, village_plan, people, seed=seed)
    return left


def _register_work(plan: DemoVillage, people: dict[str, Person], today: date) -> int:
    """Who left the register before the seeding day, through the register's service. A
    departure the service would take for a future one (a demo seeded for a day still to come)
    is left out. Returns how many left."""
    left = 0
    for departure in plan.departures:
        if departure.on > timezone.localdate():
            continue
        left += 1
        person_leave(
            person=people[departure.id_number],
            status=departure.status,
            on=departure.on,
            note=departure.note,
            acting_user=None,
        )
    return left
