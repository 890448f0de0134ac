"""The previous term's table: the template, row errors that change nothing, and imported figures
standing for the previous term on the dashboard (structure_world's county)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.previous_models import PreviousTermFigures
from huanjie.campaigns.tests.tasks_world import TasksWorld
from huanjie.dashboards.previous import HEADERS
from huanjie.dashboards.tests.structure_world import build_structure_world


@pytest.fixture
def world(tree: RegionTree) -> TasksWorld:
    return build_structure_world(tree)


def _client(tree: RegionTree, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(tree, role))
    return client


def _table(*rows: list[Any]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("上届.xlsx", out.getvalue())


# 村代码 村名称 成员 平均年龄 ≤35 ≤45 大专+ 高中+ 女 少数民族 村委会 其中党员 致富 退役 回乡 书记年龄 书记大专 一肩挑
def _a1(code: str, **change: Any) -> list[Any]:
    row = [code, "东坑村", 5, 50, 0, 1, 1, 3, 1, 1, 3, 2, 1, 0, 0, 55, "否", "是"]
    for index, value in change.items():
        row[int(index[1:])] = value
    return row


def test_the_template_lists_the_regions_villages(world: TasksWorld) -> None:
    tree = world.tree
    client = _client(tree, Role.ELECTION_OFFICE)
    response = client.get(f"/dashboards/regions/{tree.county.pk}/previous/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    assert tuple(c.value for c in sheet[1]) == HEADERS
    codes = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == [tree.a1.code, tree.a2.code, tree.b1.code]


def test_only_the_election_office_imports(world: TasksWorld) -> None:
    tree = world.tree
    officer = _client(tree, Role.TOWNSHIP_OFFICER)
    url = f"/dashboards/regions/{tree.township_a.pk}/previous/"
    assert officer.get(url).status_code == 403
    assert officer.get(url + "template.xlsx").status_code == 403
    office = _client(tree, Role.ELECTION_OFFICE)
    assert office.get(f"/dashboards/regions/{tree.other_county.pk}/previous/").status_code == 404


def test_wrong_rows_are_named_and_nothing_is_written(world: TasksWorld) -> None:
    tree = world.tree
    client = _client(tree, Role.ELECTION_OFFICE)
    audited = AuditEntry.objects.count()
    table = _table(
        _a1(tree.a1.code),  # right
        _a1(tree.c1.code),  # another county's village
        _a1(tree.a2.code, c7=7),  # 高中+ 7 of 5 members
        _a1(tree.b1.code, c16="有"),
    )
    response = client.post(
        f"/dashboards/regions/{tree.county.pk}/previous/", {"year": 2021, "file": table}
    )
    assert response.status_code == 400
    messages = [e.message for e in response.context["errors"]]
    assert messages == [
        f"第3行：村代码“{tree.c1.code}”不是您管辖范围内的村，请核对12位统计用区划代码。",
        "第4行：“高中（中专）及以上人数”7大于“两委成员数”5，请核对。",
        "第5行：“书记大专及以上（是/否）”应填“是”或“否”，现为“有”。",
    ]
    assert "未导入任何数据" in response.content.decode()
    assert not PreviousTermFigures.objects.exists()
    assert AuditEntry.objects.count() == audited
    wrong = client.post(
        f"/dashboards/regions/{tree.county.pk}/previous/",
        {"year": 2021, "file": SimpleUploadedFile("x.xlsx", b"not a workbook")},
    )
    assert wrong.status_code == 400
    assert "无法读取该文件" in wrong.context["errors"][0].message


def test_imported_figures_stand_for_the_previous_term(world: TasksWorld) -> None:
    tree = world.tree
    client = _client(tree, Role.ELECTION_OFFICE)
    response = client.post(
        f"/dashboards/regions/{tree.county.pk}/previous/",
        {"year": 2021, "file": _table(_a1(tree.a1.code))},
    )
    assert response.status_code == 200
    assert response.context["imported"] == 1
    saved = PreviousTermFigures.objects.get(village=tree.a1)
    assert (saved.members, saved.age_total, saved.secretary_age, saved.one_person) == (
        5,
        250,
        55,
        True,
    )
    assert AuditEntry.objects.filter(action="dashboards.previous_import").count() == 1
    drill = client.get(f"/dashboards/regions/{tree.county.pk}/figures/average_age/?term=2026")
    before = {r.village.name: r.before for r in drill.context["page"]}
    assert before["东坑村"] == 50.0  # imported, instead of 戊's 51
    assert before["大均村"] == 46.5  # computed from its holders
    # The county: (5 × 50 + 52 + 41) / 7 = 49.0.
    assert drill.context["whole_before"] == 49.0
    # Importing the same year again replaces the village's row.
    again = client.post(
        f"/dashboards/regions/{tree.county.pk}/previous/",
        {"year": 2021, "file": _table(_a1(tree.a1.code, c3=48))},
    )
    assert again.status_code == 200
    assert PreviousTermFigures.objects.get(village=tree.a1).age_total == 240
