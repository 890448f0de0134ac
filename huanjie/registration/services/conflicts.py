"""Settling a double registration (VC-REG-3): which village keeps the person.

Giving a claim up is either committee's to record. Taking the person off the register that lists
them is that village's own committee's decision, and only while its list is a draft: a
published list changes only through an objection there (the rules' own advice: "须先由原登记村
取消其登记"). Both villages' trails record the settlement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.registration import messages as msg
from huanjie.registration.access import may_register, other_village
from huanjie.registration.models import (
    Conflict,
    LeftOff,
    LeftOffKind,
    ListStatus,
    Voter,
    VoterRegister,
)
from huanjie.registration.ordering import sort_key
from huanjie.registration.services.build import place_one

if TYPE_CHECKING:
    from huanjie.accounts.models import User

CONFLICT_RESOLVE = AuditAction("registration.conflict_resolve", "协调重复登记")
NOTE_LIMIT = 200


@transaction.atomic
def conflict_resolve(
    *, conflict: Conflict, keep: VoterRegister, note: str = "", acting_user: User | None
) -> Conflict:
    """Record that `keep` (one of the two registers) keeps the person; the other lets go."""
    conflict = (
        Conflict.objects.select_for_update(of=("self",))
        .select_related("person", "claimant__village", "holder__village", "kept__village")
        .get(pk=conflict.pk)
    )
    claimant, holder, person = conflict.claimant, conflict.holder, conflict.person
    if conflict.resolved_at is not None and conflict.kept is not None:
        name, _ = other_village(claimant.village, conflict.kept.village, acting_user)
        raise ValidationError(
            msg.CONFLICT_RESOLVED.format(
                day=timezone.localtime(conflict.resolved_at).date(), name=person.name, village=name
            ),
            code="resolved",
        )
    if keep.pk not in (claimant.pk, holder.pk):
        raise ValidationError({"keep": ValidationError(msg.CONFLICT_NOT_A_SIDE, code="side")})
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError(
            {"note": ValidationError(msg.CONFLICT_NOTE_TOO_LONG.format(limit=NOTE_LIMIT))}
        )
    if keep.pk == claimant.pk:
        _release_holder(conflict, acting_user)
    conflict.kept = keep
    conflict.note = note
    conflict.resolved_at = timezone.now()
    conflict.resolved_by = acting_user
    conflict.save(update_fields=["kept", "note", "resolved_at", "resolved_by"])
    if keep.pk == claimant.pk:
        place_one(claimant, person)
    else:
        _left_for(claimant, conflict, keep)
    after = {
        "person": person.pk,
        "kept": keep.village.code,
        "released": (holder if keep.pk == claimant.pk else claimant).village.code,
        "note": note,
    }
    for register in (claimant, holder):
        record_audit(
            actor=acting_user,
            action=CONFLICT_RESOLVE,
            target=conflict,
            after=after,
            village=register.village,
        )
    return conflict


def _release_holder(conflict: Conflict, acting_user: User | None) -> None:
    """Take the person off the holder's list for the claimant: the holder's committee only,
    and only from a draft."""
    holder, person = conflict.holder, conflict.person
    row = Voter.objects.filter(register=holder, person=person, removed_at__isnull=True).first()
    if row is None:
        return  # the holder no longer lists them (rebuilt meanwhile)
    name, contact = other_village(conflict.claimant.village, holder.village, acting_user)
    if holder.status == ListStatus.PUBLISHED:
        raise ValidationError(
            msg.CONFLICT_HOLDER_PUBLISHED.format(village=name, name=person.name, contact=contact),
            code="holder_published",
        )
    if acting_user is not None and not may_register(acting_user, holder.village):
        raise ValidationError(
            msg.CONFLICT_HOLDER_ONLY.format(village=name, name=person.name, contact=contact),
            code="holder_only",
        )
    key = row.sort_key
    row.delete()
    _left_for(holder, conflict, conflict.claimant, key)


def _left_for(
    register: VoterRegister, conflict: Conflict, kept: VoterRegister, key: str = ""
) -> None:
    LeftOff.objects.filter(register=register, person=conflict.person).delete()
    LeftOff.objects.create(
        register=register,
        person=conflict.person,
        kind=LeftOffKind.ELSEWHERE,
        rule_ids="VC-REG-3",
        other=kept,
        sort_key=key or sort_key(None, "", False, conflict.person.birth_date, conflict.person.pk),
    )
