"""Close-relative links: declare one with its basis; confirm, reject (with the reason) or reopen
a derived one; correct a link; remove a wrongly declared one.

A derived link is a suggestion of the household register until the committee confirms or
rejects it; only confirmed links (declared ones are confirmed when entered) count for recusal
(`CloseRelative.objects.for_recusal()`). A rejected link is kept, so deriving the household
again does not bring it back.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.people import messages as msg
from huanjie.people.models import (
    RELATION_KIND_CHOICES,
    SYMMETRIC_KINDS,
    CloseRelative,
    Household,
    Person,
    RelationSource,
)

if TYPE_CHECKING:
    from huanjie.accounts.models import User

RELATION_DECLARE = AuditAction("people.relation_declare", "登记近亲属关系")
RELATION_CONFIRM = AuditAction("people.relation_confirm", "确认近亲属关系")
RELATION_CORRECT = AuditAction("people.relation_correct", "更正近亲属关系")
RELATION_REMOVE = AuditAction("people.relation_remove", "删除近亲属关系")
RELATION_REJECT = AuditAction("people.relation_reject", "否定近亲属关系")
RELATION_REOPEN = AuditAction("people.relation_reopen", "撤销近亲属关系的确认或否定")

KIND_LABELS = dict(RELATION_KIND_CHOICES)
BASIS_MAX = CloseRelative._meta.get_field("basis").max_length or 200


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _text(value: str, *, what: str, required: str) -> str:
    """A basis or reason: stripped, required, within the column's length."""
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(required, code="required")
    if len(text) > BASIS_MAX:
        raise ValidationError(
            msg.RELATION_TEXT_TOO_LONG.format(what=what, limit=BASIS_MAX, length=len(text)),
            code="too_long",
        )
    return text


def _ordered(a: Person, b: Person, kind: str) -> tuple[Person, Person]:
    """Validated (a, b): for a directed kind `a` is the parent / grandparent; symmetric kinds
    are stored once, the lower id first."""
    if kind not in KIND_LABELS:
        raise ValidationError(msg.RELATION_KIND_UNKNOWN.format(kind=kind), code="kind")
    if a.pk == b.pk:
        raise ValidationError(msg.RELATION_SELF, code="self")
    if kind in SYMMETRIC_KINDS and a.pk > b.pk:
        return b, a
    return a, b


def _refuse_duplicate(a: Person, b: Person, kind: str, exclude: int | None = None) -> None:
    # A symmetric kind is one link whichever order it was entered in; a directed one is not.
    same = CloseRelative.objects.filter(person_a=a, person_b=b, kind=kind)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    found = same.first()
    if found is None:
        return
    names = {"a": a.name, "b": b.name, "kind": KIND_LABELS[kind]}
    # A derived link waiting for review, or rejected, is decided on, not entered a second time.
    if found.rejected_at is not None:
        text = msg.RELATION_EXISTS_REJECTED.format(**names, reason=found.basis)
    elif found.confirmed_at is None:
        text = msg.RELATION_EXISTS_PENDING.format(**names)
    else:
        text = msg.RELATION_EXISTS.format(**names)
    raise ValidationError(text, code="exists")


@transaction.atomic
def relation_declare(
    *, person_a: Person, person_b: Person, kind: str, basis: str, acting_user: User | None
) -> CloseRelative:
    """A link the committee enters (what a household register cannot show); confirmed at once.

    For `parent_child` / `grandparent_grandchild`, `person_a` is the parent / grandparent.
    `basis` is what the committee saw (结婚证, 出生医学证明, 户口簿, 村民证实 …): required.
    """
    a, b = _ordered(person_a, person_b, kind)
    text = _text(basis, what="依据", required=msg.RELATION_BASIS_REQUIRED)
    _refuse_duplicate(a, b, kind)
    relation = CloseRelative.objects.create(
        person_a=a,
        person_b=b,
        kind=kind,
        source=RelationSource.DECLARED,
        confirmed_at=timezone.now(),
        confirmed_by=acting_user,
        basis=text,
    )
    record_audit(
        actor=acting_user,
        action=RELATION_DECLARE,
        target=relation,
        after=snapshot(relation),
        village=a.village,
    )
    return relation


@transaction.atomic
def relation_confirm(*, relation: CloseRelative, acting_user: User | None) -> CloseRelative:
    """The committee confirms a derived link is right."""
    relation = CloseRelative.objects.select_for_update().get(pk=relation.pk)
    _refuse_decided(relation)
    before = snapshot(relation)
    relation.confirmed_at = timezone.now()
    relation.confirmed_by = acting_user
    relation.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    record_audit(
        actor=acting_user,
        action=RELATION_CONFIRM,
        target=relation,
        before=before,
        after=snapshot(relation),
        village=relation.person_a.village,
    )
    return relation


def _refuse_decided(relation: CloseRelative) -> None:
    """Only a pending link may be confirmed or rejected: a decision is undone first (reopen)."""
    if relation.confirmed_at is not None:
        when = _when(relation.confirmed_at)
        raise ValidationError(msg.RELATION_ALREADY_CONFIRMED.format(when=when), code="confirmed")
    if relation.rejected_at is not None:
        raise ValidationError(
            msg.RELATION_REJECTED_ALREADY.format(
                when=_when(relation.rejected_at), reason=relation.basis
            ),
            code="rejected",
        )


@transaction.atomic
def relation_reject(
    *, relation: CloseRelative, reason: str, acting_user: User | None
) -> CloseRelative:
    """The committee finds a pending derived link wrong (a foster child registered as 子, a
    wrong 与户主关系): it is kept, rejected, with the reason in `basis`, and counts for nothing."""
    relation = CloseRelative.objects.select_for_update().get(pk=relation.pk)
    if relation.source == RelationSource.DECLARED:
        raise ValidationError(msg.RELATION_REJECT_DECLARED, code="declared")
    if relation.confirmed_at is not None:
        when = _when(relation.confirmed_at)
        raise ValidationError(msg.RELATION_REJECT_CONFIRMED.format(when=when), code="confirmed")
    _refuse_decided(relation)
    text = _text(reason, what="否定理由", required=msg.RELATION_REASON_REQUIRED)
    before = snapshot(relation)
    relation.rejected_at = timezone.now()
    relation.rejected_by = acting_user
    relation.basis = text
    relation.save(update_fields=["rejected_at", "rejected_by", "basis", "updated_at"])
    record_audit(
        actor=acting_user,
        action=RELATION_REJECT,
        target=relation,
        before=before,
        after=snapshot(relation),
        village=relation.person_a.village,
    )
    return relation


@transaction.atomic
def relation_reopen(*, relation: CloseRelative, acting_user: User | None) -> CloseRelative:
    """Undo a committee's confirmation or rejection of a derived link: it is pending again
    (not counted for recusal) and may be decided anew. The audit entry keeps the decision."""
    relation = CloseRelative.objects.select_for_update().get(pk=relation.pk)
    if relation.source == RelationSource.DECLARED:
        raise ValidationError(msg.RELATION_REOPEN_DECLARED, code="declared")
    if relation.confirmed_at is None and relation.rejected_at is None:
        raise ValidationError(msg.RELATION_REOPEN_PENDING, code="pending")
    before = snapshot(relation)
    relation.confirmed_at = relation.confirmed_by = None
    relation.rejected_at = relation.rejected_by = None
    relation.basis = ""  # a rejection's reason: the audit entry keeps it
    relation.save(
        update_fields=[
            "confirmed_at", "confirmed_by", "rejected_at", "rejected_by", "basis", "updated_at"
        ]
    )  # fmt: skip
    record_audit(
        actor=acting_user,
        action=RELATION_REOPEN,
        target=relation,
        before=before,
        after=snapshot(relation),
        village=relation.person_a.village,
    )
    return relation


@transaction.atomic
def relations_confirm_household(*, household: Household, acting_user: User | None) -> int:
    """Confirm every pending link of the household's members at once (one audit entry each);
    returns how many. Refused when none is pending."""
    pending = list(
        CloseRelative.objects.pending()
        .filter(Q(person_a__household=household) | Q(person_b__household=household))
        .select_related("person_a__village")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    if not pending:
        raise ValidationError(msg.RELATIONS_NONE_PENDING, code="none_pending")
    now = timezone.now()
    for relation in pending:
        before = snapshot(relation)
        relation.confirmed_at = now
        relation.confirmed_by = acting_user
        relation.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
        record_audit(
            actor=acting_user,
            action=RELATION_CONFIRM,
            target=relation,
            before=before,
            after=snapshot(relation),
            village=relation.person_a.village,
        )
    return len(pending)


@transaction.atomic
def relation_correct(
    *,
    relation: CloseRelative,
    kind: str,
    parent_or_elder: Person | None = None,
    basis: str = "",
    acting_user: User | None,
) -> CloseRelative:
    """Correct a link's kind (and, for a directed kind, who is the elder); it becomes declared
    and confirmed by the corrector. `parent_or_elder` defaults to the current `person_a`.
    A rejected link so corrected is no longer rejected; `basis`, when given, replaces the old
    one (a rejection's reason is dropped: the audit entry keeps it)."""
    relation = CloseRelative.objects.select_for_update().get(pk=relation.pk)
    if parent_or_elder is not None and parent_or_elder.pk not in (
        relation.person_a_id,
        relation.person_b_id,
    ):
        raise ValidationError(msg.RELATION_ELDER_NOT_PARTY, code="elder")
    first = parent_or_elder if parent_or_elder is not None else relation.person_a
    second = relation.person_b if first.pk == relation.person_a_id else relation.person_a
    a, b = _ordered(first, second, kind)
    _refuse_duplicate(a, b, kind, exclude=relation.pk)
    text = _text(basis, what="依据", required=msg.RELATION_BASIS_REQUIRED) if basis else ""
    before = snapshot(relation)
    relation.person_a, relation.person_b, relation.kind = a, b, kind
    relation.source = RelationSource.DECLARED
    relation.confirmed_at = timezone.now()
    relation.confirmed_by = acting_user
    if relation.rejected_at is not None:
        relation.rejected_at = relation.rejected_by = None
        relation.basis = ""
    if text:
        relation.basis = text
    relation.save()
    record_audit(
        actor=acting_user,
        action=RELATION_CORRECT,
        target=relation,
        before=before,
        after=snapshot(relation),
        village=a.village,
    )
    return relation


@transaction.atomic
def relation_remove(*, relation: CloseRelative, acting_user: User | None) -> None:
    """Remove a wrongly declared link; the audit entry keeps what it said. A derived link is
    rejected instead (removed, the next derivation of its household would bring it back)."""
    relation = CloseRelative.objects.select_for_update().get(pk=relation.pk)
    if relation.source == RelationSource.DERIVED:
        raise ValidationError(msg.RELATION_REMOVE_DERIVED, code="derived")
    # Audited before the delete: the entry needs the saved row as its target.
    record_audit(
        actor=acting_user,
        action=RELATION_REMOVE,
        target=relation,
        before=snapshot(relation),
        village=relation.person_a.village,
    )
    relation.delete()
