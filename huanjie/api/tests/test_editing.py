"""Keeping the register through the API: each write as the village's committee, its answer,
its audit entry, and its refusals (400 for an entry to correct, 409 with a stable code when the
register's state does not allow it; details by field; nothing changed)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person, valid_id
from huanjie.api.tests.conftest import token_client
from huanjie.people.models import HeadRelation, Household, Person, RegisterStatus, Sex
from huanjie.people.tests.editing import last_entry, rows


@pytest.fixture
def api(tree: RegionTree) -> APIClient:
    return token_client(user_for(Role.ELECTION_COMMITTEE, tree.a1))


def _refused(response: Any, status: int, code: str, field: str, fragment: str) -> None:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert body["code"] == code
    assert field in body["details"], body
    assert any(fragment in m for m in body["details"][field]), body
    assert fragment in body["message"]


def test_a_new_household_with_its_members(tree: RegionTree, api: APIClient) -> None:
    body = {
        "number": "900",
        "villager_group": tree.households["a1"].villager_group_id,
        "members": [
            {"name": "新户主", "id_number": valid_id(91), "relation_to_head": "head"},
            {"name": "新配偶", "id_number": valid_id(92, male=False), "relation_to_head": "spouse",
             "phone": "13700000000", "tags": ["veteran"], "hukou_in_village": False},
        ],
    }  # fmt: skip
    response = api.post(f"/api/v1/villages/{tree.a1.pk}/households/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert response["Location"].endswith(f"/api/v1/households/{data['id']}/")
    assert [m["name"] for m in data["members"]] == ["新户主", "新配偶"]
    assert [m["status"] for m in data["members"]] == ["active", "active"]
    assert data["members"][1]["hukou_in_village"] is False
    assert last_entry().action == "people.household_register"


def test_a_new_household_reports_every_fault_by_field(tree: RegionTree, api: APIClient) -> None:
    body = {
        "number": "001",
        "villager_group": tree.households["a1"].villager_group_id,
        "members": [
            {"name": "", "id_number": valid_id(91)[:-1], "relation_to_head": "head"},
            {"name": "某", "id_number": valid_id(92), "relation_to_head": "son", "phone": "x"},
        ],
    }
    before = rows()
    response = api.post(f"/api/v1/villages/{tree.a1.pk}/households/", body, format="json")
    _refused(response, 400, "invalid_input", "number", "已是本村另一户的户号")
    details = response.json()["details"]
    assert {"members.0.name", "members.0.id_number", "members.1.phone"} <= set(details)
    assert rows() == before
    # A group of another village is no group of this one.
    foreign = {**body, "number": "950", "villager_group": tree.households["a2"].villager_group_id}
    response = api.post(f"/api/v1/villages/{tree.a1.pk}/households/", foreign, format="json")
    _refused(response, 400, "invalid_input", "villager_group", "找不到该村民小组")
    assert rows() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"number": 12}, "number"),
        ({"villager_group": "3"}, "villager_group"),
        ({"number": None}, "number"),
    ],
)
def test_values_of_the_wrong_type_are_refused_not_converted(
    tree: RegionTree, api: APIClient, body: dict[str, Any], field: str
) -> None:
    before = rows()
    response = api.patch(f"/api/v1/households/{tree.households['a1'].pk}/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input"
    assert field in response.json()["details"]
    assert rows() == before


def test_household_update(tree: RegionTree, api: APIClient) -> None:
    url = f"/api/v1/households/{tree.households['a1'].pk}/"
    response = api.patch(url, {"number": "007"}, format="json")
    assert (response.status_code, response.json()["number"]) == (200, "007")
    assert last_entry().action == "people.household_update"
    other = Household.objects.create(
        village=tree.a1, villager_group=tree.households["a1"].villager_group, number="008"
    )
    before = rows()
    response = api.patch(f"/api/v1/households/{other.pk}/", {"number": "007"}, format="json")
    _refused(response, 409, "household_number_taken", "number", "户号“007”已是本村另一户的户号")
    assert rows() == before


def test_member_add_moves_in_from_another_village(tree: RegionTree, api: APIClient) -> None:
    bride = add_person(tree.households["c1"], 70, Sex.FEMALE, HeadRelation.DAUGHTER, name="沙铺女")
    Person.objects.filter(pk=bride.pk).update(
        status=RegisterStatus.MOVED_OUT, status_on=date(2025, 5, 1)
    )
    body = {"name": "沙铺女", "id_number": bride.id_number, "relation_to_head": "daughter_in_law"}
    response = api.post(
        f"/api/v1/households/{tree.households['a1'].pk}/members/", body, format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["id"], data["village"]["code"], data["status"]) == (
        bride.pk,
        tree.a1.code,
        "active",
    )
    assert data["status_on"] is None
    assert last_entry().action == "people.person_move_in"


def test_member_add_refusals(tree: RegionTree, api: APIClient) -> None:
    url = f"/api/v1/households/{tree.households['a1'].pk}/members/"
    before = rows()
    head = {"name": "二号户主", "id_number": valid_id(93), "relation_to_head": "head"}
    _refused(api.post(url, head, format="json"), 409, "head_exists", "relation_to_head", "已有户主")
    active = {"name": "某", "id_number": tree.heads["c1"].id_number, "relation_to_head": "son"}
    _refused(
        api.post(url, active, format="json"), 409, "person_on_register", "id_number", "本县以外"
    )
    assert rows() == before


def test_head_change_and_person_relation(tree: RegionTree, api: APIClient) -> None:
    household, head, spouse = tree.households["a1"], tree.heads["a1"], tree.spouses["a1"]
    son = add_person(household, 71, Sex.MALE, HeadRelation.SON, name="东坑子")
    before = rows()
    response = api.patch(
        f"/api/v1/persons/{head.pk}/", {"relation_to_head": "parent"}, format="json"
    )
    _refused(response, 409, "head_must_stay", "relation_to_head", "更换户主")
    assert rows() == before
    body = {
        "new_head": son.pk,
        "former_head_relation": "parent",
        "other_relations": [{"person": spouse.pk, "relation_to_head": "parent"}],
    }
    response = api.post(f"/api/v1/households/{household.pk}/head/", body, format="json")
    assert response.status_code == 200, response.content
    relations = {m["name"]: m["relation_to_head"] for m in response.json()["members"]}
    assert relations == {head.name: "parent", spouse.name: "parent", son.name: "head"}
    again = api.post(f"/api/v1/households/{household.pk}/head/", body, format="json")
    _refused(again, 409, "already_head", "new_head", "已经是本户户主")


def test_person_update_returns_the_person(tree: RegionTree, api: APIClient) -> None:
    spouse = tree.spouses["a1"]
    body = {"phone": "13812345678", "tags": ["returnee"], "education": "college"}
    response = api.patch(f"/api/v1/persons/{spouse.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["phone"], data["tags"], data["education"]) == (
        "13812345678",
        ["回乡创业"],
        "college",
    )
    bad = api.patch(f"/api/v1/persons/{spouse.pk}/", {"id_number": "123"}, format="json")
    _refused(bad, 400, "invalid_input", "id_number", "身份证号应为18位")


def test_move_leave_return(tree: RegionTree, api: APIClient) -> None:
    spouse = tree.spouses["a1"]
    other = Household.objects.create(
        village=tree.a1, villager_group=tree.households["a1"].villager_group, number="002"
    )
    foreign = tree.households["a2"]
    before = rows()
    response = api.post(
        f"/api/v1/persons/{spouse.pk}/move/",
        {"household": foreign.pk, "relation_to_head": "head"},
        format="json",
    )
    assert response.status_code == 404
    assert rows() == before
    response = api.post(
        f"/api/v1/persons/{spouse.pk}/move/",
        {"household": other.pk, "relation_to_head": "head"},
        format="json",
    )
    assert (response.status_code, response.json()["household"]["number"]) == (200, "002")
    leave = {"status": "deceased", "on": "2999-01-01"}
    _refused(
        api.post(f"/api/v1/persons/{spouse.pk}/leave/", leave, format="json"),
        400, "invalid_input", "on", "不能晚于今天",
    )  # fmt: skip
    leave["on"] = "2025-04-05"
    response = api.post(f"/api/v1/persons/{spouse.pk}/leave/", leave, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["status_on"]) == ("deceased", "2025-04-05")
    listed = api.get(f"/api/v1/persons/?village={tree.a1.pk}").json()["results"]
    assert {p["name"]: p["status"] for p in listed}[spouse.name] == "deceased"
    response = api.post(f"/api/v1/persons/{spouse.pk}/return/")
    assert (response.status_code, response.json()["status"]) == (200, "active")
    _refused(
        api.post(f"/api/v1/persons/{spouse.pk}/return/"),
        409, "person_on_register", "__all__", "在册，无需恢复",
    )  # fmt: skip


def test_head_with_others_cannot_leave(tree: RegionTree, api: APIClient) -> None:
    before = rows()
    response = api.post(
        f"/api/v1/persons/{tree.heads['a1'].pk}/leave/",
        {"status": "moved_out", "on": "2025-01-01"},
        format="json",
    )
    _refused(response, 409, "head_must_stay", "__all__", "请先用本户的“更换户主”另选户主")
    assert rows() == before
