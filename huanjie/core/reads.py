"""Reads of the village, household and person pages beyond the apps' selectors.

Each takes an object the caller already got through its access gate (`access_village`,
`access_household`, `access_person`), or narrows by the user's scope itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from huanjie.accounts.gates import scoped_people
from huanjie.elections.models import OfficeHolder
from huanjie.people.models import CloseRelative, Household, PartyMembership, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region


def party_roll(*, village: Region) -> QuerySet[PartyMembership]:
    """The party members of the village's party organizations, by organization and name."""
    return (
        PartyMembership.objects.filter(organization__village=village)
        .select_related("person", "organization")
        .order_by("organization__name", "status", "person__name", "pk")
    )


def household_members(*, household: Household) -> QuerySet[Person]:
    """The members, head first, with what the ID masking needs (village, party organization)."""
    return (
        Person.objects.filter(household=household)
        .select_related("village", "party_membership__organization")
        .prefetch_related("tags")
        .order_by("id")
    )


def household_relations(*, household: Household) -> QuerySet[CloseRelative]:
    """Close-relative links with at least one member of the household, derived or declared."""
    return (
        CloseRelative.objects.filter(
            Q(person_a__household=household) | Q(person_b__household=household)
        )
        .select_related("person_a", "person_b", "confirmed_by")
        .order_by("kind", "person_a_id", "person_b_id")
    )


def person_offices(*, person: Person) -> QuerySet[OfficeHolder]:
    return OfficeHolder.objects.filter(person=person).order_by("-term_start", "body")


def openable_people(user: User | AnonymousUser, ids: Iterable[int]) -> set[int]:
    """Which of these people the user may open (to link a relative only when the link works)."""
    return set(scoped_people(user).filter(pk__in=list(ids)).values_list("pk", flat=True))
