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


@admin.register(VillagerGroup)
class VillagerGroupAdmin(ReadOnlyAdmin):
    list_display = ["name", "village"]
    search_fields = ["name", "village__name", "village__code"]
    list_select_related = ["village"]
