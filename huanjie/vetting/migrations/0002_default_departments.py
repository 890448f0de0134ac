"""The joint review's departments a new database starts with (huanjie.vetting.defaults)."""

from django.db import migrations

DEPARTMENTS = ("纪检监察", "组织", "政法", "公安", "检察", "法院", "民政", "信访", "自然资源")


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    Department = apps.get_model("vetting", "Department")
    for n, name in enumerate(DEPARTMENTS, start=1):
        Department.objects.get_or_create(name=name, defaults={"order": n})


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("vetting", "Department").objects.filter(
        name__in=DEPARTMENTS, results__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("vetting", "0001_joint_review")]

    operations = [migrations.RunPython(add, remove)]
