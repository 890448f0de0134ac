"""Who may change nominations: the village election committee, which organizes them
(`Capability.ARRANGE_VOTING`), or the township officer (`Capability.RUN_NOMINATIONS`) — the same
people who record nominees on the committee's page. Reading is the village gate's business."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.committees.access import may_record_nominee
from huanjie.nominations import messages as msg

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser


def may_run(user: AnyUser, village: Region) -> bool:
    return may_record_nominee(user, village)


def runner(user: AnyUser, village: Region) -> User:
    """The acting user, or a 403 that says who runs nominations."""
    if not may_run(user, village):
        raise PermissionDenied(msg.NOT_A_KEEPER)
    return user  # type: ignore[return-value]  # authenticated: it holds a capability
