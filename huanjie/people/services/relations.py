"""Close-relative links: declare one, confirm or correct a derived one, remove a wrong one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.people import messages as msg
from huanjie.people.models import (
    RELATION_KIND_CHOICES,
    SYMMETRIC_KINDS,
    CloseRelative,
    Person,
    RelationSource,
)

if TYPE_CHECKING:
    from huanjie.accounts.models import User

RELATION_DECLARE = AuditAction("people.relation_declare", "登记近亲属关系")
RELATION_CONFIRM = AuditAction("people.relation_confirm", "确认近亲属关系")
RELATION_CORRECT = AuditAction("people.relation_correct", "更正近亲属关系")
RELATION_REMOVE = AuditAction("people.relation_remove", "删除近亲属关系")

KIND_LABELS = dict(RELATION_KIND_CHOICES)


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
    if same.exists():
        raise ValidationError(
            msg.RELATION_EXISTS.format(a=a.name, b=b.name, kind=KIND_LABELS[kind]), code="exists"
        )


@transaction.atomic
def relation_declare(
    *, person_a: Person, person_b: Person, kind: str, acting_user: User | None
) -> CloseRelative:
    """A link the committee enters (what a household register cannot show); confirmed at once.

    For `parent_child` / `grandparent_grandchild`, `person_a` is the parent / grandparent.
    """
    a, b = _ordered(person_a, person_b, kind)
    _refuse_duplicate(a, b, kind)
    relation = CloseRelative.objects.create(
        person_a=a,
        person_b=b,
        kind=kind,
        source=RelationSource.DECLARED,
        confirmed_at=timezone.now(),
        confirmed_by=acting_user,
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
    if relation.confirmed_at is not None:
        when = timezone.localtime(relation.confirmed_at).strftime("%Y-%m-%d %H:%M")
        raise ValidationError(msg.RELATION_ALREADY_CONFIRMED.format(when=when), code="confirmed")
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


@transaction.atomic
def relation_correct(
    *,
    relation: CloseRelative,
    kind: str,
    parent_or_elder: Person | None = None,
    acting_user: User | None,
) -> CloseRelative:
    """Correct a link's kind (and, for a directed kind, who is the elder); it becomes declared
    and confirmed by the corrector. `parent_or_elder` defaults to the current `person_a`."""
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
    before = snapshot(relation)
    relation.person_a, relation.person_b, relation.kind = a, b, kind
    relation.source = RelationSource.DECLARED
    relation.confirmed_at = timezone.now()
    relation.confirmed_by = acting_user
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
    """Remove a wrong link (derived or declared); the audit entry keeps what it said."""
    relation = CloseRelative.objects.select_for_update().get(pk=relation.pk)
    # Audited before the delete: the entry needs the saved row as its target.
    record_audit(
        actor=acting_user,
        action=RELATION_REMOVE,
        target=relation,
        before=snapshot(relation),
        village=relation.person_a.village,
    )
    relation.delete()
