"""Writing the audit trail. Every state-changing service calls `record_audit` before it returns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import F
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.chain import compute_hash, row_of
from huanjie.audit.models import GENESIS_HASH, HEAD_PK, AuditChainHead, AuditEntry

if TYPE_CHECKING:
    from huanjie.audit.parties import Actor, Place

TARGET_REPR_LENGTH = AuditEntry._meta.get_field("target_repr").max_length or 200
# SQLite transaction modes that take the write lock when the transaction begins.
LOCKING_MODES = frozenset({"IMMEDIATE", "EXCLUSIVE"})


def record_audit(
    *,
    actor: Actor | None,
    action: AuditAction,
    target: models.Model,
    before: Any = None,
    after: Any = None,
    village: Place | None = None,
    region: Place | None = None,
    target_repr: str | None = None,
) -> AuditEntry:
    """Record one accepted change, in the transaction that makes it.

    Refuses to run outside `transaction.atomic()`: the entry and the change must commit or roll
    back together. `village` files the entry on that village's audit page; `region` (any level)
    scopes a change that belongs to no single village; neither means system-wide. `actor` is None
    only for changes the system makes itself (migrations, scheduled jobs). `target_repr` names
    the target when its own str() is not written for people (a third-party model's row).
    """
    using = target._state.db or DEFAULT_DB_ALIAS
    if not transaction.get_connection(using).in_atomic_block:
        raise TransactionManagementError(
            f"record_audit({action.code}) must run inside transaction.atomic() with the change "
            "it records."
        )
    if target.pk is None:
        raise ValueError(f"record_audit({action.code}): the target must be saved first.")
    if village is not None and not village.is_village:
        raise ValueError(f"record_audit({action.code}): {village.code} is not a village.")
    scope = village if village is not None else region
    target_type = ContentType.objects.db_manager(using).get_for_model(target)
    head = _locked_chain_head(using)
    entry = AuditEntry(
        sequence=head.last_sequence + 1,
        prev_hash=head.last_hash,
        created_at=timezone.now(),  # set here, not by the insert: the hash covers it
        actor_id=None if actor is None else actor.pk,
        actor_role=_role_of(actor),
        action=action.code,
        action_label=action.label,
        target_type=target_type,
        target_id=str(target.pk),
        target_repr=(str(target) if target_repr is None else target_repr)[:TARGET_REPR_LENGTH],
        village_id=None if village is None else village.pk,
        region_code=scope.prefix if scope is not None else "",
        before=before,
        after=after,
    )
    entry.entry_hash = compute_hash(row_of(entry, f"{target_type.app_label}.{target_type.model}"))
    entry.save(using=using)
    AuditChainHead.objects.using(using).filter(pk=head.pk).update(
        last_id=entry.pk, last_sequence=entry.sequence, last_hash=entry.entry_hash
    )
    return entry


def _locked_chain_head(using: str) -> AuditChainHead:
    """The chain head, locked until the transaction ends: a concurrent writer waits here and
    then chains onto this write's entry, never onto the same one.

    PostgreSQL locks the row with SELECT … FOR UPDATE. SQLite has no row locks but one write
    lock, which an IMMEDIATE transaction (config/settings.py) holds from its start; a deferred
    one takes it here by writing the row first, so the read cannot see a head another writer
    is about to move.
    """
    heads = AuditChainHead.objects.using(using)
    connection = transaction.get_connection(using)
    if connection.features.has_select_for_update:
        heads = heads.select_for_update()
    elif connection.settings_dict["OPTIONS"].get("transaction_mode") not in LOCKING_MODES:
        heads.filter(pk=HEAD_PK).update(last_sequence=F("last_sequence"))
    head = heads.filter(pk=HEAD_PK).first()
    if head is None:
        _recreate_head(using)
        head = heads.get(pk=HEAD_PK)
    return head


def _recreate_head(using: str) -> None:
    # The migration writes the head; it is missing only after the table was emptied (a test
    # database flush) or lost. It then picks up from the newest entry; whether the entries
    # still chain is for verify_chain to say.
    last = AuditEntry.objects.using(using).order_by("-id").first()
    point: dict[str, Any] = {"last_hash": GENESIS_HASH}
    if last is not None:
        point = {"last_id": last.pk, "last_sequence": last.sequence, "last_hash": last.entry_hash}
    AuditChainHead.objects.using(using).get_or_create(pk=HEAD_PK, defaults=point)


def _role_of(actor: Actor | None) -> str:
    # A Django superuser acts as an administrator whatever its role field says (policy.role_of).
    if actor is None:
        return ""
    return "administrator" if actor.is_superuser else actor.role
