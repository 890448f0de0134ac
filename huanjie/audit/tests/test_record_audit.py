"""The audit entry is written in the transaction of its change, or not at all."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.http import Http404

from huanjie.accounts.gates import access_village
from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, build_region_tree
from huanjie.audit.actions import AuditAction
from huanjie.audit.models import AuditEntry
from huanjie.audit.selectors import target_history, village_audit
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.people.models import Person

RENAME = AuditAction("test.rename", "修改姓名")


def rename(person: Person, name: str, actor: User | None, *, fail: bool = False) -> None:
    """A service in the house style: change, then audit, in one transaction."""
    with transaction.atomic():
        before = snapshot(person, ["name"])
        person.name = name
        person.save()
        record_audit(
            actor=actor,
            action=RENAME,
            target=person,
            before=before,
            after=snapshot(person, ["name"]),
            village=person.village,
        )
        if fail:
            raise RuntimeError("refused after the audit entry was written")


def test_entry_is_written_with_the_change(tree: RegionTree) -> None:
    clerk = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    person = tree.spouses["a1"]
    rename(person, "王小芳", clerk)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_role) == (clerk, Role.ELECTION_COMMITTEE)
    assert (entry.action, entry.action_label) == ("test.rename", "修改姓名")
    assert (entry.target_id, entry.target_repr) == (str(person.pk), "王小芳")
    assert entry.target_type.model_class() is Person
    assert (entry.village, entry.region_code) == (tree.a1, "331127100201")
    assert entry.before == {"name": "东坑村配偶"}
    assert entry.after == {"name": "王小芳"}


def test_entry_is_absent_after_a_rolled_back_change(tree: RegionTree) -> None:
    person = tree.spouses["a1"]
    with pytest.raises(RuntimeError):
        rename(person, "王小芳", user_for(Role.ELECTION_COMMITTEE, tree.a1), fail=True)
    assert not AuditEntry.objects.exists()
    assert Person.objects.get(pk=person.pk).name == "东坑村配偶"


@pytest.mark.django_db(transaction=True)
def test_refused_outside_a_transaction() -> None:
    tree = build_region_tree()
    with pytest.raises(TransactionManagementError):
        record_audit(actor=None, action=RENAME, target=tree.a1)
    assert not AuditEntry.objects.exists()


def test_entries_are_append_only(tree: RegionTree) -> None:
    rename(tree.heads["b1"], "李四", None)
    entry = AuditEntry.objects.get()
    entry.action_label = "别的"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert AuditEntry.objects.get().action_label == "修改姓名"


def test_actor_role_is_a_snapshot(tree: RegionTree) -> None:
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)
    rename(tree.heads["a2"], "张三", officer)
    officer.role = Role.OBSERVER
    officer.save()
    assert AuditEntry.objects.get().actor_role == Role.TOWNSHIP_OFFICER


def test_superuser_is_recorded_as_administrator(tree: RegionTree) -> None:
    root = user_for(Role.OBSERVER, is_superuser=True)
    rename(tree.heads["a2"], "张三", root)
    assert AuditEntry.objects.get().actor_role == Role.ADMINISTRATOR


@pytest.mark.parametrize(
    ("scope", "code"),
    [("village", "331127100201"), ("township", "331127100"), ("none", "")],
    ids=["village", "township", "system-wide"],
)
def test_region_code_prefix(tree: RegionTree, scope: str, code: str) -> None:
    with transaction.atomic():
        entry = record_audit(
            actor=None,
            action=RENAME,
            target=tree.a1,
            village=tree.a1 if scope == "village" else None,
            region=tree.township_a if scope == "township" else None,
        )
    assert entry.region_code == code


def test_village_must_be_a_village(tree: RegionTree) -> None:
    with transaction.atomic(), pytest.raises(ValueError):
        record_audit(actor=None, action=RENAME, target=tree.a1, village=tree.township_a)


def test_snapshot_is_json_safe(tree: RegionTree) -> None:
    cadre = user_for(Role.VILLAGE_CADRE, tree.a1)
    person = tree.heads["a1"]
    assert snapshot(person, ["birth_date", "village", "hukou_in_village"]) == {
        "birth_date": "1980-01-01",
        "village": tree.a1.pk,
        "hukou_in_village": True,
    }
    assert snapshot(cadre, ["role", "assigned_villages"]) == {
        "role": "village_cadre",
        "assigned_villages": [tree.a1.pk],
    }
    everything = snapshot(person)
    assert "created_at" not in everything
    assert everything["id_number"] == person.id_number  # nothing masked: the viewer masks
    assert date.fromisoformat(everything["birth_date"]) == person.birth_date
    with pytest.raises(ValueError):
        snapshot(tree.a1, ["households"])  # a reverse relation is not stored on the row


def test_village_audit_is_scoped(tree: RegionTree) -> None:
    rename(tree.heads["a1"], "甲", None)
    rename(tree.heads["a2"], "乙", None)
    rename(tree.spouses["a1"], "丙", None)
    clerk = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    assert [e.target_repr for e in village_audit(access_village(clerk, tree.a1.pk))] == ["丙", "甲"]
    for outsider in (clerk, user_for(Role.OBSERVER, tree.county)):
        with pytest.raises(Http404):
            village_audit(access_village(outsider, tree.a2.pk))
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)
    assert [e.target_repr for e in village_audit(access_village(officer, tree.a2.pk))] == ["乙"]


def test_target_history(tree: RegionTree) -> None:
    person = tree.heads["b1"]
    rename(person, "一", None)
    rename(person, "二", None)
    rename(tree.heads["a1"], "三", None)
    assert [e.after for e in target_history(person)] == [{"name": "二"}, {"name": "一"}]
