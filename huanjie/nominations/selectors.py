"""Reads of nominations: a village's posts with their 招贤榜, applications and candidates (in
surname stroke order, as the list is announced), and the engine's dates for the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from huanjie.committees.services.common import profile_of, vc_election
from huanjie.elections.models import Body, Election, Post
from huanjie.nominations.models import Application, Recruitment, Status
from huanjie.nominations.party_slate import party_election
from huanjie.rules.bodies import nomination as rules
from huanjie.rules.ordering.strokes import load_stroke_table, sort_by_surname_strokes

if TYPE_CHECKING:
    from huanjie.regions.models import Region


@dataclass(frozen=True)
class PostNominations:
    post: str
    label: str
    seats: int
    recruitment: Recruitment | None
    applications: list[Application]  # in the order they were filed
    candidates: list[Application]  # accepted, in surname stroke order


@dataclass(frozen=True)
class Dates:
    """The engine's last lawful days for the election (None where the profile has none)."""

    self_registration: date | None
    candidate_list: date
    withdrawal: date | None


@dataclass(frozen=True)
class VillageNominations:
    election: Election | None
    dates: Dates | None
    posts: list[PostNominations]


def stroke_ordered(applications: list[Application]) -> list[Application]:
    return sort_by_surname_strokes(
        applications, load_stroke_table(), key=lambda a: a.person.name
    ).items


def candidates(recruitment: Recruitment) -> list[Application]:
    """The post's candidates in surname stroke order."""
    accepted = recruitment.applications.filter(status=Status.ACCEPTED).select_related("person")
    return stroke_ordered(list(accepted))


def village_nominations(
    village: Region, body: str = Body.VILLAGERS_COMMITTEE
) -> VillageNominations:
    """Every post of the round's election of the body (three queries): the villagers'
    committee's, or the party organization's (its dates from the round's profile)."""
    election = party_election(village) if body == Body.PARTY_ORGANIZATION else vc_election(village)
    if election is None:
        return VillageNominations(election=None, dates=None, posts=[])
    dates = None
    if election.election_day is not None:
        profile, day = profile_of(election), election.election_day
        dates = Dates(
            self_registration=rules.self_registration_deadline(profile, day),
            candidate_list=rules.list_deadline(profile, day),
            withdrawal=rules.withdrawal_deadline(profile, day),
        )
    found = {
        r.post: r
        for r in Recruitment.objects.filter(election=election).prefetch_related(
            Prefetch(
                "applications",
                queryset=Application.objects.select_related("person")
                .prefetch_related("pledges__recorded_by")
                .order_by("filed_on", "id"),
            )
        )
    }
    order = list(Post.values)
    posts = []
    for seat in sorted(election.seats.all(), key=lambda s: order.index(s.post)):
        recruitment = found.get(seat.post)
        applications = list(recruitment.applications.all()) if recruitment else []
        accepted = [a for a in applications if a.status == Status.ACCEPTED]
        posts.append(
            PostNominations(
                post=seat.post,
                label=seat.get_post_display(),
                seats=seat.seats,
                recruitment=recruitment,
                applications=applications,
                candidates=stroke_ordered(accepted),
            )
        )
    return VillageNominations(election=election, dates=dates, posts=posts)
