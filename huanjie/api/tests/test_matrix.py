"""The permission matrix (domain.md §1) on every endpoint of /api/v1/, as every role of the
matrix and as nobody: 200 / 403 / 404 as the policy says, the same 404 body for missing and
out of scope, lists holding exactly the user's scope, and refused writes changing nothing.

The expectations are those of the web pages (huanjie/core/tests/test_views_access.py and the
import pages' matrix): the API is another door to the same rooms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user, valid_id
from huanjie.api.tests.conftest import session_client
from huanjie.audit.models import AuditEntry
from huanjie.committees.models import CommitteeNominee, ElectionCommittee, RepresentativePlan
from huanjie.core.tests.test_views_access import OPENS
from huanjie.people.models import (
    CloseRelative,
    Household,
    Person,
    RegisterImport,
    RegisterImportStatus,
    RelationSource,
)
from huanjie.people.register.importing import register_import_create
from huanjie.people.tests.editing import rows as register_rows

R = Role
MISSING = 987_654
VILLAGES = ["a1", "a2", "b1", "c1"]
TREE = [
    "province", "city", "county", "township_a", "township_b", "other_county", "other_township",
    *VILLAGES,
]  # fmt: skip
_COUNTY = {"county", "township_a", "township_b", "a1", "a2", "b1"}
# The regions whose figures each role sees (the region pages' reach), over the whole tree.
FIGURES: dict[Role, set[str]] = {
    R.ADMINISTRATOR: set(TREE),
    R.ELECTION_OFFICE: _COUNTY,
    R.TOWNSHIP_OFFICER: {"township_a", "a1", "a2"},
    R.ELECTION_COMMITTEE: {"a1"},
    R.REVIEWER: set(),
    R.VILLAGE_CADRE: {"a1"},
    R.VILLAGE_PARTY: {"a1"},
    R.OBSERVER: _COUNTY,
}
KEEPERS = {R.ELECTION_COMMITTEE}  # who changes a village's register (and reads its imports)

Ids = dict[str, Any]
Url = Callable[[RegionTree, Ids, str], str]
# Reads of one village's objects: the endpoint's URL for the village `key` (or MISSING).
VILLAGE_READS: dict[str, Url] = {
    "village": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/",
    "households": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/households/",
    "audit": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/audit/",
    "household": lambda t, i, k: f"/api/v1/households/{_obj(t.households, k)}/",
    "person_head": lambda t, i, k: f"/api/v1/persons/{_obj(t.heads, k)}/",
    "person_spouse": lambda t, i, k: f"/api/v1/persons/{_obj(t.spouses, k)}/",
    "persons_of_village": lambda t, i, k: f"/api/v1/persons/?village={_village(t, k)}",
}
IMPORT_READS: dict[str, Url] = {
    "imports": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/imports/",
    "import": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/imports/{i.get(k, MISSING)}/",
    "import_report": (
        lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/imports/{i.get(k, MISSING)}/report/"
    ),
}
# Writes: the URL and what a keeper of the village gets.
IMPORT_WRITES: dict[str, tuple[Url, int]] = {
    "upload": (lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/imports/", 201),
    "confirm": (
        lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/imports/{i.get(k, MISSING)}/confirm/",
        409,  # the fixture's import failed its check: nothing to confirm
    ),
    "retry": (
        lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/imports/{i.get(k, MISSING)}/retry/",
        202,  # it was interrupted: run again from the kept file
    ),
    "recheck": (
        lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/imports/{i.get(k, MISSING)}/recheck/",
        202,  # it failed: checked again as covering the whole village
    ),
    "dismiss": (
        lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/imports/{i.get(k, MISSING)}/dismiss/",
        200,  # it failed: off the list of recent imports
    ),
}
IMPORT_BODIES: dict[str, dict[str, str]] = {"recheck": {"coverage": "village"}}


def _village(tree: RegionTree, key: str) -> int:
    return tree.villages[key].pk if key in tree.villages else MISSING


def _obj(objects: dict[str, Any], key: str) -> int:
    return objects[key].pk if key in objects else MISSING


@pytest.fixture
def imports(tree: RegionTree) -> Ids:
    """One interrupted import in each village, its report naming a full ID number."""
    found = {}
    for key, village in tree.villages.items():
        item = register_import_create(village=village, name="户籍.csv", data=b"x", acting_user=None)
        report = {
            "file_error": None,
            "problems": [
                {"row": 2, "column": "身份证号", "value": valid_id(90), "message": "重复登记",
                 "level": "error"},
            ],
            "interrupted": "validate",
        }  # fmt: skip
        RegisterImport.objects.filter(pk=item.pk).update(
            status=RegisterImportStatus.FAILED, report=report
        )
        found[key] = item.pk
    return found


def _client(tree: RegionTree, role: Role | None) -> APIClient:
    return APIClient() if role is None else session_client(make_user(tree, role))


def _state() -> tuple[Any, ...]:
    return (
        list(
            RegisterImport.objects.order_by("pk").values_list(
                "pk", "status", "attempt", "coverage", "dismissed_at"
            )
        ),
        Person.objects.count(),
        Household.objects.count(),
        AuditEntry.objects.count(),
    )


def _upload() -> dict[str, Any]:
    return {"file": SimpleUploadedFile("户籍.csv", "户号\n".encode(), "text/csv")}


READ_CASES = [(role, page, key) for role in Role for page in VILLAGE_READS for key in VILLAGES]


@pytest.mark.parametrize(
    ("role", "page", "key"), READ_CASES, ids=[f"{r.value}-{p}-{k}" for r, p, k in READ_CASES]
)
def test_village_reads_follow_the_matrix(tree: RegionTree, role: Role, page: str, key: str) -> None:
    client = _client(tree, role)
    response = client.get(VILLAGE_READS[page](tree, {}, key))
    if key in OPENS[role]:
        assert response.status_code == 200
        return
    assert response.status_code == 404
    missing = client.get(VILLAGE_READS[page](tree, {}, "missing"))
    assert missing.status_code == 404
    assert response.json() == missing.json()
    assert response.json()["code"] == "not_found"
    assert tree.villages[key].name not in response.content.decode()


IMPORT_READ_CASES = [
    (role, page, key) for role in Role for page in IMPORT_READS for key in VILLAGES
]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    IMPORT_READ_CASES,
    ids=[f"{r.value}-{p}-{k}" for r, p, k in IMPORT_READ_CASES],
)
def test_import_reads_are_the_keepers_alone(
    tree: RegionTree, imports: Ids, role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    response = client.get(IMPORT_READS[page](tree, imports, key))
    if key not in OPENS[role]:
        missing = client.get(IMPORT_READS[page](tree, imports, "missing"))
        assert (response.status_code, response.json()) == (404, missing.json())
    elif role in KEEPERS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        assert "村民选举委员会" in response.json()["message"]


WRITE_CASES = [(role, page, key) for role in Role for page in IMPORT_WRITES for key in VILLAGES]


@pytest.mark.parametrize(
    ("role", "page", "key"), WRITE_CASES, ids=[f"{r.value}-{p}-{k}" for r, p, k in WRITE_CASES]
)
def test_import_writes_follow_the_matrix_and_refusals_change_nothing(
    tree: RegionTree, imports: Ids, role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    url, allowed = IMPORT_WRITES[page]
    before = _state()
    body = _upload() if page == "upload" else IMPORT_BODIES.get(page, {})
    response = client.post(url(tree, imports, key), body)
    if key in OPENS[role] and role in KEEPERS:
        assert response.status_code == allowed, response.content
        return
    assert response.status_code == (403 if key in OPENS[role] else 404)
    assert _state() == before


@pytest.mark.parametrize("page", list(IMPORT_WRITES))
def test_anonymous_writes_are_refused_and_change_nothing(
    tree: RegionTree, imports: Ids, page: str
) -> None:
    url, _ = IMPORT_WRITES[page]
    before = _state()
    body = _upload() if page == "upload" else IMPORT_BODIES.get(page, {})
    response = APIClient().post(url(tree, imports, "a1"), body)
    assert response.status_code == 401
    assert _state() == before


def test_an_import_of_another_village_is_as_missing_as_none(tree: RegionTree, imports: Ids) -> None:
    client = _client(tree, R.ELECTION_COMMITTEE)
    base = f"/api/v1/villages/{tree.a1.pk}/imports/"
    foreign = client.get(f"{base}{imports['c1']}/")
    missing = client.get(f"{base}{MISSING}/")
    assert (foreign.status_code, foreign.json()) == (404, missing.json())


REGION_CASES = [(role, key) for role in Role for key in TREE]


@pytest.mark.parametrize(
    ("role", "key"), REGION_CASES, ids=[f"{r.value}-{k}" for r, k in REGION_CASES]
)
def test_region_detail_follows_the_figures_reach(tree: RegionTree, role: Role, key: str) -> None:
    client = _client(tree, role)
    response = client.get(f"/api/v1/regions/{getattr(tree, key).pk}/")
    if key in FIGURES[role]:
        assert response.status_code == 200
        assert response.json()["code"] == getattr(tree, key).code
        return
    missing = client.get(f"/api/v1/regions/{MISSING}/")
    assert (response.status_code, response.json()) == (404, missing.json())


def _codes(response: Any, field: str = "code") -> set[str]:
    assert response.status_code == 200
    return {row[field] for row in response.json()["results"]}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_lists_hold_exactly_the_scope(tree: RegionTree, role: Role) -> None:
    client = _client(tree, role)
    regions = {getattr(tree, key).code for key in FIGURES[role]}
    villages = {tree.villages[key].code for key in OPENS[role]}
    people = {str(p.pk) for k in OPENS[role] for p in (tree.heads[k], tree.spouses[k])}
    assert _codes(client.get("/api/v1/regions/")) == regions
    assert _codes(client.get("/api/v1/villages/")) == villages
    persons = client.get("/api/v1/persons/")
    assert {str(row["id"]) for row in persons.json()["results"]} == people


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_reference_endpoints_serve_every_role(tree: RegionTree, role: Role) -> None:
    client = _client(tree, role)
    assert client.get("/api/v1/holidays/?year=2026").status_code == 200
    contest = {"profile": "NAT_2018"}
    assert client.post("/api/v1/tally/", contest, format="json").status_code == 400


ALL_READS = [
    "/api/v1/regions/",
    "/api/v1/villages/",
    "/api/v1/persons/",
    "/api/v1/holidays/",
]


@pytest.mark.parametrize("page", [*VILLAGE_READS, *IMPORT_READS, "region", *ALL_READS])
def test_anonymous_reads_are_401(tree: RegionTree, imports: Ids, page: str) -> None:
    if page in VILLAGE_READS:
        url = VILLAGE_READS[page](tree, imports, "a1")
    elif page in IMPORT_READS:
        url = IMPORT_READS[page](tree, imports, "a1")
    elif page == "region":
        url = f"/api/v1/regions/{tree.county.pk}/"
    else:
        url = page
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"


# --- close relatives: read by everyone who opens the village, changed by its committee --------


@pytest.fixture
def links(tree: RegionTree) -> dict[str, Ids]:
    """In each village, between the head and the spouse: a pending derived link, a confirmed
    derived one and one the committee declared."""
    found: dict[str, Ids] = {}
    for key in VILLAGES:
        head, spouse = tree.heads[key], tree.spouses[key]
        made = {
            name: CloseRelative.objects.create(
                person_a=head, person_b=spouse, kind=kind, source=source, basis=basis,
                confirmed_at=None if name == "pending" else timezone.now(),
            ).pk
            for name, kind, source, basis in [
                ("pending", "spouse", RelationSource.DERIVED, ""),
                ("confirmed", "sibling", RelationSource.DERIVED, ""),
                ("declared", "parent_child", RelationSource.DECLARED, "误登"),
            ]
        }  # fmt: skip
        found[key] = made
    return found


def _link(links: dict[str, Ids], key: str, name: str) -> int:
    return links[key][name] if key in links else MISSING


RelationUrl = Callable[[RegionTree, dict[str, Ids], str], str]
RELATION_READS: dict[str, RelationUrl] = {
    "relation": lambda t, r, k: f"/api/v1/relations/{_link(r, k, 'pending')}/",
    "village_relations": lambda t, r, k: f"/api/v1/villages/{_village(t, k)}/relations/",
}
# Writes: method, URL, body, and what the village's committee gets.
RELATION_WRITES: dict[str, tuple[str, RelationUrl, dict[str, Any], int]] = {
    "confirm": (
        "post",
        lambda t, r, k: f"/api/v1/relations/{_link(r, k, 'pending')}/confirm/",
        {},
        200,
    ),
    "reject": (
        "post",
        lambda t, r, k: f"/api/v1/relations/{_link(r, k, 'pending')}/reject/",
        {"reason": "实为继子女"},
        200,
    ),
    "reopen": (
        "post",
        lambda t, r, k: f"/api/v1/relations/{_link(r, k, 'confirmed')}/reopen/",
        {},
        200,
    ),
    "remove": ("delete", lambda t, r, k: f"/api/v1/relations/{_link(r, k, 'declared')}/", {}, 204),
    "confirm_household": (
        "post",
        lambda t, r, k: f"/api/v1/households/{_obj(t.households, k)}/relations/confirm/",
        {},
        200,
    ),
    "declare": (
        "post",
        lambda t, r, k: f"/api/v1/persons/{_obj(t.heads, k)}/relations/",
        {"other_person": 0, "kind": "grandparent_grandchild", "elder": "self", "basis": "户口簿"},
        201,
    ),
}


def _relations_state() -> list[Any]:
    return [
        *CloseRelative.objects.order_by("pk").values_list(
            "pk", "kind", "person_a", "person_b", "confirmed_at", "rejected_at", "basis"
        ),
        AuditEntry.objects.count(),
    ]


RELATION_READ_CASES = [
    (role, page, key) for role in Role for page in RELATION_READS for key in VILLAGES
]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    RELATION_READ_CASES,
    ids=[f"{r.value}-{p}-{k}" for r, p, k in RELATION_READ_CASES],
)
def test_relation_reads_follow_the_matrix(
    tree: RegionTree, links: dict[str, Ids], role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    response = client.get(RELATION_READS[page](tree, links, key))
    if key in OPENS[role]:
        assert response.status_code == 200
        return
    missing = client.get(RELATION_READS[page](tree, links, "missing"))
    assert (response.status_code, response.json()) == (404, missing.json())


RELATION_WRITE_CASES = [
    (role, page, key) for role in Role for page in RELATION_WRITES for key in VILLAGES
]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    RELATION_WRITE_CASES,
    ids=[f"{r.value}-{p}-{k}" for r, p, k in RELATION_WRITE_CASES],
)
def test_relation_writes_are_the_committees_and_refusals_change_nothing(
    tree: RegionTree, links: dict[str, Ids], role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    method, url, body, allowed = RELATION_WRITES[page]
    if page == "declare":
        body = {**body, "other_person": tree.spouses[key].pk}
    before = _relations_state()
    response = getattr(client, method)(url(tree, links, key), body, format="json")
    if key in OPENS[role] and role in KEEPERS:
        assert response.status_code == allowed, response.content
        assert _relations_state() != before
        return
    assert response.status_code == (403 if key in OPENS[role] else 404)
    if response.status_code == 403:
        assert response.json()["code"] == "permission_denied"
        assert "村民选举委员会" in response.json()["message"]
    assert _relations_state() == before


@pytest.mark.parametrize("page", [*RELATION_READS, *RELATION_WRITES])
def test_anonymous_relation_calls_are_401_and_change_nothing(
    tree: RegionTree, links: dict[str, Ids], page: str
) -> None:
    before = _relations_state()
    if page in RELATION_READS:
        response = APIClient().get(RELATION_READS[page](tree, links, "a1"))
    else:
        method, url, body, _ = RELATION_WRITES[page]
        response = getattr(APIClient(), method)(url(tree, links, "a1"), body, format="json")
    assert response.status_code == 401
    assert _relations_state() == before


# --- keeping the register: households and people (huanjie.api.views.editing) ---------------

RegisterBody = Callable[[RegionTree, str], dict[str, Any]]
# Each write: method, URL, body for the village `key`, and what the village's committee gets.
REGISTER_WRITES: dict[str, tuple[str, Url, RegisterBody, int]] = {
    "household_create": (
        "post",
        lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/households/",
        lambda t, k: {
            "number": "900",
            "villager_group": t.households[k].villager_group_id,
            "members": [{"name": "新户主", "id_number": valid_id(91), "relation_to_head": "head"}],
        },
        201,
    ),
    "household_update": (
        "patch",
        lambda t, i, k: f"/api/v1/households/{_obj(t.households, k)}/",
        lambda t, k: {"number": "901"},
        200,
    ),
    "member_add": (
        "post",
        lambda t, i, k: f"/api/v1/households/{_obj(t.households, k)}/members/",
        lambda t, k: {"name": "新成员", "id_number": valid_id(92), "relation_to_head": "son"},
        201,
    ),
    "head_change": (
        "post",
        lambda t, i, k: f"/api/v1/households/{_obj(t.households, k)}/head/",
        lambda t, k: {"new_head": t.spouses[k].pk, "former_head_relation": "spouse"},
        200,
    ),
    "person_update": (
        "patch",
        lambda t, i, k: f"/api/v1/persons/{_obj(t.spouses, k)}/",
        lambda t, k: {"phone": "13900000000"},
        200,
    ),
    "person_move": (
        "post",
        lambda t, i, k: f"/api/v1/persons/{_obj(t.spouses, k)}/move/",
        lambda t, k: {
            "household": Household.objects.get(village=t.villages[k], number="002").pk,
            "relation_to_head": "head",
        },
        200,
    ),
    "person_leave": (
        "post",
        lambda t, i, k: f"/api/v1/persons/{_obj(t.spouses, k)}/leave/",
        lambda t, k: {"status": "moved_out", "on": "2025-01-01"},
        200,
    ),
    "person_return": (
        "post",
        lambda t, i, k: f"/api/v1/persons/{_obj(t.spouses, k)}/return/",
        lambda t, k: {},
        409,  # the spouse is on the register: nothing to return
    ),
}


@pytest.fixture
def empty_households(tree: RegionTree) -> None:
    """A second household in each village, nobody in it yet (where a person may move)."""
    for key, village in tree.villages.items():
        Household.objects.create(
            village=village, villager_group=tree.households[key].villager_group, number="002"
        )


REGISTER_WRITE_CASES = [
    (role, page, key) for role in Role for page in REGISTER_WRITES for key in VILLAGES
]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    REGISTER_WRITE_CASES,
    ids=[f"{r.value}-{p}-{k}" for r, p, k in REGISTER_WRITE_CASES],
)
def test_register_writes_are_the_committees_and_refusals_change_nothing(
    tree: RegionTree, empty_households: None, role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    method, url, body, allowed = REGISTER_WRITES[page]
    before = register_rows()
    response = getattr(client, method)(url(tree, {}, key), body(tree, key), format="json")
    if key in OPENS[role] and role in KEEPERS:
        assert response.status_code == allowed, response.content
        assert (register_rows() != before) is (allowed < 300)
        return
    assert response.status_code == (403 if key in OPENS[role] else 404)
    if response.status_code == 403:
        assert response.json()["code"] == "permission_denied"
        assert "村民选举委员会" in response.json()["message"]
    else:
        missing = getattr(client, method)(url(tree, {}, "missing"), {}, format="json")
        assert response.json() == missing.json()
    assert register_rows() == before


@pytest.mark.parametrize("page", list(REGISTER_WRITES))
def test_anonymous_register_writes_are_401_and_change_nothing(
    tree: RegionTree, empty_households: None, page: str
) -> None:
    method, url, body, _ = REGISTER_WRITES[page]
    before = register_rows()
    response = getattr(APIClient(), method)(url(tree, {}, "a1"), body(tree, "a1"), format="json")
    assert response.status_code == 401
    assert register_rows() == before


# --- the election committee and the representatives (huanjie.api.views.committees) ---------

COMMITTEE_READS: dict[str, Url] = {
    "election_committee": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/election-committee/",
    "representatives": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/representatives/",
    "group_leaders": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/group-leaders/",
    "nominations": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/nominations/",
    "vetting": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/vetting/",
    "pledges": lambda t, i, k: f"/api/v1/villages/{_village(t, k)}/pledges/",
}
_V = "/api/v1/villages/{}/"
# Each write: URL tail, body, who may, and what they get on the tree (which has no villagers'
# committee election: the state refuses, past the gate and the permission).
COMMITTEE_WRITES: dict[str, tuple[str, dict[str, Any], set[Role], int, str]] = {
    "committee_record": (
        "election-committee/",
        {"chosen_by": "villagers_assembly", "chosen_on": "2026-03-10", "should_attend": 10,
         "present": 8, "votes": [{"person": 0, "votes": 5, "role": "chair"}]},
        {R.ELECTION_COMMITTEE}, 409, "no_election",
    ),
    "nominee": (
        "election-committee/nominees/",
        {"person": 0, "stage": "nominated", "on": "2026-03-25"},
        {R.ELECTION_COMMITTEE, R.TOWNSHIP_OFFICER}, 409, "no_committee",
    ),
    "role": (
        "election-committee/roles/", {"person": 0, "role": "chair"},
        {R.ELECTION_COMMITTEE}, 409, "no_committee",
    ),
    "apportion": (
        "representatives/apportionment/", {"basis": "groups", "decided_on": "2026-03-20"},
        {R.ELECTION_COMMITTEE}, 409, "no_election",
    ),
    "selection": (
        "representatives/constituencies/1/selection/",
        {"held_on": "2026-03-28", "voters_present": 1, "households_present": 0,
         "votes": [{"person": 0, "votes": 1}]},
        {R.ELECTION_COMMITTEE}, 404, "not_found",
    ),
    "cancel": (
        "representatives/constituencies/1/cancel/", {"reason": "登记错误"},
        {R.ELECTION_COMMITTEE}, 404, "not_found",
    ),
    "group_notice": (
        "group-leaders/notice/",
        {"issued_on": "2026-03-20", "held_on": "2026-03-28", "starts_at": "08:30",
         "ends_at": "11:30", "place": "村委会"},
        {R.ELECTION_COMMITTEE}, 409, "no_election",
    ),
    "group_selection": (
        f"group-leaders/groups/{MISSING}/selection/",
        {"held_on": "2026-03-28", "adults_present": 1, "households_present": 0,
         "leader_votes": [{"person": 0, "votes": 1}]},
        {R.ELECTION_COMMITTEE}, 404, "not_found",
    ),
    "group_cancel": (
        f"group-leaders/groups/{MISSING}/cancel/", {"reason": "登记错误"},
        {R.ELECTION_COMMITTEE}, 404, "not_found",
    ),
}  # fmt: skip


def _committee_state() -> tuple[Any, ...]:
    return (
        ElectionCommittee.objects.count(),
        CommitteeNominee.objects.count(),
        RepresentativePlan.objects.count(),
        AuditEntry.objects.count(),
    )


COMMITTEE_READ_CASES = [
    (role, page, key) for role in Role for page in COMMITTEE_READS for key in VILLAGES
]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    COMMITTEE_READ_CASES,
    ids=[f"{r.value}-{p}-{k}" for r, p, k in COMMITTEE_READ_CASES],
)
def test_committee_reads_follow_the_matrix(
    tree: RegionTree, role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    response = client.get(COMMITTEE_READS[page](tree, {}, key))
    if key in OPENS[role]:
        assert response.status_code == 200
        return
    missing = client.get(COMMITTEE_READS[page](tree, {}, "missing"))
    assert (response.status_code, response.json()) == (404, missing.json())


COMMITTEE_WRITE_CASES = [
    (role, page, key) for role in Role for page in COMMITTEE_WRITES for key in VILLAGES
]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    COMMITTEE_WRITE_CASES,
    ids=[f"{r.value}-{p}-{k}" for r, p, k in COMMITTEE_WRITE_CASES],
)
def test_committee_writes_are_the_committees_and_refusals_change_nothing(
    tree: RegionTree, role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    tail, body, keepers, allowed, code = COMMITTEE_WRITES[page]
    head = tree.heads[key].pk if key in tree.heads else 1
    body = {**body, **({"person": head} if "person" in body else {})}
    if "votes" in body:
        body["votes"] = [{**vote, "person": head} for vote in body["votes"]]
    before = _committee_state()
    response = client.post(_V.format(_village(tree, key)) + tail, body, format="json")
    if key in OPENS[role] and role in keepers:
        assert (response.status_code, response.json()["code"]) == (allowed, code), response.content
    elif key in OPENS[role]:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        assert "村民选举委员会" in response.json()["message"]
    else:
        assert response.status_code == 404
        missing = client.post(_V.format(MISSING) + tail, body, format="json")
        assert response.json() == missing.json()
    assert _committee_state() == before


@pytest.mark.parametrize("page", [*COMMITTEE_READS, *COMMITTEE_WRITES])
def test_anonymous_committee_calls_are_401(tree: RegionTree, page: str) -> None:
    if page in COMMITTEE_READS:
        response = APIClient().get(COMMITTEE_READS[page](tree, {}, "a1"))
    else:
        tail, body, *_ = COMMITTEE_WRITES[page]
        response = APIClient().post(_V.format(tree.a1.pk) + tail, body, format="json")
    assert response.status_code == 401


# --- the voter register (huanjie.api.views.registration) -----------------------------------
# Its world is costly to build (a published register in every village): one test per role and
# village walks every endpoint, each write inside a savepoint rolled back after it.

_VR = "/api/v1/villages/{}/voter-register/"
VOTER_READS = ["", "voters/", "left-off/", "conflicts/", "objections/", "changes/"]
TOWNSHIP_REGISTERS: dict[Role, set[str]] = {
    R.ADMINISTRATOR: {"township_a", "township_b", "other_township"},
    R.ELECTION_OFFICE: {"township_a", "township_b"},
    R.TOWNSHIP_OFFICER: {"township_a"},
}


@pytest.fixture
def voters(tree: RegionTree) -> dict[str, Ids]:
    from huanjie.registration.tests.api_world import voter_world

    return voter_world(tree)


VoterUrl = Callable[[RegionTree, dict[str, Ids], str], str]
VoterBody = Callable[[RegionTree, dict[str, Ids], str], dict[str, Any]]


def _today() -> str:
    return timezone.localdate().isoformat()


def _vr(tail: str) -> VoterUrl:
    return lambda t, v, k: _VR.format(_village(t, k)) + tail


def _of(kind: str, path: str) -> VoterUrl:
    return lambda t, v, k: f"/api/v1/{path}/{v[k][kind] if k in v else MISSING}/"


# Each write: URL, body, and what the village's committee gets.
VOTER_WRITES: dict[str, tuple[VoterUrl, VoterBody, int]] = {
    "build": (_vr("build/"), lambda t, v, k: {}, 409),  # published: never rebuilt
    "publish": (_vr("publish/"), lambda t, v, k: {"published_on": _today()}, 409),
    "wish": (
        _vr("wishes/"),
        lambda t, v, k: {"id_number": v[k]["away"], "expressed_on": _today(), "means": "phone"},
        201,
    ),
    "application": (
        _vr("applications/"),
        lambda t, v, k: {
            "id_number": valid_id(95 + VILLAGES.index(k), birth="19900101"),
            "name": "新来居民",
            "since": "2020-01-01",
            "applied_on": _today(),
        },
        201,
    ),
    "objection": (
        _vr("objections/"),
        lambda t, v, k: {
            "received_on": _today(),
            "filed_by": "村民李某",
            "kind": "remove",
            "id_number": t.heads[k].id_number,
            "claim": "已迁居外地",
        },
        201,
    ),
    "notice": (_vr("notices/"), lambda t, v, k: {"published_on": _today()}, 409),  # none decided
    "cards": (_vr("cards/"), lambda t, v, k: {}, 409),  # every voter has one
    "decide": (
        lambda t, v, k: _of("objection", "voter-objections")(t, v, k) + "decide/",
        lambda t, v, k: {"upheld": False, "reasons": "经核实仍在本村居住", "decided_on": _today()},
        200,
    ),
    "reissue": (
        lambda t, v, k: _of("card", "voter-cards")(t, v, k) + "reissue/",
        lambda t, v, k: {"reason": "遗失"},
        201,
    ),
}
ROLE_VILLAGES = [(role, key) for role in Role for key in VILLAGES]
ROLE_VILLAGE_IDS = [f"{r.value}-{k}" for r, k in ROLE_VILLAGES]


@pytest.mark.parametrize(("role", "key"), ROLE_VILLAGES, ids=ROLE_VILLAGE_IDS)
def test_voter_register_calls_follow_the_matrix_and_refusals_change_nothing(
    tree: RegionTree, voters: dict[str, Ids], role: Role, key: str
) -> None:
    from huanjie.registration.tests.api_world import HOLDERS, voter_state

    client = _client(tree, role)
    for page in VOTER_READS:
        response = client.get(_VR.format(_village(tree, key)) + page)
        if key in OPENS[role]:
            assert response.status_code == 200, (page, response.content)
        else:
            missing = client.get(_VR.format(MISSING) + page)
            assert (response.status_code, response.json()) == (404, missing.json()), page
    writes: dict[str, tuple[VoterUrl, VoterBody, int]] = {
        **VOTER_WRITES,
        "resolve": (
            _of("conflict", "voter-conflicts"),
            lambda t, v, k: {"keep_village": v[k]["holder"], "note": "本人选择在另一村参加选举"},
            200,
        ),
    }
    for page, (url, body, allowed) in writes.items():
        # A double registration is reached through either of its two villages.
        reach = OPENS[role] & ({key, HOLDERS[key]} if page == "resolve" else {key})
        target = url(tree, voters, key) + ("resolve/" if page == "resolve" else "")
        with transaction.atomic():
            before = voter_state()
            response = client.post(target, body(tree, voters, key), format="json")
            if reach and role in KEEPERS:
                assert response.status_code == allowed, (page, response.content)
                assert (voter_state() != before) is (allowed < 300), page
            else:
                assert response.status_code == (403 if reach else 404), page
                if response.status_code == 403:
                    assert response.json()["code"] == "permission_denied"
                    assert "村民选举委员会" in response.json()["message"]
                assert voter_state() == before, page
            transaction.set_rollback(True)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_a_township_s_registers_are_for_who_works_in_all_its_villages(
    tree: RegionTree, voters: dict[str, Ids], role: Role
) -> None:
    client = _client(tree, role)
    missing = client.get(f"/api/v1/regions/{MISSING}/voter-registers/")
    for key in ("township_a", "township_b", "other_township"):
        response = client.get(f"/api/v1/regions/{getattr(tree, key).pk}/voter-registers/")
        if key in TOWNSHIP_REGISTERS.get(role, set()):
            assert response.status_code == 200
        else:
            assert (response.status_code, response.json()) == (404, missing.json())


def test_anonymous_voter_register_calls_are_401(tree: RegionTree, voters: dict[str, Ids]) -> None:
    for page in VOTER_READS:
        assert APIClient().get(_VR.format(tree.a1.pk) + page).status_code == 401
    for url, body, _ in VOTER_WRITES.values():
        response = APIClient().post(
            url(tree, voters, "a1"), body(tree, voters, "a1"), format="json"
        )
        assert response.status_code == 401


# --- the party roll: read by everyone who opens the village, kept by its party organization ----

PARTY_KEEPERS = {R.VILLAGE_PARTY}
CONSENTERS = {R.VILLAGE_PARTY, R.TOWNSHIP_OFFICER}  # the township records its own approval


@pytest.fixture
def party(tree: RegionTree) -> dict[str, Ids]:
    """In each village: a party election a month ahead, the head and the spouse full members,
    an exclusion of the head proposed, a villager known as a member by 政治面貌 only."""
    from huanjie.campaigns.services import campaign_create, village_plan_create
    from huanjie.elections.party.services import exclusion_propose
    from huanjie.elections.services import election_create
    from huanjie.people.models import (
        HeadRelation,
        MembershipStatus,
        PartyMembership,
        PartyOrganization,
        PoliticalStatus,
        Sex,
    )

    today = timezone.localdate()
    campaigns = {
        county.pk: campaign_create(
            name=f"{county.name}换届", term_start_year=today.year, region=county,
            profile_id="ZJ_2025", window_start=today, window_end=today + timedelta(days=90),
            acting_user=None,
        )
        for county in (tree.county, tree.other_county)
    }  # fmt: skip
    found: dict[str, Ids] = {}
    for n, (key, village) in enumerate(tree.villages.items()):
        county = tree.county if key != "c1" else tree.other_county
        plan = village_plan_create(campaign=campaigns[county.pk], village=village, acting_user=None)
        election = election_create(
            plan=plan, body="party_organization", method="two_recommendations",
            seats={"secretary": 1, "member": 2}, election_day=today + timedelta(days=30),
            acting_user=None,
        )  # fmt: skip
        org = PartyOrganization.objects.get_or_create(
            village=village, defaults={"name": f"{village.name}党支部", "kind": "branch"}
        )[0]
        for person in (tree.heads[key], tree.spouses[key]):
            PartyMembership.objects.get_or_create(
                person=person, defaults={"organization": org, "status": MembershipStatus.FULL}
            )
        off_roll = Person.objects.create(
            id_number=valid_id(700 + n, birth="19700101"), name="未入册党员", sex=Sex.MALE,
            birth_date=date(1970, 1, 1), village=village, household=tree.households[key],
            relation_to_head=HeadRelation.OTHER, political_status=PoliticalStatus.FULL_MEMBER,
        )  # fmt: skip
        exclusion = exclusion_propose(
            election=election, person=tree.heads[key], ground="abroad", detail="出国",
            acting_user=None,
        )  # fmt: skip
        found[key] = {"exclusion": exclusion.pk, "off_roll": off_roll.pk, "org": org.pk}
    return found


def _party_state() -> list[Any]:
    from huanjie.elections.models import AttendanceExclusion, MemberRegistration
    from huanjie.people.models import PartyMembership

    return [
        list(AttendanceExclusion.objects.order_by("pk").values()),
        list(MemberRegistration.objects.order_by("pk").values()),
        list(PartyMembership.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    ]


def _ex(p: dict[str, Ids], key: str) -> int:
    return p[key]["exclusion"] if key in p else MISSING


PartyUrl = Callable[[RegionTree, dict[str, Ids], str], str]
PARTY_READS: dict[str, PartyUrl] = {
    "party_roll": lambda t, p, k: f"/api/v1/villages/{_village(t, k)}/party-roll/",
    "party_exclusion": lambda t, p, k: f"/api/v1/party-exclusions/{_ex(p, k)}/",
}
TODAY_TEXT = str(timezone.localdate())
# Writes: method, URL, body for the village `key`, who may, and what they get.
PARTY_WRITES: dict[
    str, tuple[str, PartyUrl, Callable[[RegionTree, dict[str, Ids], str], dict[str, Any]], set[Role], int]
] = {
    "propose": (
        "post", lambda t, p, k: f"/api/v1/villages/{_village(t, k)}/party-roll/exclusions/",
        lambda t, p, k: {"person": t.spouses[k].pk, "ground": "away", "detail": "外出务工"},
        PARTY_KEEPERS, 201,
    ),
    "consent": (
        "post", lambda t, p, k: f"/api/v1/party-exclusions/{_ex(p, k)}/consent/",
        lambda t, p, k: {"on": TODAY_TEXT, "approver": "中共鹤溪街道工作委员会", "document": "5号"},
        CONSENTERS, 200,
    ),
    "meeting": (
        "post", lambda t, p, k: f"/api/v1/party-exclusions/{_ex(p, k)}/meeting/",
        lambda t, p, k: {"on": TODAY_TEXT}, PARTY_KEEPERS, 200,
    ),
    "withdraw": (
        "post", lambda t, p, k: f"/api/v1/party-exclusions/{_ex(p, k)}/withdraw/",
        lambda t, p, k: {"reason": "已回村"}, PARTY_KEEPERS, 200,
    ),
    "register": (
        "post", lambda t, p, k: f"/api/v1/villages/{_village(t, k)}/party-roll/registrations/",
        lambda t, p, k: {"person": t.spouses[k].pk, "on": TODAY_TEXT, "method": "phone"},
        PARTY_KEEPERS, 201,
    ),
    "unregister": (
        "delete",
        lambda t, p, k: f"/api/v1/villages/{_village(t, k)}/party-roll/registrations/"
        f"{t.spouses[k].pk if k in t.spouses else MISSING}/",
        lambda t, p, k: {}, PARTY_KEEPERS, 409,  # nobody registered yet: nothing to cancel
    ),
    "enter": (
        "post", lambda t, p, k: f"/api/v1/villages/{_village(t, k)}/party-roll/members/",
        lambda t, p, k: {"person": p[k]["off_roll"], "organization": p[k]["org"]},
        PARTY_KEEPERS, 201,
    ),
}  # fmt: skip

PARTY_READ_CASES = [(role, page, key) for role in Role for page in PARTY_READS for key in VILLAGES]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    PARTY_READ_CASES,
    ids=[f"{r.value}-{p}-{k}" for r, p, k in PARTY_READ_CASES],
)
def test_party_roll_reads_follow_the_matrix(
    tree: RegionTree, party: dict[str, Ids], role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    response = client.get(PARTY_READS[page](tree, party, key))
    if key in OPENS[role]:
        assert response.status_code == 200
        assert tree.heads[key].id_number not in response.content.decode()  # names only
        return
    missing = client.get(PARTY_READS[page](tree, party, "missing"))
    assert (response.status_code, response.json()) == (404, missing.json())


PARTY_WRITE_CASES = [
    (role, page, key) for role in Role for page in PARTY_WRITES for key in VILLAGES
]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    PARTY_WRITE_CASES,
    ids=[f"{r.value}-{p}-{k}" for r, p, k in PARTY_WRITE_CASES],
)
def test_party_roll_writes_are_the_party_organizations_and_refusals_change_nothing(
    tree: RegionTree, party: dict[str, Ids], role: Role, page: str, key: str
) -> None:
    client = _client(tree, role)
    method, url, body, allowed_roles, allowed = PARTY_WRITES[page]
    before = _party_state()
    response = getattr(client, method)(url(tree, party, key), body(tree, party, key), format="json")
    if key in OPENS[role] and role in allowed_roles:
        assert response.status_code == allowed, response.content
        assert (_party_state() != before) is (allowed < 300)
        return
    assert response.status_code == (403 if key in OPENS[role] else 404)
    if response.status_code == 403:
        assert response.json()["code"] == "permission_denied"
        assert "党组织" in response.json()["message"]
    assert _party_state() == before


@pytest.mark.parametrize("page", [*PARTY_READS, *PARTY_WRITES])
def test_anonymous_party_roll_calls_are_401_and_change_nothing(
    tree: RegionTree, party: dict[str, Ids], page: str
) -> None:
    before = _party_state()
    if page in PARTY_READS:
        response = APIClient().get(PARTY_READS[page](tree, party, "a1"))
    else:
        method, url, body, _, _ = PARTY_WRITES[page]
        response = getattr(APIClient(), method)(
            url(tree, party, "a1"), body(tree, party, "a1"), format="json"
        )
    assert response.status_code == 401
    assert _party_state() == before


def test_party_roll_api_says_how_should_attend_is_derived(
    tree: RegionTree, party: dict[str, Ids]
) -> None:
    client = _client(tree, R.VILLAGE_PARTY)
    pk = party["a1"]["exclusion"]
    for tail, body in (("consent", {"on": TODAY_TEXT, "approver": "中共鹤溪街道工作委员会"}),):
        refused = client.post(f"/api/v1/party-exclusions/{pk}/{tail}/", body, format="json")
        assert refused.status_code == 400 and "文号" in refused.json()["message"]
    township = _client(tree, R.TOWNSHIP_OFFICER)
    consent = {"on": TODAY_TEXT, "approver": "中共鹤溪街道工作委员会"}
    assert (
        township.post(f"/api/v1/party-exclusions/{pk}/consent/", consent, format="json").json()[
            "higher_approver"
        ]
        == "中共鹤溪街道工作委员会"
    )
    meeting = client.post(
        f"/api/v1/party-exclusions/{pk}/meeting/", {"on": TODAY_TEXT}, format="json"
    )
    assert meeting.json()["approved"] is True
    again = client.post(
        f"/api/v1/party-exclusions/{pk}/meeting/", {"on": TODAY_TEXT}, format="json"
    )
    assert (again.status_code, again.json()["code"]) == (409, "passed")
    roll = client.get(f"/api/v1/villages/{tree.a1.pk}/party-roll/").json()
    lines = {line["key"]: (line["count"], line["rule_id"]) for line in roll["lines"]}
    assert lines["voting"] == (2, "PB-RIGHTS-1")
    assert lines["excluded"] == (1, "PB-QUORUM-2")
    assert lines["should_attend"] == (1, "PB-QUORUM-2")
    assert roll["quorum"] == {
        "rule_id": "PB-QUORUM-1", "base_label": "应到会人数", "base": 1, "fraction": "4/5",
        "cmp": ">=", "least_present": 1, "sentence": roll["quorum"]["sentence"],
    }  # fmt: skip
    assert roll["registration_defines_should_attend"] is False
    assert [p["name"] for p in roll["off_roll"]] == ["未入册党员"]
