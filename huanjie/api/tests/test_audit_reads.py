"""Reads of full ID numbers through the API are on the audit trail: who, what, which region,
when; masked answers are not; and an answer whose read cannot be recorded is not sent."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import QuerySet

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.api import auditing
from huanjie.api.tests.conftest import token_client
from huanjie.audit.models import AuditEntry


def _reads() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(action="api.personal_data_read").order_by("sequence")


def test_a_list_with_full_numbers_is_recorded_once(tree: RegionTree) -> None:
    user = make_user(tree, Role.ELECTION_COMMITTEE)
    response = token_client(user).get("/api/v1/persons/?search=东坑")
    assert response.status_code == 200
    [entry] = _reads()
    assert (entry.actor, entry.actor_role) == (user, "election_committee")
    assert entry.region_code == tree.a1.prefix  # the village the people live in
    assert entry.village is None  # not on the village's page of changes
    assert entry.action_label == "通过接口读取完整身份证号"
    assert entry.after == {
        "method": "GET",
        "path": "/api/v1/persons/",
        "query": {"search": "东坑"},
        "id_numbers": 2,
    }
    assert entry.created_at is not None


def test_the_region_is_the_smallest_that_holds_the_page(tree: RegionTree) -> None:
    token_client(make_user(tree, Role.ADMINISTRATOR)).get("/api/v1/persons/")
    token_client(make_user(tree, Role.TOWNSHIP_OFFICER)).get("/api/v1/persons/")
    assert [e.region_code for e in _reads()] == ["3311", tree.township_a.prefix]
    assert [(e.after or {})["id_numbers"] for e in _reads()] == [8, 4]


@pytest.mark.parametrize(
    ("page", "numbers"),
    [("person", 1), ("household", 2), ("village_persons", 2)],
)
def test_details_with_full_numbers_are_recorded(tree: RegionTree, page: str, numbers: int) -> None:
    url = {
        "person": f"/api/v1/persons/{tree.heads['a1'].pk}/",
        "household": f"/api/v1/households/{tree.households['a1'].pk}/",
        "village_persons": f"/api/v1/persons/?village={tree.a1.pk}",
    }[page]
    token_client(make_user(tree, Role.VILLAGE_CADRE)).get(url)
    [entry] = _reads()
    assert (entry.region_code, (entry.after or {})["id_numbers"]) == (tree.a1.prefix, numbers)


def test_masked_answers_and_answers_without_people_are_not_recorded(tree: RegionTree) -> None:
    party = token_client(make_user(tree, Role.VILLAGE_PARTY))  # sees its members' numbers only
    assert party.get(f"/api/v1/persons/{tree.spouses['a1'].pk}/").status_code == 200
    committee = token_client(make_user(tree, Role.ELECTION_COMMITTEE))
    for url in ["/api/v1/regions/", "/api/v1/villages/", f"/api/v1/villages/{tree.a1.pk}/"]:
        assert committee.get(url).status_code == 200
    assert committee.get(f"/api/v1/persons/{tree.heads['c1'].pk}/").status_code == 404
    assert not _reads().exists()


def test_an_unrecorded_read_is_not_sent(tree: RegionTree, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: Any) -> None:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(auditing, "record_audit", broken)
    client = token_client(make_user(tree, Role.ELECTION_COMMITTEE))
    response = client.get("/api/v1/persons/")
    assert (response.status_code, response.json()["code"]) == (500, "server_error")
    assert tree.heads["a1"].id_number not in response.content.decode()
