"""The village party organization's slate: its committee's seats against the candidates accepted
for its posts, checked by the engine for the margin (PB-DIFF-1: at least 20 % more candidates
than seats, rounded up; a block, so the list is not published short)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from huanjie.elections.models import Body, Election, Round
from huanjie.nominations.models import Application, Status
from huanjie.rules.checks import Finding
from huanjie.rules.party.org import PartyContest, check_candidate_margin, minimum_candidates
from huanjie.rules.profiles.profile import load_profile

if TYPE_CHECKING:
    from huanjie.regions.models import Region


@dataclass(frozen=True)
class PartySlate:
    election: Election
    seats: int  # the committee's seats, secretary and deputy included
    candidates: list[Application]  # accepted for any post, each person once
    minimum: int | None  # PB-DIFF-1's minimum, None before the seats are set
    findings: list[Finding]


def party_election(village: Region) -> Election | None:
    """The party organization's election of the village's latest round (its first vote)."""
    return (
        Election.objects.filter(
            plan__village=village, body=Body.PARTY_ORGANIZATION, round=Round.FIRST
        )
        .select_related("plan__campaign")
        .order_by("-plan__campaign__term_start_year", "-pk")
        .first()
    )


def slate_of(election: Election) -> PartySlate:
    """The committee's margin: seats from the election's posts, candidates from its 招贤榜."""
    seats = sum(s.seats for s in election.seats.all())
    accepted = (
        Application.objects.filter(recruitment__election=election, status=Status.ACCEPTED)
        .select_related("person", "recruitment")
        .order_by("id")
    )
    people: dict[int, Application] = {}
    for a in accepted:
        people.setdefault(a.person_id, a)
    if seats < 1:
        return PartySlate(election, 0, list(people.values()), None, [])
    profile = load_profile(election.plan.campaign.party_profile_id)
    findings = check_candidate_margin(PartyContest.MEMBER, seats, len(people), profile)
    return PartySlate(
        election, seats, list(people.values()), minimum_candidates(seats, profile), findings
    )


def village_party_slate(village: Region) -> PartySlate | None:
    election = party_election(village)
    return None if election is None else slate_of(election)
