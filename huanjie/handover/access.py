"""Who does what in a handover (VC-POST-1, art 20): the village election committee presides
(the capability it arranges voting with), the township officer supervises; everyone who opens
the village's pages reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.handover import messages as msg

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser


def may_preside(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.ARRANGE_VOTING, village)


def may_supervise(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.APPROVE_VILLAGE_STEPS, village)


def presiding(user: AnyUser | None, village: Region) -> None:
    """None is the system (the handover opened when the result is counted)."""
    if user is not None and not may_preside(user, village):
        raise PermissionDenied(msg.NOT_PRESIDING)


def supervising(user: AnyUser, village: Region) -> None:
    if not may_supervise(user, village):
        raise PermissionDenied(msg.NOT_SUPERVISOR)
