"""The election committee and the representatives through the API: the same services as the web,
400 for an entry to correct with the messages in details, 409 with a stable code for the state
of things, nothing changed on either."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.api.tests.conftest import token_client
from huanjie.committees.models import Selection
from huanjie.committees.tests.test_committee import VOTES, people, state
from huanjie.committees.tests.world import World, build_world, villager
from huanjie.people.models import Sex


@pytest.fixture
def committee_world(tree: RegionTree) -> World:
    return people(build_world(tree))


def client(world: World, role: Role = Role.ELECTION_COMMITTEE) -> APIClient:
    return token_client(make_user(world.tree, role))


def body(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "chosen_by": "representatives_assembly",
        "chosen_on": "2026-03-10",
        "should_attend": 45,
        "present": 40,
        "votes": [{"person": world[n].pk, "votes": v, "role": r or ""} for n, v, r in VOTES],
        **changes,
    }


def url(world: World, tail: str = "election-committee/") -> str:
    return f"/api/v1/villages/{world.village.pk}/{tail}"


def test_record_read_and_a_nominees_withdrawal(committee_world: World) -> None:
    world = committee_world
    api = client(world)
    empty = api.get(url(world)).json()
    assert (empty["committee"], empty["size_min"], empty["size_max"]) == (None, 5, 9)
    created = api.post(url(world), body(world), format="json")
    assert created.status_code == 201, created.content
    data = created.json()["committee"]
    assert [m["role"] for m in data["members"]] == [
        "chair",
        "vice_chair",
        "member",
        "member",
        "member",
    ]
    assert data["votes"][5] == {
        "person": {"id": world["李小红"].pk, "name": "李小红"},
        "votes": 65,
        "position": 6,
        "outcome": "未当选，依次递补第1位",
    }
    officer = client(world, Role.TOWNSHIP_OFFICER)
    outcome = officer.post(
        url(world, "election-committee/nominees/"),
        {"person": world["吴秀英"].pk, "stage": "nominated", "on": "2026-03-25"},
        format="json",
    ).json()
    assert outcome["withdrawn"] == [{"id": world["张伟"].pk, "name": "张伟"}]
    assert outcome["filled"] == [{"id": world["李小红"].pk, "name": "李小红"}]
    (left,) = outcome["committee"]["committee"]["left"]
    assert left["rule_ids"] == ["VC-EC-4", "KIN-4"]
    assert left["chain"] == "张伟是吴秀英的外孙（张伟是吴兰的儿子，吴兰是吴秀英的女儿）"
    again = officer.post(
        url(world, "election-committee/nominees/"),
        {"person": world["吴秀英"].pk, "stage": "nominated", "on": "2026-03-25"},
        format="json",
    )
    assert (again.status_code, again.json()["code"]) == (409, "nominee_exists")


@pytest.mark.parametrize(
    ("changes", "status", "code", "needle"),
    [
        ({"present": 29}, 400, "invalid_input", "到会人数不足"),
        ({"present": "40"}, 400, "invalid_input", ""),
        ({"votes": [{"person": 987654, "votes": 3}]}, 400, "invalid_input", "编号为987654"),
    ],
    ids=["quorum", "wrong_type", "stranger"],
)
def test_refusals_change_nothing(
    committee_world: World, changes: dict[str, Any], status: int, code: str, needle: str
) -> None:
    world = committee_world
    before = state()
    response = client(world).post(url(world), body(world, **changes), format="json")
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert needle in response.json()["message"]
    assert state() == before


def test_a_second_record_is_409(committee_world: World) -> None:
    world = committee_world
    api = client(world)
    api.post(url(world), body(world), format="json")
    before = state()
    response = api.post(url(world), body(world), format="json")
    assert (response.status_code, response.json()["code"]) == (409, "committee_exists")
    assert state() == before


def test_without_an_election_writes_are_409(tree: RegionTree) -> None:
    api = token_client(make_user(tree, Role.ELECTION_COMMITTEE))
    response = api.post(
        f"/api/v1/villages/{tree.a1.pk}/representatives/apportionment/",
        {"basis": "groups", "decided_on": "2026-03-20"},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (409, "no_election")


def test_representatives_through_the_api(tree: RegionTree) -> None:
    world = build_world(tree, "NAT_2018")
    for n in range(6):
        villager(world, f"村民{n}", sex=Sex.FEMALE if n % 2 else Sex.MALE)
    api = client(world)
    group = world["村民0"].household.villager_group_id  # type: ignore[union-attr]
    made = api.post(
        url(world, "representatives/apportionment/"),
        {"basis": "groups", "decided_on": "2026-03-20",
         "seats": [{"villager_group": group, "seats": 2, "women_seats": 1}]},
        format="json",
    )  # fmt: skip
    assert made.status_code == 201, made.content
    assert made.json()["constituencies"][0]["seats"] == 2
    votes = [{"person": world[f"村民{n}"].pk, "votes": 9 - n} for n in range(4)]
    selection = url(world, "representatives/constituencies/1/selection/")
    short = api.post(
        selection, {"held_on": "2026-03-28", "voters_present": 3, "households_present": 0,
                    "votes": votes}, format="json",
    )  # fmt: skip
    assert (short.status_code, short.json()["code"]) == (400, "invalid_input")
    assert not Selection.objects.exists()
    done = api.post(
        selection, {"held_on": "2026-03-28", "voters_present": 5, "households_present": 0,
                    "votes": votes}, format="json",
    ).json()  # fmt: skip
    elected = [v["person"]["name"] for v in done["constituencies"][0]["selection"]["votes"]
               if v["elected"]]  # fmt: skip
    assert elected == ["村民0", "村民1"]
    assert [c["subject"] for c in done["composition"]] == ["村民代表", "妇女代表"]
    cancel = url(world, "representatives/constituencies/1/cancel/")
    assert api.post(cancel, {"reason": "得票登记错误"}, format="json").status_code == 200
    assert not Selection.objects.exists()
    again = api.post(cancel, {"reason": "得票登记错误"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "no_selection")
