"""Fixtures of the API's tests: clients signed in by token or session on the standard tree."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from huanjie.accounts.models import User
from huanjie.core.tests.conftest import world  # noqa: F401  (the web pages' tests' world)


@pytest.fixture(autouse=True)
def _rates_out_of_the_way(settings: Any) -> None:
    """Request counting lives in the cache: start each test from zero, with rates no test
    reaches unless it means to (test_errors sets its own)."""
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100000/min", "anon": "100000/min"},
    }


def token_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def session_client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client
