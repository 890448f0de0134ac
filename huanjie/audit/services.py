"""Writing the audit trail. Every state-changing service calls `record_audit` before it returns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.transaction import TransactionManagementError

from huanjie.audit.actions import AuditAction
from huanjie.audit.models import AuditEntry

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TARGET_REPR_LENGTH = AuditEntry._meta.get_field("target_repr").max_length or 200


def record_audit(
    *,
    actor: User | None,
    action: AuditAction,
    target: models.Model,
    before: Any = None,
    after: Any = None,
    village: Region | None = None,
    region: Region | None = None,
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
    return AuditEntry.objects.using(using).create(
        actor=actor,
        actor_role=_role_of(actor),
        action=action.code,
        action_label=action.label,
        target_type=ContentType.objects.db_manager(using).get_for_model(target),
        target_id=str(target.pk),
        target_repr=(str(target) if target_repr is None else target_repr)[:TARGET_REPR_LENGTH],
        village=village,
        region_code=scope.prefix if scope is not None else "",
        before=before,
        after=after,
    )


def _role_of(actor: User | None) -> str:
    # A Django superuser acts as an administrator whatever its role field says (policy.role_of).
    if actor is None:
        return ""
    return "administrator" if actor.is_superuser else actor.role
