"""Seed the holiday table from the `chinese-calendar` package, read at migrate time.

Every year the package covers becomes a complete HolidayYear; later years are entered by an
administrator from the State Council's notice (admin or `huanjie holidays_import`).
"""

from importlib.metadata import version

from django.db import migrations

# The package's short Chinese names, written as the State Council's notices write them.
NOTICE_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


def seed_source():
    return f"chinese-calendar {version('chinese-calendar')}"


def seed(apps, schema_editor):
    import chinese_calendar

    HolidayDay = apps.get_model("core", "HolidayDay")
    HolidayYear = apps.get_model("core", "HolidayYear")
    names = {h.value: NOTICE_NAMES.get(h.chinese, h.chinese) for h in chinese_calendar.Holiday}
    source = seed_source()
    rows = [
        HolidayDay(date=day, kind="holiday", name=names[english], source=source)
        for day, english in chinese_calendar.holidays.items()
    ] + [
        HolidayDay(date=day, kind="makeup_workday", name=names[english], source=source)
        for day, english in chinese_calendar.workdays.items()
    ]
    HolidayDay.objects.bulk_create(sorted(rows, key=lambda r: r.date))
    first = min(chinese_calendar.holidays).year
    last = max(chinese_calendar.holidays).year
    HolidayYear.objects.bulk_create(
        HolidayYear(year=year, source=source, complete=True) for year in range(first, last + 1)
    )


def unseed(apps, schema_editor):
    for model in ("HolidayDay", "HolidayYear"):
        apps.get_model("core", model).objects.filter(
            source__startswith="chinese-calendar "
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_holiday_table")]

    operations = [migrations.RunPython(seed, unseed)]
