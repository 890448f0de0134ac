"""The audit trail in the Django admin: read-only, for administrators.

`ReadOnlyAdmin` is every app's admin base: a change made in the admin's generic save would leave
no audit entry, so the admin browses and the services (pages, CLI, seeder) change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from huanjie.audit.models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in django-stubs only
    """Browse and search only; the services make the (audited) changes."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "action_label",
        "target_repr",
        "actor",
        "actor_role",
        "region_code",
    ]
    list_filter = ["action", "actor_role"]
    search_fields = ["target_repr", "action", "action_label", "region_code"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
    readonly_fields = [
        "created_at",
        "actor",
        "actor_role",
        "action",
        "action_label",
        "target_type",
        "target_id",
        "target_repr",
        "village",
        "region_code",
        "before",
        "after",
    ]
