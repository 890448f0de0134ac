"""The relation endpoints as the committee uses them: status in the person's relations, the
decisions with their refusals (409 with stable codes, Chinese messages, nothing changed), a
declared link with its basis, a village's list by status."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, add_person, make_user
from huanjie.api.tests.conftest import token_client
from huanjie.audit.models import AuditEntry
from huanjie.people.models import CloseRelative, HeadRelation, Sex
from huanjie.people.register.derivation import rederive_household_relations


@pytest.fixture
def committee(tree: RegionTree) -> APIClient:
    household = tree.households["a1"]
    add_person(household, 50, Sex.MALE, HeadRelation.SON, name="王长子")
    rederive_household_relations([household])  # spouse, head–son: pending
    return token_client(make_user(tree, Role.ELECTION_COMMITTEE))


def _state() -> list[Any]:
    return [
        *CloseRelative.objects.order_by("pk").values_list(
            "pk", "kind", "person_a", "person_b", "confirmed_at", "rejected_at", "basis"
        ),
        AuditEntry.objects.count(),
    ]


def _spouse_link() -> CloseRelative:
    return CloseRelative.objects.get(kind="spouse")


def test_person_detail_gives_each_relatives_status(tree: RegionTree, committee: APIClient) -> None:
    link = _spouse_link()
    committee.post(f"/api/v1/relations/{link.pk}/reject/", {"reason": "已离婚"}, format="json")
    body = committee.get(f"/api/v1/persons/{tree.heads['a1'].pk}/").json()
    spouse = next(r for r in body["relations"] if r["kind"] == "spouse")
    assert spouse["id"] == link.pk
    assert (spouse["status"], spouse["status_label"], spouse["basis"]) == (
        "rejected",
        "已否定",
        "已离婚",
    )
    assert spouse["counts_for_recusal"] is False and spouse["confirmed"] is False
    assert spouse["rejected_by"] and spouse["rejected_at"]
    son = next(r for r in body["relations"] if r["kind"] == "parent_child")
    assert (son["status"], son["counts_for_recusal"]) == ("pending", False)


def test_confirm_then_again_is_409_and_changes_nothing(committee: APIClient) -> None:
    url = f"/api/v1/relations/{_spouse_link().pk}/confirm/"
    response = committee.post(url)
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["counts_for_recusal"], body["kind_label"]) == (
        "confirmed",
        True,
        "配偶",
    )
    before = _state()
    again = committee.post(url)
    assert again.status_code == 409
    assert again.json()["code"] == "relation_not_pending"
    assert "无需再次确认" in again.json()["message"]
    assert _state() == before
    reject = committee.post(url.replace("confirm", "reject"), {"reason": "x"}, format="json")
    assert (reject.status_code, reject.json()["code"]) == (409, "relation_not_pending")
    assert "撤销确认" in reject.json()["message"]
    assert _state() == before


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "理" * 201}])
def test_reject_needs_a_reason(committee: APIClient, body: dict[str, str]) -> None:
    before = _state()
    response = committee.post(f"/api/v1/relations/{_spouse_link().pk}/reject/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input" and "reason" in response.json()["details"]
    assert _state() == before


def test_reopen_remove_and_household_confirm(tree: RegionTree, committee: APIClient) -> None:
    link = _spouse_link()
    pending = committee.post(f"/api/v1/relations/{link.pk}/reopen/")
    assert (pending.status_code, pending.json()["code"]) == (409, "relation_pending")
    derived = committee.delete(f"/api/v1/relations/{link.pk}/")
    assert (derived.status_code, derived.json()["code"]) == (409, "relation_derived")
    url = f"/api/v1/households/{tree.households['a1'].pk}/relations/confirm/"
    assert committee.post(url).json() == {"confirmed": 2}
    none = committee.post(url)
    assert (none.status_code, none.json()["code"]) == (409, "no_pending_relations")
    reopened = committee.post(f"/api/v1/relations/{link.pk}/reopen/")
    assert reopened.json()["status"] == "pending"


def test_declare_with_basis(tree: RegionTree, committee: APIClient) -> None:
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    son = CloseRelative.objects.get(kind="parent_child").person_b
    url = f"/api/v1/persons/{son.pk}/relations/"
    before = _state()
    for body, status, code in [
        ({"other_person": tree.heads["a2"].pk, "kind": "sibling", "elder": "self", "basis": "x"},
         404, "relative_not_found"),
        ({"other_person": spouse.pk, "kind": "parent_child", "elder": "other", "basis": " "},
         400, "invalid_input"),
        ({"other_person": spouse.pk, "kind": "cousin", "elder": "other", "basis": "户口簿"},
         400, "invalid_input"),
        ({"other_person": head.pk, "kind": "parent_child", "elder": "other", "basis": "户口簿"},
         409, "relation_exists"),
        ({"other_person": son.pk, "kind": "sibling", "elder": "self", "basis": "户口簿"},
         409, "relation_self"),
    ]:  # fmt: skip
        response = committee.post(url, body, format="json")
        assert (response.status_code, response.json()["code"]) == (status, code), body
    assert _state() == before
    response = committee.post(
        url,
        {
            "other_person": spouse.pk,
            "kind": "parent_child",
            "elder": "other",
            "basis": "出生医学证明",
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert response["Location"].endswith(f"/api/v1/relations/{body['id']}/")
    assert body["person_a"] == {"id": spouse.pk, "name": spouse.name}
    assert (body["status"], body["basis"], body["source"]) == (
        "declared",
        "出生医学证明",
        "declared",
    )
    assert committee.get(f"/api/v1/relations/{body['id']}/").json() == body


def test_village_list_by_status(tree: RegionTree, committee: APIClient) -> None:
    url = f"/api/v1/villages/{tree.a1.pk}/relations/"
    committee.post(f"/api/v1/relations/{_spouse_link().pk}/confirm/")
    pending = committee.get(url, {"status": "pending"}).json()
    assert [r["kind"] for r in pending["results"]] == ["parent_child"]
    assert len(committee.get(url).json()["results"]) == 2
    bad = committee.get(url, {"status": "nonsense"})
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_input")
    assert "pending" in bad.json()["message"]
