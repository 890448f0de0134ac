"""Who may change what (domain.md §1): the village election committee records its own 推选 and
the representatives' selections it presides over (`Capability.ARRANGE_VOTING`); the committee
or the township officer, who runs nominations (`Capability.RUN_NOMINATIONS`), records that a
villager has been nominated. Reading is the village gate's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.committees import messages as msg

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser


def may_keep_committee(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.ARRANGE_VOTING, village)


def may_record_nominee(user: AnyUser, village: Region) -> bool:
    return may_keep_committee(user, village) or can_change_in(
        user, Capability.RUN_NOMINATIONS, village
    )


def keeper(user: AnyUser, village: Region) -> User:
    """The acting committee member, or a 403 that says who keeps the committee."""
    if not may_keep_committee(user, village):
        raise PermissionDenied(msg.NOT_A_KEEPER)
    return user  # type: ignore[return-value]  # authenticated: it holds a capability


def nomination_keeper(user: AnyUser, village: Region) -> User:
    if not may_record_nominee(user, village):
        raise PermissionDenied(msg.NOT_A_NOMINATION_KEEPER)
    return user  # type: ignore[return-value]
