"""The previous term's list as ID numbers, for the 四增四减 when the system holds no register of
that round (the demo's previous round was before the system): an xlsx with a 身份证号 column."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.registration import messages as msg
from huanjie.registration.models import ListStatus, PreviousList, VoterRegister
from huanjie.registration.services.build import locked_register
from huanjie.rules.eligibility.identity import check_id_number, normalize_id_number

if TYPE_CHECKING:
    from huanjie.accounts.models import User

PREVIOUS_IMPORT = AuditAction("registration.previous_import", "导入上届选民名单")
ID_HEADER = "身份证号"
SHOWN_BAD_ROWS = 10


def previous_register(register: VoterRegister) -> VoterRegister | None:
    """The village's published register of the latest earlier term in the system."""
    return (
        VoterRegister.objects.filter(
            village=register.village,
            term_year__lt=register.term_year,
            status=ListStatus.PUBLISHED,
        )
        .select_related("election")
        .order_by("-term_year")
        .first()
    )


def read_id_numbers(data: bytes) -> list[str]:
    """The ID numbers of an xlsx's first sheet (the column headed 身份证号), each checked; a
    file with any wrong number is refused whole, naming the rows."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # not an xlsx at all: zip, XML or openpyxl's own errors
        raise ValidationError({"file": ValidationError(msg.PREVIOUS_FILE_UNREADABLE)}) from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        names = [str(cell).strip() if cell is not None else "" for cell in header]
        if ID_HEADER not in names:
            raise ValidationError({"file": ValidationError(msg.PREVIOUS_NO_COLUMN)})
        column = names.index(ID_HEADER)
        found: list[str] = []
        bad: list[str] = []
        for number, row in enumerate(rows, start=2):
            cell = row[column] if column < len(row) else None
            if cell is None or not str(cell).strip():
                continue
            check = check_id_number(str(cell))
            if check.ok:
                found.append(check.number)
            else:
                bad.append(f"第{number}行")
    finally:
        book.close()
    if bad:
        shown = "、".join(bad[:SHOWN_BAD_ROWS]) + ("等" if len(bad) > SHOWN_BAD_ROWS else "")
        raise ValidationError(
            {"file": ValidationError(msg.PREVIOUS_BAD_ROWS.format(count=len(bad), rows=shown))}
        )
    if not found:
        raise ValidationError({"file": ValidationError(msg.PREVIOUS_FILE_EMPTY)})
    return list(dict.fromkeys(found))


@transaction.atomic
def previous_list_record(
    *,
    register: VoterRegister,
    id_numbers: Sequence[str],
    election_day: date,
    source_name: str,
    acting_user: User | None,
) -> PreviousList:
    """Keep the previous term's list (replacing one imported before)."""
    register = locked_register(register)
    earlier = previous_register(register)
    if earlier is not None:
        raise ValidationError(msg.PREVIOUS_IN_SYSTEM.format(year=earlier.term_year), code="system")
    current = register.election.election_day
    if current is not None and election_day >= current:
        raise ValidationError(
            {
                "election_day": ValidationError(
                    msg.PREVIOUS_DAY.format(day=election_day, now=current)
                )
            }
        )
    numbers = list(dict.fromkeys(normalize_id_number(n) for n in id_numbers if n.strip()))
    if not numbers:
        raise ValidationError({"file": ValidationError(msg.PREVIOUS_FILE_EMPTY)})
    existing = PreviousList.objects.filter(register=register).first()
    before = None
    if existing is not None:
        before = {"count": len(existing.id_numbers), "election_day": str(existing.election_day)}
        existing.delete()
    previous = PreviousList.objects.create(
        register=register,
        election_day=election_day,
        source_name=source_name[:255],
        id_numbers=numbers,
        imported_by=acting_user,
    )
    record_audit(
        actor=acting_user,
        action=PREVIOUS_IMPORT,
        target=register,
        before=before,
        after={
            "count": len(numbers),
            "election_day": election_day.isoformat(),
            "file": source_name[:255],
        },
        village=register.village,
    )
    return previous
