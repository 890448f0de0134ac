"""The region tree in the Django admin, read-only.

Every change of the register's models must leave an audit entry in its own transaction, which
the admin's generic save cannot promise: changes go through the services (pages, CLI, seeder).
"""

from __future__ import annotations

from django.contrib import admin

from huanjie.audit.admin import ReadOnlyAdmin
from huanjie.regions.models import Region, VillagerGroup


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    # The stored population and households are the statistical yearbook's, entered by hand:
    # labelled so, never read as the register's counts (the village page counts the register).
    fields = [
        "code",
        "name",
        "level",
        "parent",
        "kind",
        "yearbook_population",
        "yearbook_households",
        "merged_village",
        "minority_village",
    ]
    readonly_fields = ["yearbook_population", "yearbook_households"]

    @admin.display(description="户籍人口（统计年报，手工填写，不随户籍登记变化）")
    def yearbook_population(self, region: Region) -> str:
        return "—" if region.population is None else f"{region.population:,}"

    @admin.display(description="户数（统计年报，手工填写，不随户籍登记变化）")
    def yearbook_households(self, region: Region) -> str:
        return "—" if region.household_count is None else f"{region.household_count:,}"


@admin.register(VillagerGroup)
class VillagerGroupAdmin(ReadOnlyAdmin):
    list_display = ["name", "village"]
    search_fields = ["name", "village__name", "village__code"]
    list_select_related = ["village"]
