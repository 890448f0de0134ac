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
# What to fill in, beside each field of 角色与管辖范围 (domain.md §1).
SCOPE_HELP = {
    "role": "角色决定账号能查看和修改什么（见权限矩阵）。",
    "scope_code": (
        "12 位统计用区划代码：县换届办填县的代码，乡镇组织委员填乡镇（街道）的代码，"
        "村选委会和村党组织填村（社区）的代码；系统管理员留空即管理全部区划；包村干部不填。"
    ),
    "department": "只有联审人员填写，例如“公安”或“纪检监察”。",
    "assigned_villages": "只有包村干部需要选择所包的村（可多选）。",
}


# Django's groups and permissions decide nothing here (the role does: accounts.policy), and
# their names are stored in English ("Can add user"): not on the form.
UNUSED = frozenset({"groups", "user_permissions"})


def _surname_first(fieldset: Any) -> Any:
    """Django's "个人信息" asks 名字 before 姓氏; a Chinese name is written surname first."""
    name, options = fieldset
    fields = tuple(f for f in options.get("fields", ()) if f not in UNUSED)
    if {"first_name", "last_name"} <= set(fields):
        fields = tuple(f for f in fields if f != "last_name")
        at = fields.index("first_name")
        fields = (*fields[:at], "last_name", *fields[at:])
    return (name, {**options, "fields": fields})


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
    filter_horizontal = ["assigned_villages"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["help_texts"] = {**SCOPE_HELP, **kwargs.get("help_texts", {})}
        return super().get_form(request, obj, change=change, **kwargs)

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
