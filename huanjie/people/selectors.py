"""Reads of the register: scoped lists, a village's households, a person with relations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from huanjie.accounts.gates import scoped_regions, scoped_villages
from huanjie.people.figures import RegisterCounts, register_counts
from huanjie.people.gates import scoped_people
from huanjie.people.models import (
    CloseRelative,
    CloseRelativeQuerySet,
    Household,
    PartyMembership,
    Person,
    RegisterExport,
    RegisterExportMode,
    RegisterImport,
)
from huanjie.people.relation_status import RelationStatus, status_q, with_status
from huanjie.regions.models import PREFIX_LENGTH, Level, Region

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
    seen = ("confirmed_by", "rejected_by")
    as_a = CloseRelative.objects.filter(person_a=person).select_related("person_b", *seen)
    as_b = CloseRelative.objects.filter(person_b=person).select_related("person_a", *seen)
    views = [RelationView(link, link.person_b, _label(link, True)) for link in as_a]
    views += [RelationView(link, link.person_a, _label(link, False)) for link in as_b]
    return sorted(views, key=lambda v: (v.link.kind, v.other.pk))


def village_relations(*, village: Region) -> QuerySet[CloseRelative]:
    """All links among a village's people, in any state (kinship checks use
    `recusal_relations`, which keeps only the links that count)."""
    return CloseRelative.objects.filter(person_a__village=village).select_related(
        "person_a", "person_b"
    )


def recusal_relations(
    *, people: Iterable[Person | int], among: bool = False
) -> CloseRelativeQuerySet:
    """THE source of close-relative links for every kinship check (任职回避, KIN-1..6, and the
    proxy and candidate checks that ask who is whose relative): only the links that count —
    confirmed by the village election committee, or registered by it (confirmed when entered),
    and not rejected (`CloseRelative.objects.for_recusal()`). A derived link still waiting for
    the committee is a suggestion of the household register and is never returned here; nor is
    a rejected one. A check that reports on relations should say so (and may count what is
    still pending with `CloseRelative.objects.pending()`).

    `people`: persons or their ids. With `among=False` every counted link touching one of them
    (their relatives, wherever registered); with `among=True` only links between two of them
    (e.g. among the members of one body)."""
    ids = {p if isinstance(p, int) else p.pk for p in people}
    qs = CloseRelative.objects.for_recusal()
    if among:
        qs = qs.filter(person_a__in=ids, person_b__in=ids)
    else:
        qs = qs.filter(Q(person_a__in=ids) | Q(person_b__in=ids))
    return qs.select_related("person_a", "person_b").order_by("kind", "person_a_id", "person_b_id")


def village_relation_list(
    *, village: Region, status: RelationStatus | None = None
) -> CloseRelativeQuerySet:
    """Links with at least one of the village's people, optionally in one status, by household
    (the committee works through them page by page)."""
    qs = CloseRelative.objects.filter(Q(person_a__village=village) | Q(person_b__village=village))
    if status is not None:
        qs = with_status(qs, status)
    return qs.select_related(
        "person_a__household", "person_b__household", "confirmed_by", "rejected_by"
    ).order_by("person_a__household__number", "person_a_id", "kind", "person_b_id", "pk")


def village_relation_counts(*, village: Region) -> dict[RelationStatus, int]:
    """How many of the village's links are in each status (one query)."""
    qs = CloseRelative.objects.filter(Q(person_a__village=village) | Q(person_b__village=village))
    totals = qs.aggregate(**{s.value: Count("pk", filter=status_q(s)) for s in RelationStatus})
    return {s: totals[s.value] or 0 for s in RelationStatus}


def register_imports(*, village: Region) -> QuerySet[RegisterImport]:
    """The village's imports, newest first, without those the committee removed from the list."""
    return RegisterImport.objects.filter(village=village, dismissed_at__isnull=True).select_related(
        "created_by"
    )


def register_exports(*, village: Region, user: User | AnonymousUser) -> QuerySet[RegisterExport]:
    """The background exports of a village that `user` asked for: a file with full ID numbers
    is for its requester only (another keeper asks for their own, and is audited for it)."""
    if not user.is_authenticated:
        return RegisterExport.objects.none()
    return RegisterExport.objects.filter(
        village=village, requested_by=user, mode=RegisterExportMode.BACKGROUND
    ).select_related("village", "requested_by")


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
        .select_related("person_a", "person_b", "confirmed_by", "rejected_by")
        .order_by("kind", "person_a_id", "person_b_id")
    )


def openable_people(user: User | AnonymousUser, ids: Iterable[int]) -> set[int]:
    """Which of these people the user may open (to link a relative only when the link works)."""
    return set(scoped_people(user).filter(pk__in=list(ids)).values_list("pk", flat=True))


@dataclass(frozen=True)
class RegionNode:
    """One node of the tree with the totals of everything below it (itself, for a village)."""

    region: Region
    depth: int
    villages: int
    households: int
    people: int
    party_members: int


def region_tree(*, user: User, root: Region | None = None) -> list[RegionNode]:
    """The regions the user sees (under `root` when given), in code order, with totals.

    Two queries whatever the size of the tree: the nodes, then households, people and party
    members per village (as `people.figures` defines them); the totals are rolled up by code
    prefix in memory.
    """
    nodes = Region.objects.all()
    if root is not None:
        nodes = nodes.filter(code__startswith=root.prefix)
    regions = list(scoped_regions(user, nodes).order_by("code"))
    village_ids = [r.pk for r in regions if r.level == Level.VILLAGE]
    # The register's definitions (people.figures), as on the pages.
    counts = register_counts(Person.objects.filter(village_id__in=village_ids), "village_id")
    totals: dict[tuple[str, str], Counter[str]] = {(r.level, r.prefix): Counter() for r in regions}
    for village in regions:
        if village.level != Level.VILLAGE:
            continue
        for level, length in PREFIX_LENGTH.items():
            total = totals.get((level, village.code[:length]))
            if total is not None:
                total["villages"] += 1
                found = counts.get(village.pk, RegisterCounts())
                total["households"] += found.households
                total["people"] += found.people
                total["party_members"] += found.party_members
    top = min((list(PREFIX_LENGTH).index(r.level) for r in regions), default=0)
    return [
        RegionNode(
            region=r,
            depth=list(PREFIX_LENGTH).index(r.level) - top,
            villages=totals[(r.level, r.prefix)]["villages"],
            households=totals[(r.level, r.prefix)]["households"],
            people=totals[(r.level, r.prefix)]["people"],
            party_members=totals[(r.level, r.prefix)]["party_members"],
        )
        for r in regions
    ]


def village_list(*, user: User, under: Region | None = None) -> QuerySet[Region]:
    """The villages (and communities) the user sees, in code order."""
    qs = Region.objects.filter(level=Level.VILLAGE)
    if under is not None:
        qs = qs.filter(code__startswith=under.prefix)
    return scoped_villages(user, qs).select_related("parent").order_by("code")
