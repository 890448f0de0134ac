"""A later import updates the register: the preview lists exactly what confirming applies."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.audit.models import AuditEntry
from huanjie.people.models import (
    CloseRelative,
    Household,
    Person,
    PersonTag,
    RegisterCoverage,
    RegisterImport,
    RegisterImportStatus,
    RegisterStatus,
)
from huanjie.people.register.importing import (
    register_import_confirm,
    register_import_create,
    register_import_validate,
)
from huanjie.people.tests.helpers import family, row, xlsx_bytes


def _validate(
    tree: RegionTree, rows: list[list[str]], coverage: str = RegisterCoverage.HOUSEHOLDS
) -> RegisterImport:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1,
        name="户籍.xlsx",
        data=xlsx_bytes(rows),
        acting_user=user,
        coverage=coverage,
    )
    register_import_validate(ri)
    return ri


def _import(tree: RegionTree, rows: list[list[str]], **kwargs: Any) -> RegisterImport:
    ri = _validate(tree, rows, **kwargs)
    assert ri.status == RegisterImportStatus.VALIDATED, ri.report
    register_import_confirm(register_import=ri, acting_user=ri.created_by)
    assert ri.status == RegisterImportStatus.IMPORTED, ri.report
    return ri


def _register(tree: RegionTree) -> dict[str, tuple[str, str, str, str]]:
    """Everyone of a1 by name: (status, 户号, 村民小组, phone)."""
    people = Person.objects.filter(village=tree.a1).select_related("household__villager_group")
    return {
        p.name: (p.status, _household(p).number, _household(p).villager_group.name, p.phone)
        for p in people
    }


def _household(person: Person) -> Household:
    assert person.household is not None
    return person.household


def _state() -> tuple[Any, ...]:
    return (
        sorted(Person.objects.values_list("id_number", "status", "household_id", "phone", "name")),
        sorted(Household.objects.values_list("number", "villager_group_id")),
        sorted(CloseRelative.objects.values_list("person_a_id", "person_b_id", "kind")),
        sorted(PersonTag.objects.values_list("person_id", "tag")),
    )


def test_a_changed_file_is_previewed_and_applied_exactly(tree: RegionTree) -> None:
    first = family("101", 20) + family("102", 30)
    _import(tree, first)
    changed = [list(r) for r in family("101", 20) + family("102", 30)]
    changed[0][11] = "13800000000"  # the head of 101 gives a phone number
    changed[1][7] = "本科"  # the spouse of 101: 初中 → 本科
    del changed[3]  # the daughter of 101 is no longer in the file: she leaves
    for r in changed[6:13]:
        r[1] = "第二村民小组"  # household 102 moves to another group
    changed[9][:2] = ["101", "第一村民小组"]  # 102's daughter is listed in household 101 now
    changed.append(row("101", "新生儿", valid_id(99, birth="20250101"), "孙子"))
    changed += family("103", 40)
    before = AuditEntry.objects.count()

    ri = _validate(tree, changed)

    assert ri.status == RegisterImportStatus.VALIDATED, ri.report
    preview = ri.report["preview"]
    assert preview["counts"] == {
        "new_households": 1,
        "regrouped": 1,
        "added": 8,
        "moved_in": 0,
        "returned": 0,
        "changed": 3,
        "leaving": 1,
        "unchanged": 10,
    }
    changes = {e["name"]: e["changes"] for e in preview["changed"]}
    assert changes == {
        "户主101": [["联系电话", "", "13800000000"]],
        "配偶101": [["文化程度", "初中", "本科"]],
        "女儿102": [["户号", "102", "101"]],
    }
    assert [e["name"] for e in preview["leaving"]] == ["女儿101"]
    assert preview["regrouped"] == [["102", "第一村民小组", "第二村民小组"]]
    assert AuditEntry.objects.count() == before  # a preview writes nothing

    register_import_confirm(register_import=ri, acting_user=ri.created_by)

    assert ri.status == RegisterImportStatus.IMPORTED, ri.report
    register = _register(tree)
    assert register["户主101"][3] == "13800000000"
    assert Person.objects.get(name="配偶101").education == "bachelor"
    assert register["女儿101"][0] == RegisterStatus.MOVED_OUT
    assert register["女儿102"][:2] == (RegisterStatus.ACTIVE, "101")
    assert register["户主102"][2] == "第二村民小组"
    assert register["新生儿"][:2] == (RegisterStatus.ACTIVE, "101")
    assert register["户主103"][0] == RegisterStatus.ACTIVE
    left = Person.objects.get(name="女儿101")
    assert left.status_on == timezone.localdate() and "户籍.xlsx" in left.status_note
    # One entry per person changed, one for the household regrouped, one for the import.
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True)[before:])
    assert sorted(actions) == sorted(
        ["people.import_household_regroup"]
        + ["people.import_person_update"] * 3
        + ["people.import_person_leave"]
        + ["people.households_register"]
    )


def test_the_same_file_again_changes_nothing(tree: RegionTree) -> None:
    rows = family("101", 20)
    _import(tree, rows)
    before = _state()
    ri = _import(tree, rows)
    assert ri.report["preview"]["counts"]["unchanged"] == 7
    assert sum(ri.report["preview"]["counts"].values()) == 7
    assert _state() == before


def test_the_whole_village_file_takes_everyone_else_off_the_register(tree: RegionTree) -> None:
    _import(tree, family("101", 20) + family("102", 30))
    ri = _validate(tree, family("101", 20), coverage=RegisterCoverage.VILLAGE)
    leaving = {e["name"] for e in ri.report["preview"]["leaving"]}
    # Household 102 and the tree's own household 001 are not in the file.
    assert len(leaving) == 9 and "户主102" in leaving and tree.heads["a1"].name in leaving
    register_import_confirm(register_import=ri, acting_user=None)
    assert Person.objects.on_register().filter(village=tree.a1).count() == 7
    # Listing only some households keeps the others as they are.
    ri = _import(tree, family("101", 20))
    assert ri.report["preview"]["counts"]["leaving"] == 0


def test_people_come_back_and_move_in_from_another_village(tree: RegionTree) -> None:
    _import(tree, family("101", 20))
    daughter = Person.objects.get(name="女儿101")
    daughter.status, daughter.status_on = RegisterStatus.MOVED_OUT, date(2026, 1, 2)
    daughter.save()
    mover = tree.heads["b1"]
    mover.status, mover.status_on = RegisterStatus.MOVED_OUT, date(2026, 2, 3)
    mover.save()
    rows = [*family("101", 20), row("104", mover.name, mover.id_number)]

    ri = _validate(tree, rows)

    preview = ri.report["preview"]
    assert [e["name"] for e in preview["returned"]] == ["女儿101"]
    assert [e["name"] for e in preview["moved_in"]] == [mover.name]
    # The committee of a1 does not see b1: the other village is not named.
    assert tree.b1.name not in preview["moved_in"][0]["note"]
    register_import_confirm(register_import=ri, acting_user=ri.created_by)
    mover.refresh_from_db()
    assert (mover.village_id, mover.status, _household(mover).number) == (
        tree.a1.pk,
        RegisterStatus.ACTIVE,
        "104",
    )
    assert Person.objects.get(pk=daughter.pk).status == RegisterStatus.ACTIVE
    assert AuditEntry.objects.filter(
        action="people.import_person_move_in", target_id=str(mover.pk)
    ).exists()


def test_what_cannot_be_applied_is_an_error_and_nothing_changes(tree: RegionTree) -> None:
    _import(tree, family("101", 20))
    dead = Person.objects.get(name="父亲101")
    dead.status, dead.status_on = RegisterStatus.DECEASED, date(2026, 5, 1)
    dead.save()
    # The head of the tree's household 001 is listed in a new household 105: 001's spouse
    # (not in the file) would be left without a head.
    head = tree.heads["a1"]
    rows = [*family("101", 20), row("105", head.name, head.id_number)]
    rows += [row("106", tree.heads["a2"].name, tree.heads["a2"].id_number)]  # active in a2
    before = _state()

    ri = _validate(tree, rows)

    assert ri.status == RegisterImportStatus.FAILED
    problems = {(p["name"], p["column"]): p["message"] for p in ri.report["problems"]}
    assert "2026-05-01" in problems[("父亲101", "身份证号")]
    assert "没有户主" in problems[(head.name, "户号")]
    assert (tree.heads["a2"].name, "身份证号") in problems
    assert "preview" not in ri.report
    assert _state() == before


def test_a_rejected_relation_stays_rejected_after_a_reimport(tree: RegionTree) -> None:
    rows = family("101", 20)
    _import(tree, rows)
    link = CloseRelative.objects.get(kind="sibling")
    link.rejected_at = timezone.now()
    link.save()
    changed = [list(r) for r in rows]
    changed[2][5] = "其他"  # the son was a foster child after all; the daughter stays a 女
    _import(tree, changed)
    assert CloseRelative.objects.filter(pk=link.pk, rejected_at__isnull=False).exists()
    son = Person.objects.get(name="儿子101")
    assert not CloseRelative.objects.filter(person_b=son, kind="parent_child").exists()


def test_the_export_imported_back_changes_nothing(tree: RegionTree) -> None:
    from huanjie.people.register.export import village_register_workbook

    _import(tree, family("101", 20))
    gone = Person.objects.get(name="父亲101")
    gone.status, gone.status_on = RegisterStatus.DECEASED, date(2026, 5, 1)
    gone.save()
    before = _state()
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1, name="导出.xlsx", data=village_register_workbook(tree.a1), acting_user=user
    )
    register_import_validate(ri)
    assert ri.status == RegisterImportStatus.VALIDATED, ri.report
    counts = ri.report["preview"]["counts"]
    assert counts["unchanged"] == 8 and sum(counts.values()) == 8  # 6 of 101 and the tree's 2
    register_import_confirm(register_import=ri, acting_user=user)
    assert _state() == before


def test_a_change_is_audited_with_only_what_changed(tree: RegionTree) -> None:
    rows = family("101", 20)
    rows[0][12] = "退役军人"
    _import(tree, rows)
    rows[0][11] = "13600000000"
    _import(tree, rows)
    entry = AuditEntry.objects.get(action="people.import_person_update")
    before, after = entry.before or {}, entry.after or {}
    changed = {k for k in after if before.get(k) != after[k]}
    assert changed == {"phone"} and before["tags"] == ["veteran"]
