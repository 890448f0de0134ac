"""Login throttling: failures in a row lock the account and the address; the trail records it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.test import Client
from django.urls import reverse

from huanjie.accounts.login_audit import LOGIN, LOGIN_FAILED, LOGIN_LOCKOUT
from huanjie.accounts.login_throttle import lockout_message
from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import AdministratorFactory, UserFactory
from huanjie.accounts.views import BAD_CREDENTIALS
from huanjie.audit.models import AuditEntry

PASSWORD = "Huanjie-2026-demo"
LIMIT = 10


@pytest.fixture(autouse=True)
def _throttle(settings: Any, db: None) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    settings.AXES_FAILURE_LIMIT = LIMIT
    axes_reset()  # no attempt left over from another test, whatever its database handling
    yield
    axes_reset()


@pytest.fixture
def officer(db: None) -> User:
    return UserFactory.create(username="zhangsan", password=PASSWORD, role=Role.TOWNSHIP_OFFICER)


def post_login(
    client: Client, username: str, password: str, address: str = "10.0.0.1", path: str = ""
) -> Any:
    return client.post(
        path or reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_thirty_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused(
    client: Client, officer: User
) -> None:
    for attempt in range(1, 31):
        response = post_login(client, "zhangsan", f"wrong-{attempt}")
        body = response.content.decode()
        assert "_auth_user_id" not in client.session
        if attempt < LIMIT:
            assert response.status_code == 200 and BAD_CREDENTIALS in body, attempt
        else:
            assert response.status_code == 429 and lockout_message() in body, attempt
            assert BAD_CREDENTIALS not in body
    response = post_login(client, "zhangsan", PASSWORD)
    body = response.content.decode()
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    # The normal login page, in Chinese, saying for how long and whom to ask.
    assert 'lang="zh-Hans"' in body and 'name="password"' in body and 'value="zhangsan"' in body
    assert "锁定 30 分钟" in body and "县（市、区）系统管理员" in body


def test_the_lock_is_per_account_whatever_the_address(client: Client, officer: User) -> None:
    for attempt in range(LIMIT):
        post_login(client, "zhangsan", "wrong", address=f"10.0.1.{attempt + 1}")
    assert post_login(client, "zhangsan", PASSWORD, address="10.0.2.1").status_code == 429
    UserFactory.create(username="lisi", password=PASSWORD)
    assert post_login(client, "lisi", PASSWORD, address="10.0.2.1").status_code == 302


def test_the_lock_is_per_address_whatever_the_account(client: Client, officer: User) -> None:
    for attempt in range(LIMIT):
        post_login(client, f"guess{attempt}", "wrong", address="10.0.3.1")
    assert post_login(client, "zhangsan", PASSWORD, address="10.0.3.1").status_code == 429
    assert post_login(client, "zhangsan", PASSWORD, address="10.0.3.2").status_code == 302


def test_the_admin_login_is_throttled_too(client: Client) -> None:
    AdministratorFactory.create(username="admin1", password=PASSWORD, is_superuser=True)
    path = reverse("admin:login")
    for _ in range(LIMIT):
        post_login(client, "admin1", "wrong", path=path)
    response = post_login(client, "admin1", PASSWORD, path=path)
    assert response.status_code == 429 and lockout_message() in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unlocked_account_logs_in_again(client: Client, officer: User) -> None:
    for _ in range(LIMIT):
        post_login(client, "zhangsan", "wrong")
    assert post_login(client, "zhangsan", PASSWORD).status_code == 429
    axes_reset(username="zhangsan")  # what the administrator does
    axes_reset(ip="10.0.0.1")
    assert post_login(client, "zhangsan", PASSWORD).status_code == 302


def test_logins_failures_and_the_lockout_are_audited(client: Client, officer: User) -> None:
    assert post_login(client, "zhangsan", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT + 5):
        post_login(client, "zhangsan", "wrong")
    entries = list(AuditEntry.objects.order_by("id"))
    # One login, LIMIT failures (the last of which locked), no entry per refusal while locked.
    assert [e.action for e in entries] == [
        LOGIN.code,
        *[LOGIN_FAILED.code] * LIMIT,
        LOGIN_LOCKOUT.code,
    ]
    login, *failures, lockout = entries
    assert login.actor == officer and login.after == {"address": "10.0.0.1"}
    assert all(e.actor is None and e.target_id == str(officer.pk) for e in failures)
    assert failures[0].after == {"username": "zhangsan", "address": "10.0.0.1", "failures": 1}
    assert lockout.action_label == "登录锁定"
    assert lockout.after == {"username": "zhangsan", "address": "10.0.0.1", "failures": LIMIT}
    assert "wrong" not in str([e.after for e in entries])  # never a password


def test_a_failure_on_a_name_that_is_no_account_is_audited_by_that_name(
    client: Client, db: None
) -> None:
    post_login(client, "nobody", "wrong")
    entry = AuditEntry.objects.get()
    assert entry.action == LOGIN_FAILED.code and entry.target_repr == "登录名“nobody”（无此账号）"
    assert entry.target_id == str(AccessAttempt.objects.get(username="nobody").pk)


def test_force_login_is_not_a_login_to_audit(client: Client, officer: User) -> None:
    client.force_login(officer)
    assert not AuditEntry.objects.exists()


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(
    client: Client, officer: User, settings: Any
) -> None:
    settings.HUANJIE_PROXY_COUNT = 1
    for attempt in range(LIMIT):
        # The client forges its own X-Forwarded-For; the proxy appends the real address.
        client.post(
            reverse("accounts:login"),
            {"username": f"guess{attempt}", "password": "wrong"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 10.0.4.1",
        )
    form = {"username": "zhangsan", "password": PASSWORD}
    for computer, status in [("10.0.4.1", 429), ("10.0.4.2", 302)]:  # 2: another computer
        response = client.post(
            reverse("accounts:login"),
            form,
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=computer,
        )
        assert response.status_code == status, computer


def test_a_login_without_a_request_is_no_network_login_and_passes_unthrottled(
    officer: User,
) -> None:
    # The test client's login() (and a management command) call authenticate() without one.
    client = Client()
    assert not client.login(username="zhangsan", password="wrong")
    assert client.login(username="zhangsan", password=PASSWORD)
    assert not AccessAttempt.objects.exists() and not AuditEntry.objects.exists()
