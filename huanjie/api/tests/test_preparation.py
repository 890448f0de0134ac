"""The preparation endpoints through the permission matrix: reads for every role that opens the
village, writes for the township officer and the county's election office only (403 for the
others in scope, the same 404 outside), refusals changing nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.api.tests.conftest import session_client
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.models import VillagePlan
from huanjie.campaigns.prep_models import ReadinessItem, RiskChange
from huanjie.campaigns.services import campaign_create, village_plan_create
from huanjie.core.tests.test_views_access import OPENS

R = Role
VILLAGES = ["a1", "a2", "b1", "c1"]
RATERS: dict[Role, set[str]] = {
    R.TOWNSHIP_OFFICER: {"a1", "a2"},
    R.ELECTION_OFFICE: {"a1", "a2", "b1"},
}
WRITES: dict[str, dict[str, Any]] = {
    "risk/": {"level": "orange", "reasons": ["宗族派性严重"], "category": "second"},
    "readiness/": {"kind": "review", "done_on": "2026-01-05", "outcome": "passed"},
}


@pytest.fixture
def plans(tree: RegionTree) -> dict[str, VillagePlan]:
    found = {}
    for county, keys in ((tree.county, ("a1", "a2", "b1")), (tree.other_county, ("c1",))):
        campaign = campaign_create(
            name=f"{county.name}2026年换届",
            term_start_year=2026,
            region=county,
            profile_id="ZJ_2025",
            window_start=date(2026, 1, 1),
            window_end=date(2026, 6, 30),
            acting_user=None,
        )
        for key in keys:
            found[key] = village_plan_create(
                campaign=campaign, village=tree.villages[key], acting_user=None
            )
    return found


def _client(tree: RegionTree, role: Role | None) -> APIClient:
    return APIClient() if role is None else session_client(make_user(tree, role))


def _url(tree: RegionTree, key: str, tail: str = "") -> str:
    return f"/api/v1/villages/{tree.villages[key].pk}/preparation/{tail}"


def _state() -> tuple[Any, ...]:
    return (
        list(VillagePlan.objects.order_by("pk").values_list("pk", "risk_level")),
        RiskChange.objects.count(),
        ReadinessItem.objects.count(),
        AuditEntry.objects.count(),
    )


CASES = [(role, key) for role in Role for key in VILLAGES]


@pytest.mark.parametrize(("role", "key"), CASES, ids=[f"{r.value}-{k}" for r, k in CASES])
def test_preparation_follows_the_matrix_and_refusals_change_nothing(
    tree: RegionTree, plans: dict[str, VillagePlan], role: Role, key: str
) -> None:
    client = _client(tree, role)
    read = client.get(_url(tree, key))
    opens = key in OPENS[role]
    assert read.status_code == (200 if opens else 404)
    if opens:
        body = read.json()
        assert body["plan_id"] == plans[key].pk and body["risk"]["level"] == "green"
        assert body["readiness"]["ready"] is False and len(body["readiness"]["items"]) == 4
    for tail, payload in WRITES.items():
        before = _state()
        response = client.post(_url(tree, key, tail), payload, format="json")
        if key in RATERS.get(role, set()):
            assert response.status_code == 200, response.json()
        else:
            assert response.status_code == (403 if opens else 404)
            assert _state() == before


def test_anonymous_calls_are_401(tree: RegionTree, plans: dict[str, VillagePlan]) -> None:
    client = APIClient()
    before = _state()
    assert client.get(_url(tree, "a1")).status_code == 401
    assert client.get("/api/v1/risk-reasons/").status_code == 401
    for tail in ("risk/", "risk/clear/", "readiness/"):
        assert client.post(_url(tree, "a1", tail), {}, format="json").status_code == 401
    assert _state() == before


def test_rate_clear_and_record_through_the_api(
    tree: RegionTree, plans: dict[str, VillagePlan]
) -> None:
    client = _client(tree, R.TOWNSHIP_OFFICER)
    rated = client.post(_url(tree, "a1", "risk/"), {"level": "red"}, format="json")
    assert rated.status_code == 400 and "至少选一项难点原因" in rated.json()["message"]
    unknown = client.post(
        _url(tree, "a1", "risk/"), {"level": "red", "reasons": ["没有这项"]}, format="json"
    )
    assert unknown.status_code == 400 and "没有这项" in unknown.json()["message"]
    body = client.post(
        _url(tree, "a1", "risk/"),
        {"level": "red", "reasons": ["群体上访不断"], "report": "信访两件。"},
        format="json",
    ).json()
    assert body["risk"]["flagged"] is True and body["risk"]["reasons"] == ["群体上访不断"]
    green = client.post(_url(tree, "a1", "risk/"), {"level": "green"}, format="json")
    assert (green.status_code, green.json()["code"]) == (409, "flagged")
    cleared = client.post(_url(tree, "a1", "risk/clear/"), {"note": "已化解"}, format="json")
    assert cleared.status_code == 200
    history = cleared.json()["history"]
    assert [(h["kind"], h["level_from"], h["level_to"]) for h in history] == [
        ("clear", "red", "green"),
        ("rate", "green", "red"),
    ]
    again = client.post(_url(tree, "a1", "risk/clear/"), {"note": "再销"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "not_flagged")
    wrong = client.post(
        _url(tree, "a1", "readiness/"),
        {"kind": "training", "done_on": "2026-01-05", "outcome": "passed"},
        format="json",
    )
    assert wrong.status_code == 400 and "参训人数" in wrong.json()["message"]
    reasons = client.get("/api/v1/risk-reasons/").json()
    assert [r["name"] for r in reasons][:2] == ["未换届选举", "班子不健全"]


def test_a_village_without_a_plan_is_a_409(tree: RegionTree) -> None:
    response = _client(tree, R.TOWNSHIP_OFFICER).get(_url(tree, "a1"))
    assert (response.status_code, response.json()["code"]) == (409, "no_plan")
