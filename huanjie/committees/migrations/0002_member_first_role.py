from django.db import migrations, models
from django.db.models import F


def copy_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    member = apps.get_model("committees", "CommitteeMember")
    member.objects.update(first_role=F("role"))


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_election_committee_and_representatives")]

    operations = [
        migrations.AddField(
            model_name="committeemember",
            name="first_role",
            field=models.CharField(
                choices=[("chair", "主任"), ("vice_chair", "副主任"), ("member", "委员")],
                default="member",
                max_length=16,
                verbose_name="初任职务",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copy_roles, migrations.RunPython.noop),
    ]
