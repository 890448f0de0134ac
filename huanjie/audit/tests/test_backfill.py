"""Migration 0003 chains the entries written before the chain existed, in id order."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.chain import GENESIS_HASH, verify_chain
from huanjie.audit.models import AuditChainHead, AuditEntry
from huanjie.audit.tests.chain_helpers import column, sql, write

backfill = importlib.import_module("huanjie.audit.migrations.0003_backfill_chain")


def unchain() -> None:
    """The entries as 0002 leaves them: no hashes yet (sequences must stay unique here)."""
    sql(
        f"UPDATE {{table}} SET {column('sequence')} = id + 1000, "
        f"{column('prev_hash')} = '', {column('entry_hash')} = ''"
    )
    AuditChainHead.objects.all().delete()


def test_existing_entries_are_chained_in_id_order(tree: RegionTree) -> None:
    entries = write(tree, 5)
    unchain()
    assert not verify_chain(record=False).ok
    count = backfill.build_chain(AuditEntry, AuditChainHead, ContentType, batch_size=2)
    assert count == 5
    result = verify_chain()
    assert (result.ok, result.checked) == (True, 5)
    chained = list(AuditEntry.objects.order_by("id"))
    assert [e.sequence for e in chained] == [1, 2, 3, 4, 5]
    head = AuditChainHead.objects.get()
    assert (head.last_id, head.last_hash) == (entries[-1].pk, chained[-1].entry_hash)
    # Built from the rows as they are: the audit page starts checking after them.
    assert (head.verified_id, head.verified_hash) == (head.last_id, head.last_hash)


def test_the_migration_step_uses_the_models_it_is_given(tree: RegionTree) -> None:
    write(tree, 3)
    unchain()
    backfill.backfill(apps, SimpleNamespace(connection=connection))
    assert verify_chain().checked == 3


def test_empty_trail_gets_a_head_at_the_start(db: None) -> None:
    AuditChainHead.objects.all().delete()
    assert backfill.build_chain(AuditEntry, AuditChainHead, ContentType) == 0
    head = AuditChainHead.objects.get()
    assert (head.last_id, head.last_sequence, head.last_hash) == (None, 0, GENESIS_HASH)
