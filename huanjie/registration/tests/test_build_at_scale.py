"""The fast build against the build as it was first written (tests/oracle.py) on random villages:
the same voters with the same categories, names, groups and order keys, the same people left
off with the same rules and reasons, the same double registrations claimed; read and written a
chunk at a time (tiny chunks here), built again, and counted in the audit entry."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.audit.models import AuditEntry
from huanjie.people.models import HeadRelation, Household, Person, RegisterStatus, Sex
from huanjie.regions.models import VillagerGroup
from huanjie.registration.models import (
    AwayWish,
    Basis,
    Category,
    Conflict,
    Exclusion,
    LeftOff,
    Meeting,
    ResidentApplication,
    Voter,
    VoterRegister,
    WishMeans,
)
from huanjie.registration.services import build, plain, register_build, register_open
from huanjie.registration.tests import oracle
from huanjie.registration.tests.world import E, World, build_world
from huanjie.rules.eligibility.voters import ExclusionReason

TODAY = date(2026, 3, 1)
NUMBERS = ["1", "2", "10", "002", "3-1", "3-10", "东12", "A7", "9", "01"]
RELATIONS = [r for r in HeadRelation if r is not HeadRelation.HEAD]


@pytest.fixture
def world(tree: RegionTree) -> World:
    return build_world(tree)


def _birth(rng: random.Random) -> date:
    """Anyone from 1930 on, often close to the 18th birthday on election day, or on 29 Feb."""
    pick = rng.random()
    if pick < 0.3:
        return E.replace(year=E.year - 18) + timedelta(days=rng.randint(-3, 3))
    if pick < 0.4:
        return date(rng.choice(range(1932, 2012, 4)), 2, 29)
    return date(1930, 1, 1) + timedelta(days=rng.randint(0, 30_000))


def _random_village(world: World, rng: random.Random, serial: int) -> VoterRegister:
    """东坑村 with households in groups, people of every kind, and what the committee recorded;
    大均村's and 沙铺村's registers holding some of them; settled conflicts either way."""
    tree, village = world.tree, world.tree.a1
    groups = [tree.households["a1"].villager_group] + [
        VillagerGroup.objects.create(village=village, name=f"第{n}村民小组") for n in (2, 3)
    ]
    elsewhere = [tree.households[k] for k in ("a2", "c1")]
    people: list[Person] = []
    for h, number in enumerate(rng.sample(NUMBERS, k=rng.randint(3, 9))):
        household = Household.objects.create(
            village=village, villager_group=rng.choice(groups), number=number
        )
        for m in range(rng.randint(1, 6)):
            serial += 1
            birth, male = _birth(rng), rng.random() < 0.5
            moved = rng.random() < 0.1  # now on another village's register, no household
            housed = not moved and rng.random() < 0.9
            status = rng.choice([RegisterStatus.ACTIVE] * 8 + list(RegisterStatus))
            people.append(
                Person.objects.create(
                    id_number=valid_id(serial, male=male, birth=f"{birth:%Y%m%d}"),
                    name=f"村民{h}-{m}",
                    sex=Sex.MALE if male else Sex.FEMALE,
                    birth_date=birth,
                    village=elsewhere[0].village if moved else village,
                    household=household if housed else None,
                    relation_to_head=(
                        "" if not housed else HeadRelation.HEAD if m == 0 else rng.choice(RELATIONS)
                    ),
                    hukou_in_village=rng.random() < 0.8,
                    resides_in_village=rng.random() < 0.75,
                    deprived_of_political_rights=rng.random() < 0.05,
                    status=status,
                    status_on=None if status == RegisterStatus.ACTIVE else TODAY,
                )
            )
    register = register_open(election=world.elections["a1"], acting_user=None)
    others = [register_open(election=world.elections[k], acting_user=None) for k in ("a2", "c1")]
    chosen = rng.sample(people, k=len(people) // 2)
    plain = [
        p
        for p in people
        if p not in chosen
        and p.village_id == village.pk
        and p.status == RegisterStatus.ACTIVE
        and p.hukou_in_village
        and p.resides_in_village
        and not p.deprived_of_political_rights
        and p.birth_date < date(2000, 1, 1)
    ]
    for person, keeper in zip(plain, (others[0], register), strict=False):
        # Settled before: one kept by the other register, one by this one (claimed again).
        Voter.objects.create(
            register=others[0],
            person=person,
            term_year=register.term_year,
            category=Category.HUKOU_RESIDENT,
            name=person.name,
            sex=person.sex,
            sort_key="x",
        )
        Conflict.objects.create(
            person=person,
            term_year=register.term_year,
            claimant=register,
            holder=others[0],
            kept=keeper,
            resolved_at=timezone.now(),
        )
    for person in chosen:
        kind = rng.random()
        if kind < 0.2:
            AwayWish.objects.create(
                register=register, person=person, expressed_on=TODAY, means=WishMeans.PHONE
            )
        elif kind < 0.45:
            approved = rng.random() < 0.7
            ResidentApplication.objects.create(
                register=register,
                person=person,
                basis=rng.choice(list(Basis)),
                since=E - timedelta(days=rng.randint(200, 900)),
                applied_on=TODAY,
                approved_on=TODAY if approved else None,
                meeting=Meeting.ASSEMBLY if approved else "",
                villager_group=rng.choice([None, *groups]),
            )
        elif kind < 0.55:
            Exclusion.objects.create(
                register=register,
                person=person,
                reason=rng.choice([ExclusionReason.NO_CIVIL_CAPACITY, ExclusionReason.UNREACHABLE]),
                until=rng.choice([None, E - timedelta(days=1), E, E + timedelta(days=30)]),
            )
        else:
            holder = rng.choice(others)
            Voter.objects.create(
                register=holder,
                person=person,
                term_year=holder.term_year,
                category=Category.HUKOU_RESIDENT,
                name=person.name,
                sex=person.sex,
                sort_key="x",
            )
            if rng.random() < 0.6:
                Conflict.objects.create(
                    person=person,
                    term_year=register.term_year,
                    claimant=register,
                    holder=holder,
                    kept=rng.choice([register, holder]),
                    resolved_at=timezone.now(),
                )
    for outsider in (tree.heads["b1"], tree.spouses["c1"], tree.heads["a2"]):  # from elsewhere
        if rng.random() < 0.7:
            ResidentApplication.objects.create(
                register=register,
                person=outsider,
                basis=Basis.RESIDENT,
                since=date(2020, 1, 1),
                applied_on=TODAY,
                approved_on=TODAY,
                meeting=Meeting.REPRESENTATIVES,
                villager_group=rng.choice([None, groups[1]]),
            )
    return register


def _placing(way: str, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Which way the plain people are placed: by the database (what it wrote is counted into
    the list returned), one by one, or one by one because the rule would not decide one of
    them by birth date, 户籍 and residence alone (then `place_plain` declines, writing nothing)."""
    written: list[int] = []
    if way == "one by one":

        @contextmanager
        def never(_: build._Build) -> Iterator[bool]:
            yield False

        monkeypatch.setattr(build, "place_plain", never)
    elif way == "undecided":
        real = build._Build.plain_left

        def undecided(self: build._Build, birth: date, hukou: bool, resides: bool) -> object:
            # Registered elsewhere: the long way.
            return None if not hukou else real(self, birth, hukou, resides)

        monkeypatch.setattr(build._Build, "plain_left", undecided)
    real_place = plain.place_plain

    @contextmanager
    def place(made: build._Build) -> Iterator[bool]:
        with real_place(made) as placed:
            register = made.register
            written.append(
                Voter.objects.filter(register=register).count()
                + LeftOff.objects.filter(register=register).count()
            )
            yield placed

    if way != "one by one":
        monkeypatch.setattr(build, "place_plain", place)
    return written


@pytest.mark.parametrize("way", ["database", "one by one", "undecided"])
@pytest.mark.parametrize("seed", range(8))
def test_the_fast_build_lists_and_leaves_off_exactly_as_the_rule_did(
    world: World, seed: int, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    monkeypatch.setattr(build, "_CHUNK", rng.choice([1, 7, 50_000]))
    written = _placing(way, monkeypatch)
    register = _random_village(world, rng, serial=100 + seed * 100)
    expected = oracle.expected(register, E)
    assert expected.voters and expected.left_off  # the village has both

    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    if way == "database":
        assert written[0] > 0  # the statements placed some (the rest went one by one)
    elif way == "undecided":
        assert written == [0]  # declined: everyone the long way
    built = oracle.outcome(register)
    assert built.voters == expected.voters
    assert built.left_off == expected.left_off
    assert built.conflicts == expected.conflicts
    entry = AuditEntry.objects.filter(action="registration.register_build").latest("id")
    assert entry.after is not None
    categories: dict[str, int] = {}
    for category, *_ in expected.voters.values():
        categories[category] = categories.get(category, 0) + 1
    assert entry.after["voters"] == len(expected.voters)
    assert entry.after["categories"] == dict(sorted(categories.items()))
    assert sum(entry.after["left_off"].values()) == len(expected.left_off)
    assert entry.after["conflicts"] == len(expected.conflicts)

    # Built again after a change: the same as the oracle says of the changed village.
    Person.objects.filter(pk__in=list(expected.voters)[:3]).update(resides_in_village=False)
    expected = oracle.expected(register, E)
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    assert oracle.outcome(register) == expected


def test_a_person_registered_elsewhere_during_the_build_fails_it_and_changes_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before the write missed a registration made meanwhile: the database's
    constraint refuses the write (COPY on PostgreSQL as well), the build says so in Chinese and
    the previous draft stays as it was."""
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    before = oracle.outcome(world.register("a1"))
    head = world.tree.heads["a1"]
    Voter.objects.filter(register=world.register("a1"), person=head).delete()
    holder = register_open(election=world.elections["a2"], acting_user=None)
    Voter.objects.create(
        register=holder,
        person=head,
        term_year=holder.term_year,
        category=Category.HUKOU_RESIDENT,
        name=head.name,
        sex=head.sex,
        sort_key="x",
    )
    monkeypatch.setattr(build._Build, "_listed_elsewhere", lambda self: {})
    with pytest.raises(ValidationError) as refused:
        register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    assert refused.value.code == "race"
    assert "其他村正在登记同一批人员" in refused.value.messages[0]
    after = oracle.outcome(world.register("a1"))
    assert after.left_off == before.left_off
    assert after.voters == {k: v for k, v in before.voters.items() if k != head.pk}
