"""Access gates of the voter register's objects: within the user's villages, or the same 404
as for a missing one. A published announcement is a published document: whoever sees the
village's figures may read it (domain.md §1: observers see published documents)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from huanjie.accounts.gates import access_one, scoped_regions, scoped_villages
from huanjie.registration import messages as msg
from huanjie.registration.models import (
    Conflict,
    ListStatus,
    Objection,
    SupplementaryNotice,
    VoterCard,
    VoterRegister,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser

REGISTER_RELATED = ("village__parent", "election__plan__campaign")


def access_register(user: AnyUser, register_id: int | str) -> VoterRegister:
    qs = VoterRegister.objects.filter(village__in=scoped_villages(user))
    return access_one(qs.select_related(*REGISTER_RELATED), register_id, msg.REGISTER_NOT_FOUND)


def access_published_register(user: AnyUser, register_id: int | str) -> VoterRegister:
    """A register whose announcement the user may read: any within the user's villages, a
    published one within the regions whose published documents the user sees."""
    qs = VoterRegister.objects.filter(
        Q(village__in=scoped_villages(user))
        | Q(status=ListStatus.PUBLISHED, village__in=scoped_regions(user))
    )
    return access_one(qs.select_related(*REGISTER_RELATED), register_id, msg.REGISTER_NOT_FOUND)


def access_notice(user: AnyUser, notice_id: int | str) -> SupplementaryNotice:
    qs = SupplementaryNotice.objects.filter(
        Q(register__village__in=scoped_villages(user))
        | Q(register__village__in=scoped_regions(user))
    ).select_related(*(f"register__{r}" for r in REGISTER_RELATED))
    return access_one(qs, notice_id, msg.NOTICE_NOT_FOUND)


def access_objection(user: AnyUser, objection_id: int | str) -> Objection:
    qs = Objection.objects.filter(register__village__in=scoped_villages(user)).select_related(
        "person", "new_group", *(f"register__{r}" for r in REGISTER_RELATED)
    )
    return access_one(qs, objection_id, msg.OBJECTION_NOT_FOUND)


def access_conflict(user: AnyUser, conflict_id: int | str) -> Conflict:
    """A double registration with either of its villages in the user's villages."""
    villages = scoped_villages(user)
    qs = Conflict.objects.filter(
        Q(claimant__village__in=villages) | Q(holder__village__in=villages)
    ).select_related("person", "claimant__village", "holder__village")
    return access_one(qs, conflict_id, msg.CONFLICT_NOT_FOUND)


def access_card(user: AnyUser, card_id: int | str) -> VoterCard:
    qs = VoterCard.objects.filter(register__village__in=scoped_villages(user)).select_related(
        "voter", *(f"register__{r}" for r in REGISTER_RELATED)
    )
    return access_one(qs, card_id, msg.CARD_NOT_FOUND)
