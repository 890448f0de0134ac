"""The audit trail in the Django admin: read-only, for administrators."""

from __future__ import annotations

from django.contrib import admin

from huanjie.audit.models import AuditEntry
from huanjie.regions.admin import ReadOnlyAdmin


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
