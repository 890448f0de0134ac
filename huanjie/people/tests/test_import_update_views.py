"""The import pages for a later import: the preview, switching what the file covers, removing a
failed upload from the list, and what an empty or damaged upload says."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.people import messages as msg
from huanjie.people.models import (
    Person,
    RegisterCoverage,
    RegisterImport,
    RegisterImportStatus,
    RegisterStatus,
)
from huanjie.people.tests.helpers import family, xlsx_bytes


def _upload(client: Client, tree: RegionTree, data: bytes, **extra: str) -> RegisterImport:
    url = reverse("people:import_upload", kwargs={"village_id": tree.a1.pk})
    client.post(url, {"file": SimpleUploadedFile("户籍.xlsx", data), **extra})
    return RegisterImport.objects.order_by("-id").first()  # type: ignore[return-value]


def _detail(tree: RegionTree, ri: RegisterImport, action: str = "") -> str:
    url = reverse("people:import_detail", kwargs={"village_id": tree.a1.pk, "import_id": ri.pk})
    return f"{url}{action}/" if action else url


def _committee(client: Client, tree: RegionTree) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))


def test_the_preview_page_lists_each_change_and_confirm_applies_it(
    client: Client, tree: RegionTree
) -> None:
    _committee(client, tree)
    first = _upload(client, tree, xlsx_bytes(family("101", 20)))
    client.post(_detail(tree, first, "confirm"))
    rows = family("101", 20)
    rows[0][11] = "13900000000"
    del rows[6]  # the daughter-in-law is not in the file
    ri = _upload(client, tree, xlsx_bytes(rows))
    page = client.get(_detail(tree, ri)).content.decode()
    assert "导入预览" in page and "信息有变更 1" in page and "登记为已迁出 1" in page
    assert "联系电话：" in page and "13900000000" in page and "儿媳101" in page
    client.post(_detail(tree, ri, "confirm"))
    assert Person.objects.get(name="儿媳101").status == RegisterStatus.MOVED_OUT
    assert "已写入的变更" in client.get(_detail(tree, ri)).content.decode()


def test_switching_to_the_whole_village_previews_again(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    ri = _upload(client, tree, xlsx_bytes(family("101", 20)))
    assert ri.coverage == RegisterCoverage.HOUSEHOLDS
    assert ri.report["preview"]["counts"]["leaving"] == 0
    client.post(_detail(tree, ri, "recheck"), {"coverage": RegisterCoverage.VILLAGE})
    ri.refresh_from_db()
    assert ri.status == RegisterImportStatus.VALIDATED and ri.coverage == RegisterCoverage.VILLAGE
    # The tree's household 001 (head and spouse) is not in the file.
    assert ri.report["preview"]["counts"]["leaving"] == 2
    # An imported file is not previewed again.
    client.post(_detail(tree, ri, "confirm"))
    response = client.post(_detail(tree, ri, "recheck"), {"coverage": "households"}, follow=True)
    assert "不能重新生成预览" in response.content.decode()
    ri.refresh_from_db()
    assert ri.coverage == RegisterCoverage.VILLAGE


def test_a_failed_upload_can_be_removed_from_the_list(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    rows = family("101", 20)
    rows[1][4] = rows[0][4]
    ri = _upload(client, tree, xlsx_bytes(rows))
    upload_page = reverse("people:import_upload", kwargs={"village_id": tree.a1.pk})
    assert ri.original_name in client.get(upload_page).content.decode()
    response = client.post(_detail(tree, ri, "dismiss"), follow=True)
    assert "已把“户籍.xlsx”从最近的导入中移除" in response.content.decode()
    assert "最近的导入" in response.content.decode()
    assert "本村还没有导入过户籍登记" in client.get(upload_page).content.decode()
    ri.refresh_from_db()
    assert ri.dismissed_at is not None and ri.dismissed_by is not None
    assert AuditEntry.objects.filter(action="people.register_import_dismiss").count() == 1


def test_an_imported_file_stays_on_the_list(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    ri = _upload(client, tree, xlsx_bytes(family("101", 20)))
    client.post(_detail(tree, ri, "confirm"))
    before = AuditEntry.objects.count()
    response = client.post(_detail(tree, ri, "dismiss"), follow=True)
    assert msg.IMPORT_NOT_DISMISSABLE in response.content.decode()
    ri.refresh_from_db()
    assert ri.dismissed_at is None and AuditEntry.objects.count() == before


def test_only_the_keeper_removes_or_rechecks(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    ri = _upload(client, tree, xlsx_bytes(family("101", 20)))
    client.force_login(user_for(Role.TOWNSHIP_OFFICER, tree.township_a))
    assert client.post(_detail(tree, ri, "dismiss")).status_code == 403
    assert client.post(_detail(tree, ri, "recheck"), {"coverage": "village"}).status_code == 403
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a2))
    assert client.post(_detail(tree, ri, "dismiss")).status_code == 404
    ri.refresh_from_db()
    assert ri.dismissed_at is None and ri.coverage == RegisterCoverage.HOUSEHOLDS


def test_an_empty_submit_says_which_file_to_choose(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    url = reverse("people:import_upload", kwargs={"village_id": tree.a1.pk})
    page = client.post(url, {}).content.decode()
    assert "请先选择要上传的户籍登记表" in page and "“上传并校验”" in page
    assert not RegisterImport.objects.exists()


def test_a_damaged_xlsx_says_it_is_damaged(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    ri = _upload(client, tree, "这不是表格，只是改了扩展名".encode())
    assert ri.status == RegisterImportStatus.FAILED
    assert ri.report["file_error"] == msg.FILE_DAMAGED.format(name="户籍.xlsx")
    page = client.get(_detail(tree, ri)).content.decode()
    assert "已损坏" in page and "没有找到表头" not in page
