"""The import's life cycle: upload → validate (preview) → confirm → imported, or failed.

The uploaded file and its row report are kept on a `RegisterImport`. Validation never writes
register rows; the confirmed import checks everything again, stages the rows in short batches
and publishes them in one short transaction (`staging`): nothing is ever half-written.

Each run of a step holds a lease: it refreshes `heartbeat_at` while it works. A running import
whose heartbeat is older than HUANJIE_IMPORT_LEASE_SECONDS lost its worker (killed, server
restarted); `register_import_expire` marks it failed and `register_import_retry` runs the
interrupted step again from the kept file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from huanjie.accounts.policy import Reach, Scope, village_scope
from huanjie.audit.services import record_audit
from huanjie.people import messages as msg
from huanjie.people.files import keep_private
from huanjie.people.lease import lease_cutoff
from huanjie.people.models import RegisterImport, RegisterImportStatus
from huanjie.people.register import staging
from huanjie.people.register.checks import check_against_database, check_entries
from huanjie.people.register.inputs import CheckOutcome, Level, Problem
from huanjie.people.register.parsing import parse_sheet
from huanjie.people.register.reading import RegisterFileError, read_register_isolated
from huanjie.people.services.households import HOUSEHOLDS_REGISTER
from huanjie.regions.models import Region
from huanjie.regions.services import villager_groups_ensure

if TYPE_CHECKING:
    from huanjie.accounts.models import User

Progress = Callable[[int, int], None]
MAX_UPLOAD_MB = 200
EVERYWHERE = Scope(Reach.EVERYTHING)
RUNNING = (RegisterImportStatus.UPLOADED, RegisterImportStatus.IMPORTING)
# The step a running status stands for, and the status that runs it again.
STEP_OF = {RegisterImportStatus.UPLOADED: "validate", RegisterImportStatus.IMPORTING: "import"}
RESTART = {"validate": RegisterImportStatus.UPLOADED, "import": RegisterImportStatus.IMPORTING}

UPLOAD_DIR = "register_imports"  # under MEDIA_ROOT, as RegisterImport.file says


def register_import_create(
    *, village: Region, name: str, data: bytes, acting_user: User | None
) -> RegisterImport:
    """Keep an uploaded file; validation follows (in the background for the web)."""
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(msg.IMPORT_FILE_TOO_LARGE.format(limit=MAX_UPLOAD_MB), code="size")
    register_import = RegisterImport(village=village, original_name=name, created_by=acting_user)
    register_import.file.save(name, ContentFile(data), save=False)
    register_import.save()
    if hasattr(register_import.file.storage, "path"):  # on disk: full ID numbers, keep private
        keep_private(register_import.file.path, UPLOAD_DIR)
    return register_import


def reader_scope(user: User | None) -> Scope:
    """Whose villages a report may name: the user's, or all for the command line (the server's
    operator, who has no account)."""
    return EVERYWHERE if user is None else village_scope(user)


class RunAbandoned(Exception):
    """This run's lease was given up (expired, or a retry started another run): stop."""


class _Run:
    """One run of a step: its heartbeat, and its progress saved with the heartbeat."""

    def __init__(self, register_import: RegisterImport, progress: Progress | None) -> None:
        self.pk = register_import.pk
        self.attempt = register_import.attempt
        self.progress_out = progress
        self.every = settings.HUANJIE_IMPORT_HEARTBEAT_SECONDS
        self.last = 0.0
        self.beat(force=True)

    def _update(self, **fields: object) -> None:
        updated = RegisterImport.objects.filter(
            pk=self.pk, attempt=self.attempt, status__in=RUNNING
        ).update(heartbeat_at=timezone.now(), **fields)
        if not updated:
            raise RunAbandoned(self.pk)
        self.last = time.monotonic()

    def beat(self, *, force: bool = False) -> None:
        if force or time.monotonic() - self.last >= self.every:
            self._update()

    def progress(self, done: int, total: int) -> None:
        if self.progress_out is not None:
            self.progress_out(done, total)
        self._update(processed=min(done, total), total=total)


def check_file(
    village: Region,
    data: bytes,
    *,
    today: date,
    progress: Progress | None = None,
    scope: Scope | None = None,
    on_wait: Callable[[], None] | None = None,
) -> tuple[CheckOutcome, str | None]:
    """The full check of a register file: (outcome, file-level error or None). Reads only.

    The file is read in a child process (`read_register_isolated`); `scope` is the reader's,
    for naming other villages in the report.
    """
    try:
        sheet = read_register_isolated(data, on_wait=on_wait)
    except RegisterFileError as exc:
        return CheckOutcome(), exc.message
    parsed = parse_sheet(sheet)
    if not parsed.households and not parsed.problems:
        return CheckOutcome(), msg.FILE_NO_DATA  # only the template's example row
    outcome = check_entries(
        parsed.households, today=today, unsure_heads=parsed.unsure_heads, progress=progress
    )
    outcome.problems[:0] = parsed.problems
    check_against_database(village, outcome, scope=scope)
    return outcome, None


def _store(
    register_import: RegisterImport,
    outcome: CheckOutcome,
    file_error: str | None,
    status: RegisterImportStatus,
) -> None:
    register_import.status = status
    register_import.households = len(outcome.households)
    register_import.people = outcome.people
    register_import.error_count = len(outcome.errors) + (1 if file_error else 0)
    register_import.warning_count = len(outcome.warnings)
    register_import.total = max(register_import.total, outcome.people)
    register_import.processed = register_import.total
    register_import.report = {
        "file_error": file_error,
        "problems": [p.as_json() for p in outcome.problems],
        "new_groups": outcome.new_groups,
    }
    register_import.heartbeat_at = None
    register_import.save()


def _store_if_mine(
    run: _Run,
    register_import: RegisterImport,
    outcome: CheckOutcome,
    file_error: str | None,
    status: RegisterImportStatus,
) -> None:
    """Store the step's result unless this run was given up meanwhile."""
    with transaction.atomic():
        run.beat(force=True)  # raises RunAbandoned; on PostgreSQL also locks the row
        register_import.refresh_from_db(fields=["processed", "total", "attempt"])
        _store(register_import, outcome, file_error, status)


def _read(register_import: RegisterImport) -> bytes:
    with register_import.file.open("rb") as handle:
        data: bytes = handle.read()
    return data


def register_import_validate(
    register_import: RegisterImport, *, progress: Progress | None = None
) -> RegisterImport:
    """Check the kept file and store the report: validated (preview) or failed."""
    run = _Run(register_import, progress)
    outcome, file_error = check_file(
        register_import.village,
        _read(register_import),
        today=timezone.localdate(),
        progress=run.progress,
        scope=reader_scope(register_import.created_by),
        on_wait=run.beat,
    )
    ok = file_error is None and outcome.ok
    status = RegisterImportStatus.VALIDATED if ok else RegisterImportStatus.FAILED
    _store_if_mine(run, register_import, outcome, file_error, status)
    return register_import


def register_import_claim(*, register_import: RegisterImport) -> None:
    """Take a validated file for import (validated → importing), exactly once.

    The web claims before it queues the write, so the page it shows next already polls the
    progress instead of offering the confirm button again; a second click finds it taken.
    """
    claimed = RegisterImport.objects.filter(
        pk=register_import.pk, status=RegisterImportStatus.VALIDATED
    ).update(status=RegisterImportStatus.IMPORTING, processed=0, heartbeat_at=None)
    register_import.refresh_from_db()
    if not claimed:
        raise ValidationError(
            msg.IMPORT_NOT_VALIDATED.format(status=register_import.get_status_display()),
            code="status",
        )


def register_import_confirm(
    *, register_import: RegisterImport, acting_user: User | None, progress: Progress | None = None
) -> RegisterImport:
    """Claim a validated file and import it (the CLI and scripts; the web claims, then queues)."""
    register_import_claim(register_import=register_import)
    return register_import_write(
        register_import=register_import, acting_user=acting_user, progress=progress
    )


def register_import_write(
    *, register_import: RegisterImport, acting_user: User | None, progress: Progress | None = None
) -> RegisterImport:
    """Import a claimed file: check again, stage the rows, publish them in one transaction.

    Anything found since the preview fails the whole import (nothing written) with a report.
    """
    register_import.refresh_from_db()
    if register_import.status != RegisterImportStatus.IMPORTING:
        raise ValidationError(
            msg.IMPORT_NOT_VALIDATED.format(status=register_import.get_status_display()),
            code="status",
        )
    run = _Run(register_import, progress)
    try:
        return _write(run, register_import, acting_user)
    finally:
        staging.discard(register_import.pk)


def _write(run: _Run, register_import: RegisterImport, acting_user: User | None) -> RegisterImport:
    village = register_import.village
    scope = reader_scope(acting_user)
    try:
        sheet = read_register_isolated(_read(register_import), on_wait=run.beat)
    except RegisterFileError as exc:
        _store_if_mine(
            run, register_import, CheckOutcome(), exc.message, RegisterImportStatus.FAILED
        )
        return register_import
    parsed = parse_sheet(sheet)
    run.beat()
    outcome = check_entries(
        parsed.households,
        today=timezone.localdate(),
        unsure_heads=parsed.unsure_heads,
        progress=run.progress,
    )
    outcome.problems[:0] = parsed.problems
    if not outcome.ok:
        _store_if_mine(run, register_import, outcome, None, RegisterImportStatus.FAILED)
        return register_import
    run.beat()
    check_against_database(village, outcome, scope=scope)
    if not outcome.ok:
        return _changed_since_preview(run, register_import, outcome)
    staging.stage(register_import, outcome, progress=run.progress, beat=run.beat)
    try:
        with transaction.atomic():
            run.beat(force=True)  # still this run's; on PostgreSQL the row is locked till commit
            _, created = villager_groups_ensure(
                village=village,
                names=[h.villager_group for h, _ in outcome.households],
                acting_user=acting_user,
                record=False,
            )
            published = staging.publish(register_import, village)
            record_audit(
                actor=acting_user,
                action=HOUSEHOLDS_REGISTER,
                target=register_import,
                after={
                    "households": published.households,
                    "people": published.people,
                    "relations": published.relations,
                    "villager_groups_created": created,
                },
                village=village,
            )
            register_import.refresh_from_db(fields=["processed", "total", "attempt"])
            register_import.relations = published.relations
            register_import.imported_by = acting_user
            register_import.imported_at = timezone.now()
            _store(register_import, outcome, None, RegisterImportStatus.IMPORTED)
    except IntegrityError:
        # Someone registered one of these people or 户号 since the check: say who, write nothing.
        fresh = check_entries(
            parsed.households, today=timezone.localdate(), unsure_heads=parsed.unsure_heads
        )
        check_against_database(village, fresh, scope=scope)
        return _changed_since_preview(run, register_import, fresh)
    return register_import


def _changed_since_preview(
    run: _Run, register_import: RegisterImport, outcome: CheckOutcome
) -> RegisterImport:
    _store_if_mine(run, register_import, outcome, None, RegisterImportStatus.FAILED)
    register_import.report["changed_since_preview"] = msg.IMPORT_CHANGED_SINCE_PREVIEW
    register_import.save(update_fields=["report"])
    return register_import


def register_import_fail(import_id: int, message: str) -> None:
    """A run that crashed with an exception: nothing was published; offer to run it again."""
    for status, step in STEP_OF.items():
        RegisterImport.objects.filter(pk=import_id, status=status).update(
            status=RegisterImportStatus.FAILED,
            heartbeat_at=None,
            report={"file_error": message, "problems": [], "interrupted": step},
        )
    staging.discard(import_id)


def register_import_expire(register_import: RegisterImport) -> bool:
    """Mark the import failed if its running step's lease expired; True if it did now."""
    if register_import.status not in RUNNING or register_import.heartbeat_at is None:
        return False
    cutoff = lease_cutoff()
    step = STEP_OF[RegisterImportStatus(register_import.status)]
    expired = RegisterImport.objects.filter(
        pk=register_import.pk,
        status=register_import.status,
        attempt=register_import.attempt,
        heartbeat_at__lt=cutoff,
    ).update(
        status=RegisterImportStatus.FAILED,
        heartbeat_at=None,
        report={"file_error": msg.IMPORT_INTERRUPTED, "problems": [], "interrupted": step},
    )
    if expired:
        staging.discard(register_import.pk)
        register_import.refresh_from_db()
    return bool(expired)


def register_imports_expire() -> int:
    """Expire every running import whose lease ran out (the purge command runs this)."""
    cutoff = lease_cutoff()
    stale = RegisterImport.objects.filter(status__in=RUNNING, heartbeat_at__lt=cutoff)
    return sum(register_import_expire(ri) for ri in stale)


def can_retry(register_import: RegisterImport) -> bool:
    return (
        register_import.status == RegisterImportStatus.FAILED
        and register_import.report.get("interrupted") in RESTART
    )


def register_import_retry(*, register_import: RegisterImport) -> str:
    """Run an interrupted step again from the kept file; returns the step ("validate"/"import").

    The caller queues the step's task. A new attempt: the run that was given up cannot store.
    """
    if not can_retry(register_import):
        raise ValidationError(msg.IMPORT_NOT_RETRYABLE, code="status")
    if not register_import.file or not register_import.file.storage.exists(
        register_import.file.name
    ):
        raise ValidationError(
            msg.IMPORT_FILE_PURGED.format(days=settings.HUANJIE_UPLOAD_RETENTION_DAYS),
            code="purged",
        )
    step = register_import.report["interrupted"]
    restarted = RegisterImport.objects.filter(
        pk=register_import.pk, status=RegisterImportStatus.FAILED, attempt=register_import.attempt
    ).update(
        status=RESTART[step],
        attempt=F("attempt") + 1,
        heartbeat_at=None,
        processed=0,
        total=0,
        report={},
    )
    register_import.refresh_from_db()
    if not restarted:
        raise ValidationError(msg.IMPORT_NOT_RETRYABLE, code="status")
    return str(step)


def report_problems(register_import: RegisterImport, limit: int | None = None) -> list[Problem]:
    """The stored report as problems (for the page and the CLI), the first `limit` of them."""
    return [
        Problem(
            row=p["row"],
            column=p["column"],
            message=p["message"],
            value=p.get("value", ""),
            level=Level(p["level"]),
        )
        for p in register_import.report.get("problems", [])[:limit]
    ]
