"""Writing a short chain, and tampering with it behind the application's back (raw SQL)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection, models, transaction

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.actions import AuditAction
from huanjie.audit.chain import compute_hash, row_of
from huanjie.audit.models import AuditEntry
from huanjie.audit.services import record_audit
from huanjie.regions.models import Region

CHANGE = AuditAction("test.chain", "测试修改")
TABLE = connection.ops.quote_name(AuditEntry._meta.db_table)


def write(tree: RegionTree, count: int, village: Region | None = None) -> list[AuditEntry]:
    """`count` entries about a1's head, each in its own transaction, filed under `village`."""
    person = tree.heads["a1"]
    entries = []
    for n in range(count):
        with transaction.atomic():
            entries.append(
                record_audit(
                    actor=None,
                    action=CHANGE,
                    target=person,
                    before={"name": f"旧名{n}"},
                    after={"name": f"新名{n}", "birth_date": date(1980, 1, n + 1)},
                    village=village or tree.a1,
                )
            )
    return entries


def sql(statement: str, params: list[Any] | tuple[Any, ...] = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=TABLE), params)


def column(name: str) -> str:
    field = AuditEntry._meta.get_field(name)
    assert isinstance(field, models.Field)
    return connection.ops.quote_name(field.column)


def alter(entry: AuditEntry, field: str = "target_repr", value: str = "被人改过") -> None:
    sql(f"UPDATE {{table}} SET {column(field)} = %s WHERE id = %s", [value, entry.pk])


def rehash(entry_id: int) -> str:
    """Recompute a tampered entry's hash, as someone who knows the algorithm would."""
    entry = AuditEntry.objects.select_related("target_type").get(pk=entry_id)
    label = f"{entry.target_type.app_label}.{entry.target_type.model}"
    new = compute_hash(row_of(entry, label))
    sql(f"UPDATE {{table}} SET {column('entry_hash')} = %s WHERE id = %s", [new, entry_id])
    return new


def delete(entry: AuditEntry) -> None:
    sql("DELETE FROM {table} WHERE id = %s", [entry.pk])


def forge(like: AuditEntry, *, sequence: int, prev_hash: str, entry_hash: str | None = None) -> int:
    """Insert a row copied from `like` with its own place in the chain; without `entry_hash`
    it gets the correct hash of its content (a forger who knows the algorithm)."""
    overrides = {
        "sequence": sequence,
        "prev_hash": prev_hash,
        "entry_hash": entry_hash or "",
        "target_repr": "伪造的记录",
    }
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(
        "%s" if f.name in overrides else connection.ops.quote_name(f.column) for f in fields
    )
    params = [overrides[f.name] for f in fields if f.name in overrides]
    sql(
        f"INSERT INTO {{table}} ({names}) SELECT {values} FROM {{table}} WHERE id = %s",
        [*params, like.pk],
    )
    forged = AuditEntry.objects.latest("id").pk
    if entry_hash is None:
        rehash(forged)
    return forged
