"""Changes to the holiday table: the notice import and single-day edits, each audited."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.core import messages
from huanjie.core.holiday_files import HolidayFileError, HolidayRow, RowError, parse_holiday_file
from huanjie.core.models import HolidayDay, HolidayYear

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
    years: tuple[int, ...]
    days: int

    def __str__(self) -> str:
        years = "、".join(f"{y}年" for y in self.years)
        return messages.IMPORT_DONE.format(years=years, days=self.days)


def holiday_import(
    *, file: IO[bytes], acting_user: User | None, replace: bool = False, name: str | None = None
) -> HolidayImportResult:
    """Import the State Council's annual notice (日期, 类型, 名称) from xlsx or CSV.

    Every row is checked first; on any fault `HolidayFileError` lists them all and nothing is
    written. Each year in the file is then replaced as a whole (the notice is the year's complete
    arrangement) and marked complete, in one transaction, with one audit entry per year. A year
    already marked complete is refused unless `replace` is set.
    """
    file_name = name or str(getattr(file, "name", "") or "upload.csv")
    rows, errors = parse_holiday_file(file, file_name)
    by_year: dict[int, list[HolidayRow]] = defaultdict(list)
    for row in rows:
        by_year[row.date.year].append(row)
    source = f"国务院办公厅通知（导入文件：{file_name}）"[:SOURCE_LENGTH]
    with transaction.atomic():
        complete = set(
            HolidayYear.objects.select_for_update()
            .filter(year__in=by_year, complete=True)
            .values_list("year", flat=True)
        )
        if not replace:
            errors += [
                RowError(by_year[year][0].row, messages.YEAR_COMPLETE.format(year=year))
                for year in sorted(complete)
            ]
        if errors:
            raise HolidayFileError(sorted(errors, key=lambda e: e.row or 0))
        for year in sorted(by_year):
            _replace_year(year, by_year[year], source, acting_user)
    return HolidayImportResult(tuple(sorted(by_year)), len(rows))


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
