"""Passwords: Django's four validators, refusing weak ones in plain Chinese wherever one is set."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.password_validation import password_validators_help_texts
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import AdministratorFactory, VillageCadreFactory

USERNAME = "zhangsan2026"
GOOD = "Xinmima-2026"
OLD = "Jiumima-2025"

WEAK = [
    ("12345678", "密码不能全是数字，请加入字母或符号。"),
    ("password", "这个密码太常见，容易被猜中，请换一个不常见的密码。"),
    (USERNAME, "密码与用户名太相似"),
    ("Ab-12", "密码太短：至少要有 8 个字符"),
]
WEAK_IDS = ["numeric", "common", "same-as-username", "short"]


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_client(client: Client, db: None) -> Client:
    client.force_login(AdministratorFactory.create(is_superuser=True))
    return client


def refused_in_chinese(response: Any, message: str) -> None:
    body = response.content.decode()
    assert response.status_code == 200, "accepted"
    assert message in body
    assert "This password" not in body and "too similar" not in body


def creation_form(password: str) -> dict[str, str]:
    return {
        "username": USERNAME,
        "usable_password": "true",
        "password1": password,
        "password2": password,
        "role": Role.ADMINISTRATOR,
        "scope_code": "",
        "department": "",
    }


@pytest.mark.parametrize(("password", "message"), WEAK, ids=WEAK_IDS)
def test_a_new_account_refuses_a_weak_password(
    admin_client: Client, password: str, message: str
) -> None:
    response = admin_client.post(reverse("admin:accounts_user_add"), creation_form(password))
    refused_in_chinese(response, message)
    assert not User.objects.filter(username=USERNAME).exists()


def test_a_new_account_takes_a_good_password(admin_client: Client) -> None:
    response = admin_client.post(reverse("admin:accounts_user_add"), creation_form(GOOD))
    assert response.status_code == 302, response.content.decode()
    assert User.objects.get(username=USERNAME).check_password(GOOD)


@pytest.mark.parametrize(("password", "message"), WEAK, ids=WEAK_IDS)
def test_setting_someone_a_weak_password_is_refused(
    admin_client: Client, password: str, message: str
) -> None:
    cadre = VillageCadreFactory.create(username=USERNAME, password=OLD)
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[cadre.pk]),
        {"usable_password": "true", "password1": password, "password2": password},
    )
    refused_in_chinese(response, message)
    cadre.refresh_from_db()
    assert cadre.check_password(OLD)


@pytest.mark.parametrize(("password", "message"), WEAK, ids=WEAK_IDS)
def test_changing_ones_own_password_to_a_weak_one_is_refused(
    client: Client, db: None, password: str, message: str
) -> None:
    admin = AdministratorFactory.create(username=USERNAME, password=OLD, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": OLD, "new_password1": password, "new_password2": password},
    )
    refused_in_chinese(response, message)
    admin.refresh_from_db()
    assert admin.check_password(OLD)


def test_the_rules_are_explained_in_chinese_before_typing(db: None) -> None:
    assert password_validators_help_texts() == [
        "密码不能与用户名、姓名、电子邮箱相近。",
        "密码至少要有 8 个字符。",
        "不能使用常见密码（如 password、12345678）。",
        "密码不能全是数字。",
    ]
