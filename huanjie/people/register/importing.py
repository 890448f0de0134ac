"""The import's life cycle: upload → validate (preview) → confirm → imported, or failed.

The uploaded file and its row report are kept on a `RegisterImport`. Validation never writes
register rows; the confirmed import checks everything again and writes the rows in one short
transaction (`staging`, `updating`): nothing is ever half-written. (A large file checked by
this process for today is not parsed and checked a second time: the write takes that check and
compares it with the register anew.)

Each run of a step holds a lease: it refreshes `heartbeat_at` while it works. A running import
whose heartbeat is older than HUANJIE_IMPORT_LEASE_SECONDS lost its worker (killed, server
restarted); `register_import_expire` marks it failed and `register_import_retry` runs the
interrupted step again from the kept file.
"""

from __future__ import annotations

import copy
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
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.people import messages as msg
from huanjie.people.files import keep_private
from huanjie.people.lease import lease_cutoff
from huanjie.people.models import RegisterCoverage, RegisterImport, RegisterImportStatus
from huanjie.people.register import staging
from huanjie.people.register.diff import RegisterDiff, diff_register
from huanjie.people.register.inputs import CheckOutcome, Level, Problem
from huanjie.people.register.reading import (
    KEEP_SECONDS,
    RegisterFileError,
    forget_kept,
    kept_key,
    read_register_isolated,
)
from huanjie.people.register.table import Entries, TableOutcome, check_table, parse_table
from huanjie.people.register.updating import apply_diff
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
    *,
    village: Region,
    name: str,
    data: bytes,
    acting_user: User | None,
    coverage: str = RegisterCoverage.HOUSEHOLDS,
) -> RegisterImport:
    """Keep an uploaded file; validation follows (in the background for the web). `coverage`:
    what the file stands for — the households it lists, or the whole village's register."""
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(msg.IMPORT_FILE_TOO_LARGE.format(limit=MAX_UPLOAD_MB), code="size")
    if coverage not in RegisterCoverage.values:
        raise ValidationError(msg.IMPORT_COVERAGE_UNKNOWN, code="coverage")
    register_import = RegisterImport(
        village=village, original_name=name, created_by=acting_user, coverage=coverage
    )
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
    name: str = "",
    coverage: str = RegisterCoverage.HOUSEHOLDS,
) -> tuple[CheckOutcome, str | None, RegisterDiff | None]:
    """The full check of a register file: (outcome, file-level error or None, what it would
    change in the register — None when the file cannot be read). Reads only.

    The file is read in a child process (`read_register_isolated`); `scope` is the reader's,
    for naming other villages in the report.
    """
    key = kept_key(data)
    try:
        sheet = read_register_isolated(data, name=name, on_wait=on_wait)
    except RegisterFileError as exc:
        return CheckOutcome(), exc.message, None
    entries = parse_table(sheet)
    if not len(entries) and not entries.problems:
        return CheckOutcome(), msg.FILE_NO_DATA, None  # only the template's example row
    outcome = check_table(entries, today=today, progress=progress)
    outcome.problems[:0] = entries.problems
    if outcome.ok:
        _keep_checked(key, today, entries, outcome)
    diff = diff_register(village, outcome, coverage=coverage, scope=scope)
    return outcome, None, diff


# The last large file whose check passed, by `kept_key`: the day it was checked for, its parsed
# entries and its outcome as the file alone gave it (before the register was compared, which
# adds to it). The write that follows the preview takes it instead of parsing and checking the
# same bytes again; what depends on the register (the diff) is always computed anew.
_CHECKED: dict[str, tuple[float, date, Entries, TableOutcome]] = {}


def _keep_checked(key: str | None, today: date, entries: Entries, outcome: CheckOutcome) -> None:
    _CHECKED.clear()
    if key is None or not isinstance(outcome, TableOutcome):
        return
    _CHECKED[key] = (time.monotonic(), today, entries, _copy(outcome))
    forget_kept(key)  # the sheet is not needed again: its entries are kept


def _take_checked(key: str | None, today: date) -> tuple[Entries, TableOutcome] | None:
    """The kept check of this file for this day (taken once), or None."""
    kept = _CHECKED.pop(key, None) if key is not None else None
    if kept is None or kept[1] != today or time.monotonic() - kept[0] >= KEEP_SECONDS:
        return None
    return kept[2], _copy(kept[3])


def _copy(outcome: TableOutcome) -> TableOutcome:
    """An outcome whose problems and groups may be added to without changing `outcome`."""
    fresh = copy.copy(outcome)
    fresh.problems = list(outcome.problems)
    fresh.new_groups = list(outcome.new_groups)
    return fresh


def _store(
    register_import: RegisterImport,
    outcome: CheckOutcome,
    file_error: str | None,
    status: RegisterImportStatus,
    diff: RegisterDiff | None = None,
) -> None:
    register_import.status = status
    register_import.households = outcome.household_count
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
    if diff is not None and outcome.ok:
        register_import.report["preview"] = diff.as_json()
    register_import.heartbeat_at = None
    register_import.save()


def _store_if_mine(
    run: _Run,
    register_import: RegisterImport,
    outcome: CheckOutcome,
    file_error: str | None,
    status: RegisterImportStatus,
    diff: RegisterDiff | None = None,
) -> None:
    """Store the step's result unless this run was given up meanwhile."""
    with transaction.atomic():
        run.beat(force=True)  # raises RunAbandoned; on PostgreSQL also locks the row
        register_import.refresh_from_db(fields=["processed", "total", "attempt"])
        _store(register_import, outcome, file_error, status, diff)


def _read(register_import: RegisterImport) -> bytes:
    with register_import.file.open("rb") as handle:
        data: bytes = handle.read()
    return data


def register_import_validate(
    register_import: RegisterImport, *, progress: Progress | None = None
) -> RegisterImport:
    """Check the kept file and store the report: validated (preview) or failed."""
    run = _Run(register_import, progress)
    outcome, file_error, diff = check_file(
        register_import.village,
        _read(register_import),
        today=timezone.localdate(),
        progress=run.progress,
        scope=reader_scope(register_import.created_by),
        on_wait=run.beat,
        name=register_import.original_name,
        coverage=register_import.coverage,
    )
    ok = file_error is None and outcome.ok
    status = RegisterImportStatus.VALIDATED if ok else RegisterImportStatus.FAILED
    _store_if_mine(run, register_import, outcome, file_error, status, diff)
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
    """Import a claimed file: check again, then write it in one transaction.

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
    data = _read(register_import)
    today = timezone.localdate()
    checked = _take_checked(kept_key(data), today)
    if checked is not None:  # this process checked these bytes for today (the preview)
        entries, outcome = checked
        run.progress(len(entries.order), len(entries.order))
    else:
        try:
            sheet = read_register_isolated(
                data, name=register_import.original_name, on_wait=run.beat
            )
        except RegisterFileError as exc:
            _store_if_mine(
                run, register_import, CheckOutcome(), exc.message, RegisterImportStatus.FAILED
            )
            return register_import
        entries = parse_table(sheet)
        run.beat()
        outcome = check_table(entries, today=today, progress=run.progress)
        outcome.problems[:0] = entries.problems
    if not outcome.ok:
        _store_if_mine(run, register_import, outcome, None, RegisterImportStatus.FAILED)
        return register_import
    run.beat()
    coverage = register_import.coverage
    diff = diff_register(village, outcome, coverage=coverage, scope=scope)
    if not outcome.ok:
        return _changed_since_preview(run, register_import, outcome)
    if diff.digest() != register_import.report.get("preview", {}).get("digest"):
        return _preview_again(run, register_import, outcome, diff)
    new = staging.new_people(outcome, diff)  # made ready before the lock is taken
    run.beat(force=True)  # the write's lease starts now (its beats inside are not seen)
    try:
        with transaction.atomic():
            run.beat(force=True)  # still this run's; on PostgreSQL the row is locked till commit
            # In the transaction: what the preview showed must still be what the register is.
            # Pure additions to the households a file lists need no second look: a person or
            # 户号 registered meanwhile breaks a unique constraint (IntegrityError below).
            if not diff.only_adds:
                fresh = diff_register(village, outcome, coverage=coverage, scope=scope)
                if not outcome.ok or fresh.digest() != diff.digest():
                    raise _Changed
            groups, created = villager_groups_ensure(
                village=village,
                names=outcome.villager_groups(),
                acting_user=acting_user,
                record=False,
            )
            applied = apply_diff(
                register_import=register_import,
                village=village,
                diff=diff,
                new=new,
                groups=groups,
                acting_user=acting_user,
                today=timezone.localdate(),
            )
            record_audit(
                actor=acting_user,
                action=HOUSEHOLDS_REGISTER,
                target=register_import,
                after={
                    "households": applied.households,
                    "people": applied.people,
                    "relations": applied.relations,
                    "villager_groups_created": created,
                    "coverage": coverage,
                    "changes": diff.counts(),
                },
                village=village,
            )
            register_import.refresh_from_db(fields=["processed", "total", "attempt"])
            register_import.relations = applied.relations
            register_import.imported_by = acting_user
            register_import.imported_at = timezone.now()
            _store(register_import, outcome, None, RegisterImportStatus.IMPORTED, diff)
    except (IntegrityError, _Changed):
        # Someone changed these people or 户号 since the check: say what, write nothing.
        fresh_outcome = check_table(entries, today=timezone.localdate())
        fresh = diff_register(village, fresh_outcome, coverage=coverage, scope=scope)
        if not fresh_outcome.ok:
            return _changed_since_preview(run, register_import, fresh_outcome)
        return _preview_again(run, register_import, fresh_outcome, fresh)
    return register_import


class _Changed(Exception):
    """The register changed between the last check and the write's transaction."""


def _preview_again(
    run: _Run, register_import: RegisterImport, outcome: CheckOutcome, diff: RegisterDiff
) -> RegisterImport:
    """The register changed since the preview, but the file still fits it: show the new
    preview for confirmation instead of applying changes nobody has seen."""
    _store_if_mine(run, register_import, outcome, None, RegisterImportStatus.VALIDATED, diff)
    register_import.report["changed_since_preview"] = msg.IMPORT_PREVIEW_CHANGED
    register_import.save(update_fields=["report"])
    return register_import


def _changed_since_preview(
    run: _Run, register_import: RegisterImport, outcome: CheckOutcome
) -> RegisterImport:
    _store_if_mine(run, register_import, outcome, None, RegisterImportStatus.FAILED)
    register_import.report["changed_since_preview"] = msg.IMPORT_CHANGED_SINCE_PREVIEW
    register_import.save(update_fields=["report"])
    return register_import


def _interrupted(import_id: int, message: str, step: str) -> dict[str, object]:
    """The report of a step that stopped midway. An interrupted write keeps the preview the
    committee confirmed: running it again applies that and nothing else (or previews anew)."""
    report: dict[str, object] = {"file_error": message, "problems": [], "interrupted": step}
    if step == "import":
        stored = RegisterImport.objects.filter(pk=import_id).values_list("report", flat=True)
        preview = (stored.first() or {}).get("preview")
        if preview is not None:
            report["preview"] = preview
    return report


def register_import_fail(import_id: int, message: str) -> None:
    """A run that crashed with an exception: nothing was published; offer to run it again."""
    for status, step in STEP_OF.items():
        RegisterImport.objects.filter(pk=import_id, status=status).update(
            status=RegisterImportStatus.FAILED,
            heartbeat_at=None,
            report=_interrupted(import_id, message, step),
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
        report=_interrupted(register_import.pk, msg.IMPORT_INTERRUPTED, step),
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
    preview = register_import.report.get("preview")
    restarted = RegisterImport.objects.filter(
        pk=register_import.pk, status=RegisterImportStatus.FAILED, attempt=register_import.attempt
    ).update(
        status=RESTART[step],
        attempt=F("attempt") + 1,
        heartbeat_at=None,
        processed=0,
        total=0,
        report={"preview": preview} if step == "import" and preview is not None else {},
    )
    register_import.refresh_from_db()
    if not restarted:
        raise ValidationError(msg.IMPORT_NOT_RETRYABLE, code="status")
    return str(step)


def register_import_recheck(*, register_import: RegisterImport, coverage: str) -> None:
    """Check the kept file again as covering `coverage` (the preview page's switch); the caller
    queues the validation. Only a file waiting for confirmation, or one that failed on what it
    would change, can be checked again: a running one is busy, an imported one is done."""
    if coverage not in RegisterCoverage.values:
        raise ValidationError(msg.IMPORT_COVERAGE_UNKNOWN, code="coverage")
    if not register_import.file or not register_import.file.storage.exists(
        register_import.file.name
    ):
        raise ValidationError(
            msg.IMPORT_FILE_PURGED.format(days=settings.HUANJIE_UPLOAD_RETENTION_DAYS),
            code="purged",
        )
    restarted = RegisterImport.objects.filter(
        pk=register_import.pk,
        status__in=[RegisterImportStatus.VALIDATED, RegisterImportStatus.FAILED],
        attempt=register_import.attempt,
        dismissed_at__isnull=True,
    ).update(
        status=RegisterImportStatus.UPLOADED,
        coverage=coverage,
        attempt=F("attempt") + 1,
        heartbeat_at=None,
        processed=0,
        total=0,
        report={},
    )
    register_import.refresh_from_db()
    if not restarted:
        raise ValidationError(
            msg.IMPORT_NOT_RECHECKABLE.format(status=register_import.get_status_display()),
            code="status",
        )


REGISTER_IMPORT_DISMISS = AuditAction("people.register_import_dismiss", "从最近的导入中移除")


@transaction.atomic
def register_import_dismiss(*, register_import: RegisterImport, acting_user: User | None) -> None:
    """Take a failed or unconfirmed upload off the village's list of recent imports. The record
    stays (with its report, until the file's retention ends) and the removal is audited."""
    locked = RegisterImport.objects.select_for_update().get(pk=register_import.pk)
    if locked.status not in (RegisterImportStatus.FAILED, RegisterImportStatus.VALIDATED):
        raise ValidationError(msg.IMPORT_NOT_DISMISSABLE, code="status")
    if locked.dismissed_at is not None:
        return
    locked.dismissed_at = timezone.now()
    locked.dismissed_by = acting_user
    locked.save(update_fields=["dismissed_at", "dismissed_by", "updated_at"])
    record_audit(
        actor=acting_user,
        action=REGISTER_IMPORT_DISMISS,
        target=locked,
        before={"status": locked.status},
        after={"dismissed_at": locked.dismissed_at},
        village=locked.village,
    )
    register_import.dismissed_at, register_import.dismissed_by = locked.dismissed_at, acting_user


def report_problems(register_import: RegisterImport, limit: int | None = None) -> list[Problem]:
    """The stored report as problems (for the page and the CLI), the first `limit` of them."""
    return [
        Problem(
            row=p["row"],
            column=p["column"],
            message=p["message"],
            value=p.get("value", ""),
            level=Level(p["level"]),
            name=p.get("name", ""),
        )
        for p in register_import.report.get("problems", [])[:limit]
    ]
