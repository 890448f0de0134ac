"""Reads of elections and office holders, within the user's scope."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from huanjie.accounts.gates import scoped_villages
from huanjie.elections.models import Election, ElectionSeat, OfficeHolder
from huanjie.regions.models import Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.people.models import Person


def election_list(
    *, user: User | AnonymousUser, village: Region | None = None
) -> QuerySet[Election]:
    """Elections in the user's villages with their plan, village and seats (two queries)."""
    qs = Election.objects.filter(plan__village__in=scoped_villages(user))
    if village is not None:
        qs = qs.filter(plan__village=village)
    return qs.select_related("plan__village", "plan__campaign").prefetch_related(
        Prefetch("seats", queryset=ElectionSeat.objects.order_by("id"))
    )


def office_holders(*, village: Region, on: date | None = None) -> QuerySet[OfficeHolder]:
    """A village's office holders; with `on`, only those whose term covers that day."""
    qs = OfficeHolder.objects.filter(village=village).select_related("person")
    if on is not None:
        qs = qs.filter(Q(term_start__lte=on) & Q(term_end__gt=on))
    return qs


def person_offices(*, person: Person) -> QuerySet[OfficeHolder]:
    return OfficeHolder.objects.filter(person=person).order_by("-term_start", "body")
