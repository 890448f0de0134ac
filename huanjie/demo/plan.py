"""The demo county as plain data: what the seeder writes, and what determinism is tested on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from huanjie.people.register.inputs import HouseholdInput


@dataclass(frozen=True)
class MembershipPlan:
    """One villager on the party roll (PB-RIGHTS-1: probationary and 留党察看 members have no
    vote; floating members are away)."""

    id_number: str
    status: str  # MembershipStatus
    joined_on: date
    probation_until: date | None = None
    floating: bool = False


@dataclass(frozen=True)
class OfficePlan:
    """A post of the outgoing committee of one body."""

    body: str  # Body
    post: str  # Post
    id_number: str
    term_start: date
    term_end: date


class Stage(StrEnum):
    """How far a village's round has come on the seeding day."""

    AHEAD = "ahead"  # the first village of its township: the earliest election days
    SCHEDULED = "scheduled"  # election days fixed
    PREPARING = "preparing"  # election days not yet fixed
    POSTPONED = "postponed"  # red-rated: the vote waits until the trouble is settled
    ELECTED = "elected"  # 先行村: voted in the campaign's first weeks, the new committees in office


@dataclass(frozen=True)
class ElectionPlan:
    body: str
    method: str
    seats: tuple[tuple[str, int], ...]  # (post, seats) in display order
    election_day: date | None  # None: not yet fixed


@dataclass(frozen=True)
class Departure:
    """A villager who left the register before the seeding day (entered through the service)."""

    id_number: str
    status: str  # RegisterStatus.MOVED_OUT or DECEASED
    on: date
    note: str


@dataclass(frozen=True)
class DemoRound:
    """The campaign the county is in on the seeding day `today`."""

    today: date
    window_start: date
    window_end: date
    term_start_year: int


@dataclass(frozen=True)
class DemoVillage:
    code: str
    name: str
    minority_village: bool
    villager_groups: tuple[str, ...]
    households: tuple[HouseholdInput, ...]
    party_organization: tuple[str, str]  # (name, PartyOrganizationKind)
    memberships: tuple[MembershipPlan, ...]
    offices: tuple[OfficePlan, ...]
    risk_level: str
    risk_notes: str
    stage: str  # Stage
    elections: tuple[ElectionPlan, ...]
    departures: tuple[Departure, ...] = ()
    # Elected villages: the new committees (terms from their election days) and the VC vote's
    # (registered, participants).
    new_offices: tuple[OfficePlan, ...] = ()
    vc_turnout: tuple[int, int] | None = None

    @property
    def population(self) -> int:
        return sum(len(h.members) for h in self.households)


@dataclass(frozen=True)
class DemoTownship:
    code: str
    name: str
    villages: tuple[DemoVillage, ...]


@dataclass(frozen=True)
class DemoCounty:
    seed: int
    round: DemoRound
    townships: tuple[DemoTownship, ...]

    @property
    def villages(self) -> tuple[DemoVillage, ...]:
        return tuple(v for t in self.townships for v in t.villages)
