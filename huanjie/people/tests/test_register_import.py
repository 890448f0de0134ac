"""The import end to end: all or nothing, one transaction, one audit entry, derived relations."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import DjangoAssertNumQueries

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.audit.models import AuditEntry
from huanjie.people import messages as msg
from huanjie.people.models import (
    CloseRelative,
    Household,
    Person,
    PersonTag,
    RegisterImport,
    RegisterImportStatus,
    RegisterStatus,
    RelationSource,
)
from huanjie.people.register.export import village_register_rows
from huanjie.people.register.importing import (
    register_import_confirm,
    register_import_create,
    register_import_validate,
)
from huanjie.people.register.inputs import HouseholdInput
from huanjie.people.register.parsing import parse_sheet
from huanjie.people.register.reading import read_register
from huanjie.people.tests.helpers import family, row, write_xlsx, xlsx_bytes
from huanjie.regions.models import VillagerGroup


def _counts() -> dict[str, int]:
    return {
        "households": Household.objects.count(),
        "people": Person.objects.count(),
        "relations": CloseRelative.objects.count(),
        "tags": PersonTag.objects.count(),
        "groups": VillagerGroup.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def _run(tree: RegionTree, data: bytes) -> RegisterImport:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(village=tree.a1, name="户籍.xlsx", data=data, acting_user=user)
    register_import_validate(ri)
    if ri.status == RegisterImportStatus.VALIDATED:
        register_import_confirm(register_import=ri, acting_user=user)
    return ri


def test_one_bad_row_writes_nothing_and_reports_the_row(tree: RegionTree) -> None:
    rows = family("101", 20) + family("102", 40, group="第九村民小组")
    rows[9][3] = "女"  # row 11 in Excel: 102's spouse? no: 102's son, recorded as female
    before = _counts()
    ri = _run(tree, xlsx_bytes(rows))
    assert ri.status == RegisterImportStatus.FAILED
    assert _counts() == before  # no household, person, relation, group, or audit entry
    problems = ri.report["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(11, "性别")]
    assert ri.error_count == 1


def test_good_file_imports_in_one_transaction_with_derived_relations(tree: RegionTree) -> None:
    rows = [*family("101", 20), *family("102", 40, group="第二村民小组")]
    rows[0][12] = "致富带头人、退役军人"
    before = _counts()
    ri = _run(tree, xlsx_bytes(rows))
    assert ri.status == RegisterImportStatus.IMPORTED, ri.report
    after = _counts()
    assert after["households"] - before["households"] == 2
    assert after["people"] - before["people"] == 14
    assert after["tags"] - before["tags"] == 2
    assert after["groups"] - before["groups"] == 1  # 第二村民小组 is new, 第一 existed
    assert after["audit"] - before["audit"] == 1  # one entry for the whole import
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "people.households_register"
    assert entry.target_id == str(ri.pk) and entry.village == tree.a1
    assert entry.after is not None
    assert entry.after["villager_groups_created"] == ["第二村民小组"]

    # domain.md §1, per household of 7: head–spouse, head–son, head–daughter, parent–head,
    # head–grandson, son–daughter (siblings); nothing for the daughter-in-law, nothing
    # between the spouse and the children, nothing between the son and the grandson.
    household = Household.objects.get(village=tree.a1, number="101")
    by_name = {p.name: p for p in household.members.all()}
    links = {
        (by_name_of(r.person_a_id, by_name), by_name_of(r.person_b_id, by_name), r.kind)
        for r in CloseRelative.objects.filter(person_a__household=household)
    }
    spouse_pair = tuple(sorted(["户主101", "配偶101"], key=lambda n: by_name[n].pk))
    assert links == {
        (*spouse_pair, "spouse"),
        ("户主101", "儿子101", "parent_child"),
        ("户主101", "女儿101", "parent_child"),
        ("父亲101", "户主101", "parent_child"),
        ("户主101", "孙子101", "grandparent_grandchild"),
        ("儿子101", "女儿101", "sibling"),
    }
    assert set(CloseRelative.objects.values_list("source", flat=True)) == {RelationSource.DERIVED}
    assert ri.relations == 12
    head = by_name["户主101"]
    assert (head.sex, str(head.birth_date), head.relation_to_head) == ("M", "1979-03-15", "head")


def by_name_of(pk: int, by_name: dict[str, Person]) -> str:
    return next(name for name, person in by_name.items() if person.pk == pk)


def test_preview_lists_new_groups_and_writes_nothing(tree: RegionTree) -> None:
    before = _counts()
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1,
        name="户籍.xlsx",
        data=xlsx_bytes(family("101", 20, group="第三村民小组")),
        acting_user=user,
    )
    register_import_validate(ri)
    assert ri.status == RegisterImportStatus.VALIDATED
    assert ri.report["new_groups"] == ["第三村民小组"]
    assert (ri.households, ri.people, ri.processed, ri.total) == (1, 7, 7, 7)
    assert _counts() == before


def test_new_groups_are_listed_and_created_in_the_files_order(tree: RegionTree) -> None:
    # 二 (U+4E8C), 十 (U+5341), 三 (U+4E09): a string sort would list 三、二、十.
    names = ["第二村民小组", "第十村民小组", "第三村民小组"]
    rows = [*family("101", 20, group=names[0]), *family("102", 40, group=names[1])]
    rows += family("103", 60, group=names[2])
    ri = _run(tree, xlsx_bytes(rows))
    assert ri.status == RegisterImportStatus.IMPORTED, ri.report
    assert ri.report["new_groups"] == names
    created = VillagerGroup.objects.filter(village=tree.a1, name__in=names).order_by("id")
    assert [g.name for g in created] == names


def test_a_register_changed_after_the_preview_shows_the_new_preview_first(
    tree: RegionTree,
) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    rows = family("101", 20)
    ri = register_import_create(
        village=tree.a1, name="a.xlsx", data=xlsx_bytes(rows), acting_user=user
    )
    register_import_validate(ri)
    assert ri.report["preview"]["counts"]["new_households"] == 1
    # Someone registers the same household number through another import in the meantime.
    other = register_import_create(
        village=tree.a1,
        name="b.xlsx",
        data=xlsx_bytes([row("101", "赵六", valid_id(90))]),
        acting_user=user,
    )
    register_import_validate(other)
    register_import_confirm(register_import=other, acting_user=user)
    before = _counts()
    register_import_confirm(register_import=ri, acting_user=user)
    # Nothing nobody has seen is applied: the new preview waits for confirmation.
    assert ri.status == RegisterImportStatus.VALIDATED
    assert _counts() == before
    assert ri.report["changed_since_preview"]
    preview = ri.report["preview"]
    assert preview["counts"]["new_households"] == 0
    assert [e["name"] for e in preview["leaving"]] == ["赵六"]
    register_import_confirm(register_import=ri, acting_user=user)
    assert ri.status == RegisterImportStatus.IMPORTED
    assert Person.objects.get(id_number=valid_id(90)).status == RegisterStatus.MOVED_OUT


def test_a_conflict_after_the_preview_fails_the_confirmed_import(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    rows = family("101", 20)
    ri = register_import_create(
        village=tree.a1, name="a.xlsx", data=xlsx_bytes(rows), acting_user=user
    )
    register_import_validate(ri)
    # One of the file's people is registered in another village in the meantime.
    head = rows[0]
    other = register_import_create(
        village=tree.a2,
        name="b.xlsx",
        data=xlsx_bytes([row("201", head[2], head[4])]),
        acting_user=user_for(Role.ELECTION_COMMITTEE, tree.a2),
    )
    register_import_validate(other)
    register_import_confirm(register_import=other, acting_user=None)
    before = _counts()
    register_import_confirm(register_import=ri, acting_user=user)
    assert ri.status == RegisterImportStatus.FAILED
    assert _counts() == before
    assert ri.report["changed_since_preview"]
    problem = ri.report["problems"][0]
    assert problem["column"] == "身份证号" and problem["name"] == head[2]


def test_confirm_refuses_a_file_that_is_not_validated(tree: RegionTree) -> None:
    from django.core.exceptions import ValidationError

    rows = family("101", 20)
    rows[0][4] = "123"
    ri = _run(tree, xlsx_bytes(rows))
    with pytest.raises(ValidationError):
        register_import_confirm(register_import=ri, acting_user=None)


def test_import_of_200_rows_uses_few_queries(
    tree: RegionTree, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    rows: list[list[str]] = []
    for h in range(200 // 8):
        rows += [
            *family(f"{200 + h}", 100 + h * 10),
            row(f"{200 + h}", f"女婿{h}", valid_id(100 + h * 10 + 7), "女婿"),
        ]
    assert len(rows) == 200
    data = xlsx_bytes(rows)
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(village=tree.a1, name="a.xlsx", data=data, acting_user=user)
    # A fixed number per step, whatever the rows; the diff against the register (a few
    # set-based reads) is computed for the preview, and once more before the write. (On
    # SQLite a write into a near-empty table also drops and rebuilds its few indexes.)
    with django_assert_max_num_queries(90):
        register_import_validate(ri)
        register_import_confirm(register_import=ri, acting_user=user)
    assert ri.status == RegisterImportStatus.IMPORTED, ri.report
    assert ri.people == 200


def test_export_parses_back_to_identical_rows(tree: RegionTree, tmp_path: Path) -> None:
    rows = [*family("101", 20), *family("102", 40, group="第二村民小组")]
    rows[0][12] = "致富带头人；退役军人"
    rows[1][11] = "13800000000"
    rows[2][9] = "否"
    _run(tree, xlsx_bytes(rows))
    out = tmp_path / "export.xlsx"
    call_command("register_export", tree.a1.code, str(out))
    exported = parse_sheet(read_register(out.read_bytes()))
    imported = parse_sheet(read_register(xlsx_bytes(rows)))
    assert exported.problems == []
    # The export also holds the tree's own household 001; the imported ones come back unchanged.
    by_number = {h.number: _without_rows(h) for h in exported.households}
    for household in imported.households:
        assert by_number[household.number] == _without_rows(household)
    assert len(list(village_register_rows(tree.a1))) == 2 + 14


def _without_rows(household: HouseholdInput) -> HouseholdInput:
    return replace(household, members=tuple(replace(m, row=None) for m in household.members))


def test_export_imported_into_another_village_is_refused_as_duplicates(
    tree: RegionTree, tmp_path: Path
) -> None:
    _run(tree, xlsx_bytes(family("101", 20)))
    out = tmp_path / "export.xlsx"
    call_command("register_export", tree.a1.code, str(out))
    before = _counts()
    user = user_for(Role.ELECTION_COMMITTEE, tree.a2)
    ri = register_import_create(
        village=tree.a2, name="x.xlsx", data=out.read_bytes(), acting_user=user
    )
    register_import_validate(ri)
    assert ri.status == RegisterImportStatus.FAILED
    assert _counts() == before
    by_column: dict[str, list[str]] = {}
    for p in ri.report["problems"]:
        by_column.setdefault(p["column"], []).append(p["message"])
    # 7 imported + the tree's head and spouse of household 001, each already in 东坑村. (大均村's
    # own household 001 is no error: a file that lists it updates it.)
    assert len(by_column["身份证号"]) == 9 and list(by_column) == ["身份证号"]
    # 大均村's committee may not open 东坑村: the report does not name it.
    assert all(m == msg.ID_IN_TOWNSHIP_VILLAGE for m in by_column["身份证号"])


def test_cli_dry_run_writes_nothing_then_imports(
    tree: RegionTree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "户籍.xlsx", family("101", 20))
    before = _counts()
    call_command("register_import", tree.a1.code, str(path), "--dry-run")
    assert _counts() == before
    out = capsys.readouterr().out
    assert "校验通过（未写入）：文件共1户，7人" in out and "预览：新增户1，新增人员7" in out
    call_command("register_import", tree.a1.code, str(path))
    assert Person.objects.filter(household__number="101", village=tree.a1).count() == 7
    assert "已按预览写入，推导近亲属关系6条" in capsys.readouterr().out


def test_cli_prints_the_report_and_exits_2_on_errors(
    tree: RegionTree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = family("101", 20)
    rows[3][3] = "男"
    path = write_xlsx(tmp_path / "户籍.xlsx", rows)
    with pytest.raises(CommandError) as info:
        call_command("register_import", tree.a1.code, str(path))
    assert info.value.returncode == 2
    out = capsys.readouterr().out
    assert "性别填写为“男”" in out and "5" in out


def test_cli_report_shows_each_message_whole(
    tree: RegionTree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = family("101", 20)
    rows[3][3] = "男"
    path = write_xlsx(tmp_path / "户籍.xlsx", rows)
    with pytest.raises(CommandError):
        call_command("register_import", tree.a1.code, str(path))
    out = capsys.readouterr().out
    # The message is the table's last column, folded over as many lines as it needs.
    message = "".join(
        line.split("│")[-2].strip() for line in out.splitlines() if line.count("│") == 7
    )
    assert "…" not in out
    assert msg.SEX_MISMATCH.format(sex="男", id_sex="女") in message


def test_cli_refuses_a_file_over_the_size_limit(
    tree: RegionTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("huanjie.people.register.importing.MAX_UPLOAD_MB", 0)
    path = write_xlsx(tmp_path / "a.xlsx", family("101", 20))
    with pytest.raises(CommandError, match="文件超过0MB") as info:
        call_command("register_import", tree.a1.code, str(path))
    assert info.value.returncode == 2
    assert not RegisterImport.objects.exists()


def test_cli_unknown_village(tmp_path: Path, db: None) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", family("101", 20))
    with pytest.raises(CommandError, match="没有区划代码为 999999999999 的村"):
        call_command("register_import", "999999999999", str(path))


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from huanjie.people.register import reading
    from huanjie.people.register.table import check_table as real

    monkeypatch.setattr(reading, "KEEP_BYTES", 0)  # every file counts as large here
    checks: list[int] = []

    def counted(entries: Any, **kwargs: Any) -> Any:
        checks.append(len(entries))
        return real(entries, **kwargs)

    monkeypatch.setattr("huanjie.people.register.importing.check_table", counted)
    return checks


def test_the_write_takes_the_previews_check_of_a_large_file(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = _counting_checks(monkeypatch)
    rows = [*family("101", 20), *family("102", 40, group="第二村民小组")]
    progress: list[tuple[int, int]] = []
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1, name="户籍.xlsx", data=xlsx_bytes(rows), acting_user=user
    )
    register_import_validate(ri)
    register_import_confirm(
        register_import=ri, acting_user=user, progress=lambda d, t: progress.append((d, t))
    )
    assert ri.status == RegisterImportStatus.IMPORTED, ri.report
    assert checks == [len(rows)]  # checked once, for the preview
    assert progress == [(len(rows), len(rows))]  # the bar still reaches its end
    imported = Person.objects.filter(id_number__in=[r[4] for r in rows], village=tree.a1)
    assert imported.count() == len(rows)


def test_a_large_file_is_checked_again_when_the_day_changed_since_the_preview(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    checks = _counting_checks(monkeypatch)
    rows = family("101", 20)
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1, name="a.xlsx", data=xlsx_bytes(rows), acting_user=user
    )
    register_import_validate(ri)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    register_import_confirm(register_import=ri, acting_user=user)
    assert ri.status == RegisterImportStatus.IMPORTED, ri.report
    assert checks == [len(rows), len(rows)]


def test_a_conflict_after_the_preview_of_a_large_file_fails_it_and_writes_nothing(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huanjie.people.register import importing

    checks = _counting_checks(monkeypatch)
    rows = family("101", 20)
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1, name="a.xlsx", data=xlsx_bytes(rows), acting_user=user
    )
    register_import_validate(ri)
    kept = dict(importing._CHECKED)
    # One of the file's people is registered in another village in the meantime, by a write
    # that keeps the kept check (as a write from another process would).
    head = rows[0]
    other = register_import_create(
        village=tree.a2,
        name="b.xlsx",
        data=xlsx_bytes([row("201", head[2], head[4])]),
        acting_user=user_for(Role.ELECTION_COMMITTEE, tree.a2),
    )
    register_import_validate(other)
    register_import_confirm(register_import=other, acting_user=None)
    importing._CHECKED.update(kept)
    before = _counts()
    register_import_confirm(register_import=ri, acting_user=user)
    assert ri.status == RegisterImportStatus.FAILED
    assert _counts() == before
    assert [p["column"] for p in ri.report["problems"]] == ["身份证号"]
    assert len(checks) == 2  # ri's preview and the other file's: ri's write took its own
