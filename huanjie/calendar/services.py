"""Changes to the holiday table: the notice import and single-day edits, each audited."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.calendar import messages
from huanjie.calendar.holiday_files import (
    HolidayFileError,
    HolidayRow,
    RowError,
    parse_holiday_file,
)
from huanjie.calendar.models import HolidayDay, HolidayYear

if TYPE_CHECKING:
    from huanjie.accounts.models import User

HOLIDAY_IMPORT = AuditAction("holiday.import", "导入节假日安排")
HOLIDAY_DAY_CREATE = AuditAction("holiday.day_create", "新增节假日")
HOLIDAY_DAY_CHANGE = AuditAction("holiday.day_change", "修改节假日")
HOLIDAY_DAY_DELETE = AuditAction("holiday.day_delete", "删除节假日")
HOLIDAY_YEAR_SAVE = AuditAction("holiday.year_save", "修改节假日年度")

SOURCE_LENGTH = HolidayDay._meta.get_field("source").max_length or 200
DAY_FIELDS = ["date", "kind", "name", "source"]


@dataclass(frozen=True)
class HolidayImportResult:
    year: int  # the notice's year, entered as a whole
    days: int
    neighbours: tuple[tuple[int, int], ...] = ()  # (year, days) entered day by day

    def __str__(self) -> str:
        parts = [messages.IMPORT_DONE.format(year=self.year, days=self.days)]
        parts += [
            messages.IMPORT_DONE_NEIGHBOURS.format(year=y, days=n) for y, n in self.neighbours
        ]
        return "；".join(parts) + "。"


def holiday_import(
    *, file: IO[bytes], acting_user: User | None, replace: bool = False, name: str | None = None
) -> HolidayImportResult:
    """Import the State Council's annual notice (日期, 类型, 名称) from xlsx or CSV.

    Every row is checked first; on any fault `HolidayFileError` lists them all and nothing is
    written. The notice's year (the one most rows fall in) is then replaced as a whole and marked
    complete. A notice may reach into a neighbouring year (the 2019 notice opens on 2018-12-29):
    those days are entered one by one and that year keeps its other days and its completeness,
    so a year is never emptied, nor marked entered, by another year's notice. Replacing a
    complete year, or changing a day of one, needs `replace`. One transaction, audited.
    """
    file_name = name or str(getattr(file, "name", "") or "upload.csv")
    rows, errors = parse_holiday_file(file, file_name)
    by_year: dict[int, list[HolidayRow]] = defaultdict(list)
    for row in rows:
        by_year[row.date.year].append(row)
    # Most rows, then the later year: a notice for year Y is published late in year Y-1.
    year = max(by_year, key=lambda y: (len(by_year[y]), y), default=0)
    source = f"国务院办公厅通知（导入文件：{file_name}）"[:SOURCE_LENGTH]
    with transaction.atomic():
        complete = set(
            HolidayYear.objects.select_for_update()
            .filter(year__in=by_year, complete=True)
            .values_list("year", flat=True)
        )
        neighbours = [r for r in rows if r.date.year != year]
        stored = HolidayDay.objects.in_bulk([r.date for r in neighbours], field_name="date")
        changed = [r for r in neighbours if _differs(stored.get(r.date), r)]
        if not replace:
            first_rows = {year: by_year[year][0]} if year in complete else {}
            for row in changed:
                if row.date.year in complete:
                    first_rows.setdefault(row.date.year, row)
            errors += [
                RowError(row.row, messages.YEAR_COMPLETE.format(year=y))
                for y, row in first_rows.items()
            ]
        if errors:
            raise HolidayFileError(sorted(errors, key=lambda e: e.row or 0))
        _replace_year(year, by_year[year], source, acting_user)
        for row in changed:
            day = stored.get(row.date) or HolidayDay(date=row.date)
            day.kind, day.name, day.source = row.kind, row.name, source
            holiday_day_save(day=day, acting_user=acting_user)
    others = tuple((y, len(by_year[y])) for y in sorted(by_year) if y != year)
    return HolidayImportResult(year, len(by_year[year]), others)


def _differs(stored: HolidayDay | None, row: HolidayRow) -> bool:
    return stored is None or (stored.kind, stored.name) != (row.kind, row.name)


def _replace_year(year: int, rows: list[HolidayRow], source: str, actor: User | None) -> None:
    existing = HolidayDay.objects.filter(date__year=year).order_by("date")
    holiday_year = HolidayYear.objects.filter(year=year).first()
    before = {
        "year": snapshot(holiday_year, ["year", "source", "complete"]) if holiday_year else None,
        "days": [snapshot(d, DAY_FIELDS) for d in existing],
    }
    existing.delete()
    created = HolidayDay.objects.bulk_create(
        HolidayDay(date=r.date, kind=r.kind, name=r.name, source=source)
        for r in sorted(rows, key=lambda r: r.date)
    )
    holiday_year, _ = HolidayYear.objects.update_or_create(
        year=year, defaults={"source": source, "complete": True}
    )
    after = {
        "year": snapshot(holiday_year, ["year", "source", "complete"]),
        "days": [snapshot(d, DAY_FIELDS) for d in created],
    }
    record_audit(
        actor=actor, action=HOLIDAY_IMPORT, target=holiday_year, before=before, after=after
    )


def holiday_day_save(*, day: HolidayDay, acting_user: User | None) -> HolidayDay:
    """Create or change one day of the table (the admin form), audited."""
    with transaction.atomic():
        old = HolidayDay.objects.filter(pk=day.pk).first() if day.pk else None
        before = snapshot(old, DAY_FIELDS) if old else None
        day.full_clean()
        day.save()
        action = HOLIDAY_DAY_CHANGE if old else HOLIDAY_DAY_CREATE
        record_audit(actor=acting_user, action=action, target=day, before=before, after=_day(day))
    return day


def holiday_day_delete(*, day: HolidayDay, acting_user: User | None) -> None:
    with transaction.atomic():
        record_audit(actor=acting_user, action=HOLIDAY_DAY_DELETE, target=day, before=_day(day))
        day.delete()


def holiday_year_save(*, holiday_year: HolidayYear, acting_user: User | None) -> HolidayYear:
    """Mark a year covered (or not) by hand, e.g. after entering its days in the admin."""
    fields = ["year", "source", "complete"]
    with transaction.atomic():
        old = HolidayYear.objects.filter(pk=holiday_year.pk).first() if holiday_year.pk else None
        before = snapshot(old, fields) if old else None
        holiday_year.full_clean()
        holiday_year.save()
        record_audit(
            actor=acting_user,
            action=HOLIDAY_YEAR_SAVE,
            target=holiday_year,
            before=before,
            after=snapshot(holiday_year, fields),
        )
    return holiday_year


def _day(day: HolidayDay) -> dict[str, Any]:
    return snapshot(day, DAY_FIELDS)
