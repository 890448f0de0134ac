"""The demo generator on its own (no database): determinism and plausible households."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from fractions import Fraction

import chinese_calendar
import pytest

from huanjie.demo import names
from huanjie.demo.constants import REGISTER_DAY
from huanjie.demo.generate import build_county
from huanjie.demo.households import age_on_register_day
from huanjie.demo.plan import DemoCounty
from huanjie.demo.residents import residents_of
from huanjie.demo.tests.calendars import assumed_calendar
from huanjie.people.models import HeadRelation
from huanjie.rules.eligibility.identity import check_id_number
from huanjie.rules.timeline.periods import add_years

# A seeding day just before 春节 2026 (15–23 February).
DAY = date(2026, 1, 20)
CALENDAR = assumed_calendar()


@pytest.fixture(scope="module")
def county() -> DemoCounty:
    return build_county(seed=11, townships=2, villages_per_township=2, today=DAY, calendar=CALENDAR)


@pytest.fixture(scope="module")
def default_county() -> DemoCounty:
    """The county `make run` seeds (3 × 10, seed 1), on DAY."""
    return build_county(today=DAY, calendar=CALENDAR)


def test_same_seed_and_day_give_the_same_county(county: DemoCounty) -> None:
    again = build_county(
        seed=11, townships=2, villages_per_township=2, today=DAY, calendar=CALENDAR
    )
    assert again == county


def test_another_day_moves_the_round_not_the_people(county: DemoCounty) -> None:
    later = build_county(
        seed=11, townships=2, villages_per_township=2, today=date(2027, 6, 1), calendar=CALENDAR
    )

    def people(c: DemoCounty) -> list[tuple[str, str, str]]:
        return [
            (h.number, m.id_number, m.name)
            for v in c.villages
            for h in v.households
            for m in h.members
        ]

    assert people(later) == people(county)
    assert later.round.window_start > county.round.window_end


def test_another_seed_gives_another_county(county: DemoCounty) -> None:
    other = build_county(
        seed=12, townships=2, villages_per_township=2, today=DAY, calendar=CALENDAR
    )
    assert [v.name for v in other.villages] != [v.name for v in county.villages]
    assert other.villages[0].households != county.villages[0].households


@pytest.mark.parametrize(("townships", "villages"), [(0, 1), (100, 1), (1, 0), (1, 200)], ids=str)
def test_sizes_out_of_range_are_refused(townships: int, villages: int) -> None:
    with pytest.raises(ValueError):
        build_county(
            seed=1,
            townships=townships,
            villages_per_township=villages,
            today=DAY,
            calendar=CALENDAR,
        )


def test_a_day_before_the_register_day_is_refused() -> None:
    with pytest.raises(ValueError, match="seeded on 2026-01-02 or later"):
        build_county(today=date(2025, 12, 31), calendar=CALENDAR)


def test_codes_are_real_above_and_statistical_below(county: DemoCounty) -> None:
    for township in county.townships:
        assert township.code.startswith("331127") and township.code.endswith("000")
        for village in township.villages:
            assert village.code.startswith(township.code[:9])
            assert 201 <= int(village.code[9:]) <= 399  # 村委会 codes


def test_every_id_number_is_valid_unique_and_matches_sex(county: DemoCounty) -> None:
    members = [m for v in county.villages for h in v.households for m in h.members]
    assert len({m.id_number for m in members}) == len(members)
    for m in members:
        check = check_id_number(m.id_number, on=REGISTER_DAY)
        assert check.ok and not check.warnings, m.id_number
        assert check.sex == m.sex, m.id_number
        assert m.id_number[:6] in {"331127", "332829", "332823"}
        assert m.id_number[14:17] != "000", m.id_number  # sequence numbers start at 001


def _birth(id_number: str) -> date:
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


SEX_OF_RELATION = {
    HeadRelation.SON: "M",
    HeadRelation.DAUGHTER: "F",
    HeadRelation.GRANDSON: "M",
    HeadRelation.GRANDDAUGHTER: "F",
    HeadRelation.DAUGHTER_IN_LAW: "F",
    HeadRelation.SON_IN_LAW: "M",
}


def test_households_are_plausible_families(county: DemoCounty) -> None:
    for village in county.villages:
        for household in village.households:
            relations = Counter(m.relation for m in household.members)
            assert relations[HeadRelation.HEAD] == 1
            assert household.members[0].relation == HeadRelation.HEAD
            assert relations[HeadRelation.SPOUSE] <= 1
            head = household.members[0]
            age = {m.id_number: age_on_register_day(_birth(m.id_number)) for m in household.members}
            assert 30 <= age[head.id_number] <= 80
            for m in household.members:
                if m.relation in SEX_OF_RELATION:
                    assert m.sex == SEX_OF_RELATION[HeadRelation(m.relation)], m
                if m.relation == HeadRelation.SPOUSE:
                    assert m.sex != head.sex
                    assert abs(age[m.id_number] - age[head.id_number]) <= 5
                if m.relation in (HeadRelation.SON, HeadRelation.DAUGHTER):
                    assert age[head.id_number] - age[m.id_number] >= 15
                if m.relation == HeadRelation.PARENT:
                    assert age[m.id_number] - age[head.id_number] >= 20


def test_she_people_are_a_plausible_share(county: DemoCounty) -> None:
    people = [m for v in county.villages for h in v.households for m in h.members]
    she = sum(1 for m in people if m.ethnicity == "畲族")
    assert 0.01 * len(people) < she < 0.6 * len(people)
    assert {m.name[0] for m in people if m.ethnicity == "畲族"} & {"蓝", "雷", "钟"}


def test_the_default_county_has_jingnings_she_share(default_county: DemoCounty) -> None:
    # 景宁: about 1.99万 of 17.2万 people are 畲族 (≈ 11.5%), most of them in a fifth of the
    # villages, whatever the random draws.
    people = [m for v in default_county.villages for h in v.households for m in h.members]
    she = sum(1 for m in people if m.ethnicity == "畲族")
    assert Fraction(9, 100) <= Fraction(she, len(people)) <= Fraction(14, 100)
    assert sum(1 for v in default_county.villages if v.minority_village) == 6


def test_no_village_votes_on_a_statutory_holiday(default_county: DemoCounty) -> None:
    # Seeded just before 春节 2026 (15–23 February): the round runs over it.
    days = [e.election_day for v in default_county.villages for e in v.elections if e.election_day]
    assert days and [day for day in days if day in chinese_calendar.holidays] == []
    assert any(date(2026, 2, 24) <= day <= date(2026, 3, 31) for day in days)


def test_a_generation_character_is_never_doubled() -> None:
    # Brothers share the first character of their given names (字辈); 豪豪 would be a nickname.
    rng = random.Random(0)
    for birth_year in (1950, 1980, 2005):
        for sex in ("M", "F"):
            for _ in range(1000):
                first = names.generation_character(rng, sex, birth_year)
                given = names.given_name(rng, sex, birth_year, first=first)
                assert len(given) == 2 and given[0] == first != given[1], given


def test_party_members_are_adults_with_rights_as_planned(county: DemoCounty) -> None:
    for village in county.villages:
        residents = {r.id_number: r for r in residents_of(village.households)}
        for member in village.memberships:
            person = residents[member.id_number]
            assert person.age >= 18
            assert member.joined_on >= add_years(person.birth_date, 18)
            assert member.floating == (not person.resides)
    first = county.villages[0]
    assert sum(1 for m in first.memberships if m.probation_until) == 2
