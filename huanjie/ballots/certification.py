"""Certification (确认) of a counted round by the township, and its audited reopening.

Certifying re-counts the stored contest first: what is locked is exactly what `huanjie tally`
gives for the exported contest JSON. A certified result and its sheets cannot change (the
services refuse, `RoundResult.save` refuses). Reopening — by the township, with a reason — keeps
the result as it stood in a Reopening, withdraws it with what the count created (the elected's
office records, the next round if nothing was entered in it yet) and opens the named boxes'
sheets for correction; when they agree again the round is counted again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots import messages as msg
from huanjie.ballots import party
from huanjie.ballots.models import (
    Box,
    Reopening,
    RoundLink,
    RoundResult,
    SeatReduction,
    TallySheet,
)
from huanjie.ballots.rounds import withdraw_round
from huanjie.ballots.selectors import contest_text
from huanjie.elections.models import Election, ElectionStatus, OfficeHolder
from huanjie.rules.tally.text import recount

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

RESULT_CERTIFY = AuditAction("ballots.result_certify", "乡镇确认选举结果")
RESULT_REOPEN = AuditAction("ballots.result_reopen", "重新开启选举结果")


def may_certify(user: User | AnonymousUser, village: Region) -> bool:
    return can_change_in(user, Capability.APPROVE_VILLAGE_STEPS, village)


def _certifier(user: User | AnonymousUser, village: Region) -> User:
    if not may_certify(user, village):
        raise PermissionDenied(msg.NOT_A_CERTIFIER)
    return user  # type: ignore[return-value]  # authenticated: it holds a capability


def _result(election: Election, *, lock: bool) -> RoundResult:
    results = RoundResult.objects.filter(election=election)
    if lock:
        results = results.select_for_update()
    result = results.first()
    if result is None:
        raise ValidationError(msg.NO_RESULT.format(election=election), code="not_counted")
    return result


def result_certify(*, election: Election, acting_user: User | AnonymousUser) -> RoundResult:
    village = election.plan.village
    user = _certifier(acting_user, village)
    with transaction.atomic():
        result = _result(election, lock=True)
        if result.certified:
            raise ValidationError(
                msg.ALREADY_CERTIFIED.format(
                    election=election,
                    when=timezone.localtime(result.certified_at).strftime("%Y-%m-%d %H:%M"),
                    who=_name(result.certified_by),
                ),
                code="certified",
            )
        _, outcome = recount(contest_text(result), "contest")
        if outcome.to_dict() != result.outcome:
            raise ValidationError(msg.RECOUNT_DIFFERS, code="recount")
        result.certified_at = timezone.now()
        result.certified_by = user
        result.save(update_fields=["certified_at", "certified_by"])
        record_audit(
            actor=user,
            action=RESULT_CERTIFY,
            target=result,
            after={"certified_at": result.certified_at.isoformat(), "outcome": result.outcome},
            village=village,
        )
    return result


def result_reopen(
    *,
    election: Election,
    reason: str,
    box_names: list[str],
    acting_user: User | AnonymousUser,
) -> Reopening:
    village = election.plan.village
    user = _certifier(acting_user, village)
    reason = reason.strip()
    if not reason:
        raise ValidationError(msg.REASON_EMPTY, code="reason")
    names = list(dict.fromkeys(name.strip() for name in box_names if name.strip()))
    if not names:
        raise ValidationError(msg.BOXES_EMPTY, code="boxes")
    boxes = {box.name: box for box in Box.objects.filter(village=village, name__in=names)}
    for name in names:
        if name not in boxes:
            raise ValidationError(msg.BOX_UNKNOWN.format(name=name), code="boxes")
    if (approval := party.approved_in(election)) is not None:
        raise ValidationError(
            party.APPROVED_LOCKED.format(number=approval.document_number), code="approved"
        )
    with transaction.atomic():
        result = _result(election, lock=True)
        # The members' meeting's decision to reduce the seats (PB-WIN-3) goes with the result.
        before = {"certified": result.certified, "outcome": result.outcome}
        if (reduction := SeatReduction.objects.filter(result=result).first()) is not None:
            before["seat_reduction"] = {
                "basis": reduction.basis,
                "decided_on": reduction.decided_on.isoformat(),
                "seats_before": reduction.seats_before,
                "seats_after": reduction.seats_after,
                "recorded_by": _name(reduction.recorded_by),
            }
        _withdraw_next_round(election)
        reopening = Reopening.objects.create(
            election=election,
            reason=reason,
            reopened_by=user,
            reopened_at=timezone.now(),
            was_certified=result.certified,
            boxes=names,
            contest=result.contest,
            outcome=result.outcome,
        )
        OfficeHolder.objects.filter(election=election).delete()
        # The only way a certified result leaves: unlocked in the same transaction, then removed.
        RoundResult.objects.filter(pk=result.pk).update(certified_at=None, certified_by=None)
        RoundResult.objects.filter(pk=result.pk).delete()
        TallySheet.objects.filter(election=election, box__in=boxes.values()).update(
            accepted_at=None
        )
        election.status = (
            ElectionStatus.SCHEDULED if election.election_day else ElectionStatus.PLANNED
        )
        election.save(update_fields=["status", "updated_at"])
        record_audit(
            actor=user,
            action=RESULT_REOPEN,
            target=reopening,
            before=before,
            after={"reason": reason, "boxes": names},
            village=village,
        )
    return reopening


def _withdraw_next_round(election: Election) -> None:
    """Remove the round the count created, unless work has started in it."""
    for link in RoundLink.objects.filter(previous=election).select_related("election"):
        withdraw_round(
            link.election,
            started=msg.LATER_ROUND_STARTED,
            in_use=msg.LATER_ROUND_IN_USE,
            code="later_round",
        )


def _name(user: User | None) -> str:
    if user is None:
        return "系统"
    return user.get_full_name() or user.username
