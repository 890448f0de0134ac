"""Exports of a village's register: written inside the request when small, in the background
when large (a 100,000-person register takes about 20 s).

Up to HUANJIE_EXPORT_SYNC_MAX_PEOPLE people the download is written at once (DIRECT). Above it
the keeper asks for a file, `build_register_export` (people.register.tasks) writes it under
MEDIA_ROOT/register_exports/ readable by the server's user only, reporting progress and holding
a lease like an import, and the keeper downloads it from the export's page until the retention
period (HUANJIE_UPLOAD_RETENTION_DAYS) ends. Both ways write the same workbook
(`write_register_workbook`), and every download is audited (`downloads`).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from huanjie.people import messages as msg
from huanjie.people.files import keep_private
from huanjie.people.lease import lease_cutoff
from huanjie.people.models import (
    Person,
    RegisterExport,
    RegisterExportMode,
    RegisterExportStatus,
)
from huanjie.people.register.downloads import record_export_download
from huanjie.people.register.export import village_register_rows
from huanjie.people.register.workbook import write_register_workbook

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

Progress = Callable[[int, int], None]
EXPORT_DIR = "register_exports"
# Progress is saved (with the heartbeat) once per this many people: a few dozen short writes
# for the largest village.
PROGRESS_EVERY = 2000
UNFINISHED = (RegisterExportStatus.QUEUED, RegisterExportStatus.RUNNING)


def exportable_people(village: Region) -> int:
    """The people the export holds: those in a household (`village_register_rows`)."""
    return Person.objects.on_register().filter(village=village, household__isnull=False).count()


def builds_in_background(village: Region) -> bool:
    return exportable_people(village) > settings.HUANJIE_EXPORT_SYNC_MAX_PEOPLE


def export_filename(village: Region) -> str:
    return f"{village.name}户籍登记-{village.code}.xlsx"


class _Counted:
    """The register's rows, counting people and households as they are written."""

    def __init__(self, village: Region, progress: Progress | None = None, total: int = 0) -> None:
        self.village = village
        self.progress = progress
        self.total = total
        self.people = 0
        self.households = 0

    def __iter__(self) -> Iterator[Sequence[str]]:
        last_household = None
        for row in village_register_rows(self.village):
            self.people += 1
            if row[0] != last_household:  # rows come household by household
                self.households += 1
                last_household = row[0]
            if self.progress is not None and self.people % PROGRESS_EVERY == 0:
                self.progress(self.people, max(self.total, self.people))
            yield row


def _write(target: IO[bytes], rows: Iterable[Sequence[str]]) -> None:
    write_register_workbook(target, rows, example=False)


def register_export_direct(
    *,
    village: Region,
    acting_user: User | None,
    mode: RegisterExportMode = RegisterExportMode.DIRECT,
) -> tuple[RegisterExport, bytes]:
    """Write the village's register now and record its download: (the export, the workbook).

    For the web below the threshold, and for `huanjie register_export` (mode COMMAND).
    """
    buffer = io.BytesIO()
    rows = _Counted(village)
    _write(buffer, rows)
    export = RegisterExport(
        village=village,
        requested_by=acting_user,
        mode=mode,
        status=RegisterExportStatus.READY,
        processed=rows.people,
        total=rows.people,
        households=rows.households,
        people=rows.people,
        finished_at=timezone.now(),
    )
    with transaction.atomic():  # the export and its audit entry together
        export.save()
        record_export_download(export=export, acting_user=acting_user)
    return export, buffer.getvalue()


def register_export_request(*, village: Region, acting_user: User) -> RegisterExport:
    """Ask for a file built in the background; the caller queues `build_register_export`."""
    return RegisterExport.objects.create(
        village=village,
        requested_by=acting_user,
        mode=RegisterExportMode.BACKGROUND,
        total=exportable_people(village),
    )


class ExportAbandoned(Exception):
    """This build's lease was given up (expired meanwhile): its file is not published."""


class _Lease:
    def __init__(self, pk: int) -> None:
        self.pk = pk

    def update(self, **fields: object) -> None:
        updated = RegisterExport.objects.filter(
            pk=self.pk, status=RegisterExportStatus.RUNNING
        ).update(heartbeat_at=timezone.now(), **fields)
        if not updated:
            raise ExportAbandoned(self.pk)

    def progress(self, done: int, total: int) -> None:
        self.update(processed=min(done, total), total=total)


def register_export_build(export_id: int, *, progress: Progress | None = None) -> RegisterExport:
    """Build a queued export's file and publish it (ready), exactly once.

    The file is written to an anonymous temporary file (0600, gone if the worker dies) and only
    then stored under MEDIA_ROOT, 0600; a build whose lease expired meanwhile deletes its file.
    """
    total = RegisterExport.objects.filter(pk=export_id).values_list("total", flat=True).first()
    claimed = RegisterExport.objects.filter(
        pk=export_id, status=RegisterExportStatus.QUEUED
    ).update(status=RegisterExportStatus.RUNNING, heartbeat_at=timezone.now(), processed=0)
    export = RegisterExport.objects.select_related("village").get(pk=export_id)
    if not claimed:
        return export  # a repeated task: another run has it, or it has ended
    lease = _Lease(export.pk)

    def report(done: int, of: int) -> None:
        lease.progress(done, of)
        if progress is not None:
            progress(done, of)

    rows = _Counted(export.village, report, total or 0)
    with tempfile.TemporaryFile(prefix="huanjie-export-") as handle:
        _write(handle, rows)
        lease.update(processed=rows.people, total=rows.people)
        handle.seek(0)
        export.file.save(f"export-{export.pk}.xlsx", File(handle), save=False)
    if hasattr(export.file.storage, "path"):  # on disk: full ID numbers, keep private
        keep_private(export.file.path, EXPORT_DIR)
    published = RegisterExport.objects.filter(
        pk=export.pk, status=RegisterExportStatus.RUNNING
    ).update(
        status=RegisterExportStatus.READY,
        file=export.file.name,
        households=rows.households,
        people=rows.people,
        processed=rows.people,
        total=rows.people,
        heartbeat_at=None,
        finished_at=timezone.now(),
    )
    if not published:
        export.file.delete(save=False)
        raise ExportAbandoned(export.pk)
    export.refresh_from_db()
    return export


def register_export_fail(export_id: int, message: str) -> None:
    RegisterExport.objects.filter(pk=export_id, status__in=UNFINISHED).update(
        status=RegisterExportStatus.FAILED, heartbeat_at=None, error=message
    )


def register_export_expire(export: RegisterExport) -> bool:
    """Mark a build failed whose worker stopped beating; True if it did now. A queued export
    waits for the worker without a lease, like an uploaded import."""
    if export.status != RegisterExportStatus.RUNNING or export.heartbeat_at is None:
        return False
    cutoff = lease_cutoff()
    expired = RegisterExport.objects.filter(
        pk=export.pk, status=RegisterExportStatus.RUNNING, heartbeat_at__lt=cutoff
    ).update(status=RegisterExportStatus.FAILED, heartbeat_at=None, error=msg.EXPORT_INTERRUPTED)
    if expired:
        export.refresh_from_db()
    return bool(expired)


def register_exports_expire() -> int:
    cutoff = lease_cutoff()
    stale = RegisterExport.objects.filter(
        status=RegisterExportStatus.RUNNING, heartbeat_at__lt=cutoff
    )
    return sum(register_export_expire(export) for export in stale)


def file_available(export: RegisterExport) -> bool:
    return bool(export.file) and export.file.storage.exists(export.file.name)
