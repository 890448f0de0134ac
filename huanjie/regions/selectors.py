"""Reads of the region tree, always within the user's scope."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from huanjie.accounts.gates import scoped_regions, scoped_villages
from huanjie.people.models import Household, Person
from huanjie.regions.models import PREFIX_LENGTH, Level, Region, VillagerGroup

if TYPE_CHECKING:
    from huanjie.accounts.models import User


@dataclass(frozen=True)
class RegionNode:
    """One node of the tree with the totals of everything below it (itself, for a village)."""

    region: Region
    depth: int
    villages: int
    households: int
    people: int


def region_tree(*, user: User, root: Region | None = None) -> list[RegionNode]:
    """The regions the user sees (under `root` when given), in code order, with totals.

    Three queries whatever the size of the tree: the nodes, households per village and people
    per village; the totals are rolled up by code prefix in memory.
    """
    nodes = Region.objects.all()
    if root is not None:
        nodes = nodes.filter(code__startswith=root.prefix)
    regions = list(scoped_regions(user, nodes).order_by("code"))
    village_ids = [r.pk for r in regions if r.level == Level.VILLAGE]
    households = _count_by_village(Household.objects.filter(village_id__in=village_ids))
    people = _count_by_village(Person.objects.filter(village_id__in=village_ids))
    totals: dict[tuple[str, str], Counter[str]] = {(r.level, r.prefix): Counter() for r in regions}
    for village in regions:
        if village.level != Level.VILLAGE:
            continue
        for level, length in PREFIX_LENGTH.items():
            total = totals.get((level, village.code[:length]))
            if total is not None:
                total["villages"] += 1
                total["households"] += households[village.pk]
                total["people"] += people[village.pk]
    top = min((list(PREFIX_LENGTH).index(r.level) for r in regions), default=0)
    return [
        RegionNode(
            region=r,
            depth=list(PREFIX_LENGTH).index(r.level) - top,
            villages=totals[(r.level, r.prefix)]["villages"],
            households=totals[(r.level, r.prefix)]["households"],
            people=totals[(r.level, r.prefix)]["people"],
        )
        for r in regions
    ]


def _count_by_village(qs: QuerySet[Household] | QuerySet[Person]) -> Counter[int]:
    rows = qs.order_by().values_list("village_id").annotate(n=Count("id"))
    return Counter({village_id: n for village_id, n in rows})


def village_list(*, user: User, under: Region | None = None) -> QuerySet[Region]:
    """The villages (and communities) the user sees, in code order."""
    qs = Region.objects.filter(level=Level.VILLAGE)
    if under is not None:
        qs = qs.filter(code__startswith=under.prefix)
    return scoped_villages(user, qs).select_related("parent").order_by("code")


def village_by_code(code: str) -> Region | None:
    """A village by its 12-digit code, unscoped (the CLI runs with the operator's authority)."""
    return Region.objects.filter(code=code.strip(), level=Level.VILLAGE).first()


def villager_groups(*, village: Region) -> QuerySet[VillagerGroup]:
    return VillagerGroup.objects.filter(village=village).annotate(
        household_total=Count("households")
    )
