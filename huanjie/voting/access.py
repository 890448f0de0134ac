"""Who may change the voting arrangements and proxies: the village election committee
(`Capability.ARRANGE_VOTING`, announcements `Capability.ANNOUNCE`); a mobile box is approved by
the township (`Capability.APPROVE_VILLAGE_STEPS`, MOBILE-1). Reading goes through the village's
gate (`access_village`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.voting import messages as msg

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser


def may_arrange(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.ARRANGE_VOTING, village)


def may_announce(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.ANNOUNCE, village)


def may_approve_mobile(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.APPROVE_VILLAGE_STEPS, village)


def arranger(user: AnyUser | None, village: Region) -> User | None:
    """The acting committee member (None: the system, e.g. the demo), or a 403 saying who."""
    if user is not None and not may_arrange(user, village):
        raise PermissionDenied(msg.NOT_COMMITTEE)
    return user  # type: ignore[return-value]


def announcer(user: AnyUser | None, village: Region) -> User | None:
    if user is not None and not may_announce(user, village):
        raise PermissionDenied(msg.NOT_COMMITTEE)
    return user  # type: ignore[return-value]


def township(user: AnyUser | None, village: Region) -> User | None:
    if user is not None and not may_approve_mobile(user, village):
        raise PermissionDenied(msg.NOT_TOWNSHIP)
    return user  # type: ignore[return-value]
