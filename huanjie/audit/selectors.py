"""Reading the audit trail, always through the reader's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

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


def target_history(target: models.Model) -> QuerySet[AuditEntry]:
    """Every entry about one object, newest first (the caller has already passed its gate)."""
    return (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
