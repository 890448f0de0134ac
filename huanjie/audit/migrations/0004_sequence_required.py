# Every entry has its place in the chain now (0003): the sequence is required and unique.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_backfill_chain"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(
                editable=False, unique=True, verbose_name="链序号"
            ),
        ),
    ]
