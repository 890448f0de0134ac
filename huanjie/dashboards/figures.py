"""Figures of the region pages: counts per level below each region, within the user's scope.

Every count goes through `scoped_regions` (the figures reach of the matrix: observers included,
reviewers nothing), and each kind of count is ONE grouped query over all the listed regions —
grouped by the code prefix of their level — so a page costs the same for 3 or 300 rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr

from huanjie.accounts.gates import scoped_regions, scoped_villages
from huanjie.people.figures import RegisterCounts, register_counts
from huanjie.people.models import Person
from huanjie.regions.models import PREFIX_LENGTH, Level, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser

LEVEL_ORDER = list(PREFIX_LENGTH)  # province … village


@dataclass(frozen=True)
class Figures:
    townships: int = 0
    villages: int = 0
    households: int = 0
    people: int = 0
    party_members: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.townships + other.townships,
            self.villages + other.villages,
            self.households + other.households,
            self.people + other.people,
            self.party_members + other.party_members,
        )


@dataclass(frozen=True)
class RegionRow:
    """One listed region with what lies below it; `village_page` when the user may open it."""

    region: Region
    figures: Figures
    village_page: bool


def above_township(region: Region) -> bool:
    """Whether the region has townships below it (a figure worth a column)."""
    return LEVEL_ORDER.index(region.level) < LEVEL_ORDER.index(Level.TOWNSHIP)


def scope_roots(user: AnyUser) -> list[Region]:
    """The top regions of the user's reach: its scope region, a cadre's assigned villages, the
    provinces for an administrator; none for a reviewer."""
    visible = scoped_regions(user)
    return list(visible.exclude(parent__in=visible).order_by("code"))


def children_of(user: AnyUser, region: Region) -> list[Region]:
    return list(scoped_regions(user).filter(parent=region).order_by("code"))


def region_rows(user: AnyUser, regions: Sequence[Region]) -> list[RegionRow]:
    """`regions` with their figures, in the given order: at most four queries per level listed
    (a page lists one level: a region's children, or the user's scope roots)."""
    counts: dict[tuple[str, str], Figures] = {}
    for level in {r.level for r in regions}:
        prefixes = [r.prefix for r in regions if r.level == level]
        found = _figures_by_prefix(user, level, prefixes)
        counts.update({(level, prefix): figures for prefix, figures in found.items()})
    village_ids = [r.pk for r in regions if r.level == Level.VILLAGE]
    openable: set[int] = set()
    if village_ids:
        openable = set(
            scoped_villages(user).filter(pk__in=village_ids).values_list("pk", flat=True)
        )
    return [
        RegionRow(region=r, figures=counts[(r.level, r.prefix)], village_page=r.pk in openable)
        for r in regions
    ]


def total(rows: Iterable[RegionRow]) -> Figures:
    """The sum over rows that partition an area (the children of one region, the scope roots)."""
    result = Figures()
    for row in rows:
        result += row.figures
    return result


def villages_per_township(user: AnyUser) -> list[tuple[str, int]]:
    """(township name, number of villages the user sees in it), in code order: one query.

    Names only: a cadre sees the township of its villages named, never as a page to open.
    """
    rows = (
        scoped_regions(user)
        .filter(level=Level.VILLAGE)
        .order_by()
        .values("parent__code", "parent__name")
        .annotate(n=Count("id"))
        .order_by("parent__code")
    )
    return [(row["parent__name"], row["n"]) for row in rows]


def region_trail(user: AnyUser, region: Region) -> list[Region]:
    """`region`'s ancestors the user may open, top first: the breadcrumbs never link above the
    user's scope root. One query (ancestor codes follow from the region's own code)."""
    depth = LEVEL_ORDER.index(region.level)
    codes = [region.code[: PREFIX_LENGTH[level]].ljust(12, "0") for level in LEVEL_ORDER[:depth]]
    if not codes:
        return []
    return list(scoped_regions(user).filter(code__in=codes).order_by("code"))


def _figures_by_prefix(user: AnyUser, level: str, prefixes: list[str]) -> dict[str, Figures]:
    length = PREFIX_LENGTH[level]
    wanted = set(prefixes)
    villages = scoped_regions(user).filter(level=Level.VILLAGE)
    common = _common_prefix(prefixes)
    if common:
        # Narrow every count to the listed regions' area (a county's townships, one village).
        villages = villages.filter(code__startswith=common)
    # A township counts itself, a village itself: the sums over a region's children add up.
    townships: dict[str, int] = {}
    if level == Level.TOWNSHIP:
        townships = dict.fromkeys(wanted, 1)
    elif LEVEL_ORDER.index(level) < LEVEL_ORDER.index(Level.TOWNSHIP):
        townships = _grouped(
            scoped_regions(user).filter(level=Level.TOWNSHIP, code__startswith=common),
            "code",
            length,
        )
    if level == Level.VILLAGE:
        village_counts = dict.fromkeys(wanted, 1)
    else:
        village_counts = _grouped(villages, "code", length)
    # The register's definitions (people.figures): the village page shows the same numbers.
    counts = register_counts(
        Person.objects.filter(village__in=villages), Substr("village__code", 1, length)
    )
    return {
        prefix: Figures(
            townships=townships.get(prefix, 0),
            villages=village_counts.get(prefix, 0),
            households=counts.get(prefix, RegisterCounts()).households,
            people=counts.get(prefix, RegisterCounts()).people,
            party_members=counts.get(prefix, RegisterCounts()).party_members,
        )
        for prefix in wanted
    }


def _grouped(qs: QuerySet[Any], code_path: str, length: int) -> dict[str, int]:
    rows = (
        qs.order_by()  # a model's default ordering would split the groups
        .annotate(prefix=Substr(code_path, 1, length))
        .values("prefix")
        .annotate(n=Count("id"))
        .values_list("prefix", "n")
    )
    return dict(rows)


def _common_prefix(codes: list[str]) -> str:
    """The digits all codes start with (the smallest and largest differ first)."""
    if not codes:
        return ""
    low, high = min(codes), max(codes)
    size = 0
    while size < min(len(low), len(high)) and low[size] == high[size]:
        size += 1
    return low[:size]
