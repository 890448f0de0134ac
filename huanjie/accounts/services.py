"""Changes to user accounts, audited (the administrator's "users" in the permission matrix)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from huanjie.accounts.models import User
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot

USER_CREATE = AuditAction("accounts.user_create", "新增用户")
USER_CHANGE = AuditAction("accounts.user_change", "修改用户")
USER_PASSWORD_SET = AuditAction("accounts.user_password_set", "重设密码")
USER_DELETE = AuditAction("accounts.user_delete", "删除用户")

# What the trail keeps of an account: never the password hash.
USER_AUDIT_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "is_active",
    "is_staff",
    "is_superuser",
    "role",
    "scope_code",
    "department",
    "assigned_villages",
]


def user_snapshot(user: User) -> dict[str, Any]:
    return snapshot(user, USER_AUDIT_FIELDS)


def record_user_saved(
    *, acting_user: User | None, user: User, before: dict[str, Any] | None
) -> None:
    """Audit an account saved with its assigned villages; `before` is None for a new account.

    Call inside the transaction that saved it (the admin's change form is one).
    """
    record_audit(
        actor=acting_user,
        action=USER_CHANGE if before is not None else USER_CREATE,
        target=user,
        before=before,
        after=user_snapshot(user),
    )


def record_password_set(*, acting_user: User | None, user: User) -> None:
    """Audit a password set for someone (never the password or its hash: only that it was set,
    and whether the account can still log in with a password).

    Call inside the transaction that saved it.
    """
    record_audit(
        actor=acting_user,
        action=USER_PASSWORD_SET,
        target=user,
        after={"usable_password": user.has_usable_password()},
    )


def user_delete(*, user: User, acting_user: User | None) -> None:
    """Delete an account, audited. An account that acted cannot be deleted (its audit entries
    protect it): deactivate it instead."""
    with transaction.atomic():
        record_audit(actor=acting_user, action=USER_DELETE, target=user, before=user_snapshot(user))
        user.delete()
