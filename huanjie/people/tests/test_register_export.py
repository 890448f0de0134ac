"""Register exports: every download audited and uncached, large ones built in the background
(the same workbook, with progress), the file private to its requester and purged in time."""

from __future__ import annotations

import io
import stat
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any
from typing import Any as SettingsWrapper  # pytest-django's `settings` fixture

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.people import messages as msg
from huanjie.people.models import (
    RegisterExport,
    RegisterExportMode,
    RegisterExportStatus,
    RegisterImport,
    RegisterImportStatus,
)
from huanjie.people.register import exporting
from huanjie.people.register.downloads import FULL
from huanjie.people.register.export import village_register_workbook
from huanjie.people.register.importing import register_import_create, register_import_validate
from huanjie.people.register.parsing import parse_sheet
from huanjie.people.register.reading import read_register
from huanjie.people.register.retention import purge_exports
from huanjie.people.services.households import household_register_many
from huanjie.people.tests.helpers import family, xlsx_bytes
from huanjie.people.views_import import XLSX

DOWNLOAD = "register.export_download"
REPORT_DOWNLOAD = "register.import_report_download"


@pytest.fixture(autouse=True)
def media(settings: SettingsWrapper, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def big(tree: RegionTree) -> RegionTree:
    """东坑村 with two households of seven more: 3 households, 16 people."""
    parsed = parse_sheet(read_register(xlsx_bytes([*family("101", 20), *family("102", 40)])))
    household_register_many(village=tree.a1, households=parsed.households, acting_user=None)
    return tree


@pytest.fixture
def background(settings: SettingsWrapper) -> None:
    settings.HUANJIE_EXPORT_SYNC_MAX_PEOPLE = 0  # every export is built in the background


def _committee(tree: RegionTree, **names: str) -> User:
    return user_for(Role.ELECTION_COMMITTEE, tree.a1, **names)


def _url(name: str, tree: RegionTree, **kwargs: int) -> str:
    return reverse(f"people:{name}", kwargs={"village_id": tree.a1.pk, **kwargs})


def _no_store(response: Any) -> bool:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"no-store", "private"} <= directives


def _downloads() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=DOWNLOAD).order_by("id"))


def _sheets(data: bytes) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def _parts(data: bytes) -> dict[str, bytes]:
    """The workbook's parts but its creation time (docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


# --- small registers: at once, audited -----------------------------------------------------


def test_direct_download_is_audited_and_not_stored(client: Client, big: RegionTree) -> None:
    user = _committee(big)
    client.force_login(user)
    response = client.get(_url("register_export", big))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert _no_store(response)
    assert _sheets(response.content) == _sheets(village_register_workbook(big.a1))
    (entry,) = _downloads()
    export = RegisterExport.objects.get()
    assert (entry.actor, entry.actor_role, entry.village) == (user, Role.ELECTION_COMMITTEE, big.a1)
    assert entry.region_code == big.a1.prefix and entry.target_id == str(export.pk)
    assert entry.after == {
        "mode": RegisterExportMode.DIRECT,
        "households": 3,
        "people": 16,
        "id_number": FULL,
    }
    assert (export.mode, export.status, export.file.name) == ("direct", "ready", "")
    client.get(_url("register_export", big))
    assert len(_downloads()) == 2  # each download, not each export


def test_the_audit_page_lists_the_download(client: Client, big: RegionTree) -> None:
    client.force_login(_committee(big, last_name="柳", first_name="志强"))
    client.get(_url("register_export", big))
    body = client.get(reverse("core:village_audit", args=[big.a1.pk])).content.decode()
    assert "下载户籍登记导出文件" in body and "柳志强" in body and "直接下载" in body


def test_command_line_export_is_audited_and_private(big: RegionTree, tmp_path: Path) -> None:
    out = tmp_path / "export.xlsx"
    call_command("register_export", big.a1.code, str(out), stdout=io.StringIO())
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    (entry,) = _downloads()
    assert entry.actor is None and entry.after == {
        "mode": RegisterExportMode.COMMAND,
        "households": 3,
        "people": 16,
        "id_number": FULL,
    }
    assert _sheets(out.read_bytes()) == _sheets(village_register_workbook(big.a1))


# --- large registers: in the background ------------------------------------------------------


@pytest.mark.usefixtures("background")
def test_large_register_is_built_in_the_background_then_downloaded(
    client: Client, big: RegionTree, media: Path
) -> None:
    client.force_login(_committee(big, last_name="柳", first_name="志强"))
    page = client.get(_url("register_export", big))
    assert page.status_code == 200 and "生成导出文件" in page.content.decode()
    assert not _downloads() and not RegisterExport.objects.exists()

    response = client.post(_url("register_export_start", big))
    export = RegisterExport.objects.get()
    detail = _url("register_export_detail", big, export_id=export.pk)
    assert response.status_code == 302 and response["Location"] == detail
    # Tests run tasks inline: the file is built by now.
    export.refresh_from_db()
    assert (export.status, export.mode, export.people, export.households) == (
        "ready",
        "background",
        16,
        3,
    )
    path = Path(export.file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, media / "register_exports"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    body = client.get(detail).content.decode()
    download = _url("register_export_download", big, export_id=export.pk)
    assert download in body and "导出人 柳志强" in body and "共 3 户、16 人" in body
    assert not _downloads()  # built, not yet downloaded

    response = client.get(download)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert _no_store(response)
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    (entry,) = _downloads()
    assert entry.after is not None and entry.after["mode"] == RegisterExportMode.BACKGROUND
    assert entry.target_id == str(export.pk) and entry.village == big.a1
    # The same workbook as the one written inside the request (but its creation time).
    assert _parts(data) == _parts(village_register_workbook(big.a1))


def test_progress_is_reported_while_the_file_is_written(
    big: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exporting, "PROGRESS_EVERY", 2)
    export = exporting.register_export_request(village=big.a1, acting_user=_committee(big))
    seen: list[tuple[int, int, int, str]] = []

    def watch(done: int, total: int) -> None:
        row = RegisterExport.objects.get(pk=export.pk)
        seen.append((done, total, row.processed, row.status))

    exporting.register_export_build(export.pk, progress=watch)
    assert [s[:2] for s in seen] == [(done, 16) for done in range(2, 17, 2)]
    assert all(processed == done and status == "running" for done, _, processed, status in seen)
    export.refresh_from_db()
    assert (export.status, export.processed, export.total) == ("ready", 16, 16)


@pytest.mark.usefixtures("background")
def test_progress_fragment_polls_while_building_and_reloads_when_done(
    client: Client, big: RegionTree
) -> None:
    user = _committee(big)
    client.force_login(user)
    export = RegisterExport.objects.create(
        village=big.a1,
        requested_by=user,
        mode=RegisterExportMode.BACKGROUND,
        status=RegisterExportStatus.RUNNING,
        processed=40,
        total=200,
        heartbeat_at=timezone.now(),
    )
    url = _url("register_export_progress", big, export_id=export.pk)
    response = client.get(url)
    content = response.content.decode()
    assert 'hx-trigger="every 1s"' in content and "40 / 200" in content
    assert 'data-hj-progress="20"' in content and "HX-Refresh" not in response
    RegisterExport.objects.filter(pk=export.pk).update(status=RegisterExportStatus.READY)
    response = client.get(url)
    assert response["HX-Refresh"] == "true" and "every 1s" not in response.content.decode()


def test_a_build_whose_worker_died_shows_as_failed(
    client: Client, big: RegionTree, settings: SettingsWrapper
) -> None:
    settings.HUANJIE_IMPORT_LEASE_SECONDS = 60
    user = _committee(big)
    client.force_login(user)
    export = RegisterExport.objects.create(
        village=big.a1,
        requested_by=user,
        mode=RegisterExportMode.BACKGROUND,
        status=RegisterExportStatus.RUNNING,
        total=16,
        heartbeat_at=timezone.now() - timedelta(seconds=61),
    )
    body = client.get(_url("register_export_detail", big, export_id=export.pk)).content.decode()
    export.refresh_from_db()
    assert export.status == RegisterExportStatus.FAILED and msg.EXPORT_INTERRUPTED in body
    assert "重新导出" in body


def test_a_build_given_up_meanwhile_publishes_nothing(
    big: RegionTree, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exporting, "PROGRESS_EVERY", 2)
    export = exporting.register_export_request(village=big.a1, acting_user=_committee(big))

    def lease_lost(done: int, total: int) -> None:  # the lease expired while it wrote
        exporting.register_export_fail(export.pk, msg.EXPORT_INTERRUPTED)

    with pytest.raises(exporting.ExportAbandoned):
        exporting.register_export_build(export.pk, progress=lease_lost)
    export.refresh_from_db()
    assert (export.status, export.file.name) == ("failed", "")
    assert not (media / "register_exports").exists()


def test_a_build_given_up_after_storing_deletes_its_file(
    big: RegionTree, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = exporting.register_export_request(village=big.a1, acting_user=_committee(big))

    def stored_then_lost(path: str, under: str) -> None:  # expired between store and publish
        assert Path(path).is_file()
        exporting.register_export_fail(export.pk, msg.EXPORT_INTERRUPTED)

    monkeypatch.setattr("huanjie.people.register.exporting.keep_private", stored_then_lost)
    with pytest.raises(exporting.ExportAbandoned):
        exporting.register_export_build(export.pk)
    export.refresh_from_db()
    assert (export.status, export.file.name) == ("failed", "")
    assert not [p for p in (media / "register_exports").rglob("*") if p.is_file()]


def test_a_repeated_task_does_not_build_twice(big: RegionTree) -> None:
    export = exporting.register_export_request(village=big.a1, acting_user=_committee(big))
    first = exporting.register_export_build(export.pk)
    again = exporting.register_export_build(export.pk)
    assert first.file.name == again.file.name and again.status == RegisterExportStatus.READY


@pytest.mark.usefixtures("background")
def test_export_files_are_purged_after_the_retention_period(
    client: Client, big: RegionTree, settings: SettingsWrapper
) -> None:
    settings.HUANJIE_UPLOAD_RETENTION_DAYS = 30
    user = _committee(big)
    client.force_login(user)
    client.post(_url("register_export_start", big))
    client.post(_url("register_export_start", big))
    old, fresh = RegisterExport.objects.order_by("id")
    RegisterExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    out = io.StringIO()
    call_command("purge_uploads", stdout=out)
    assert "1 个导出文件" in out.getvalue()
    assert not Path(old.file.path).exists() and Path(fresh.file.path).exists()
    old.refresh_from_db()
    assert old.file.name == ""
    response = client.get(_url("register_export_download", big, export_id=old.pk), follow=True)
    assert "导出文件已按保存期限（30天）删除" in response.content.decode()
    assert not _downloads()
    assert purge_exports() == 0


# --- who may ---------------------------------------------------------------------------------

# (label, role, region key on the tree, what a GET of 东坑村 (a1)'s export gets): whoever reads
# the village's full register may take it away; a role that reads it masked is refused (403);
# a role without the village's pages does not find it (404).
MATRIX = [
    ("committee of the village", Role.ELECTION_COMMITTEE, "a1", 200),
    ("committee of another village", Role.ELECTION_COMMITTEE, "a2", 404),
    ("cadre of the village", Role.VILLAGE_CADRE, "a1", 200),
    ("cadre of another village", Role.VILLAGE_CADRE, "a2", 404),
    ("township officer of the township", Role.TOWNSHIP_OFFICER, "township_a", 200),
    ("township officer of another township", Role.TOWNSHIP_OFFICER, "township_b", 404),
    ("election office of the county", Role.ELECTION_OFFICE, "county", 200),
    ("election office of another county", Role.ELECTION_OFFICE, "other_county", 404),
    ("administrator", Role.ADMINISTRATOR, None, 200),
    ("party organization of the village", Role.VILLAGE_PARTY, "a1", 403),
    ("observer of the county", Role.OBSERVER, "county", 404),
    ("reviewer of the county", Role.REVIEWER, "county", 404),
]
MATRIX_IDS = [m[0] for m in MATRIX]


def _visitor(big: RegionTree, role: Role, where: str | None) -> User:
    return user_for(role, getattr(big, where) if where is not None else None)


@pytest.mark.parametrize(("role", "where", "status"), [m[1:] for m in MATRIX], ids=MATRIX_IDS)
def test_who_may_export_the_register(
    client: Client, big: RegionTree, role: Role, where: str | None, status: int
) -> None:
    visitor = _visitor(big, role, where)
    client.force_login(visitor)
    response = client.get(_url("register_export", big))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == XLSX
        (entry,) = _downloads()
        assert (entry.actor, entry.actor_role, entry.village) == (visitor, role, big.a1)
        return
    # Refused: nothing written, nothing recorded; a refusal says what is refused and who can.
    assert not _downloads() and not RegisterExport.objects.exists()
    if status == 403:
        body = response.content.decode()
        assert msg.EXPORT_REFUSED in body
        assert "导出" in msg.EXPORT_REFUSED and "修改" not in msg.EXPORT_REFUSED
        assert "乡镇组织委员" in msg.EXPORT_REFUSED and "村选委会" in msg.EXPORT_REFUSED


@pytest.mark.parametrize(("role", "where", "status"), [m[1:] for m in MATRIX], ids=MATRIX_IDS)
def test_the_village_page_offers_the_export_to_who_may(
    client: Client, big: RegionTree, role: Role, where: str | None, status: int
) -> None:
    client.force_login(_visitor(big, role, where))
    response = client.get(reverse("core:village", args=[big.a1.pk]))
    if response.status_code == 404:
        return  # no village page, no link
    assert (_url("register_export", big) in response.content.decode()) == (status == 200)


@pytest.mark.usefixtures("background")
@pytest.mark.parametrize(("role", "where", "status"), [m[1:] for m in MATRIX], ids=MATRIX_IDS)
def test_a_background_export_is_its_requesters_alone(
    client: Client, big: RegionTree, role: Role, where: str | None, status: int
) -> None:
    client.force_login(_committee(big))
    client.post(_url("register_export_start", big))
    export = RegisterExport.objects.get()
    client.force_login(_visitor(big, role, where))
    # Someone else's export is as missing to a user who may export as to one who may not.
    seen = 404 if status == 200 else status
    pages = ["register_export_detail", "register_export_progress", "register_export_download"]
    for name in pages:
        assert client.get(_url(name, big, export_id=export.pk)).status_code == seen, name
    started = client.post(_url("register_export_start", big)).status_code
    assert started == (302 if status == 200 else status)
    assert RegisterExport.objects.count() == (2 if status == 200 else 1)
    assert not _downloads()


@pytest.mark.usefixtures("background")
def test_another_keepers_export_is_not_found(client: Client, big: RegionTree) -> None:
    client.force_login(_committee(big))
    client.post(_url("register_export_start", big))
    export = RegisterExport.objects.get()
    client.force_login(_committee(big))  # a second member of the same committee
    for name in ("register_export_detail", "register_export_download"):
        assert client.get(_url(name, big, export_id=export.pk)).status_code == 404
    assert "您还没有导出过" in client.get(_url("register_export", big)).content.decode()
    assert not _downloads()


# --- the import's row report -----------------------------------------------------------------


def test_report_download_is_audited(client: Client, tree: RegionTree) -> None:
    rows = family("101", 20)
    rows[2][4] = rows[0][4]  # the head's ID number again: the report shows it
    ri = register_import_create(
        village=tree.a1, name="户籍.xlsx", data=xlsx_bytes(rows), acting_user=None
    )
    register_import_validate(ri)
    assert ri.status == RegisterImportStatus.FAILED
    user = _committee(tree)
    client.force_login(user)
    response = client.get(_url("import_report", tree, import_id=ri.pk))
    assert response.status_code == 200 and _no_store(response)
    assert rows[0][4] in str(_sheets(response.content))  # full ID numbers, for the committee
    entry = AuditEntry.objects.get(action=REPORT_DOWNLOAD)
    assert (entry.actor, entry.village, entry.target_id) == (user, tree.a1, str(ri.pk))
    assert entry.after == {
        "original_name": "户籍.xlsx",
        "error_count": ri.error_count,
        "warning_count": ri.warning_count,
        "id_number": FULL,
    }


def test_an_out_of_scope_report_is_not_found_and_not_audited(
    client: Client, tree: RegionTree
) -> None:
    ri = RegisterImport.objects.create(
        village=tree.a1, original_name="a.xlsx", file="a.xlsx", status=RegisterImportStatus.FAILED
    )
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a2))
    assert client.get(_url("import_report", tree, import_id=ri.pk)).status_code == 404
    assert not AuditEntry.objects.filter(action=REPORT_DOWNLOAD).exists()
