"""Who may change the register (domain.md §1: the village election committee registers voters
and handles objections), and how a refusal names a village the reader may not open."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied

from huanjie.accounts.policy import Capability, Reach, Scope, can_change_in, village_scope
from huanjie.regions.models import PREFIX_LENGTH, Level
from huanjie.registration import messages as msg

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region


def may_register(user: User | AnonymousUser, village: Region) -> bool:
    return can_change_in(user, Capability.REGISTER_VOTERS, village)


def may_handle_objections(user: User | AnonymousUser, village: Region) -> bool:
    return can_change_in(user, Capability.HANDLE_OBJECTIONS, village)


def require_registrar(user: User | AnonymousUser, village: Region) -> User:
    if not may_register(user, village):
        raise PermissionDenied(msg.NOT_A_REGISTRAR)
    return cast("User", user)


def require_objection_handler(user: User | AnonymousUser, village: Region) -> User:
    if not may_handle_objections(user, village):
        raise PermissionDenied(msg.NOT_OBJECTIONS)
    return cast("User", user)


def reader_scope(user: User | AnonymousUser | None) -> Scope:
    """Whose villages a message may name: the user's, or every one for the command line (run by
    the server's operator) and the system itself."""
    return Scope(Reach.EVERYTHING) if user is None else village_scope(user)


def other_village(
    village: Region, other: Region, user: User | AnonymousUser | None
) -> tuple[str, str]:
    """How a page of `village` names `other` to `user`, and whom to ask about it: the name
    and its committee when the user may open it; otherwise only how far away it is and who can
    see both (the township's or the county's election staff), as the register import does."""
    if reader_scope(user).contains(other):
        return other.name, f"{other.name}{msg.CONTACT_VILLAGE}"
    township = PREFIX_LENGTH[Level.TOWNSHIP]
    county = PREFIX_LENGTH[Level.COUNTY]
    if other.code[:township] == village.code[:township]:
        return msg.THE_OTHER_VILLAGE_TOWNSHIP, msg.CONTACT_TOWNSHIP
    if other.code[:county] == village.code[:county]:
        return msg.THE_OTHER_VILLAGE_COUNTY, msg.CONTACT_COUNTY
    return msg.THE_OTHER_VILLAGE_OUTSIDE, msg.CONTACT_COUNTY
