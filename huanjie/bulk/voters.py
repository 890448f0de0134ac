"""VC-REG-1 and VC-REG-2 for the many people of a register who have nothing on record but
their household registration, residence and birth date (no wish, application or exclusion):
whether `huanjie.rules.eligibility.voters.voter_decision` lists them, and in which category.

The rule is defined there; this evaluates it once per distinct case, not once per person:
age on election day is monotonic in the birth date, so the rule's own `age_on` finds the last
birth date of an adult near the boundary and one comparison of numpy days does the rest; the
category of such a person depends on the two flags only, so `registration_category` is asked
for each of their four combinations. Differential-tested against `voter_decision` on random
facts (huanjie/bulk/tests).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from huanjie.rules.eligibility.voters import (
    VOTING_AGE,
    RegistrationCategory,
    VoterFacts,
    registration_category,
)
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.periods import add_years, age_on

CATEGORIES: tuple[RegistrationCategory, ...] = tuple(RegistrationCategory)
NOT_LISTED = -1  # a code of `plain_categories`: the rule does not list the person
_EPOCH = date(1970, 1, 1).toordinal()  # numpy's day 0


def as_days(births: Iterable[date], count: int) -> NDArray[np.datetime64]:
    """`count` dates as numpy days, by their ordinals (converting each date is slower)."""
    ordinals = np.fromiter((b.toordinal() for b in births), np.int64, count)
    days: NDArray[np.datetime64] = (ordinals - _EPOCH).astype("datetime64[D]")
    return days


def last_adult_birth(election_day: date) -> date:
    """The latest birth date of someone of voting age on election day (`age_on` ≥ 18):
    everyone born on or before it is of age, nobody born after it is."""
    day = add_years(election_day, -VOTING_AGE)
    # Within a day of the boundary (29 February shifts it): step to the last adult.
    while age_on(day, election_day) < VOTING_AGE:
        day -= timedelta(days=1)
    while age_on(day + timedelta(days=1), election_day) >= VOTING_AGE:
        day += timedelta(days=1)
    return day


def plain_categories(
    births: NDArray[np.datetime64],
    hukou_here: NDArray[np.bool_],
    resident: NDArray[np.bool_],
    election_day: date,
    profile: Profile,
) -> NDArray[np.int8]:
    """For people with no wish, application or exclusion on record: the index into
    `CATEGORIES` of the category `voter_decision` lists each in, or NOT_LISTED where it
    leaves them off (a minor, or no category: the caller asks the rule for the reasons)."""
    table = np.full(4, NOT_LISTED, np.int8)
    cutoff = last_adult_birth(election_day)
    for here in (False, True):
        for lives in (False, True):
            facts = VoterFacts(birth_date=cutoff, hukou_here=here, resident=lives)
            category = registration_category(facts, election_day, profile)
            if category is not None:
                table[2 * here + lives] = CATEGORIES.index(category)
    codes = table[2 * hukou_here.astype(np.int8) + resident.astype(np.int8)]
    adult = births.astype("datetime64[D]") <= np.datetime64(cutoff, "D")
    return np.where(adult, codes, np.int8(NOT_LISTED)).astype(np.int8)
