# Chain the entries written before the chain existed, in id (write) order, in batches, and
# write the chain head. Nothing verified them then, so the chain vouches for them from here on.

from django.db import migrations

from huanjie.audit.chain import GENESIS_HASH, compute_hash, row_of

BATCH = 500


def build_chain(entry_model, head_model, content_type_model, *, using="default", batch_size=BATCH):
    """Give every entry its sequence, prev_hash and entry_hash, and point the head at the last.

    Takes the models as arguments: the migration passes its historical models, a test the
    current ones. Walks by id with keyset batches, so the table is never read whole.
    """
    types = {
        pk: f"{app_label}.{model}"
        for pk, app_label, model in content_type_model.objects.using(using).values_list(
            "pk", "app_label", "model"
        )
    }
    entries = entry_model.objects.using(using)
    sequence, prev_hash, last_id = 0, GENESIS_HASH, None
    while True:
        batch = entries.order_by("id")
        if last_id is not None:
            batch = batch.filter(id__gt=last_id)
        batch = list(batch[:batch_size])
        if not batch:
            break
        for entry in batch:
            sequence += 1
            entry.sequence, entry.prev_hash, entry.entry_hash = sequence, prev_hash, ""
            entry.entry_hash = compute_hash(row_of(entry, types[entry.target_type_id]))
            prev_hash, last_id = entry.entry_hash, entry.id
        entries.bulk_update(batch, ["sequence", "prev_hash", "entry_hash"])
    point = {"last_id": last_id, "last_sequence": sequence, "last_hash": prev_hash}
    head_model.objects.using(using).update_or_create(
        pk=1,
        defaults={
            **point,
            "verified_id": last_id,
            "verified_sequence": sequence,
            "verified_hash": prev_hash,
            "failure": None,
        },
    )
    return sequence


def backfill(apps, schema_editor):
    build_chain(
        apps.get_model("audit", "AuditEntry"),
        apps.get_model("audit", "AuditChainHead"),
        apps.get_model("contenttypes", "ContentType"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_audit_chain"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
