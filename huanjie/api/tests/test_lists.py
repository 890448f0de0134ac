"""Pagination, the region-code filter, the name search and the tree's totals."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, add_person, make_user
from huanjie.api.tests.conftest import token_client
from huanjie.people.models import HeadRelation, Sex


@pytest.fixture
def admin(tree: RegionTree) -> APIClient:
    return token_client(make_user(tree, Role.ADMINISTRATOR))


def _results(client: APIClient, url: str) -> list[dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    rows: list[dict[str, Any]] = response.json()["results"]
    return rows


def test_pages_walk_the_whole_list_once(admin: APIClient, tree: RegionTree) -> None:
    first = admin.get("/api/v1/persons/?page_size=3").json()
    assert (first["count"], first["page"], first["pages"], first["page_size"]) == (8, 1, 3, 3)
    assert first["previous"] is None
    seen = [p["id"] for p in first["results"]]
    url = first["next"]
    while url:
        page = admin.get(url).json()
        seen += [p["id"] for p in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(p.pk for p in [*tree.heads.values(), *tree.spouses.values()])
    last = admin.get("/api/v1/persons/?page_size=3&page=3").json()
    assert last["next"] is None
    assert "page=2" in last["previous"]


def test_the_default_page_is_fifty_rows(admin: APIClient, tree: RegionTree) -> None:
    for n in range(60):
        add_person(tree.households["a2"], 100 + n, Sex.MALE, HeadRelation.SON)
    page = admin.get("/api/v1/persons/").json()
    assert (page["count"], page["page_size"], len(page["results"])) == (68, 50, 50)


@pytest.mark.parametrize(
    ("code", "keys"),
    [
        ("331127", {"county", "township_a", "township_b", "a1", "a2", "b1"}),
        ("331127100", {"township_a", "a1", "a2"}),
        ("331127100201", {"a1"}),
        ("33112710020", {"a1", "a2"}),  # not a region's digits: a plain prefix
        ("44", set()),
    ],
)
def test_regions_filtered_by_code_prefix(
    admin: APIClient, tree: RegionTree, code: str, keys: set[str]
) -> None:
    rows = _results(admin, f"/api/v1/regions/?code={code}")
    assert {r["code"] for r in rows} == {getattr(tree, k).code for k in keys}


def test_the_tree_totals_roll_up(admin: APIClient, tree: RegionTree) -> None:
    rows = {r["code"]: r for r in _results(admin, "/api/v1/regions/?code=331127")}
    county = rows[tree.county.code]
    assert county["totals"] == {"villages": 3, "households": 3, "people": 6, "party_members": 1}
    assert county["depth"] == 0 and rows[tree.a1.code]["depth"] == 2
    assert rows[tree.township_b.code]["totals"] == {
        "villages": 1,
        "households": 1,
        "people": 2,
        "party_members": 0,
    }
    detail = admin.get(f"/api/v1/regions/{tree.province.pk}/").json()
    assert detail["totals"] == {
        "villages": 4,
        "households": 4,
        "people": 8,
        "party_members": 1,
    }


def test_villages_and_persons_filtered_by_code(admin: APIClient, tree: RegionTree) -> None:
    villages = _results(admin, "/api/v1/villages/?code=331128")
    assert [v["code"] for v in villages] == [tree.c1.code]
    persons = _results(admin, "/api/v1/persons/?code=331127101")
    assert {p["id"] for p in persons} == {tree.heads["b1"].pk, tree.spouses["b1"].pk}


def test_search_is_by_name_only(admin: APIClient, tree: RegionTree) -> None:
    rows = _results(admin, "/api/v1/persons/?search=东坑村配偶")
    assert [p["id"] for p in rows] == [tree.spouses["a1"].pk]
    # As on the village page: an ID number finds nobody, so no one can probe for one.
    assert _results(admin, f"/api/v1/persons/?search={tree.heads['a1'].id_number}") == []


def test_the_filters_stay_inside_the_scope(tree: RegionTree) -> None:
    client = token_client(make_user(tree, Role.ELECTION_COMMITTEE))
    assert _results(client, "/api/v1/persons/?code=331128") == []
    assert _results(client, "/api/v1/regions/?code=33") == [
        r for r in _results(client, "/api/v1/regions/") if r["code"] == tree.a1.code
    ]


def test_a_village_s_households_with_head_and_size(admin: APIClient, tree: RegionTree) -> None:
    rows = _results(admin, f"/api/v1/villages/{tree.a1.pk}/households/")
    assert rows == [
        {
            "id": tree.households["a1"].pk,
            "number": "001",
            "village_id": tree.a1.pk,
            "villager_group": "第一村民小组",
            "head": {"id": tree.heads["a1"].pk, "name": tree.heads["a1"].name},
            "members": 2,
        }
    ]


def test_village_detail_counts_the_register(admin: APIClient, tree: RegionTree) -> None:
    data = admin.get(f"/api/v1/villages/{tree.a1.pk}/").json()
    assert data["registered"] == {
        "villager_groups": 1,
        "households": 1,
        "people": 2,
        "hukou_in_village": 2,
        "resides_in_village": 2,
        "party_members": 1,
        "full_members": 1,
        "probationary_members": 0,
        "party_members_off_roll": 0,
        "moved_out": 0,
        "deceased": 0,
    }
    assert data["township"]["code"] == tree.township_a.code
    assert data["may_import"] is False  # an administrator keeps no village's register
