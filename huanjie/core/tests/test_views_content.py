"""What each page shows: figures per level, breadcrumbs within the scope, the village's tabs,
and ID numbers and phones full or masked as the matrix says (domain.md §1)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.core.tests.conftest import World
from huanjie.dashboards.figures import Figures
from huanjie.rules.eligibility.identity import mask_id_number

R = Role
FULL, MASKED = "full", "masked"
# The world's election, planned for 2026-04-18, is overdue once that day has passed.
WORLD_STATE = "逾期未录入结果" if timezone.localdate() > date(2026, 4, 18) else "筹备中"
# a1's head is a member of a1's party branch, the spouse is not.
ID_CASES = [
    (R.ADMINISTRATOR, FULL, FULL),
    (R.ELECTION_OFFICE, FULL, FULL),
    (R.TOWNSHIP_OFFICER, FULL, FULL),
    (R.ELECTION_COMMITTEE, FULL, FULL),
    (R.VILLAGE_CADRE, FULL, FULL),
    (R.VILLAGE_PARTY, FULL, MASKED),
]
ID_CASE_IDS = [role.value for role, _, _ in ID_CASES]


def _shows(body: str, full: str, masked: str, expected: str) -> bool:
    if expected == FULL:
        return full in body
    return masked in body and full not in body


def _phone_mask(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}"


@pytest.mark.parametrize(("role", "head", "spouse"), ID_CASES, ids=ID_CASE_IDS)
def test_person_page_shows_id_number_and_phone_as_the_role_may(
    client: Client, world: World, role: Role, head: str, spouse: str
) -> None:
    tree = world.tree
    client.force_login(make_user(tree, role))
    for person, expected in ((tree.heads["a1"], head), (tree.spouses["a1"], spouse)):
        body = client.get(reverse("core:person", args=[person.pk])).content.decode()
        assert _shows(body, person.id_number, mask_id_number(person.id_number), expected)
        assert _shows(body, person.phone, _phone_mask(person.phone), expected)


@pytest.mark.parametrize(("role", "head", "spouse"), ID_CASES, ids=ID_CASE_IDS)
@pytest.mark.parametrize("page", ["people_tab", "household"])
def test_lists_show_id_numbers_as_the_role_may(
    client: Client, world: World, role: Role, head: str, spouse: str, page: str
) -> None:
    tree = world.tree
    client.force_login(make_user(tree, role))
    if page == "people_tab":
        url = reverse("core:village", args=[tree.a1.pk]) + "?tab=people"
    else:
        url = reverse("core:household", args=[tree.households["a1"].pk])
    body = client.get(url).content.decode()
    for person, expected in ((tree.heads["a1"], head), (tree.spouses["a1"], spouse)):
        assert _shows(body, person.id_number, mask_id_number(person.id_number), expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (R.ADMINISTRATOR, FULL),
        (R.TOWNSHIP_OFFICER, FULL),
        (R.ELECTION_COMMITTEE, FULL),
        (R.VILLAGE_CADRE, FULL),
        (R.VILLAGE_PARTY, MASKED),
    ],
    ids=["administrator", "township_officer", "election_committee", "village_cadre", "party"],
)
def test_audit_page_masks_numbers_for_roles_without_the_need(
    client: Client, world: World, role: Role, expected: str
) -> None:
    tree = world.tree
    client.force_login(make_user(tree, role))
    body = client.get(reverse("core:village_audit", args=[tree.a1.pk])).content.decode()
    spouse = tree.spouses["a1"]
    assert "登记人员" in body and "系统自动" in body and "女" in body
    assert _shows(body, spouse.id_number, mask_id_number(spouse.id_number), expected)
    assert _shows(body, spouse.phone, _phone_mask(spouse.phone), expected)
    assert "修改联系电话" in body and "→" in body
    assert ("13900000000" in body) is (expected == FULL)


HOME_CASES = [
    (R.ADMINISTRATOR, Figures(3, 4, 4, 8, 1), ["丽水市"]),
    (R.ELECTION_OFFICE, Figures(2, 3, 3, 6, 1), ["鹤溪街道", "红星街道"]),
    (R.TOWNSHIP_OFFICER, Figures(0, 2, 2, 4, 1), ["东坑村", "大均村"]),
    (R.ELECTION_COMMITTEE, Figures(0, 1, 1, 2, 1), ["东坑村"]),
    (R.VILLAGE_CADRE, Figures(0, 1, 1, 2, 1), ["东坑村"]),
    (R.OBSERVER, Figures(2, 3, 3, 6, 1), ["鹤溪街道", "红星街道"]),
    (R.REVIEWER, Figures(), []),
]


@pytest.mark.parametrize(
    ("role", "totals", "listed"), HOME_CASES, ids=[r.value for r, _, _ in HOME_CASES]
)
def test_home_counts_the_scope_per_level(
    client: Client, world: World, role: Role, totals: Figures, listed: list[str]
) -> None:
    """One area lists what is in it; a cadre's villages are listed themselves."""
    client.force_login(make_user(world.tree, role))
    response = client.get(reverse("core:home"))
    assert response.context["totals"] == totals
    assert [row.region.name for row in response.context["rows"]] == listed


def test_home_explains_a_reviewer_has_no_region_pages(client: Client, world: World) -> None:
    client.force_login(make_user(world.tree, R.REVIEWER))
    body = client.get(reverse("core:home")).content.decode()
    assert "联审人员" in body and "送交本部门的候选人" in body


def test_home_chart_counts_villages_per_township(client: Client, world: World) -> None:
    client.force_login(make_user(world.tree, R.ELECTION_OFFICE))
    response = client.get(reverse("core:home"))
    assert response.context["chart"] == [
        {"name": "鹤溪街道", "value": 2},
        {"name": "红星街道", "value": 1},
    ]
    assert 'id="hj-villages-data"' in response.content.decode()


def test_home_has_no_chart_of_a_single_township(client: Client, world: World) -> None:
    client.force_login(make_user(world.tree, R.TOWNSHIP_OFFICER))
    response = client.get(reverse("core:home"))
    assert response.context["chart"] == []
    assert "echarts" not in response.content.decode()


def test_region_page_lists_children_with_their_figures(client: Client, world: World) -> None:
    tree = world.tree
    client.force_login(make_user(tree, R.ELECTION_OFFICE))
    response = client.get(reverse("core:region", args=[tree.county.pk]))
    rows = {row.region.name: row.figures for row in response.context["children"]}
    assert rows == {"鹤溪街道": Figures(1, 2, 2, 4, 1), "红星街道": Figures(1, 1, 1, 2, 0)}
    assert response.context["totals"] == Figures(2, 3, 3, 6, 1)


@pytest.mark.parametrize(
    ("role", "linked", "not_linked"),
    [
        (R.ADMINISTRATOR, ["province", "city", "county", "township_a"], []),
        (R.ELECTION_OFFICE, ["county", "township_a"], ["province", "city"]),
        (R.TOWNSHIP_OFFICER, ["township_a"], ["province", "city", "county"]),
        (R.ELECTION_COMMITTEE, [], ["province", "city", "county", "township_a"]),
        (R.VILLAGE_CADRE, [], ["province", "city", "county", "township_a"]),
    ],
    ids=["administrator", "election_office", "township_officer", "committee", "cadre"],
)
def test_breadcrumbs_stop_at_the_scope_root(
    client: Client, world: World, role: Role, linked: list[str], not_linked: list[str]
) -> None:
    tree = world.tree
    client.force_login(make_user(tree, role))
    body = client.get(reverse("core:person", args=[tree.heads["a1"].pk])).content.decode()
    crumbs = body[body.index('class="breadcrumb"') : body.index("</ol>")]
    for key in linked:
        assert reverse("core:region", args=[getattr(tree, key).pk]) in crumbs
    for key in not_linked:
        region = getattr(tree, key)
        assert reverse("core:region", args=[region.pk]) not in crumbs
        assert region.name not in crumbs


def test_observer_sees_a_villages_figures_but_no_working_page(client: Client, world: World) -> None:
    tree = world.tree
    client.force_login(make_user(tree, R.OBSERVER))
    response = client.get(reverse("core:region", args=[tree.a1.pk]))
    body = response.content.decode()
    assert response.context["totals"] == Figures(0, 1, 1, 2, 1)
    assert "不能查看村内的户籍和人员信息" in body
    assert "/villages/" not in body and "/people/" not in body
    township = client.get(reverse("core:region", args=[tree.township_a.pk])).content.decode()
    assert reverse("core:region", args=[tree.a1.pk]) in township
    assert reverse("core:village", args=[tree.a1.pk]) not in township


@pytest.mark.parametrize(
    ("tab", "expected"),
    [
        ("households", ["第一村民小组", "001", "东坑村户主", ">2<"]),
        ("people", ["东坑村户主", "东坑村配偶", "户主", "配偶"]),
        ("party", ["东坑村户主", "正式党员", "东坑村党支部"]),
        ("elections", ["村民委员会", "自荐直选", "主任1名、委员4名", "2026-04-18", WORLD_STATE]),
        ("officers", ["村民委员会", "主任", "东坑村户主", "2021-04-01 至 2026-04-01"]),
    ],
    ids=["households", "people", "party", "elections", "officers"],
)
def test_village_tabs_show_their_lists(
    client: Client, world: World, tab: str, expected: list[str]
) -> None:
    tree = world.tree
    client.force_login(make_user(tree, R.TOWNSHIP_OFFICER))
    body = client.get(reverse("core:village", args=[tree.a1.pk]) + f"?tab={tab}").content.decode()
    for text in expected:
        assert text in body, text


@pytest.mark.parametrize(
    ("query", "found"),
    [("配偶", ["东坑村配偶"]), ("东坑", ["东坑村户主", "东坑村配偶"]), ("李", []), ("ID", [])],
    ids=["part-of-name", "common-part", "no-match", "id-number-is-not-searched"],
)
def test_people_tab_searches_by_name_only(
    client: Client, world: World, query: str, found: list[str]
) -> None:
    tree = world.tree
    if query == "ID":
        query = tree.heads["a1"].id_number
    client.force_login(make_user(tree, R.ELECTION_COMMITTEE))
    url = reverse("core:village", args=[tree.a1.pk])
    response = client.get(url, {"tab": "people", "q": query})
    assert [row.person.name for row in response.context["rows"]] == found
    if not found:
        assert "没有找到姓名中含" in response.content.decode()


def test_households_tab_filters_by_villager_group(client: Client, world: World) -> None:
    tree = world.tree
    client.force_login(make_user(tree, R.ELECTION_COMMITTEE))
    url = reverse("core:village", args=[tree.a1.pk])
    group = tree.households["a1"].villager_group
    other_group = tree.households["a2"].villager_group  # another village's group: ignored
    assert len(client.get(url, {"tab": "households", "group": str(group.pk)}).context["rows"]) == 1
    response = client.get(url, {"tab": "households", "group": str(other_group.pk)})
    assert response.context["group"] is None


def test_unknown_tab_opens_the_first(client: Client, world: World) -> None:
    client.force_login(make_user(world.tree, R.ELECTION_COMMITTEE))
    url = reverse("core:village", args=[world.tree.a1.pk])
    assert client.get(url, {"tab": "nonsense"}).context["tab"] == "households"


def test_household_page_marks_derived_and_confirmed_relations(client: Client, world: World) -> None:
    tree = world.tree
    user = make_user(tree, R.ELECTION_COMMITTEE)
    client.force_login(user)
    url = reverse("core:household", args=[tree.households["a1"].pk])
    body = client.get(url).content.decode()
    assert "推导" in body and "待确认" in body and "配偶" in body
    world.relation.confirmed_at = timezone.now()
    world.relation.confirmed_by = user
    world.relation.save()
    body = client.get(url).content.decode()
    assert "已确认" in body and 'text-bg-warning">待确认' not in body


def test_person_page_shows_relations_tags_membership_and_offices(
    client: Client, world: World
) -> None:
    tree = world.tree
    client.force_login(make_user(tree, R.TOWNSHIP_OFFICER))
    body = client.get(reverse("core:person", args=[tree.heads["a1"].pk])).content.decode()
    spouse_url = reverse("core:person", args=[tree.spouses["a1"].pk])
    for text in ["退役军人", "东坑村党支部", "村民委员会主任", "推导", "汉族", spouse_url]:
        assert text in body, text


def test_village_page_offers_import_only_to_register_keepers(client: Client, world: World) -> None:
    tree = world.tree
    url = reverse("core:village", args=[tree.a1.pk])
    import_url = reverse("people:import_upload", args=[tree.a1.pk])
    for role, offered in [(R.ELECTION_COMMITTEE, True), (R.VILLAGE_PARTY, False)]:
        client.force_login(make_user(tree, role))
        assert (import_url in client.get(url).content.decode()) is offered


@pytest.mark.parametrize(
    ("role", "nav"),
    [
        (R.ADMINISTRATOR, ["首页", "换届看板", "进度统计", "审计", "管理后台"]),
        (R.ELECTION_OFFICE, ["首页", "区划", "换届看板", "进度统计", "联审", "审计"]),
        (R.ELECTION_COMMITTEE, ["首页", "本村", "审计"]),
        (R.REVIEWER, ["首页", "联审"]),
        (R.OBSERVER, ["首页", "区划", "进度统计"]),
    ],
    ids=["administrator", "election_office", "committee", "reviewer", "observer"],
)
def test_top_bar_names_the_user_and_offers_what_the_role_may_open(
    client: Client, world: World, role: Role, nav: list[str]
) -> None:
    user = make_user(world.tree, role)
    client.force_login(user)
    body = client.get(reverse("core:home")).content.decode()
    bar = body[body.index("<header") : body.index("</header>")]
    links = re.findall(
        r'class="nav-link[^"]*" href="[^"]*"(?: aria-current="page")?>(?:<i[^>]*></i> )?([^<]+)</a>',
        bar,
    )
    assert links == nav
    assert f"{user.last_name}{user.first_name}" in bar
    assert str(role.label) in bar


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"),
    [(R.ELECTION_COMMITTEE, True), (R.TOWNSHIP_OFFICER, False), (R.ADMINISTRATOR, False)],
    ids=["village-election-committee", "township-officer", "administrator"],
)
def test_import_button_only_for_the_register_keeper(
    client: Client, tree: RegionTree, role: R, shown: bool
) -> None:
    client.force_login(make_user(tree, role))
    page = client.get(reverse("core:village", args=[tree.a1.pk])).content.decode()
    assert ("导入户籍登记" in page) is shown
