"""Who may enter tally sheets: the village election committee (`Capability.ENTER_TALLY`).
Reading goes through the village's gate (the township officer reads every village of theirs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.ballots import messages as msg

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser


def may_enter(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.ENTER_TALLY, village)


def clerk(user: AnyUser, village: Region) -> User:
    """The acting committee member, or a 403 that says who enters sheets."""
    if not may_enter(user, village):
        raise PermissionDenied(msg.NOT_A_CLERK)
    return user  # type: ignore[return-value]  # authenticated: it holds a capability
