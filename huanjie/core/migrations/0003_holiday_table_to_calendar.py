"""The holiday table moves to the `calendar` app: the tables are renamed, rows and ids kept.

calendar.0001 takes the models over in Django's state; this migration drops them from core's.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0002_seed_holidays_from_chinese_calendar")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("HolidayDay", "calendar_holidayday"),
                migrations.AlterModelTable("HolidayYear", "calendar_holidayyear"),
            ],
            state_operations=[
                migrations.DeleteModel("HolidayDay"),
                migrations.DeleteModel("HolidayYear"),
            ],
        ),
    ]
