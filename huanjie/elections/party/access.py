"""Who may change what on the party election's roll (domain.md §1's matrix):

- the village party organization keeps the roll (KEEP_PARTY_ROLL), proposes and withdraws
  exclusions from "should attend" and records the members' meeting's approval
  (EXCLUDE_MEMBERS), and registers members for the election (ARRANGE_PARTY_ELECTION);
- the higher Party organization's consent (PB-QUORUM-2) is the township's approval of a village
  step: the township officer records it (APPROVE_VILLAGE_STEPS); the party organization may enter
  it too, but only with the written consent's document reference (our reading [I]: the consent is
  the township's act, the branch only copies what it received).

Everyone who opens the village reads (the village gate's business).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.elections.party import messages as msg

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser


def may_keep_roll(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.KEEP_PARTY_ROLL, village)


def may_exclude(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.EXCLUDE_MEMBERS, village)


def may_approve_as_township(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.APPROVE_VILLAGE_STEPS, village)


def may_record_consent(user: AnyUser, village: Region) -> bool:
    return may_approve_as_township(user, village) or may_exclude(user, village)


def may_register(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.ARRANGE_PARTY_ELECTION, village)


def _allowed(allowed: bool, message: str, user: AnyUser) -> User:
    if not allowed:
        raise PermissionDenied(message)
    return user  # type: ignore[return-value]  # authenticated: it holds a capability


def roll_keeper(user: AnyUser, village: Region) -> User:
    return _allowed(may_keep_roll(user, village), msg.NOT_A_ROLL_KEEPER, user)


def excluder(user: AnyUser, village: Region) -> User:
    return _allowed(may_exclude(user, village), msg.NOT_AN_EXCLUDER, user)


def consent_recorder(user: AnyUser, village: Region) -> User:
    return _allowed(may_record_consent(user, village), msg.NOT_A_CONSENT_RECORDER, user)


def registrar(user: AnyUser, village: Region) -> User:
    return _allowed(may_register(user, village), msg.NOT_A_REGISTRAR, user)
