"""The import pages: the permission matrix, and the flow upload → preview → confirm."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from python_calamine import CalamineWorkbook

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.people.models import Person, RegisterImport, RegisterImportStatus
from huanjie.people.register.checks import masked
from huanjie.people.register.inputs import Problem
from huanjie.people.tests.helpers import family, xlsx_bytes
from huanjie.people.views_import import REPORT_ROWS_SHOWN

# The import is the keepers' (the matrix below); who may export the register is tested with the
# export (test_register_export.py: every role that reads the full register).
PAGES = ["import_upload"]


def _url(name: str, tree: RegionTree) -> str:
    return reverse(f"people:{name}", kwargs={"village_id": tree.a1.pk})


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client: Client, tree: RegionTree, name: str) -> None:
    response = client.get(_url(name, tree))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


# (label, role, region key on the tree, expected status) for 东坑村 (a1)
MATRIX = [
    ("committee of the village", Role.ELECTION_COMMITTEE, "a1", 200),
    ("committee of another village", Role.ELECTION_COMMITTEE, "a2", 404),
    # domain.md §1: only the village's election committee changes its register.
    ("township officer of the township", Role.TOWNSHIP_OFFICER, "township_a", 403),
    ("township officer of another township", Role.TOWNSHIP_OFFICER, "township_b", 404),
    ("election office of the county", Role.ELECTION_OFFICE, "county", 403),
    ("election office of another county", Role.ELECTION_OFFICE, "other_county", 404),
    ("administrator", Role.ADMINISTRATOR, None, 403),
    ("party organization of the village", Role.VILLAGE_PARTY, "a1", 403),
    ("cadre assigned to the village", Role.VILLAGE_CADRE, "a1", 403),
    ("observer of the county", Role.OBSERVER, "county", 404),
    ("reviewer of the county", Role.REVIEWER, "county", 404),
]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    ("role", "where", "status"), [m[1:] for m in MATRIX], ids=[m[0] for m in MATRIX]
)
def test_permission_matrix(
    client: Client, tree: RegionTree, name: str, role: Role, where: str | None, status: int
) -> None:
    region = getattr(tree, where) if where is not None else None
    client.force_login(user_for(role, region))
    assert client.get(_url(name, tree)).status_code == status


def test_missing_village_is_404(client: Client, tree: RegionTree) -> None:
    client.force_login(user_for(Role.ADMINISTRATOR))
    url = reverse("people:import_upload", kwargs={"village_id": 10**9})
    assert client.get(url).status_code == 404


def test_an_import_of_another_village_is_404(client: Client, tree: RegionTree) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    other = RegisterImport.objects.create(village=tree.a2, original_name="x.xlsx", file="x.xlsx")
    url = reverse("people:import_detail", kwargs={"village_id": tree.a1.pk, "import_id": other.pk})
    assert client.get(url).status_code == 404


def test_template_download_is_a_workbook(client: Client, tree: RegionTree) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    response = client.get(reverse("people:import_template"))
    assert response.status_code == 200
    assert response.content.startswith(b"PK")
    assert "attachment" in response["Content-Disposition"]


def test_upload_preview_confirm_result(client: Client, tree: RegionTree) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    upload = SimpleUploadedFile("户籍.xlsx", xlsx_bytes(family("101", 20, group="第五村民小组")))
    response = client.post(_url("import_upload", tree), {"file": upload})
    register_import = RegisterImport.objects.get()
    detail = reverse(
        "people:import_detail", kwargs={"village_id": tree.a1.pk, "import_id": register_import.pk}
    )
    assert response.status_code == 302 and response["Location"] == detail
    # Tests run tasks inline: validation has finished by now.
    page = client.get(detail)
    assert register_import.__class__.objects.get().status == RegisterImportStatus.VALIDATED
    content = page.content.decode()
    assert "第五村民小组" in content and "确认导入" in content
    assert not Person.objects.filter(household__number="101").exists()

    response = client.post(f"{detail}confirm/")
    assert response.status_code == 302
    register_import.refresh_from_db()
    assert register_import.status == RegisterImportStatus.IMPORTED
    assert Person.objects.filter(household__number="101", village=tree.a1).count() == 7
    assert "已按预览写入：新增户 1，新增人员 7" in client.get(detail).content.decode()


def test_failed_upload_shows_the_row_report(client: Client, tree: RegionTree) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    rows = family("101", 20)
    rows[2][4] = valid_id(20)  # the head's ID again
    client.post(
        _url("import_upload", tree), {"file": SimpleUploadedFile("a.xlsx", xlsx_bytes(rows))}
    )
    register_import = RegisterImport.objects.get()
    assert register_import.status == RegisterImportStatus.FAILED
    detail = reverse(
        "people:import_detail", kwargs={"village_id": tree.a1.pk, "import_id": register_import.pk}
    )
    content = client.get(detail).content.decode()
    assert "与第2行的身份证号重复" in content and "重新上传" in content
    assert client.post(f"{detail}confirm/").status_code == 302
    register_import.refresh_from_db()
    assert register_import.status == RegisterImportStatus.FAILED


def test_progress_fragment_polls_while_running_and_reloads_when_done(
    client: Client, tree: RegionTree
) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    running = RegisterImport.objects.create(
        village=tree.a1, original_name="a.xlsx", file="a.xlsx", processed=40, total=200
    )
    url = reverse(
        "people:import_progress", kwargs={"village_id": tree.a1.pk, "import_id": running.pk}
    )
    response = client.get(url)
    content = response.content.decode()
    assert 'hx-trigger="every 1s"' in content and "40 / 200" in content and "20%" in content
    assert "HX-Refresh" not in response
    RegisterImport.objects.filter(pk=running.pk).update(status=RegisterImportStatus.FAILED)
    response = client.get(url)
    assert response["HX-Refresh"] == "true"
    assert "every 1s" not in response.content.decode()


def test_masked_report_hides_id_numbers_only() -> None:
    problem = Problem(3, "身份证号", "校验位不符", "331127197903150419")
    assert masked(problem).value == "331…0419"
    other = Problem(3, "性别", "不符", "男")
    assert masked(other) is other


def test_confirm_shows_the_progress_before_the_worker_starts(
    client: Client, tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a real worker the write starts later: the page after the click must already poll,
    not offer the confirm button again (which looked as if nothing had happened)."""
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    upload = SimpleUploadedFile("户籍.xlsx", xlsx_bytes(family("101", 20)))
    client.post(_url("import_upload", tree), {"file": upload})
    register_import = RegisterImport.objects.get()
    queued: list[tuple[object, ...]] = []

    class NotYetRun:  # the task as queued for a worker that has not picked it up
        @staticmethod
        def enqueue(*args: object) -> None:
            queued.append(args)

    monkeypatch.setattr("huanjie.people.views_import.confirm_register_import", NotYetRun)
    detail = reverse(
        "people:import_detail", kwargs={"village_id": tree.a1.pk, "import_id": register_import.pk}
    )
    client.post(f"{detail}confirm/")
    content = client.get(detail).content.decode()
    assert 'hx-trigger="every 1s"' in content and "正在导入" in content
    assert "确认导入</button>" not in content
    assert len(queued) == 1
    # A second click queues nothing more and says why.
    second = client.post(f"{detail}confirm/", follow=True).content.decode()
    assert len(queued) == 1 and "不能再次确认" in second
    # The queued task then writes the claimed file.
    from huanjie.people.register.tasks import confirm_register_import

    confirm_register_import.call(register_import.pk, None)
    register_import.refresh_from_db()
    assert register_import.status == RegisterImportStatus.IMPORTED
    assert Person.objects.filter(household__number="101", village=tree.a1).count() == 7


def _failed_import(tree: RegionTree, problems: int) -> RegisterImport:
    report = {
        "file_error": None,
        "problems": [
            Problem(
                row, "身份证号", "与第2行的身份证号重复", valid_id(row), name=f"村民{row}"
            ).as_json()
            for row in range(3, 3 + problems)
        ],
    }
    return RegisterImport.objects.create(
        village=tree.a1,
        original_name="大表.xlsx",
        file="x.xlsx",
        status=RegisterImportStatus.FAILED,
        error_count=problems,
        report=report,
    )


def _import_url(name: str, tree: RegionTree, register_import: RegisterImport) -> str:
    kwargs = {"village_id": tree.a1.pk, "import_id": register_import.pk}
    return reverse(f"people:{name}", kwargs=kwargs)


def test_a_long_report_is_cut_on_the_page_and_whole_in_the_download(
    client: Client, tree: RegionTree
) -> None:
    register_import = _failed_import(tree, REPORT_ROWS_SHOWN + 20)
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    content = client.get(_import_url("import_detail", tree, register_import)).content.decode()
    assert content.count("与第2行的身份证号重复") == REPORT_ROWS_SHOWN
    assert f"共 {REPORT_ROWS_SHOWN + 20} 条" in content and "下载完整报告" in content
    response = client.get(_import_url("import_report", tree, register_import))
    assert "attachment" in response["Content-Disposition"]
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    table = rows.to_python()
    assert table[0] == ["行", "姓名", "列", "内容", "级别", "问题及处理办法"]
    assert len(table) == 1 + REPORT_ROWS_SHOWN + 20
    assert table[1] == [3.0, "村民3", "身份证号", valid_id(3), "错误", "与第2行的身份证号重复"]
    assert content.count('<td class="text-nowrap">村民') == REPORT_ROWS_SHOWN


# (label, role, region key, expected status) for the report download of an import of 东坑村
REPORT_MATRIX = [
    ("committee of the village", Role.ELECTION_COMMITTEE, "a1", 200),
    ("committee of another village", Role.ELECTION_COMMITTEE, "a2", 404),
    ("party organization of the village", Role.VILLAGE_PARTY, "a1", 403),
    ("observer of the county", Role.OBSERVER, "county", 404),
]


@pytest.mark.parametrize(
    ("role", "where", "status"), [m[1:] for m in REPORT_MATRIX], ids=[m[0] for m in REPORT_MATRIX]
)
def test_report_download_permission_matrix(
    client: Client, tree: RegionTree, role: Role, where: str, status: int
) -> None:
    register_import = _failed_import(tree, 1)
    url = _import_url("import_report", tree, register_import)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(user_for(role, getattr(tree, where)))
    assert client.get(url).status_code == status


def test_the_progress_poll_does_not_load_the_report(client: Client, tree: RegionTree) -> None:
    register_import = _failed_import(tree, 50)
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    with CaptureQueriesContext(connection) as queries:
        client.get(_import_url("import_progress", tree, register_import))
    import_reads = [q["sql"] for q in queries if "people_registerimport" in q["sql"]]
    assert import_reads and not any('"report"' in sql for sql in import_reads)
