"""Who may record that a plan task is done (domain.md §1): the township officer, who plans the
villages (`PLAN_VILLAGES`), and the cadre assigned to the village (`GUIDE_VILLAGES`), any task of
their villages; the village election committee (`ARRANGE_VOTING`) and the village party
organization (`ARRANGE_PARTY_ELECTION`) the tasks they own. Reading is the village gate's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.accounts.models import Role
from huanjie.accounts.policy import Capability, can_change_in
from huanjie.campaigns import task_messages as msg

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.campaigns.models import PlanTask
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser

OWNER_CAPABILITY = {
    Role.ELECTION_COMMITTEE.value: Capability.ARRANGE_VOTING,
    Role.VILLAGE_PARTY.value: Capability.ARRANGE_PARTY_ELECTION,
}
OVERSEERS = (Capability.PLAN_VILLAGES, Capability.GUIDE_VILLAGES)


def owner_label(role: str) -> str:
    return Role(role).label if role in Role.values else role


def may_complete(user: AnyUser, task: PlanTask, village: Region) -> bool:
    """`village` is the task's plan's village (passed in: no query per task on a list)."""
    if any(can_change_in(user, c, village) for c in OVERSEERS):
        return True
    own = OWNER_CAPABILITY.get(task.owner_role)
    return own is not None and can_change_in(user, own, village)


def task_keeper(user: AnyUser, task: PlanTask, village: Region) -> User:
    """The acting user, or a 403 that says who may record the task."""
    if not may_complete(user, task, village):
        owner = owner_label(task.owner_role)
        raise PermissionDenied(msg.NOT_A_TASK_KEEPER.format(task=task.title, owner=owner))
    return user  # type: ignore[return-value]  # authenticated: it holds a capability
