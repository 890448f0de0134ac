"""The import's life cycle: upload → validate (preview) → confirm → imported, or failed.

The uploaded file and its row report are kept on a `RegisterImport`. Validation never writes
register rows; the confirmed import checks everything again and writes in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from huanjie.people import messages as msg
from huanjie.people.models import RegisterImport, RegisterImportStatus
from huanjie.people.register.checks import check_against_database, check_entries
from huanjie.people.register.inputs import CheckOutcome, Level, Problem, RegisterRejected
from huanjie.people.register.parsing import parse_sheet
from huanjie.people.register.reading import RegisterFileError, read_register
from huanjie.people.services import households_write_checked
from huanjie.regions.models import Region

if TYPE_CHECKING:
    from huanjie.accounts.models import User

Progress = Callable[[int, int], None]
MAX_UPLOAD_MB = 200


def register_import_create(
    *, village: Region, name: str, data: bytes, acting_user: User | None
) -> RegisterImport:
    """Keep an uploaded file; validation follows (in the background for the web)."""
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(msg.IMPORT_FILE_TOO_LARGE.format(limit=MAX_UPLOAD_MB), code="size")
    register_import = RegisterImport(village=village, original_name=name, created_by=acting_user)
    register_import.file.save(name, ContentFile(data), save=False)
    register_import.save()
    return register_import


def check_file(
    village: Region, data: bytes, *, today: date, progress: Progress | None = None
) -> tuple[CheckOutcome, str | None]:
    """The full check of a register file: (outcome, file-level error or None). Reads only."""
    try:
        sheet = read_register(data)
    except RegisterFileError as exc:
        return CheckOutcome(), exc.message
    parsed = parse_sheet(sheet)
    if not parsed.households and not parsed.problems:
        return CheckOutcome(), msg.FILE_NO_DATA  # only the template's example row
    outcome = check_entries(
        parsed.households, today=today, unsure_heads=parsed.unsure_heads, progress=progress
    )
    outcome.problems[:0] = parsed.problems
    check_against_database(village, outcome)
    return outcome, None


def _progress_saver(register_import: RegisterImport) -> Progress:
    def save(done: int, total: int) -> None:
        RegisterImport.objects.filter(pk=register_import.pk).update(
            processed=min(done, total), total=total
        )

    return save


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
    register_import.save()


def register_import_validate(
    register_import: RegisterImport, *, progress: Progress | None = None
) -> RegisterImport:
    """Check the kept file and store the report: validated (preview) or failed."""
    with register_import.file.open("rb") as handle:
        data = handle.read()
    outcome, file_error = check_file(
        register_import.village,
        data,
        today=timezone.localdate(),
        progress=progress or _progress_saver(register_import),
    )
    ok = file_error is None and outcome.ok
    status = RegisterImportStatus.VALIDATED if ok else RegisterImportStatus.FAILED
    _store(register_import, outcome, file_error, status)
    return register_import


def register_import_claim(*, register_import: RegisterImport) -> None:
    """Take a validated file for import (validated → importing), exactly once.

    The web claims before it queues the write, so the page it shows next already polls the
    progress instead of offering the confirm button again; a second click finds it taken.
    """
    claimed = RegisterImport.objects.filter(
        pk=register_import.pk, status=RegisterImportStatus.VALIDATED
    ).update(status=RegisterImportStatus.IMPORTING, processed=0)
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
    """Import a claimed file: check again, then write everything in one transaction.

    Anything found since the preview fails the whole import (nothing written) with a report.
    Without `progress` the stored progress shows the re-check row by row, then an open-ended bar:
    what the write transaction records is invisible to the polling page until it commits.
    """
    register_import.refresh_from_db()
    if register_import.status != RegisterImportStatus.IMPORTING:
        raise ValidationError(
            msg.IMPORT_NOT_VALIDATED.format(status=register_import.get_status_display()),
            code="status",
        )
    saver = _progress_saver(register_import)
    with register_import.file.open("rb") as handle:
        data = handle.read()
    try:
        sheet = read_register(data)
    except RegisterFileError as exc:
        _store(register_import, CheckOutcome(), exc.message, RegisterImportStatus.FAILED)
        return register_import
    parsed = parse_sheet(sheet)
    outcome = check_entries(
        parsed.households,
        today=timezone.localdate(),
        unsure_heads=parsed.unsure_heads,
        progress=progress or saver,
    )
    outcome.problems[:0] = parsed.problems
    if not outcome.ok:
        _store(register_import, outcome, None, RegisterImportStatus.FAILED)
        return register_import
    if progress is None:
        saver(0, 0)  # the page shows "请稍候" while the transaction runs
    try:
        with transaction.atomic():
            written = households_write_checked(
                village=register_import.village,
                outcome=outcome,
                acting_user=acting_user,
                target=register_import,
                progress=progress,
            )
            register_import.relations = written.relations
            register_import.imported_by = acting_user
            register_import.imported_at = timezone.now()
            _store(register_import, outcome, None, RegisterImportStatus.IMPORTED)
    except RegisterRejected as rejected:
        register_import.refresh_from_db()
        register_import.report = {}
        _store(register_import, rejected.outcome, None, RegisterImportStatus.FAILED)
        register_import.report["changed_since_preview"] = msg.IMPORT_CHANGED_SINCE_PREVIEW
        register_import.save(update_fields=["report"])
    return register_import


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
