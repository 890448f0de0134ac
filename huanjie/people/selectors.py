"""Reads of the register: scoped lists, a village's households, a person with relations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from huanjie.accounts.gates import scoped_people
from huanjie.people.models import CloseRelative, Household, Person, RegisterImport
from huanjie.regions.models import Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User


def person_list(
    *, user: User | AnonymousUser, village: Region | None = None, search: str = ""
) -> QuerySet[Person]:
    """People the user may see, optionally of one village and matching a name or ID number."""
    qs = Person.objects.select_related(
        "village", "household", "party_membership__organization__village"
    )
    if village is not None:
        qs = qs.filter(village=village)
    search = search.strip()
    if search:
        qs = qs.filter(Q(name__contains=search) | Q(id_number=search.upper()))
    return scoped_people(user, qs).order_by("village__code", "household_id", "id")


def village_households(*, village: Region) -> QuerySet[Household]:
    """A village's households with their group, members and members' tags: three queries."""
    return (
        Household.objects.filter(village=village)
        .select_related("villager_group")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Person.objects.order_by("id").prefetch_related("tags"),
            )
        )
        .order_by("villager_group_id", "number")
    )


@dataclass(frozen=True)
class RelationView:
    """One link seen from a person: the other person and what they are to each other."""

    link: CloseRelative
    other: Person
    label: str


def _label(link: CloseRelative, person_is_a: bool) -> str:
    # Directed kinds read from the person's side: "父母" of the child is the parent, and so on.
    kind = link.kind
    if kind == "parent_child":
        return "子女" if person_is_a else "父母"
    if kind == "grandparent_grandchild":
        return "孙子女" if person_is_a else "祖父母"
    return str(link.get_kind_display())


def person_relations(*, person: Person) -> list[RelationView]:
    """Every link of a person, each with the other person (two queries)."""
    as_a = CloseRelative.objects.filter(person_a=person).select_related("person_b", "confirmed_by")
    as_b = CloseRelative.objects.filter(person_b=person).select_related("person_a", "confirmed_by")
    views = [RelationView(link, link.person_b, _label(link, True)) for link in as_a]
    views += [RelationView(link, link.person_a, _label(link, False)) for link in as_b]
    return sorted(views, key=lambda v: (v.link.kind, v.other.pk))


def village_relations(*, village: Region) -> QuerySet[CloseRelative]:
    """All links among a village's people (for kinship checks and the relations page)."""
    return CloseRelative.objects.filter(person_a__village=village).select_related(
        "person_a", "person_b"
    )


def register_imports(*, village: Region) -> QuerySet[RegisterImport]:
    return RegisterImport.objects.filter(village=village).select_related("created_by")
