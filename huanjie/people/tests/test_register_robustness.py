"""A hostile or broken upload, a dead worker, private and purged files (issue 7 part 4)."""

from __future__ import annotations

import io
import os
import signal
import stat
import time
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any
from typing import Any as SettingsWrapper  # pytest-django's `settings` fixture

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.people import messages as msg
from huanjie.people.models import (
    SYMMETRIC_KINDS,
    CloseRelative,
    Household,
    Person,
    RegisterImport,
    RegisterImportStatus,
)
from huanjie.people.register import importing, reading
from huanjie.people.register.columns import COLUMN_NAMES
from huanjie.people.register.diff import diff_register
from huanjie.people.register.importing import (
    register_import_claim,
    register_import_create,
    register_import_expire,
    register_import_validate,
    register_import_write,
)
from huanjie.people.register.sandbox import ChildCrashed, ChildTimedOut, run_in_child
from huanjie.people.register.tasks import CRASHED
from huanjie.people.tests.helpers import family, xlsx_bytes

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
    '"xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="户籍" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    'sheet1.xml"/></Relationships>'
)


def bomb_xlsx(*, dimension: bool = True, cell: str = "XFD1048576") -> bytes:
    """A valid xlsx of a few KB whose only cell sits at `cell` (the whole sheet's corner)."""
    ref = f'<dimension ref="A1:{cell}"/>' if dimension else ""
    row = "".join(ch for ch in cell if ch.isdigit())
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main">{ref}<sheetData><row r="{row}"><c r="{cell}" '
        't="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _CT)
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _BOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        book.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def _upload(client: Client, tree: RegionTree, data: bytes) -> RegisterImport:
    url = reverse("people:import_upload", kwargs={"village_id": tree.a1.pk})
    client.post(url, {"file": SimpleUploadedFile("户籍.xlsx", data)})
    return RegisterImport.objects.order_by("-pk").first()  # type: ignore[return-value]


def _detail(ri: RegisterImport) -> str:
    return reverse("people:import_detail", kwargs={"village_id": ri.village_id, "import_id": ri.pk})


def _people() -> int:
    return Person.objects.count()


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [
        (
            True,
            msg.FILE_RANGE_DECLARED_TOO_LARGE.format(
                range="A1:XFD1048576", rows=200000, columns=64
            ),
        ),
        (False, msg.FILE_RANGE_USED_TOO_LARGE.format(cell="XFD1048576", rows=200000, columns=64)),
    ],
)
def test_dimension_bomb_is_refused_and_the_next_upload_imports(
    client: Client, tree: RegionTree, dimension: bool, expected: str
) -> None:
    data = bomb_xlsx(dimension=dimension)
    assert len(data) < 3000  # calamine would ask for 16384 × 1048576 cells
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    before = _people()
    bomb = _upload(client, tree, data)
    assert bomb.status == RegisterImportStatus.FAILED
    assert bomb.report["file_error"] == expected
    assert expected in client.get(_detail(bomb)).content.decode()
    assert _people() == before
    # The same process goes on: a valid upload validates and imports at once.
    good = _upload(client, tree, xlsx_bytes(family("101", 20)))
    assert good.status == RegisterImportStatus.VALIDATED, good.report
    client.post(f"{_detail(good)}confirm/")
    good.refresh_from_db()
    assert good.status == RegisterImportStatus.IMPORTED
    assert _people() == before + 7


def test_a_sheet_within_the_limits_is_read(tree: RegionTree) -> None:
    # The bomb's shape at an ordinary corner passes the guard (and then lacks a header).
    _, error, _ = importing.check_file(tree.a1, bomb_xlsx(cell="M200"), today=timezone.localdate())
    assert error == msg.FILE_NO_HEADER


def test_zip_unpacking_beyond_the_limit_is_refused(
    tree: RegionTree, settings: SettingsWrapper
) -> None:
    settings.HUANJIE_REGISTER_MAX_UNCOMPRESSED_MB = 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/workbook.xml", _BOOK)
        book.writestr("xl/media/filler.bin", b"\0" * (3 << 20))
    assert len(buffer.getvalue()) < 10_000
    _, error, _ = importing.check_file(tree.a1, buffer.getvalue(), today=timezone.localdate())
    assert error == msg.FILE_UNPACKED_TOO_LARGE.format(limit=1)


def test_too_many_csv_rows_are_refused(tree: RegionTree, settings: SettingsWrapper) -> None:
    settings.HUANJIE_REGISTER_MAX_ROWS = 5
    data = (",".join(COLUMN_NAMES) + "\n" + "101,一组,张三\n" * 9).encode()
    _, error, _ = importing.check_file(tree.a1, data, today=timezone.localdate())
    assert error == msg.FILE_TOO_MANY_ROWS.format(count=10, limit=5)


def _allocate() -> bytes:
    return b"x" * (64 << 30)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _sleep() -> None:
    time.sleep(30)


@pytest.mark.parametrize(
    ("func", "error"), [(_allocate, ChildCrashed), (_die, ChildCrashed), (_sleep, ChildTimedOut)]
)
def test_the_child_fails_alone(func: object, error: type[Exception]) -> None:
    started = time.monotonic()
    with pytest.raises(error):
        run_in_child(func, memory_mb=256, timeout=1.5)  # type: ignore[arg-type]
    assert time.monotonic() - started < 10
    assert run_in_child(sum, [1, 2, 3], memory_mb=256, timeout=10) == 6  # still fine here


def test_a_parser_that_exhausts_memory_fails_that_import_only(
    client: Client, tree: RegionTree, monkeypatch: pytest.MonkeyPatch, settings: SettingsWrapper
) -> None:
    settings.HUANJIE_REGISTER_PARSE_MEMORY_MB = 256
    real = reading.read_register
    monkeypatch.setattr(reading, "read_register", lambda data: _allocate())
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    crashed = _upload(client, tree, xlsx_bytes(family("101", 20)))
    assert crashed.status == RegisterImportStatus.FAILED
    assert crashed.report["file_error"] == msg.FILE_READ_CRASHED
    monkeypatch.setattr(reading, "read_register", real)
    assert (
        _upload(client, tree, xlsx_bytes(family("101", 20))).status
        == RegisterImportStatus.VALIDATED
    )


def _claimed(tree: RegionTree, rows: list[list[str]]) -> RegisterImport:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1, name="a.xlsx", data=xlsx_bytes(rows), acting_user=user
    )
    register_import_validate(ri)
    register_import_claim(register_import=ri)
    return ri


def _age(ri: RegisterImport, seconds: float) -> None:
    RegisterImport.objects.filter(pk=ri.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_an_import_whose_worker_died_is_failed_after_its_lease_and_can_be_retried(
    client: Client, tree: RegionTree, settings: SettingsWrapper
) -> None:
    settings.HUANJIE_IMPORT_LEASE_SECONDS = 60
    ri = _claimed(tree, family("101", 20))
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    _age(ri, 30)  # a worker that beat 30 s ago is alive
    assert "正在导入" in client.get(_detail(ri)).content.decode()
    _age(ri, 61)
    page = client.get(_detail(ri)).content.decode()
    ri.refresh_from_db()
    assert ri.status == RegisterImportStatus.FAILED
    assert msg.IMPORT_INTERRUPTED in page and "重新导入" in page
    assert not Person.objects.filter(household__number="101").exists()
    client.post(f"{_detail(ri)}retry/")
    ri.refresh_from_db()
    assert ri.status == RegisterImportStatus.IMPORTED and ri.attempt == 1
    assert Person.objects.filter(household__number="101", village=tree.a1).count() == 7
    # Nothing left to retry.
    client.post(f"{_detail(ri)}retry/")
    assert RegisterImport.objects.get(pk=ri.pk).status == RegisterImportStatus.IMPORTED


def test_a_validation_whose_worker_died_is_retried_as_a_validation(
    client: Client, tree: RegionTree
) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1, name="a.xlsx", data=xlsx_bytes(family("101", 20)), acting_user=user
    )
    _age(ri, 10_000)
    client.force_login(user)
    assert msg.IMPORT_INTERRUPTED in client.get(_detail(ri)).content.decode()
    client.post(f"{_detail(ri)}retry/")
    assert RegisterImport.objects.get(pk=ri.pk).status == RegisterImportStatus.VALIDATED


def test_a_run_given_up_meanwhile_publishes_nothing(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    ri = _claimed(tree, family("101", 20) + family("102", 30))
    real = diff_register

    def check_then_lose_the_lease(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        _age(ri, 10_000)
        assert register_import_expire(RegisterImport.objects.get(pk=ri.pk))
        return found

    monkeypatch.setattr(importing, "diff_register", check_then_lose_the_lease)
    before = _people()
    with pytest.raises(importing.RunAbandoned):
        register_import_write(register_import=ri, acting_user=None)
    assert _people() == before
    assert RegisterImport.objects.get(pk=ri.pk).report["file_error"] == msg.IMPORT_INTERRUPTED


def test_a_crash_while_publishing_leaves_nothing_and_offers_a_retry(
    client: Client, tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    ri = _upload(client, tree, xlsx_bytes(family("101", 20) + family("102", 30)))
    households, people = Household.objects.count(), _people()

    def audit_fails(**_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "record_audit", audit_fails)
    client.post(f"{_detail(ri)}confirm/")  # the task fails (the inline backend records it)
    # Households and people were inserted before the audit entry: all rolled back together.
    assert (Household.objects.count(), _people()) == (households, people)
    ri.refresh_from_db()
    assert ri.status == RegisterImportStatus.FAILED and ri.report["file_error"] == CRASHED
    monkeypatch.undo()
    client.post(f"{_detail(ri)}retry/")
    assert RegisterImport.objects.get(pk=ri.pk).status == RegisterImportStatus.IMPORTED
    assert _people() == people + 14


def test_the_published_import_matches_the_rows(tree: RegionTree) -> None:
    rows = family("101", 20) + family("102", 30, group="第九村民小组")
    rows[0][12] = "致富带头人；退役军人"
    ri = _claimed(tree, rows)
    register_import_write(register_import=ri, acting_user=None)
    assert ri.status == RegisterImportStatus.IMPORTED, ri.report
    head = Person.objects.get(id_number=rows[0][4])
    assert head.household is not None and head.household.villager_group.name == "第一村民小组"
    assert sorted(head.tags.values_list("tag", flat=True)) == ["business_leader", "veteran"]
    assert list(
        Household.objects.filter(village=tree.a1, number__in=["101", "102"])
        .order_by("pk")
        .values_list("number", flat=True)
    ) == ["101", "102"]
    stored = CloseRelative.objects.filter(person_a__household__number__in=["101", "102"])
    assert ri.relations == stored.count() > 0
    assert all(r.person_a_id < r.person_b_id for r in stored if r.kind in SYMMETRIC_KINDS)


def test_other_villages_are_named_only_within_the_readers_scope(tree: RegionTree) -> None:
    from huanjie.accounts.policy import village_scope

    rows = [*family("101", 20), family("101", 40)[2]]
    rows[-1][4] = tree.heads["b1"].id_number  # registered in 梧桐村, another township
    committee = village_scope(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    county = village_scope(user_for(Role.ELECTION_OFFICE, tree.county))
    for scope, expected in [
        (committee, msg.ID_IN_COUNTY_VILLAGE),
        (county, msg.ID_IN_OTHER_VILLAGE.format(village="梧桐村")),
    ]:
        outcome, _, _ = importing.check_file(
            tree.a1, xlsx_bytes(rows), today=timezone.localdate(), scope=scope
        )
        messages = [p.message for p in outcome.errors]
        assert messages == [expected]
    rows[-1][4] = tree.heads["a2"].id_number  # same township
    outcome, _, _ = importing.check_file(
        tree.a1, xlsx_bytes(rows), today=timezone.localdate(), scope=committee
    )
    assert [p.message for p in outcome.errors] == [msg.ID_IN_TOWNSHIP_VILLAGE]
    assert all("大均村" not in p.message for p in outcome.problems)


def test_uploads_are_private_and_purged_after_the_retention_period(
    tree: RegionTree, settings: SettingsWrapper
) -> None:
    settings.HUANJIE_UPLOAD_RETENTION_DAYS = 30
    ri = register_import_create(
        village=tree.a1, name="a.xlsx", data=xlsx_bytes(family("101", 20)), acting_user=None
    )
    register_import_validate(ri)
    path = Path(ri.file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    top = Path(settings.MEDIA_ROOT) / "register_imports"
    for folder in (path.parent, path.parent.parent, top):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    fresh = register_import_create(village=tree.a1, name="b.xlsx", data=b"x", acting_user=None)
    register_import_validate(fresh)
    RegisterImport.objects.filter(pk=ri.pk).update(created_at=timezone.now() - timedelta(days=31))
    out = io.StringIO()
    call_command("purge_uploads", stdout=out)
    assert "已删除 1 个" in out.getvalue()
    assert not path.exists() and Path(fresh.file.path).exists()
    ri.refresh_from_db()
    assert not ri.file and ri.status == RegisterImportStatus.VALIDATED
    # A purged import cannot be retried: the message says to upload again.
    RegisterImport.objects.filter(pk=ri.pk).update(
        status=RegisterImportStatus.FAILED, report={"interrupted": "import"}
    )
    ri.refresh_from_db()
    with pytest.raises(Exception, match="已按保存期限"):
        importing.register_import_retry(register_import=ri)


def test_the_worker_purges_old_uploads_after_a_step(tree: RegionTree) -> None:
    from huanjie.people.register.tasks import validate_register_import

    old = register_import_create(village=tree.a1, name="a.xlsx", data=b"x", acting_user=None)
    register_import_validate(old)
    RegisterImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    path = Path(old.file.path)
    new = register_import_create(village=tree.a1, name="b.xlsx", data=b"x", acting_user=None)
    validate_register_import.enqueue(new.pk)  # inline in the tests
    assert not path.exists() and Path(new.file.path).exists()


def test_the_command_refuses_the_bomb_too(tree: RegionTree, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb_xlsx())
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("register_import", tree.a1.code, str(path), stdout=out)
    assert "A1:XFD1048576" in out.getvalue() and "请删除多余的行列后重新上传" in out.getvalue()
    assert not Person.objects.filter(household__number="101").exists()
