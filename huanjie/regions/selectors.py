"""Reads of the region tree that need no scope: the CLI's lookup and a village's groups.

Scoped reads are built on the gates above (`huanjie.people.selectors.region_tree`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from huanjie.regions.models import Level, Region, VillagerGroup

if TYPE_CHECKING:
    pass


def village_by_code(code: str) -> Region | None:
    """A village by its 12-digit code, unscoped (the CLI runs with the operator's authority)."""
    return Region.objects.filter(code=code.strip(), level=Level.VILLAGE).first()


def villager_groups(*, village: Region) -> QuerySet[VillagerGroup]:
    return VillagerGroup.objects.filter(village=village).annotate(
        household_total=Count("households")
    )
