"""The demo county as plain data: what the seeder writes, and what determinism is tested on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


@dataclass(frozen=True)
class ElectionPlan:
    body: str
    method: str
    seats: tuple[tuple[str, int], ...]  # (post, seats) in display order
    election_day: date


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
    elections: tuple[ElectionPlan, ...]

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
    townships: tuple[DemoTownship, ...]

    @property
    def villages(self) -> tuple[DemoVillage, ...]:
        return tuple(v for t in self.townships for v in t.villages)
