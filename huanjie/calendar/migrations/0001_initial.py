"""The holiday table, taken over from `core` (core.0003 renamed its tables to these).

The state is declared here; the database already holds the tables and their rows.
"""

from django.db import migrations, models


def relabel_content_types(apps, schema_editor):
    # Permissions granted on the holiday table follow it to its new app.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model__in=["holidayday", "holidayyear"]).update(
        app_label="calendar"
    )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(
        app_label="calendar", model__in=["holidayday", "holidayyear"]
    ).update(app_label="core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0003_holiday_table_to_calendar"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="HolidayDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("date", models.DateField(unique=True, verbose_name="日期")),
                        (
                            "kind",
                            models.CharField(
                                choices=[("holiday", "放假"), ("makeup_workday", "调休上班")],
                                max_length=16,
                                verbose_name="类型",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                help_text="节日名称，例如：劳动节",
                                max_length=64,
                                verbose_name="名称",
                            ),
                        ),
                        ("source", models.CharField(max_length=200, verbose_name="来源")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "verbose_name": "节假日安排",
                        "verbose_name_plural": "节假日安排",
                        "ordering": ["date"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("kind__in", ["holiday", "makeup_workday"])),
                                name="holiday_day_kind_known",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("name", ""), _negated=True),
                                name="holiday_day_name_not_empty",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HolidayYear",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "year",
                            models.PositiveSmallIntegerField(unique=True, verbose_name="年份"),
                        ),
                        ("source", models.CharField(max_length=200, verbose_name="来源")),
                        (
                            "complete",
                            models.BooleanField(
                                default=False,
                                help_text="该年国务院办公厅节假日安排通知已全部录入",
                                verbose_name="已完整录入",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "verbose_name": "节假日年度",
                        "verbose_name_plural": "节假日年度",
                        "ordering": ["year"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("year__gte", 1949), ("year__lte", 2999)),
                                name="holiday_year_plausible",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
