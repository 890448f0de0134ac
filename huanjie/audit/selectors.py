"""Reading the audit trail, always through the reader's scope."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from huanjie.audit.models import AuditEntry

if TYPE_CHECKING:
    from huanjie.audit.parties import Place


def village_audit(village: Place) -> QuerySet[AuditEntry]:
    """The audit page of one village, newest first (the caller has already passed its gate:
    `access_village`, which answers 404 to a user who may not open it)."""
    return (
        AuditEntry.objects.filter(village_id=village.pk)
        .select_related("actor", "target_type")
        .order_by("-created_at", "-id")
    )


def audit_search(
    entries: QuerySet[AuditEntry],
    *,
    actor_id: int | None = None,
    system: bool = False,
    action: str = "",
    region_prefix: str = "",
    since: datetime | None = None,
    before: datetime | None = None,
) -> QuerySet[AuditEntry]:
    """`entries` (already narrowed to the reader's scope: `accounts.gates.scoped_audit`)
    filtered as an audit page asks, newest first, with what its rows show (one query)."""
    if system:
        entries = entries.filter(actor__isnull=True)
    elif actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if action:
        entries = entries.filter(action=action)
    if region_prefix:
        entries = entries.filter(region_code__startswith=region_prefix)
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    if before is not None:
        entries = entries.filter(created_at__lt=before)
    return entries.select_related("actor", "target_type", "village").order_by("-created_at", "-id")


def audit_actions(entries: QuerySet[AuditEntry]) -> list[tuple[str, str]]:
    """The (code, label) of the actions among `entries`, by label (one query)."""
    found = entries.order_by().values_list("action", "action_label").distinct()
    return sorted(set(found), key=lambda pair: (pair[1], pair[0]))


def audit_actor_ids(entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry, Any]:
    """The ids of the accounts that acted among `entries`, as a subquery."""
    return entries.exclude(actor__isnull=True).order_by().values("actor_id").distinct()


def target_history(target: models.Model) -> QuerySet[AuditEntry]:
    """Every entry about one object, newest first (the caller has already passed its gate)."""
    return (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
