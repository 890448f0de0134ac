# The hash chain of the audit trail: three fields on each entry and the one-row chain head.
# The fields start empty; 0003 fills them in id order and 0004 makes the sequence required.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_audit_entry"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="时间"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="链序号"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="前一条哈希"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="本条哈希"
            ),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "last_id",
                    models.BigIntegerField(blank=True, null=True, verbose_name="最后一条编号"),
                ),
                (
                    "last_sequence",
                    models.PositiveBigIntegerField(default=0, verbose_name="最后链序号"),
                ),
                (
                    "last_hash",
                    models.CharField(
                        default="0000000000000000000000000000000000000000000000000000000000000000",
                        max_length=64,
                        verbose_name="最后一条哈希",
                    ),
                ),
                (
                    "verified_id",
                    models.BigIntegerField(blank=True, null=True, verbose_name="已校验至编号"),
                ),
                (
                    "verified_sequence",
                    models.PositiveBigIntegerField(default=0, verbose_name="已校验至链序号"),
                ),
                (
                    "verified_hash",
                    models.CharField(
                        default="0000000000000000000000000000000000000000000000000000000000000000",
                        max_length=64,
                        verbose_name="已校验至哈希",
                    ),
                ),
                (
                    "fully_verified_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="上次完整校验时间"),
                ),
                ("failure", models.JSONField(blank=True, null=True, verbose_name="发现的问题")),
            ],
            options={
                "verbose_name": "审计链头",
                "verbose_name_plural": "审计链头",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="audit_chain_head_single_row"
                    )
                ],
            },
        ),
    ]
