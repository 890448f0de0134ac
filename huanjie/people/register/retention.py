"""How long uploaded registers and exported ones are kept: they hold full ID numbers, so not
forever.

A file older than HUANJIE_UPLOAD_RETENTION_DAYS is deleted (its import keeps the report and the
counts, its export who asked and when); runs from `huanjie purge_uploads` and after each
background import step or export.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from huanjie.people.models import (
    RegisterExport,
    RegisterExportStatus,
    RegisterImport,
    StagedPerson,
    StagedRelation,
)
from huanjie.people.register.exporting import register_exports_expire
from huanjie.people.register.importing import RUNNING, register_imports_expire
from huanjie.people.register.staging import discard

logger = logging.getLogger(__name__)


def purge_uploads(*, days: int | None = None) -> int:
    """Delete the files of imports older than the retention period; the number deleted.

    A running import keeps its file until it ends (or its lease expires, which this also does).
    Staged rows no running import owns are removed too.
    """
    register_imports_expire()
    keep = settings.HUANJIE_UPLOAD_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=keep)
    old = (
        RegisterImport.objects.filter(created_at__lt=cutoff)
        .exclude(status__in=RUNNING)
        .exclude(Q(file="") | Q(file__isnull=True))
    )
    purged = 0
    for register_import in old:
        register_import.file.delete(save=False)  # a file already gone is no error
        RegisterImport.objects.filter(pk=register_import.pk).update(file="")
        purged += 1
    for model in (StagedPerson, StagedRelation):
        orphans = (
            model.objects.exclude(register_import__status__in=RUNNING)
            .values_list("register_import_id", flat=True)
            .distinct()
        )
        for import_id in list(orphans):
            discard(import_id)
    if purged:
        logger.info("purged %s uploaded register files older than %s days", purged, keep)
    return purged


def purge_exports(*, days: int | None = None) -> int:
    """Delete the files of background exports older than the retention period; the number
    deleted. A build still running keeps its file until it ends or its lease expires."""
    register_exports_expire()
    keep = settings.HUANJIE_UPLOAD_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=keep)
    old = (
        RegisterExport.objects.filter(created_at__lt=cutoff)
        .exclude(status=RegisterExportStatus.RUNNING)
        .exclude(file="")
    )
    purged = 0
    for export in old:
        export.file.delete(save=False)
        RegisterExport.objects.filter(pk=export.pk).update(file="")
        purged += 1
    if purged:
        logger.info("purged %s register export files older than %s days", purged, keep)
    return purged
