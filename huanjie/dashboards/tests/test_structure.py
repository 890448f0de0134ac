"""The new 两委's structure on the small county of structure_world: every figure equals the hand
count written there, the sums roll up, and the queries do not grow with the villages."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.campaigns.tests.tasks_world import TasksWorld
from huanjie.dashboards import rollup
from huanjie.dashboards.structure import (
    FIGURE_BY_KEY,
    area_figures,
    area_villages,
    rolled_up,
    total,
)
from huanjie.dashboards.tests.structure_world import (
    build_structure_world,
    hold,
    person,
)
from huanjie.elections.models import Body, Election, Post
from huanjie.regions.models import Level, Region, VillageKind


@pytest.fixture
def world(tree: RegionTree) -> TasksWorld:
    found = build_structure_world(tree)
    rollup.flush()  # the writes' rollup rows, as their commit would write them
    return found


def county_figures(tree: RegionTree) -> dict[str, float | int | None]:
    user = make_user(tree, Role.ELECTION_OFFICE)
    by_village = area_figures(area_villages(user, tree.county), 2026)
    whole = total(by_village)
    return {key: figure.value(whole) for key, figure in FIGURE_BY_KEY.items()} | {
        f"before_{key}": figure.before(whole) for key, figure in FIGURE_BY_KEY.items()
    }


def test_every_figure_equals_the_hand_count(world: TasksWorld) -> None:
    got = county_figures(world.tree)
    assert got["members"] == 4
    assert got["average_age"] == 42.5  # (42 + 32 + 50 + 46) / 4
    assert got["up_to_35"] == 25.0  # 乙
    assert got["up_to_45"] == 50.0  # 甲, 乙
    assert got["college"] == 50.0  # 甲 大专, 丙 本科
    assert got["high_school"] == 75.0  # and 乙 高中
    assert got["women"] == 25.0
    assert got["minority"] == 25.0
    assert got["vc_party_members"] == 66.7  # 甲 and 乙 (probationary) of 甲, 乙, 丁
    assert (got["business_leaders"], got["veterans"], got["returnees"]) == (1, 1, 1)
    assert got["secretary_age"] == 46.0
    assert got["secretary_college"] == 100.0
    assert got["one_person"] == 50.0  # a1 of a1, a2
    assert got["one_time"] == 50.0  # a1 at once, a2 in 另行选举
    assert got["turnout"] == 86.2  # (720 + 400) / (800 + 500)
    assert got["representatives"] == 2
    assert got["group_leaders"] == 2  # a1's and a2's
    assert got["group_deputies"] == 3  # a1's one, a2's two (those given votes only not counted)
    assert got["handover"] == 50.0
    # The previous term: 戊 51, 己 52, 丁 41 on taking office in 2021; the 2016 term left out.
    assert got["before_members"] == 3
    assert got["before_average_age"] == 48.0
    assert got["before_secretary_age"] == 51.5
    assert got["before_secretary_college"] == 0.0
    assert got["before_one_person"] == 50.0


def test_townships_add_up_to_the_county(world: TasksWorld) -> None:
    tree = world.tree
    user = make_user(tree, Role.ELECTION_OFFICE)
    by_village = area_figures(area_villages(user, tree.county), 2026)
    rows = rolled_up(by_village, [tree.township_a, tree.township_b])
    assert rows[tree.township_a.pk] + rows[tree.township_b.pk] == total(by_village)
    assert rows[tree.township_b.pk].now.members == 0
    assert set(by_village) == {tree.a1.code, tree.a2.code, tree.b1.code}
    assert by_village[tree.b1.code].before.members == 1
    assert rows[tree.township_b.pk].before.members == 0  # no new committee to compare with


def test_a_township_officer_sees_only_its_villages(world: TasksWorld) -> None:
    tree = world.tree
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)  # township a
    assert set(area_figures(area_villages(officer, None), 2026)) == {tree.a1.code, tree.a2.code}
    assert tree.b1.code in area_figures(
        area_villages(make_user(tree, Role.ELECTION_OFFICE), None), 2026
    )
    cadre_b = area_villages(officer, tree.township_b)
    assert area_figures(cadre_b, 2026) == {}


def test_queries_do_not_grow_with_the_villages(world: TasksWorld) -> None:
    tree = world.tree
    user = make_user(tree, Role.ELECTION_OFFICE)
    with CaptureQueriesContext(connection) as small:
        area_figures(area_villages(user, tree.county), 2026)
    # A fourth village with its own elected secretary.
    a3 = Region.objects.create(
        code="331127100203",
        name="新村",
        level=Level.VILLAGE,
        parent=tree.township_a,
        kind=VillageKind.VILLAGE,
    )
    from huanjie.campaigns.services import village_plan_create
    from huanjie.elections.services import election_create

    plan = village_plan_create(campaign=world.campaign, village=a3, acting_user=None)
    party = election_create(
        plan=plan,
        body=Body.PARTY_ORGANIZATION,
        method="two_recommendations",
        seats={Post.SECRETARY: 1},
        election_day=date(2026, 3, 7),
        acting_user=None,
    )
    assert isinstance(party, Election)
    hold(
        a3, Body.PARTY_ORGANIZATION, Post.SECRETARY, person(a3, 120, "庚", date(1990, 1, 1)), party
    )
    rollup.flush()  # as the commit of these writes does
    with CaptureQueriesContext(connection) as large:
        found = area_figures(area_villages(user, tree.county), 2026)
    # The new 两委 from the rollup's rows, not from its office holders.
    assert len(large) == len(small) <= 8
    sql = [q["sql"] for q in large.captured_queries]
    assert sum("dashboards_villagesummary" in q for q in sql) == 1
    # The office holders are read once, for the previous term only.
    assert [q for q in sql if 'FROM "elections_officeholder"' in q] == [
        q for q in sql if 'FROM "elections_officeholder"' in q and "term_end" in q
    ]
    assert found[a3.code].now.members == 1


# --- the pages ----------------------------------------------------------------------------


def _client(tree: RegionTree, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(tree, role))
    return client


def test_the_county_dashboard_shows_the_structure_and_the_sentences(world: TasksWorld) -> None:
    tree = world.tree
    response = _client(tree, Role.ELECTION_OFFICE).get(f"/dashboards/regions/{tree.county.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-figure="average_age">42.5 岁' in body
    assert 'data-figure="college">50.0%' in body
    assert "平均年龄42.5岁，比上届下降5.5岁" in body
    assert "村党组织书记学历、年龄实现“一升一降”" in body
    chart = response.context["structure_chart"]
    assert chart["names"] == [tree.township_a.name, tree.township_b.name]
    college = next(s for s in chart["series"] if s["key"] == "college")
    assert college["values"] == [50.0, None]
    assert (
        college["links"][0]
        == f"/dashboards/regions/{tree.township_a.pk}/figures/college/?term=2026"
    )
    assert f"/dashboards/regions/{tree.county.pk}/report.xlsx?term=2026" in body


def test_a_figure_drills_down_to_its_villages(world: TasksWorld) -> None:
    tree = world.tree
    client = _client(tree, Role.ELECTION_OFFICE)
    response = client.get(f"/dashboards/regions/{tree.county.pk}/figures/average_age/?term=2026")
    assert response.status_code == 200
    rows = [(r.village.name, r.value, r.before) for r in response.context["page"]]
    # a2 (50, 46) before a1 (42, 32); b1 without members last.
    assert rows == [("大均村", 48.0, 46.5), ("东坑村", 37.0, 51.0), ("梧桐村", None, 61.0)]
    page = response.content.decode()
    assert f'href="/villages/{tree.a2.pk}/?tab=tasks"' in page
    assert ">上届</th>" in page and "46.5 岁" in page
    # Without script the chooser's ?figure= wins.
    chosen = client.get(f"/dashboards/regions/{tree.county.pk}/figures/average_age/?figure=women")
    assert chosen.context["figure"].key == "women"
    assert client.get(f"/dashboards/regions/{tree.county.pk}/figures/nothing/").status_code == 404


def test_group_leaders_drill_down_to_the_villages_that_chose_them(world: TasksWorld) -> None:
    tree = world.tree
    client = _client(tree, Role.ELECTION_OFFICE)
    url = f"/dashboards/regions/{tree.county.pk}/figures/{{}}/?term=2026"
    leaders = client.get(url.format("group_leaders"))
    assert leaders.status_code == 200
    rows = {r.village.name: r.value for r in leaders.context["page"]}
    assert rows["东坑村"] == 1 and rows["大均村"] == 1
    deputies = client.get(url.format("group_deputies"))
    rows = {r.village.name: r.value for r in deputies.context["page"]}
    assert rows["东坑村"] == 1 and rows["大均村"] == 2
    assert "村民小组副组长" in deputies.content.decode()


def test_figures_and_report_stay_in_the_users_scope(world: TasksWorld) -> None:
    tree = world.tree
    officer = _client(tree, Role.TOWNSHIP_OFFICER)  # township a
    for url in (
        f"/dashboards/regions/{tree.township_b.pk}/figures/college/",
        f"/dashboards/regions/{tree.county.pk}/report.xlsx",
        f"/dashboards/regions/{tree.county.pk}/figures/college/",
    ):
        assert officer.get(url).status_code == 404, url
    own = officer.get(f"/dashboards/regions/{tree.township_a.pk}/figures/college/")
    assert [r.village.name for r in own.context["page"]] == ["东坑村", "大均村"]


def test_the_report_table_is_the_upper_levels_shape(world: TasksWorld) -> None:
    tree = world.tree
    client = _client(tree, Role.ELECTION_OFFICE)
    response = client.get(f"/dashboards/regions/{tree.county.pk}/report.xlsx?term=2026")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book["班子结构"]
    assert sheet["A1"].value == f"{tree.county.name}2026年新一届村“两委”班子结构情况统计表"
    header = [c.value for c in sheet[4]]
    rows = {
        r[0]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=5, values_only=True)
    }
    assert list(rows) == [tree.township_a.name, tree.township_b.name, "合计"]
    whole = rows["合计"]
    assert whole["两委成员（名）"] == 4
    assert whole["平均年龄（岁）"] == 42.5
    assert whole["上届（岁）"] == 48.0
    assert whole["比例（%）"] == 50.0  # 一肩挑
    assert whole["参选率（%）"] == 86.2
    assert (whole["推选村民小组长（名）"], whole["推选村民小组副组长（名）"]) == (2, 3)
    assert rows[tree.township_b.name]["两委成员（名）"] == 0
    notes = [r[0] for r in book["情况说明"].iter_rows(values_only=True) if r[0]]
    assert any("比上届下降5.5岁" in n for n in notes)


def test_the_dashboard_costs_the_same_queries_for_more_villages(world: TasksWorld) -> None:
    tree = world.tree
    client = _client(tree, Role.ELECTION_OFFICE)
    url = f"/dashboards/regions/{tree.county.pk}/"
    client.get(url)  # warm the session and the holiday table
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(3, 6):
        village = Region.objects.create(
            code=f"331127101{200 + n:03d}",
            name=f"新{n}村",
            level=Level.VILLAGE,
            parent=tree.township_b,
            kind=VillageKind.VILLAGE,
        )
        from huanjie.campaigns.services import village_plan_create

        village_plan_create(campaign=world.campaign, village=village, acting_user=None)
    rollup.flush()  # as the commit of these writes does
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
