"""User accounts in the Django admin: role, scope and assigned villages; every save audited."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from huanjie.accounts.models import User
from huanjie.accounts.services import (
    record_password_set,
    record_user_saved,
    user_delete,
    user_snapshot,
)

SCOPE_FIELDS = ("role", "scope_code", "department", "assigned_villages")


def _surname_first(fieldset: Any) -> Any:
    """Django's "个人信息" asks 名字 before 姓氏; a Chinese name is written surname first."""
    name, options = fieldset
    fields = tuple(options.get("fields", ()))
    if {"first_name", "last_name"} <= set(fields):
        fields = tuple(f for f in fields if f != "last_name")
        at = fields.index("first_name")
        fields = (*fields[:at], "last_name", *fields[at:])
        options = {**options, "fields": fields}
    return (name, options)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]  # generic in django-stubs only
    fieldsets = (
        *(_surname_first(fs) for fs in DjangoUserAdmin.fieldsets or ()),
        ("角色与管辖范围", {"fields": SCOPE_FIELDS}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("角色与管辖范围", {"fields": SCOPE_FIELDS}),
    )
    list_display = ["username", "full_name", "role", "scope_code", "department", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "scope_code"]
    filter_horizontal = ["assigned_villages", "groups", "user_permissions"]

    @admin.display(description="姓名", ordering="last_name")
    def full_name(self, obj: User) -> str:
        return obj.get_full_name()  # surname first, no space (柳志强)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Django's view is not atomic: the new password and its audit entry are one change.
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:  # saved, redirecting
                user = User.objects.get(pk=id)
                record_password_set(acting_user=_acting_user(request), user=user)
        return response

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        user_delete(user=obj, acting_user=_acting_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        with transaction.atomic():  # all of the selection or none
            for user in queryset:
                user_delete(user=user, acting_user=_acting_user(request))

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        old = User.objects.filter(pk=obj.pk).first() if change else None
        form.audit_before = user_snapshot(old) if old is not None else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The assigned villages are saved here, after the account: audit once both are stored.
        super().save_related(request, form, formsets, change)
        record_user_saved(
            acting_user=_acting_user(request),
            user=form.instance,
            before=getattr(form, "audit_before", None),
        )


def _acting_user(request: HttpRequest) -> User:
    # The admin site lets in only active staff accounts: never an AnonymousUser.
    return cast(User, request.user)
