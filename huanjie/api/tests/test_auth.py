"""Token and session authentication, and `huanjie api_token` that issues the tokens."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.api.tests.conftest import session_client
from huanjie.audit.models import AuditEntry


def api_token(*args: str) -> str:
    out = io.StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue().strip()


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_acts_as_its_account(tree: RegionTree) -> None:
    user = make_user(tree, Role.TOWNSHIP_OFFICER)
    key = api_token(user.username)
    assert len(key) == 40
    codes = {r["code"] for r in with_token(key).get("/api/v1/villages/").json()["results"]}
    assert codes == {tree.a1.code, tree.a2.code}


def test_the_session_of_the_web_works_too(tree: RegionTree) -> None:
    client = session_client(make_user(tree, Role.ELECTION_COMMITTEE))
    assert client.get(f"/api/v1/villages/{tree.a1.pk}/").status_code == 200


def test_api_token_prints_the_same_token_until_rotated(tree: RegionTree) -> None:
    user = make_user(tree, Role.OBSERVER)
    first = api_token(user.username)
    assert api_token(user.username) == first
    rotated = api_token(user.username, "--rotate")
    assert rotated != first
    assert with_token(first).get("/api/v1/regions/").status_code == 401
    assert with_token(rotated).get("/api/v1/regions/").status_code == 200


def test_api_token_revoke_and_the_audit_trail(tree: RegionTree) -> None:
    user = make_user(tree, Role.OBSERVER)
    key = api_token(user.username)
    assert "已作废" in api_token(user.username, "--revoke")
    assert not Token.objects.filter(user=user).exists()
    assert with_token(key).get("/api/v1/regions/").status_code == 401
    actions = list(
        AuditEntry.objects.filter(target_id=str(user.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == ["api.token_issue", "api.token_revoke"]
    assert not AuditEntry.objects.filter(after__icontains=key).exists()  # never the key itself


def test_a_deactivated_account_s_token_stops_working(tree: RegionTree) -> None:
    user = make_user(tree, Role.OBSERVER)
    key = api_token(user.username)
    user.is_active = False
    user.save()
    response = with_token(key).get("/api/v1/regions/")
    assert (response.status_code, response.json()["code"]) == (401, "authentication_failed")
    with pytest.raises(CommandError, match="已停用"):
        api_token(user.username)


def test_api_token_for_an_unknown_account(db: None) -> None:
    with pytest.raises(CommandError, match="没有登录名为“nobody”的账号"):
        api_token("nobody")


def test_answers_to_a_token_are_not_stored(tree: RegionTree) -> None:
    """A token is no session, yet the answer carries personal data: no cache may keep it."""
    user = make_user(tree, Role.ELECTION_COMMITTEE)
    response = with_token(api_token(user.username)).get("/api/v1/persons/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_tokens_change_only_through_the_audited_command(tree: RegionTree) -> None:
    admin = user_for(Role.ADMINISTRATOR, is_superuser=True)
    client = session_client(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404
