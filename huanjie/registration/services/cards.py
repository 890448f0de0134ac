"""Voter cards (选民证, VC-REG-7): numbered per register in the list's order; a card reissued
for a lost one takes the next number and the lost number is void (recorded, audited)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.registration import messages as msg
from huanjie.registration.models import ListStatus, Voter, VoterCard, VoterRegister
from huanjie.registration.services.build import locked_register

if TYPE_CHECKING:
    from huanjie.accounts.models import User

CARDS_ISSUE = AuditAction("registration.cards_issue", "发放选民证")
CARD_REISSUE = AuditAction("registration.card_reissue", "补发选民证")
REASON_LIMIT = 200


def _next_number(register: VoterRegister) -> int:
    return (VoterCard.objects.filter(register=register).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def cards_issue(*, register: VoterRegister, acting_user: User | None) -> list[VoterCard]:
    """A card for every voter on the published list who has no valid one, numbered on from the
    register's last number in the list's order."""
    register = locked_register(register)
    if register.status != ListStatus.PUBLISHED:
        raise ValidationError(msg.CARDS_NOT_PUBLISHED, code="not_published")
    valid = VoterCard.objects.filter(voter=OuterRef("pk"), voided_at__isnull=True)
    waiting = list(
        Voter.objects.filter(register=register, removed_at__isnull=True)
        .filter(~Exists(valid))
        .order_by("sort_key")
    )
    if not waiting:
        raise ValidationError(msg.CARDS_NONE_TO_ISSUE, code="none")
    first = _next_number(register)
    now = timezone.now()
    cards = VoterCard.objects.bulk_create(
        [
            VoterCard(
                register=register, voter=v, number=first + i, issued_at=now, issued_by=acting_user
            )
            for i, v in enumerate(waiting)
        ]
    )
    record_audit(
        actor=acting_user,
        action=CARDS_ISSUE,
        target=register,
        after={"cards": len(cards), "first": first, "last": first + len(cards) - 1},
        village=register.village,
    )
    return list(VoterCard.objects.filter(register=register, number__gte=first).order_by("number"))


@transaction.atomic
def card_reissue(*, card: VoterCard, reason: str, acting_user: User | None) -> VoterCard:
    """Void `card` (lost, damaged) and issue its voter a card with the next number."""
    register = locked_register(card.register)
    card = VoterCard.objects.select_for_update(of=("self",)).select_related("voter").get(pk=card.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(msg.CARD_REASON, code="reason")})
    if len(reason) > REASON_LIMIT:
        raise ValidationError(
            {"reason": ValidationError(f"原因最多{REASON_LIMIT}个字。", code="too_long")}
        )
    if card.voided_at is not None:
        raise ValidationError(
            msg.CARD_VOID.format(
                number=f"{card.number:05d}",
                day=timezone.localtime(card.voided_at).date(),
                reason=card.void_reason,
            ),
            code="void",
        )
    if card.voter.removed_at is not None:
        raise ValidationError(msg.CARD_VOTER_REMOVED.format(name=card.voter.name), code="removed")
    now = timezone.now()
    card.voided_at = now
    card.void_reason = reason
    card.voided_by = acting_user
    card.save(update_fields=["voided_at", "void_reason", "voided_by"])
    new = VoterCard.objects.create(
        register=register,
        voter=card.voter,
        number=_next_number(register),
        issued_at=now,
        issued_by=acting_user,
        replaces=card,
    )
    record_audit(
        actor=acting_user,
        action=CARD_REISSUE,
        target=new,
        before={"number": card.number, "voided": False},
        after={"voided": card.number, "number": new.number, "reason": reason},
        village=register.village,
    )
    return new
