"""Login throttling with django-axes: too many failures lock the account and the address.

Both the login page and the admin's login go through `authenticate(request, …)`, so the backend
below guards both. While locked, even the right password is refused (the backend stops
`authenticate` before the password is looked at) and the login page says for how long and whom
to ask.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from huanjie.accounts.messages import LOGIN_LOCKED
from huanjie.accounts.views import LoginForm

# Set on a request whose login axes refused because it was already locked (read by the audit).
REFUSED_WHILE_LOCKED = "huanjie_refused_while_locked"


class LoginThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]  # axes has no types
    """Axes' lockout check, first in AUTHENTICATION_BACKENDS; the password is ModelBackend's.

    Every login over HTTP passes its request. A call without one (the test client's `login`, a
    management command) is no one at a login page: it goes on to ModelBackend unthrottled
    instead of failing as axes' own backend does.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        try:
            super().authenticate(request, username, password, **kwargs)
        except AxesBackendPermissionDenied:
            setattr(request, REFUSED_WHILE_LOCKED, True)
            raise
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address a login comes from, behind HUANJIE_PROXY_COUNT trusted reverse proxies.

    Each proxy appends the address it was reached from to X-Forwarded-For, so the entry that
    many places from the end was written by our own first proxy; what a client put before it
    is ignored (anyone can send the header). Without proxies, or reached around them,
    REMOTE_ADDR.
    """
    hops: int = settings.HUANJIE_PROXY_COUNT
    if hops > 0:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= hops and _is_address(entries[-hops]):
            return entries[-hops]
    address = str(request.META.get("REMOTE_ADDR") or "")
    return address if _is_address(address) else None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def lockout_message() -> str:
    return LOGIN_LOCKED.format(minutes=settings.HUANJIE_LOGIN_COOLOFF_MINUTES)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The normal login page with the lock explained (AXES_LOCKOUT_CALLABLE), status 429."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    context = {
        "form": LoginForm(request, initial={"username": username}),
        "lockout": lockout_message(),
        "next": next_url,
    }
    return render(
        request, "registration/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
