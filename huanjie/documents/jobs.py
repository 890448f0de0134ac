"""Batch PDFs in the background: queue → running (with a lease) → done, or failed (retryable).

`document_job_run` renders each village's document to its own PDF on disk, refreshing the
job's heartbeat and progress after each one, then joins them into the job's file. A job whose
worker died (its heartbeat older than HUANJIE_IMPORT_LEASE_SECONDS) is marked failed by
`document_job_expire`, and `document_job_retry` queues it again under a new attempt, so the run
that was given up can neither report progress nor finish.
"""

from __future__ import annotations

import io
import logging
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from huanjie.accounts.gates import scoped_villages
from huanjie.accounts.policy import village_scope
from huanjie.documents import messages as msg
from huanjie.documents.household_register import household_register_document
from huanjie.documents.models import DocumentJob, DocumentJobStatus, DocumentKind
from huanjie.documents.rendering import PrintedDocument, join_pdfs
from huanjie.people.files import keep_private
from huanjie.people.lease import lease_cutoff
from huanjie.people.register.sandbox import ChildCrashed, ChildTimedOut, run_in_child
from huanjie.regions.models import Level, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

logger = logging.getLogger(__name__)
FILE_DIR = "documents"
RUNNING = (DocumentJobStatus.QUEUED, DocumentJobStatus.RUNNING)
# One village's document laid out in a child process: a village of 20,000 people takes about
# two minutes and 2 GB; beyond these limits its job fails with a message.
RENDER_MEMORY_MB = 4096
RENDER_TIMEOUT = 900


class JobAbandoned(Exception):
    """This run's lease was given up (expired, or a retry started another run): stop."""


def may_print_batch(user: User | AnonymousUser, region: Region) -> bool:
    """A township's batch is for those whose village reach covers the whole township
    (township officers, the county's election office, administrators), not for a cadre who
    looks after two of its villages."""
    return region.level == Level.TOWNSHIP and village_scope(user).contains(region)


def batch_villages(job: DocumentJob) -> QuerySet[Region]:
    """The villages of the job's region its requester may open, in code order (asked again
    when the job runs: a scope narrowed meanwhile narrows the batch)."""
    under = Region.objects.filter(code__startswith=job.region.prefix)
    return scoped_villages(job.requested_by, under).order_by("code")


def document_job_create(*, kind: DocumentKind, region: Region, requested_by: User) -> DocumentJob:
    """A queued batch; the caller enqueues `render_document_job` with its id."""
    if not may_print_batch(requested_by, region):
        raise Http404(msg.JOB_NOT_FOUND)
    job = DocumentJob.objects.create(kind=kind, region=region, requested_by=requested_by)
    job.total = batch_villages(job).count()
    job.save(update_fields=["total"])
    return job


def access_job(user: User | AnonymousUser, job_id: int) -> DocumentJob:
    """The user's own job, while its region is still theirs: 404 otherwise, as the gates do."""
    job = (
        DocumentJob.objects.select_related("region", "requested_by")
        .filter(pk=job_id, requested_by_id=getattr(user, "pk", None))
        .first()
    )
    if job is None or not may_print_batch(user, job.region):
        raise Http404(msg.JOB_NOT_FOUND)
    return job


class _Run:
    """One run of a job: its progress, saved with its heartbeat."""

    def __init__(self, job: DocumentJob) -> None:
        self.pk = job.pk
        self.attempt = job.attempt

    def update(self, **fields: object) -> None:
        updated = DocumentJob.objects.filter(
            pk=self.pk, attempt=self.attempt, status=DocumentJobStatus.RUNNING
        ).update(**{"heartbeat_at": timezone.now(), **fields})
        if not updated:
            raise JobAbandoned(self.pk)


def _claim(job: DocumentJob) -> _Run | None:
    claimed = DocumentJob.objects.filter(
        pk=job.pk, attempt=job.attempt, status=DocumentJobStatus.QUEUED
    ).update(status=DocumentJobStatus.RUNNING, heartbeat_at=timezone.now(), done=0)
    return _Run(job) if claimed else None


def document_job_run(job: DocumentJob) -> DocumentJob:
    """Render the batch (the worker's task). A job not queued (a stale or repeated task) is
    left as it is."""
    run = _claim(job)
    if run is None:
        return job
    villages = list(batch_villages(job))
    run.update(total=len(villages), done=0)
    if not villages:
        run.update(status=DocumentJobStatus.FAILED, error=msg.JOB_NO_VILLAGES, heartbeat_at=None)
        job.refresh_from_db()
        return job
    work = Path(tempfile.mkdtemp(prefix=f"job{job.pk}-", dir=_private_dir("tmp")))
    try:
        parts = []
        for done, village in enumerate(villages, start=1):
            part = work / f"{done:05d}.pdf"
            try:
                _print_isolated(
                    household_register_document(village, viewer=job.requested_by), part, run
                )
            except (ChildCrashed, ChildTimedOut):
                logger.exception("document job %s: %s could not be printed", job.pk, village.code)
                run.update(
                    status=DocumentJobStatus.FAILED,
                    error=msg.JOB_TOO_LARGE.format(village=village.name),
                    heartbeat_at=None,
                )
                job.refresh_from_db()
                return job
            parts.append(part)
            run.update(done=done)
        output = io.BytesIO()
        pages = join_pdfs(parts, output)
        run.update()  # still ours before the file is stored
        job.file.save(_file_name(job), ContentFile(output.getvalue()), save=False)
        keep_private(job.file.path, FILE_DIR)
        run.update(
            status=DocumentJobStatus.DONE,
            file=job.file.name,
            pages=pages,
            villages=[v.pk for v in villages],
            finished_at=timezone.now(),
            heartbeat_at=None,
        )
    except JobAbandoned:
        if job.file:
            job.file.delete(save=False)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    job.refresh_from_db()
    return job


def _write_pdf(document: PrintedDocument, path: str) -> None:
    Path(path).write_bytes(document.pdf())


def _print_isolated(document: PrintedDocument, part: Path, run: _Run) -> None:
    """Lay the document out in a forked child with a memory and a time limit: a village too
    large for either fails its job alone, not the worker; the parent keeps the lease alive
    meanwhile (a large village takes longer than the lease)."""
    run_in_child(
        _write_pdf,
        document,
        str(part),
        memory_mb=RENDER_MEMORY_MB,
        timeout=RENDER_TIMEOUT,
        on_wait=run.update,
        wait_step=settings.HUANJIE_IMPORT_HEARTBEAT_SECONDS,
    )


def _file_name(job: DocumentJob) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return f"{job.region.code}-{job.kind}-{job.pk}-{stamp}.pdf"


def download_name(job: DocumentJob) -> str:
    return f"{job.region.name}{job.get_kind_display()}.pdf"


def document_job_fail(job: DocumentJob, message: str) -> None:
    """A run that crashed with an exception: nothing was stored; it may be run again."""
    DocumentJob.objects.filter(pk=job.pk, attempt=job.attempt, status__in=RUNNING).update(
        status=DocumentJobStatus.FAILED, error=message, heartbeat_at=None
    )


def document_job_expire(job: DocumentJob) -> bool:
    """Mark the job failed if its worker's lease expired; True if it did now."""
    if job.status != DocumentJobStatus.RUNNING or job.heartbeat_at is None:
        return False
    cutoff = lease_cutoff()
    expired = DocumentJob.objects.filter(
        pk=job.pk,
        status=DocumentJobStatus.RUNNING,
        attempt=job.attempt,
        heartbeat_at__lt=cutoff,
    ).update(status=DocumentJobStatus.FAILED, error=msg.JOB_INTERRUPTED, heartbeat_at=None)
    if expired:
        job.refresh_from_db()
    return bool(expired)


def document_job_retry(job: DocumentJob) -> None:
    """Queue a failed job again (a new attempt); the caller enqueues its task."""
    retried = DocumentJob.objects.filter(
        pk=job.pk, status=DocumentJobStatus.FAILED, attempt=job.attempt
    ).update(
        status=DocumentJobStatus.QUEUED,
        attempt=F("attempt") + 1,
        done=0,
        error="",
        heartbeat_at=None,
        finished_at=None,
    )
    job.refresh_from_db()
    if not retried:
        raise ValidationError(msg.JOB_NOT_RETRYABLE, code="status")


def job_file_exists(job: DocumentJob) -> bool:
    return bool(job.file) and job.file.storage.exists(job.file.name)


def _private_dir(*parts: str) -> Path:
    """MEDIA_ROOT/documents/… made readable by the server's user only."""
    folder = Path(settings.MEDIA_ROOT, FILE_DIR, *parts)
    folder.mkdir(parents=True, exist_ok=True)
    keep_private(folder, FILE_DIR)
    return folder


def document_jobs_expire() -> int:
    """Expire every running job whose lease ran out (the purge runs this)."""
    cutoff = lease_cutoff()
    stale = DocumentJob.objects.filter(status=DocumentJobStatus.RUNNING, heartbeat_at__lt=cutoff)
    return sum(document_job_expire(job) for job in stale)


def _purge_work_dirs() -> None:
    """The half-done parts of runs whose worker died (ID numbers in them too)."""
    running = {
        f"job{pk}-"
        for pk in DocumentJob.objects.filter(status=DocumentJobStatus.RUNNING).values_list(
            "pk", flat=True
        )
    }
    for folder in Path(settings.MEDIA_ROOT, FILE_DIR, "tmp").glob("job*-*"):
        if not any(folder.name.startswith(prefix) for prefix in running):
            shutil.rmtree(folder, ignore_errors=True)


def purge_document_files(*, days: int | None = None) -> int:
    """Delete the files of jobs finished longer ago than the retention period, and what runs
    that died left behind; the number of files deleted."""
    document_jobs_expire()
    _purge_work_dirs()
    keep = settings.HUANJIE_DOCUMENT_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=keep)
    old = DocumentJob.objects.filter(finished_at__lt=cutoff).exclude(
        Q(file="") | Q(file__isnull=True)
    )
    purged = 0
    for job in old:
        job.file.delete(save=False)  # a file already gone is no error
        DocumentJob.objects.filter(pk=job.pk).update(file="")
        purged += 1
    if purged:
        logger.info("purged %s batch documents older than %s days", purged, keep)
    return purged
