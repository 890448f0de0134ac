"""Handover changes: opened when the new villagers' committee is formed, the checklist, both
sides' confirmation, the township's supervision. Every change is audited on the village's trail;
a refusal is a ValidationError (or PermissionDenied) and changes nothing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots.models import RoundResult
from huanjie.committees.services.common import profile_of
from huanjie.elections.models import Body, Election, OfficeHolder, Post
from huanjie.handover import messages as msg
from huanjie.handover.access import presiding, supervising
from huanjie.handover.deadline import deadlines
from huanjie.handover.models import Handover, HandoverItem, ItemKind, Side

if TYPE_CHECKING:
    from huanjie.accounts.models import User

OPEN = AuditAction("handover.open", "登记工作移交（起算移交期限）")
ITEM = AuditAction("handover.item", "登记移交事项")
CONFIRM = AuditAction("handover.confirm", "确认工作移交")
SUPERVISE = AuditAction("handover.supervise", "乡镇监交")
NEXT_WORDS = {
    "supplementary_round": "有职位需要另行选举",
    "tie_revote": "有职位得票相等需要重新投票",
    "revote": "选举无效需要重新选举",
    "new_meeting": "需要重新召开选举会议",
}


def formed_on(result: RoundResult) -> date:
    return timezone.localdate(result.counted_at)


def why_not_formed(result: RoundResult) -> str | None:
    """None when the round's outcome completes the committee; else what is still to be done."""
    outcome: dict[str, Any] = result.outcome
    if outcome.get("valid") and outcome.get("next") == "complete":
        return None
    if not outcome.get("valid"):
        return f"本次投票无效（{outcome.get('rule')}）"
    return NEXT_WORDS.get(str(outcome.get("next")), "结果尚未完成")


def _names(election: Election, result: RoundResult) -> tuple[str, str]:
    """The incoming chair (elected in this round) and the outgoing one (the latest earlier
    holder), as far as the system knows them; both sides can correct them when they sign."""
    incoming = next(
        (e["person"] for e in result.outcome.get("elected", []) if e.get("post") == Post.CHAIR),
        "",
    )
    outgoing = (
        OfficeHolder.objects.filter(
            village=election.plan.village,
            body=Body.VILLAGERS_COMMITTEE,
            post=Post.CHAIR,
            term_start__lt=formed_on(result),
        )
        .exclude(election=election)
        .select_related("person")
        .order_by("-term_start")
        .first()
    )
    return (outgoing.person.name if outgoing else ""), incoming


def handover_open(*, election: Election, acting_user: User | None) -> Handover:
    """The handover of the committee `election` formed, its deadlines from the profile."""
    village = election.plan.village
    presiding(acting_user, village)
    if election.body != Body.VILLAGERS_COMMITTEE:
        raise ValidationError(msg.NOT_VC.format(election=election), code="body")
    result = RoundResult.objects.filter(election=election).first()
    if result is None:
        raise ValidationError(msg.NO_RESULT.format(election=election), code="result")
    why = why_not_formed(result)
    if why is not None:
        raise ValidationError(msg.NOT_FORMED.format(election=election, why=why), code="formed")
    if Handover.objects.filter(election=election).exists():
        raise ValidationError(msg.ALREADY_OPEN.format(village=village.name), code="exists")
    profile = profile_of(election)
    dates = deadlines(
        formed_on(result),
        profile.get_int("handover.days"),
        profile.get_bool("handover.seal_same_day"),
    )
    outgoing, incoming = _names(election, result)
    with transaction.atomic():
        handover = Handover.objects.create(
            village=village,
            election=election,
            formed_on=dates.formed_on,
            due_on=dates.due_on,
            seal_due_on=dates.seal_due_on,
            outgoing_name=outgoing,
            incoming_name=incoming,
            created_by=acting_user,
        )
        record_audit(
            actor=acting_user,
            action=OPEN,
            target=handover,
            after={"formed_on": str(dates.formed_on), "due_on": str(dates.due_on)},
            village=village,
        )
    return handover


def open_when_formed(result: RoundResult) -> Handover | None:
    """The system opens the handover as soon as a counted round completes the committee (the
    deadline runs from then whether or not anyone remembers); nothing otherwise."""
    election = result.election
    if (
        election.body != Body.VILLAGERS_COMMITTEE
        or why_not_formed(result) is not None
        or Handover.objects.filter(election=election).exists()
    ):
        return None
    return handover_open(election=election, acting_user=None)


def _unfinished(handover: Handover) -> None:
    if handover.completed_on is not None:
        raise ValidationError(msg.COMPLETED.format(village=handover.village.name), code="done")


def item_record(
    *,
    handover: Handover,
    kind: str,
    handed_on: date,
    note: str,
    acting_user: User,
    today: date | None = None,
) -> HandoverItem:
    """Record (or correct, until both sides confirm) one checklist line."""
    presiding(acting_user, handover.village)
    _unfinished(handover)
    kind = ItemKind(kind)
    today = today or timezone.localdate()
    note = note.strip()
    if handed_on < handover.formed_on:
        raise ValidationError(
            msg.DAY_BEFORE_FORMING.format(day=handed_on, formed=handover.formed_on), code="day"
        )
    if handed_on > today:
        raise ValidationError(msg.DAY_IN_FUTURE.format(day=handed_on), code="day")
    if not note:
        raise ValidationError(msg.NOTE_EMPTY, code="note")
    with transaction.atomic():
        item = HandoverItem.objects.filter(handover=handover, kind=kind).first()
        before = None if item is None else {"handed_on": str(item.handed_on), "note": item.note}
        if item is None:
            item = HandoverItem(handover=handover, kind=kind)
        item.handed_on, item.note, item.recorded_by = handed_on, note, acting_user
        item.save()
        record_audit(
            actor=acting_user,
            action=ITEM,
            target=item,
            before=before,
            after={"kind": kind.label, "handed_on": str(handed_on), "note": note},
            village=handover.village,
        )
    return item


def missing_items(handover: Handover) -> list[str]:
    have = set(handover.items.values_list("kind", flat=True))
    return [str(kind.label) for kind in ItemKind if kind.value not in have]


def confirm(
    *,
    handover: Handover,
    side: str,
    name: str,
    acting_user: User,
    today: date | None = None,
) -> Handover:
    """One side signs: the outgoing committee that everything is handed over, then the incoming
    one that everything is received. Both signed: the handover is complete."""
    presiding(acting_user, handover.village)
    _unfinished(handover)
    side = Side(side)
    name = name.strip()
    if not name:
        raise ValidationError(msg.NAME_EMPTY.format(side=side.label), code="name")
    missing = missing_items(handover)
    if missing:
        raise ValidationError(msg.ITEMS_MISSING.format(items="、".join(missing)), code="items")
    stamp = getattr(handover, f"{side.value}_confirmed_at")
    if stamp is not None:
        when = timezone.localtime(stamp).strftime("%Y-%m-%d %H:%M")
        raise ValidationError(msg.SIDE_CONFIRMED.format(side=side.label, when=when), code="side")
    if side == Side.INCOMING and handover.outgoing_confirmed_at is None:
        raise ValidationError(msg.INCOMING_FIRST, code="order")
    now = timezone.now()
    with transaction.atomic():
        setattr(handover, f"{side.value}_confirmed_at", now)
        setattr(handover, f"{side.value}_confirmed_by", acting_user)
        setattr(handover, f"{side.value}_name", name)
        if side == Side.INCOMING:
            handover.completed_on = today or timezone.localdate()
        handover.save()
        record_audit(
            actor=acting_user,
            action=CONFIRM,
            target=handover,
            after={"side": side.label, "name": name, "completed_on": str(handover.completed_on)},
            village=handover.village,
        )
    return handover


def supervise(*, handover: Handover, acting_user: User) -> Handover:
    """The township officer records having supervised the completed handover (art 20)."""
    supervising(acting_user, handover.village)
    if handover.completed_on is None:
        raise ValidationError(msg.NOT_CONFIRMED, code="order")
    if handover.supervised_at is not None:
        when = timezone.localtime(handover.supervised_at).strftime("%Y-%m-%d %H:%M")
        raise ValidationError(msg.SUPERVISED.format(when=when), code="supervised")
    with transaction.atomic():
        handover.supervised_at, handover.supervised_by = timezone.now(), acting_user
        handover.save(update_fields=["supervised_at", "supervised_by", "updated_at"])
        record_audit(actor=acting_user, action=SUPERVISE, target=handover, village=handover.village)
    return handover
