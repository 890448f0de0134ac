"""The demo's round follows the day it is seeded: lawful election days in domain.md §2's order
after that day, no vote on a holiday or a 调休 working weekend, villages at different stages.
Several days across a year, including one just before 春节 2027 and one at the end of 2027
(their holidays are the assumed notices of `calendars`)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huanjie.campaigns.models import RiskLevel
from huanjie.demo.constants import TERM_YEARS, VC_PROFILE
from huanjie.demo.generate import build_county
from huanjie.demo.plan import DemoCounty, Stage
from huanjie.demo.tests.calendars import assumed_calendar
from huanjie.elections.models import Body
from huanjie.people.models import RegisterStatus
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.timeline.periods import add_years
from huanjie.rules.timeline.plan import Direction, Step, plan_deadlines

CALENDAR = assumed_calendar()
PROFILE = load_profile(VC_PROFILE)
ORDER = list(Body.values)  # domain.md §2: party, VC, supervision, cooperative board, supervisors
DAYS = [
    date(2026, 1, 20),  # before 春节 2026
    date(2026, 9, 22),  # before 国庆 2026
    date(2026, 12, 4),  # the day
    date(2027, 1, 25),  # just before 春节 2027 (5–13 February, assumed)
    date(2027, 4, 20),  # before 劳动节 and its 调休 Sunday
    date(2027, 12, 28),  # end of 2027: the round runs into 春节 2028 (assumed)
]


@pytest.fixture(scope="module", params=DAYS, ids=str)
def county(request: pytest.FixtureRequest) -> DemoCounty:
    day: date = request.param
    return build_county(seed=7, townships=3, villages_per_township=4, today=day, calendar=CALENDAR)


def _fixed(county: DemoCounty, *, elected: bool = False) -> list[tuple[str, dict[str, date]]]:
    """The days of the villages still to vote (`elected`: of those that already voted)."""
    return [
        (v.code, {e.body: e.election_day for e in v.elections if e.election_day is not None})
        for v in county.villages
        if any(e.election_day for e in v.elections) and (v.stage == Stage.ELECTED) == elected
    ]


def test_every_election_day_is_after_the_seeding_day_inside_the_window(county: DemoCounty) -> None:
    today, round_ = county.round.today, county.round
    assert round_.window_start < today <= round_.window_end
    fixed = _fixed(county)
    assert fixed
    for _, days in fixed:
        assert all(today < day <= round_.window_end for day in days.values())
    voted = _fixed(county, elected=True)
    assert voted
    for _, days in voted:
        assert all(round_.window_start <= day < today for day in days.values())
    # The term is the county round's: the villages that voted first do not name it.
    first_vc = min(days[Body.VILLAGERS_COMMITTEE] for _, days in fixed)
    assert round_.term_start_year == first_vc.year


def test_elected_villages_have_new_committees_from_their_election_days(
    county: DemoCounty,
) -> None:
    for village in county.villages:
        if village.stage != Stage.ELECTED:
            assert village.new_offices == () and village.vc_turnout is None
            continue
        days = {e.body: e.election_day for e in village.elections}
        assert {o.body for o in village.new_offices} == set(days)
        for office in village.new_offices:
            assert office.term_start == days[office.body]
            assert add_years(office.term_start, TERM_YEARS) == office.term_end
        posts = {(o.body, o.post) for o in village.offices}
        assert posts == {(o.body, o.post) for o in village.new_offices}, village.code
        assert village.vc_turnout is not None
        registered, participants = village.vc_turnout
        assert registered / 2 < participants <= registered


def test_the_bodies_vote_in_order(county: DemoCounty) -> None:
    for code, days in _fixed(county) + _fixed(county, elected=True):
        assert sorted(days, key=ORDER.index) == ORDER, code
        party, vc, supervision, board, supervisors = (days[body] for body in ORDER)
        assert party < vc < supervision < board == supervisors, code


def test_the_vc_vote_leaves_every_legal_minimum_from_the_seeding_day(county: DemoCounty) -> None:
    today = county.round.today
    for code, days in _fixed(county):
        vc = days[Body.VILLAGERS_COMMITTEE]
        # The voter list is published ≥ reg.list_days_before (20) days before the vote …
        assert (vc - today).days >= PROFILE.get_int("reg.list_days_before"), code
        deadlines = plan_deadlines(PROFILE, vc, CALENDAR)
        for deadline in deadlines:
            if deadline.direction is Direction.BEFORE:
                assert deadline.day >= today, (code, deadline.label)
        # … and objections to it are decided before the vote.
        decided = next(d for d in deadlines if d.step is Step.OBJECTION_DECISION)
        assert decided.day < vc, code


def test_no_vote_on_a_holiday_or_a_working_weekend(county: DemoCounty) -> None:
    for code, days in _fixed(county) + _fixed(county, elected=True):
        for day in days.values():
            assert day not in CALENDAR.holidays, (code, day)
            assert day not in CALENDAR.makeup_workdays, (code, day)


def test_villages_are_at_different_stages(county: DemoCounty) -> None:
    stages = {v.stage for v in county.villages}
    assert set(Stage) <= stages
    for township in county.townships:
        first = township.villages[0]
        assert first.stage == Stage.AHEAD
        party = {v.code: v.elections[0].election_day for v in township.villages}
        still = {v.code for v in township.villages if v.stage != Stage.ELECTED}
        fixed = [
            day
            for code, day in party.items()
            if day is not None and code != first.code and code in still
        ]
        first_day = party[first.code]
        assert first_day is not None and all(first_day <= day for day in fixed)
    for village in county.villages:
        days_fixed = all(e.election_day is not None for e in village.elections)
        fixed_stages = (Stage.AHEAD, Stage.SCHEDULED, Stage.ELECTED)
        assert days_fixed == (village.stage in fixed_stages), village.code
        if village.stage == Stage.POSTPONED:
            assert village.risk_level == RiskLevel.RED and "暂缓" in village.risk_notes
        if village.risk_level == RiskLevel.RED:
            assert village.stage == Stage.POSTPONED


def test_the_outgoing_committees_were_elected_five_years_before(county: DemoCounty) -> None:
    today = county.round.today
    for village in county.villages:
        for office in village.offices:
            assert add_years(office.term_start, TERM_YEARS) == office.term_end
            # Elected about five years ago; in office until its successor is elected.
            assert today - timedelta(days=20) < office.term_end, village.code
            assert office.term_start < add_years(today, -TERM_YEARS) + timedelta(days=130)


def test_register_work_was_done_in_the_villages_ahead(county: DemoCounty) -> None:
    today = county.round.today
    for village in county.villages:
        if village.stage != Stage.AHEAD:
            assert village.departures == ()
            continue
        statuses = {d.status for d in village.departures}
        assert statuses == {RegisterStatus.MOVED_OUT, RegisterStatus.DECEASED}, village.code
        assert all(d.on < today for d in village.departures)
        leaving = {d.id_number for d in village.departures}
        assert not leaving & {o.id_number for o in village.offices}
