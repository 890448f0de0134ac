"""Access gates of the register: persons and households, scoped by the village they live in.

Missing and out of scope answer the same 404 (`huanjie.accounts.gates.access_one`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from huanjie.accounts import messages
from huanjie.accounts.gates import access_one
from huanjie.accounts.policy import village_scope
from huanjie.people import messages as people_messages
from huanjie.people.models import CloseRelative, Household, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser


def scoped_people(user: AnyUser, qs: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People registered in villages the user may open."""
    return village_scope(user).filter(Person.objects.all() if qs is None else qs, "village__")


def scoped_households(user: AnyUser, qs: QuerySet[Household] | None = None) -> QuerySet[Household]:
    return village_scope(user).filter(Household.objects.all() if qs is None else qs, "village__")


def access_person(user: AnyUser, person_id: int | str) -> Person:
    qs = scoped_people(user).select_related(
        "village", "household", "party_membership__organization__village"
    )
    return access_one(qs, person_id, messages.PERSON_NOT_FOUND)


def access_household(user: AnyUser, household_id: int | str) -> Household:
    qs = scoped_households(user).select_related("village", "villager_group")
    return access_one(qs, household_id, messages.HOUSEHOLD_NOT_FOUND)


def access_relation(user: AnyUser, relation_id: int | str) -> CloseRelative:
    """A close-relative link with at least one of its two people in the user's villages."""
    people = scoped_people(user).values("pk")
    near = Q(person_a__in=people) | Q(person_b__in=people)
    qs = CloseRelative.objects.filter(near).select_related(
        "person_a__village", "person_b__village", "person_a__household", "confirmed_by"
    )
    return access_one(qs, relation_id, people_messages.RELATION_NOT_FOUND)
