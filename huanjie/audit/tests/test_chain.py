"""The audit trail is a hash chain: each write extends it, and verify_chain names the first
entry that was altered, deleted or inserted behind the application's back."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection, transaction

from huanjie.accounts.tests.region_tree import RegionTree, build_region_tree
from huanjie.audit.chain import (
    GENESIS_HASH,
    ChainBreak,
    ChainRow,
    canonical_content,
    compute_hash,
    row_of,
    verify_chain,
)
from huanjie.audit.models import AuditChainHead, AuditEntry
from huanjie.audit.services import record_audit
from huanjie.audit.tests.chain_helpers import (
    CHANGE,
    alter,
    column,
    delete,
    forge,
    rehash,
    sql,
    write,
)

ROW = ChainRow(
    id=7,
    sequence=3,
    created_at=datetime(2026, 11, 22, 9, 3, 5, 120000, tzinfo=UTC),
    actor_id=2,
    actor_role="election_committee",
    action="test.chain",
    action_label="测试修改",
    target_type="people.person",
    target_id="11",
    target_repr="王小芳",
    village_id=5,
    region_code="331127100201",
    before={"name": "王芳", "seats": 3},
    after={"name": "王小芳", "seats": 3},
    prev_hash="a" * 64,
    entry_hash="",
)


def test_canonical_content_is_stable_json() -> None:
    expected = (
        '{"action":"test.chain","action_label":"测试修改","actor":2,'
        '"actor_role":"election_committee","after":{"name":"王小芳","seats":3},'
        '"before":{"name":"王芳","seats":3},"created_at":"2026-11-22T09:03:05.120000Z",'
        f'"prev_hash":"{"a" * 64}","region_code":"331127100201","sequence":3,'
        '"target_id":"11","target_repr":"王小芳","target_type":"people.person","v":1,'
        '"village":5}'
    )
    assert canonical_content(ROW) == expected.encode()


def test_hash_ignores_how_the_same_content_is_spelled() -> None:
    shanghai = timezone(timedelta(hours=8))
    same = ROW._replace(
        created_at=ROW.created_at.astimezone(shanghai),
        before={"seats": 3.0, "name": "王芳"},  # key order; jsonb reads 3.0 back as 3
    )
    assert compute_hash(same) == compute_hash(ROW)
    assert len(compute_hash(ROW)) == 64
    # The sequence places the entry; the id is given by the insert, after the hash is taken.
    assert compute_hash(ROW._replace(id=8)) == compute_hash(ROW)


@pytest.mark.parametrize(
    "change",
    [
        {"sequence": 4},
        {"created_at": ROW.created_at + timedelta(microseconds=1)},
        {"actor_id": None},
        {"actor_role": "observer"},
        {"action_label": "别的"},
        {"target_type": "people.household"},
        {"target_id": "12"},
        {"target_repr": "王芳"},
        {"village_id": 6},
        {"region_code": "331127100202"},
        {"before": {"name": "王芳", "seats": 4}},
        {"after": None},
        {"prev_hash": "b" * 64},
    ],
    ids=lambda change: next(iter(change)),
)
def test_every_field_counts(change: dict[str, object]) -> None:
    assert compute_hash(ROW._replace(**change)) != compute_hash(ROW)  # type: ignore[arg-type]


def test_writes_extend_the_chain(tree: RegionTree) -> None:
    written = write(tree, 3)
    entries = list(AuditEntry.objects.order_by("id"))
    assert [e.sequence for e in entries] == [1, 2, 3]
    assert [e.prev_hash for e in entries] == [GENESIS_HASH, *(e.entry_hash for e in entries[:2])]
    for entry, returned in zip(entries, written, strict=True):
        # What the writer hashed (a date in `after`) is what the column gives back.
        recomputed = compute_hash(row_of(entry, "people.person"))
        assert entry.entry_hash == returned.entry_hash == recomputed
    head = AuditChainHead.objects.get()
    assert (head.last_id, head.last_sequence, head.last_hash) == (
        entries[2].pk,
        3,
        entries[2].entry_hash,
    )


def test_rolled_back_write_leaves_the_chain_as_it_was(tree: RegionTree) -> None:
    write(tree, 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        record_audit(actor=None, action=CHANGE, target=tree.a1, village=tree.a1)
        raise RuntimeError("refused")
    (later,) = write(tree, 1)
    assert later.sequence == 2
    assert verify_chain().ok


def test_empty_chain_verifies(db: None) -> None:
    result = verify_chain()
    assert (result.ok, result.checked, result.length) == (True, 0, 0)


def test_intact_chain_verifies(tree: RegionTree) -> None:
    entries = write(tree, 3)
    result = verify_chain()
    assert (result.ok, result.checked, result.length) == (True, 3, 3)
    assert result.head_hash == entries[-1].entry_hash
    assert result.first_bad_id is None and result.kind is None
    assert result.description == "审计链校验通过：共 3 条记录，逐条核对无误。"
    head = AuditChainHead.objects.get()
    assert (head.verified_id, head.failure) == (entries[-1].pk, None)
    assert head.fully_verified_at is not None


@pytest.mark.parametrize("field", ["target_repr", "action_label", "actor_role", "prev_hash"])
def test_altered_entry_is_named(tree: RegionTree, field: str) -> None:
    entries = write(tree, 3)
    alter(entries[1], field, "x" * 20)
    result = verify_chain()
    assert (result.ok, result.kind, result.first_bad_id) == (False, "altered", entries[1].pk)
    assert result.checked == 1
    assert result.broken is not None and result.broken.position == 2
    assert result.description.startswith(f"第 2 条记录（编号 {entries[1].pk}，")
    assert "）被改动：内容与它的哈希不符。" in result.description


def test_altered_hash_is_named(tree: RegionTree) -> None:
    entries = write(tree, 3)
    alter(entries[2], "entry_hash", "f" * 64)
    assert (verify_chain().kind, verify_chain().first_bad_id) == ("altered", entries[2].pk)


def test_altered_json_is_named(tree: RegionTree) -> None:
    entries = write(tree, 3)
    after = column("after")
    sql(
        f"UPDATE {{table}} SET {after} = (SELECT {after} FROM {{table}} WHERE id = %s) "
        "WHERE id = %s",
        [entries[0].pk, entries[1].pk],
    )
    copied = AuditEntry.objects.get(pk=entries[1].pk).after
    assert copied == {"name": "新名0", "birth_date": "1980-01-01"}
    assert (verify_chain().kind, verify_chain().first_bad_id) == ("altered", entries[1].pk)


def test_altered_entry_with_a_recomputed_hash_is_named(tree: RegionTree) -> None:
    entries = write(tree, 3)
    alter(entries[1])
    rehash(entries[1].pk)  # consistent in itself: the next entry still names the old hash
    result = verify_chain()
    assert (result.kind, result.first_bad_id) == ("altered", entries[1].pk)
    assert "哈希也被重新计算" in result.description


def test_altered_last_entry_with_a_recomputed_hash_is_named(tree: RegionTree) -> None:
    entries = write(tree, 3)
    alter(entries[2])
    rehash(entries[2].pk)  # only the chain head still names the old hash
    result = verify_chain()
    assert (result.kind, result.first_bad_id) == ("altered", entries[2].pk)


def test_deleted_entry_is_detected(tree: RegionTree) -> None:
    entries = write(tree, 4)
    delete(entries[1])
    delete(entries[2])
    result = verify_chain()
    assert (result.ok, result.kind, result.first_bad_id) == (False, "deleted", entries[3].pk)
    assert result.broken is not None
    assert (result.broken.position, result.broken.missing) == (2, 2)
    assert result.description.startswith("自第 2 条起有 2 条记录被删除，缺在记录（编号 ")


def test_deleted_first_entry_is_detected(tree: RegionTree) -> None:
    entries = write(tree, 2)
    delete(entries[0])
    result = verify_chain()
    assert (result.kind, result.first_bad_id) == ("deleted", entries[1].pk)


def test_deleted_last_entry_is_detected(tree: RegionTree) -> None:
    entries = write(tree, 3)
    delete(entries[2])
    result = verify_chain()
    assert (result.kind, result.first_bad_id) == ("deleted", None)
    assert result.description == "最后 1 条记录（自第 3 条起）被删除。"


def test_forged_entry_after_the_head_is_inserted(tree: RegionTree) -> None:
    entries = write(tree, 3)
    # Chained correctly onto the last entry, with a correct hash: only the head knows better.
    forged = forge(entries[2], sequence=4, prev_hash=entries[2].entry_hash)
    result = verify_chain()
    assert (result.ok, result.kind, result.first_bad_id) == (False, "inserted", forged)
    assert result.broken is not None and result.broken.position == 4
    assert result.checked == 3
    assert f"第 4 条处插入了一条不是系统写入的记录（编号 {forged}，" in result.description


def test_forged_entry_followed_by_real_writes_is_inserted(tree: RegionTree) -> None:
    entries = write(tree, 3)
    forged = forge(entries[2], sequence=99, prev_hash=entries[2].entry_hash, entry_hash="e" * 64)
    (later,) = write(tree, 1)
    assert later.prev_hash == entries[2].entry_hash  # the writer chains past the forgery
    result = verify_chain()
    assert (result.kind, result.first_bad_id) == ("inserted", forged)
    assert "后面的记录越过它" in result.description


def test_forged_chained_entries_between_real_ones_are_inserted(tree: RegionTree) -> None:
    entries = write(tree, 2)
    first = forge(entries[1], sequence=50, prev_hash=entries[1].entry_hash)
    second = forge(entries[1], sequence=51, prev_hash=AuditEntry.objects.get(pk=first).entry_hash)
    write(tree, 1)
    result = verify_chain()
    assert (result.kind, result.first_bad_id) == ("inserted", first)
    assert second > first


def test_break_is_kept_on_the_head_until_a_verification_passes(tree: RegionTree) -> None:
    entries = write(tree, 2)
    alter(entries[0])
    verify_chain()
    stored = AuditChainHead.objects.get().failure
    assert stored is not None
    broken = ChainBreak.from_json(stored)
    assert (broken.kind, broken.entry_id, broken.position) == ("altered", entries[0].pk, 1)
    assert broken.created_at == entries[0].created_at
    alter(entries[0], value=entries[0].target_repr)  # restored from a backup
    assert verify_chain().ok
    assert AuditChainHead.objects.get().failure is None


def test_verification_without_record_leaves_the_head(tree: RegionTree) -> None:
    entries = write(tree, 2)
    alter(entries[0])
    assert not verify_chain(record=False).ok
    assert AuditChainHead.objects.get().failure is None


@pytest.mark.django_db(transaction=True)
def test_lost_head_is_picked_up_from_the_newest_entry() -> None:
    tree = build_region_tree()
    write(tree, 2)
    AuditChainHead.objects.all().delete()
    assert verify_chain().ok  # the entries alone still chain
    write(tree, 1)
    assert AuditChainHead.objects.get().last_sequence == 3
    assert verify_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes all writes")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_chain_onto_the_same_entry() -> None:
    tree = build_region_tree()
    write(tree, 1)
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            start.wait()
            write(tree, 5)
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(AuditEntry.objects.values_list("sequence", flat=True)) == list(range(1, 22))
    assert verify_chain().ok
