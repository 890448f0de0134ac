"""Every error is `{"code", "message", "details"}` with a stable code and a Chinese message:
400, 401, 403, 404 (a view's and Django's own under /api/), 405, 409, 415, 429 and 500."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.api.tests.conftest import session_client, token_client
from huanjie.api.views import regions

CJK = range(0x4E00, 0xA000)


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    assert any(ord(c) in CJK for c in body["message"]), body["message"]
    return body


@pytest.fixture
def committee(tree: RegionTree) -> APIClient:
    return token_client(make_user(tree, Role.ELECTION_COMMITTEE))


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/regions/?code=33x", "code"),
        ("/api/v1/villages/?code=3311271002011", "code"),
        ("/api/v1/persons/?page=0", "page"),
        ("/api/v1/persons/?page_size=201", "page_size"),
        ("/api/v1/persons/?village=abc", "village"),
        ("/api/v1/persons/?search=" + "王" * 33, "search"),
        ("/api/v1/holidays/?year=20260", "year"),
    ],
)
def test_400_names_the_parameter(committee: APIClient, url: str, param: str) -> None:
    body = assert_error(committee.get(url), 400, "invalid_input")
    assert list(body["details"]) == [param]
    assert body["details"][param] == [body["message"]]


def test_400_for_a_malformed_upload_names_the_field(committee: APIClient, tree: RegionTree) -> None:
    response = committee.post(f"/api/v1/villages/{tree.a1.pk}/imports/", {}, format="multipart")
    body = assert_error(response, 400, "invalid_input")
    assert list(body["details"]) == ["file"]


def test_401_without_and_with_a_wrong_token(tree: RegionTree) -> None:
    assert_error(APIClient().get("/api/v1/villages/"), 401, "not_authenticated")
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = wrong.get("/api/v1/villages/")
    assert_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


def test_403_says_who_may(tree: RegionTree) -> None:
    client = token_client(make_user(tree, Role.TOWNSHIP_OFFICER))
    body = assert_error(
        client.get(f"/api/v1/villages/{tree.a1.pk}/imports/"), 403, "permission_denied"
    )
    assert "村民选举委员会" in body["message"]


def test_404_of_a_gate_carries_the_gate_message(committee: APIClient, tree: RegionTree) -> None:
    body = assert_error(committee.get(f"/api/v1/persons/{tree.heads['c1'].pk}/"), 404, "not_found")
    assert body["message"].startswith("找不到该人员")


@pytest.mark.parametrize(
    "path",
    ["/api/", "/api/v1/", "/api/v1/nothing/", "/api/v2/regions/", "/api/v1/villages/abc/"],
)
def test_404_for_an_address_that_is_no_endpoint_is_json(committee: APIClient, path: str) -> None:
    for method in ("get", "post", "delete"):
        assert_error(getattr(committee, method)(path), 404, "not_found")


def test_404_without_the_slash_points_to_the_address(committee: APIClient) -> None:
    body = assert_error(committee.get("/api/v1/regions"), 404, "not_found")
    assert "/api/v1/regions/" in body["message"]


def test_404_for_a_page_past_the_last_says_how_many(committee: APIClient) -> None:
    body = assert_error(committee.get("/api/v1/persons/?page=3"), 404, "page_not_found")
    assert "共 1 页" in body["message"]


@pytest.mark.parametrize(
    ("method", "url"),
    [("delete", "/api/v1/regions/"), ("post", "/api/v1/persons/"), ("get", "/api/v1/tally/")],
)
def test_405_names_the_methods_there_are(committee: APIClient, method: str, url: str) -> None:
    body = assert_error(getattr(committee, method)(url), 405, "method_not_allowed")
    assert method.upper() in body["message"]


def test_415_for_an_upload_that_is_no_form(committee: APIClient, tree: RegionTree) -> None:
    response = committee.post(
        f"/api/v1/villages/{tree.a1.pk}/imports/", {"file": "x"}, format="json"
    )
    assert_error(response, 415, "unsupported_media_type")


def test_429_after_the_rate_and_retry_after(tree: RegionTree, settings: Any) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/min", "anon": "2/min"},
    }
    client = token_client(make_user(tree, Role.ELECTION_COMMITTEE))
    assert [client.get("/api/v1/holidays/").status_code for _ in range(2)] == [200, 200]
    response = client.get("/api/v1/holidays/")
    body = assert_error(response, 429, "throttled")
    assert body["details"]["wait"] == int(response["Retry-After"]) > 0


def test_500_is_json_and_says_nothing_was_done(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(regions, "village_list", broken)
    client = token_client(make_user(tree, Role.ELECTION_COMMITTEE))
    body = assert_error(client.get("/api/v1/villages/"), 500, "server_error")
    assert "a bug" not in body["message"]


def test_csrf_is_required_for_a_session_write(tree: RegionTree) -> None:
    client = session_client(make_user(tree, Role.ELECTION_COMMITTEE))
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/v1/tally/", {"profile": "ZJ_2020"}, format="json")
    assert_error(response, 403, "csrf_failed")
