"""User accounts in the Django admin: role, scope and assigned villages; every save audited."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from huanjie.accounts.models import User
from huanjie.accounts.services import record_user_saved, user_snapshot

SCOPE_FIELDS = ("role", "scope_code", "department", "assigned_villages")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]  # generic in django-stubs only
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("角色与管辖范围", {"fields": SCOPE_FIELDS}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("角色与管辖范围", {"fields": SCOPE_FIELDS}),
    )
    list_display = ["username", "get_full_name", "role", "scope_code", "department", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "scope_code"]
    filter_horizontal = ["assigned_villages", "groups", "user_permissions"]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        old = User.objects.filter(pk=obj.pk).first() if change else None
        form.audit_before = user_snapshot(old) if old is not None else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The assigned villages are saved here, after the account: audit once both are stored.
        super().save_related(request, form, formsets, change)
        record_user_saved(
            # The admin site lets in only active staff accounts: never an AnonymousUser.
            acting_user=cast(User, request.user),
            user=form.instance,
            before=getattr(form, "audit_before", None),
        )
