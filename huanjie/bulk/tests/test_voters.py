"""The bulk decision for people with nothing on record against the rule (`voter_decision`)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from huanjie.bulk.voters import (
    CATEGORIES,
    NOT_LISTED,
    as_days,
    last_adult_birth,
    plain_categories,
)
from huanjie.rules.eligibility.voters import VOTING_AGE, VoterFacts, voter_decision
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.timeline.periods import age_on

VC_PROFILES = ("NAT_2018", "NAT_2026", "ZJ_2020", "ZJ_2025", "BJ_2012", "GD_2020", "SH_2020")
LEAP_DAYS = [date(y, 2, 29) for y in range(1904, 2100, 4) if y != 1900]

election_days = st.one_of(
    st.dates(date(1990, 1, 1), date(2099, 12, 31)),
    st.sampled_from(LEAP_DAYS),
    st.sampled_from([d + timedelta(days=1) for d in LEAP_DAYS]),
    st.sampled_from([d - timedelta(days=1) for d in LEAP_DAYS]),
)


@st.composite
def births_near(draw: st.DrawFn, day: date) -> date:
    """Birth dates anywhere, on the 18th birthday's boundary of `day`, or on 29 February."""
    boundary = day.replace(year=day.year - VOTING_AGE, day=28 if day.day == 29 else day.day)
    return draw(
        st.one_of(
            st.dates(date(1900, 1, 1), day),
            st.integers(-3, 3).map(lambda shift: boundary + timedelta(days=shift)),
            st.sampled_from([d for d in LEAP_DAYS if d <= day] or [date(1904, 2, 29)]),
        )
    )


@st.composite
def registers(draw: st.DrawFn) -> tuple[date, str, list[tuple[date, bool, bool]]]:
    day = draw(election_days)
    people = draw(st.lists(st.tuples(births_near(day), st.booleans(), st.booleans()), max_size=40))
    return day, draw(st.sampled_from(VC_PROFILES)), people


@given(registers())
def test_the_same_decision_as_the_rule(
    case: tuple[date, str, list[tuple[date, bool, bool]]],
) -> None:
    day, profile_id, people = case
    profile = load_profile(profile_id)
    codes = plain_categories(
        np.array([b for b, _, _ in people], "datetime64[D]"),
        np.array([h for _, h, _ in people], bool),
        np.array([r for _, _, r in people], bool),
        day,
        profile,
    )
    assert codes.dtype == np.int8 and len(codes) == len(people)
    for code, (birth, hukou_here, resident) in zip(codes.tolist(), people, strict=True):
        decision = voter_decision(VoterFacts(birth, hukou_here, resident), day, profile)
        if decision.registrable:
            assert CATEGORIES[code] == decision.category
        else:
            assert code == NOT_LISTED


@given(election_days)
def test_the_last_adult_birth_is_the_boundary_of_age_on(day: date) -> None:
    last = last_adult_birth(day)
    assert age_on(last, day) >= VOTING_AGE
    assert age_on(last + timedelta(days=1), day) < VOTING_AGE


def test_an_18th_birthday_on_election_day_counts_and_29_february_turns_18_on_the_28th() -> None:
    assert last_adult_birth(date(2026, 3, 28)) == date(2008, 3, 28)
    assert last_adult_birth(date(2026, 2, 28)) == date(2008, 2, 29)
    assert last_adult_birth(date(2028, 2, 29)) == date(2010, 2, 28)
    assert last_adult_birth(date(2028, 2, 28)) == date(2010, 2, 28)


def test_nobody_on_record_is_empty() -> None:
    none = np.zeros(0, bool)
    codes = plain_categories(
        np.zeros(0, "datetime64[D]"), none, none, date(2026, 3, 28), load_profile("ZJ_2020")
    )
    assert codes.shape == (0,) and codes.dtype == np.int8


@given(st.lists(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), max_size=20))
def test_days_are_the_dates_numpy_would_make(births: list[date]) -> None:
    days = as_days(iter(births), len(births))
    assert days.dtype == np.dtype("datetime64[D]")
    assert days.tolist() == births
