"""Logins, login failures and lockouts on the audit trail (connected in AccountsConfig.ready).

The entries are system-wide (no region): administrators read them in the admin's 操作记录.
Each names the account tried; a name that is no account is filed under the row axes keeps for
the attempt. A login refused because it was already locked is not recorded: the lockout
already is, and recording every refusal would let anyone grow the append-only trail at will.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.db import models, transaction
from django.http import HttpRequest

from huanjie.accounts.login_throttle import REFUSED_WHILE_LOCKED, client_address
from huanjie.accounts.models import User
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit

LOGIN = AuditAction("accounts.login", "登录")
LOGIN_FAILED = AuditAction("accounts.login_failed", "登录失败")
LOGIN_LOCKOUT = AuditAction("accounts.login_lockout", "登录锁定")

# The views where someone types a password; `force_login` and logins made by code are not.
LOGIN_VIEWS = frozenset({"accounts:login", "admin:login"})
USERNAME_KEPT = 150  # what the trail keeps of a typed name (any length may be posted)


def record_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """user_logged_in: a login at a login page."""
    match = getattr(request, "resolver_match", None)
    if request is None or match is None or match.view_name not in LOGIN_VIEWS:
        return
    with transaction.atomic():
        record_audit(
            actor=user, action=LOGIN, target=user, after={"address": client_address(request)}
        )


def record_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """user_login_failed, after axes' own receiver has counted the failure (INSTALLED_APPS
    puts axes first): a failure, and the lockout it may have started."""
    if request is None or getattr(request, REFUSED_WHILE_LOCKED, False):
        return
    username = str(credentials.get(User.USERNAME_FIELD) or "")
    address = client_address(request)
    target, target_repr = _attempted(username, address)
    if target is None:
        return  # no such account, and axes counted nothing (it is off): nothing to file it under
    summary = {
        "username": username[:USERNAME_KEPT],
        "address": address,
        "failures": getattr(request, "axes_failures_since_start", None),
    }
    with transaction.atomic():
        record_audit(
            actor=None,  # nobody is signed in: the account tried is the target
            action=LOGIN_FAILED,
            target=target,
            target_repr=target_repr,
            after=summary,
        )
        if getattr(request, "axes_locked_out", False):
            record_audit(
                actor=None,
                action=LOGIN_LOCKOUT,
                target=target,
                target_repr=target_repr,
                after=summary,
            )


def _attempted(username: str, address: str | None) -> tuple[models.Model | None, str | None]:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, None
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=address)
        .order_by("-attempt_time")
        .first()
    )
    return attempt, f"登录名“{username[:USERNAME_KEPT]}”（无此账号）"
