"""Elections and office holders in the Django admin, read-only (changes go through services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from huanjie.audit.admin import ReadOnlyAdmin
from huanjie.elections.models import Election, ElectionSeat, OfficeHolder


class ElectionSeatInline(admin.TabularInline):  # type: ignore[type-arg]  # generic in django-stubs only
    model = ElectionSeat
    extra = 0
    can_delete = False
    readonly_fields = ["post", "seats"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "body", "round", "method", "election_day", "status"]
    list_filter = ["body", "method", "status"]
    search_fields = ["plan__village__name", "plan__village__code"]
    list_select_related = ["plan__village", "plan__campaign"]
    inlines = [ElectionSeatInline]


@admin.register(OfficeHolder)
class OfficeHolderAdmin(ReadOnlyAdmin):
    list_display = ["person", "body", "post", "village", "term_start", "term_end"]
    list_filter = ["body", "post"]
    search_fields = ["person__name", "village__name"]
    list_select_related = ["person", "village"]
