"""The round the demo county is in: every election day from the seeding day and the holiday table.

Each village elects its bodies in the order of domain.md §2 (party organization, villagers'
committee, supervision committee, cooperative) and within the legal minimums of the VC's rule
profile: every act due before the VC's election day (the voter list first, `reg.list_days_before`
days ahead) can still be done from the seeding day on, and objections to the list are decided
before the vote. No vote falls on a statutory holiday, nor on a weekend made a working day
(调休上班): the calendar is the holiday table's (huanjie.calendar.selectors.working_calendar).
"""

from __future__ import annotations

import calendar as month_calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta

from huanjie.demo.constants import CAMPAIGN_STARTED_DAYS_BEFORE, VC_PROFILE
from huanjie.demo.plan import DemoRound, Stage
from huanjie.elections.models import Body
from huanjie.rules.profiles.profile import Profile, load_profile
from huanjie.rules.timeline.calendar import TableCalendar
from huanjie.rules.timeline.plan import Direction, Step, plan_deadlines

# The party organization votes a week after the seeding day at the earliest (its members are
# registered and the candidates approved by then); the VC's voter list needs a few days' work.
PARTY_LEAD_DAYS = 7
LIST_PREPARATION_DAYS = 3
# A village elected before the seeding day voted for its party organization this many days
# before it (the window opened CAMPAIGN_STARTED_DAYS_BEFORE days before the seeding day).
ELECTED_PARTY_DAYS_BEFORE = CAMPAIGN_STARTED_DAYS_BEFORE - 1
# The campaign's window closes a month after the last planned vote, at a month's end.
WINDOW_MARGIN_DAYS = 30
DAY = timedelta(days=1)


def is_voting_day(day: date, calendar: TableCalendar) -> bool:
    """Neither a statutory holiday (on a weekend too) nor a 调休 working weekend."""
    return day not in calendar.holidays and day not in calendar.makeup_workdays


def voting_day_from(day: date, calendar: TableCalendar) -> date:
    while not is_voting_day(day, calendar):
        day += DAY
    return day


def vc_day_is_lawful(
    day: date, today: date, profile: Profile, calendar: TableCalendar, *, prepare: int = 0
) -> bool:
    """Every act due before `day` can still be done from `today` (+ `prepare` days), and an
    objection to the voter list is decided before the vote."""
    deadlines = plan_deadlines(profile, day, calendar)
    before = [d for d in deadlines if d.direction is Direction.BEFORE]
    decided = next(d for d in deadlines if d.step is Step.OBJECTION_DECISION)
    return all(d.day >= today + prepare * DAY for d in before) and decided.day < day


def _vc_day_from(day: date, today: date, profile: Profile, calendar: TableCalendar) -> date:
    day = voting_day_from(day, calendar)
    while not vc_day_is_lawful(day, today, profile, calendar, prepare=LIST_PREPARATION_DAYS):
        day = voting_day_from(day + DAY, calendar)
    return day


@dataclass(frozen=True)
class VillageDays:
    """One village's election days by body (the cooperative's two boards vote the same day)."""

    days: dict[str, date]

    @property
    def party(self) -> date:
        return self.days[Body.PARTY_ORGANIZATION]

    @property
    def villagers_committee(self) -> date:
        return self.days[Body.VILLAGERS_COMMITTEE]


class Scheduler:
    """Election days for the villages of one county seeded on `today`."""

    def __init__(self, today: date, calendar: TableCalendar) -> None:
        self.today = today
        self.calendar = calendar
        self.profile = load_profile(VC_PROFILE)
        self.planned: dict[str, VillageDays] = {}  # by village code
        self.elected: set[str] = set()  # codes of the villages that voted before `today`

    def village_days(
        self, rng: random.Random, *, code: str, township: int, stage: str
    ) -> VillageDays:
        """The days of one village (also for one whose days are not yet fixed: its outgoing
        term is counted from them). The first village of a township votes first; a postponed one
        some weeks after the others."""
        today, cal = self.today, self.calendar
        if stage == Stage.ELECTED:
            return self._elected_days(code)
        if stage == Stage.AHEAD:
            party = today + PARTY_LEAD_DAYS * DAY
            vc_gap = 21
        else:
            party = today + (PARTY_LEAD_DAYS + 3 + 3 * (township % 4) + rng.randrange(21)) * DAY
            vc_gap = rng.randint(21, 35)
            if stage == Stage.POSTPONED:
                party += rng.randint(42, 56) * DAY
        party = voting_day_from(party, cal)
        vc = _vc_day_from(party + vc_gap * DAY, today, self.profile, cal)
        supervision = voting_day_from(vc + rng.randint(3, 10) * DAY, cal)
        cooperative = voting_day_from(supervision + rng.randint(2, 7) * DAY, cal)
        self.planned[code] = VillageDays(
            {
                Body.PARTY_ORGANIZATION: party,
                Body.VILLAGERS_COMMITTEE: vc,
                Body.SUPERVISION_COMMITTEE: supervision,
                Body.COOPERATIVE_BOARD: cooperative,
                Body.COOPERATIVE_SUPERVISORS: cooperative,
            }
        )
        return self.planned[code]

    def _elected_days(self, code: str) -> VillageDays:
        """A village that voted in the campaign's first weeks: every body before the seeding
        day, inside the window (which opened `CAMPAIGN_STARTED_DAYS_BEFORE` days earlier)."""
        cal = self.calendar
        self.elected.add(code)
        party = voting_day_from(self.today - ELECTED_PARTY_DAYS_BEFORE * DAY, cal)
        vc = voting_day_from(party + 7 * DAY, cal)
        supervision = voting_day_from(vc + 2 * DAY, cal)
        cooperative = voting_day_from(supervision + DAY, cal)
        self.planned[code] = VillageDays(
            {
                Body.PARTY_ORGANIZATION: party,
                Body.VILLAGERS_COMMITTEE: vc,
                Body.SUPERVISION_COMMITTEE: supervision,
                Body.COOPERATIVE_BOARD: cooperative,
                Body.COOPERATIVE_SUPERVISORS: cooperative,
            }
        )
        return self.planned[code]

    def round(self) -> DemoRound:
        """The campaign: begun `CAMPAIGN_STARTED_DAYS_BEFORE` the seeding day, open until a
        month after the last planned vote; its term starts in the year of the first VC vote."""
        planned = list(self.planned.values())
        last = max((max(v.days.values()) for v in planned), default=self.today)
        end = last + WINDOW_MARGIN_DAYS * DAY
        end = end.replace(day=month_calendar.monthrange(end.year, end.month)[1])
        # The term is named by the county's round, not by the few villages that voted first.
        ahead = [v for code, v in self.planned.items() if code not in self.elected]
        first_vc = min((v.villagers_committee for v in ahead or planned), default=self.today)
        return DemoRound(
            today=self.today,
            window_start=self.today - CAMPAIGN_STARTED_DAYS_BEFORE * DAY,
            window_end=end,
            term_start_year=first_vc.year,
        )
