"""The shell around the pages: login and logout, the Chinese error pages, offline assets."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from huanjie.accounts.messages import LOGGED_OUT
from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import UserFactory
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.accounts.views import BAD_CREDENTIALS
from huanjie.core.error_views import page_not_found, permission_denied

PASSWORD = "Huanjie-2026-demo"


@pytest.fixture
def officer(tree: RegionTree) -> User:
    return UserFactory.create(
        username="zhangsan",
        password=PASSWORD,
        role=Role.TOWNSHIP_OFFICER,
        scope_code=tree.township_a.code,
    )


def test_login_page_is_plain_chinese(client: Client, db: None) -> None:
    body = client.get(reverse("accounts:login")).content.decode()
    for text in ['lang="zh-Hans"', "登录", "用户名", "密码", "忘记密码"]:
        assert text in body, text


@pytest.mark.parametrize(
    ("username", "password"),
    [("zhangsan", "wrong-password"), ("nobody", PASSWORD), ("ZHANGSAN ", "x")],
    ids=["wrong-password", "unknown-user", "garbled"],
)
def test_bad_credentials_get_one_clear_message(
    client: Client, officer: User, username: str, password: str
) -> None:
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 200
    assert BAD_CREDENTIALS in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_leads_home_then_back_where_the_user_was_going(
    client: Client, tree: RegionTree, officer: User
) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "zhangsan", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    client.logout()
    target = reverse("core:region", args=[tree.township_a.pk])
    response = client.post(
        reverse("accounts:login"),
        {"username": "zhangsan", "password": PASSWORD, "next": target},
    )
    assert response["Location"] == target


def test_disabled_account_cannot_log_in(client: Client, officer: User) -> None:
    User.objects.filter(pk=officer.pk).update(is_active=False)
    response = client.post(
        reverse("accounts:login"), {"username": "zhangsan", "password": PASSWORD}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_logout_is_a_post_and_returns_to_login(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, Role.OBSERVER))
    body = client.get(reverse("core:home")).content.decode()
    assert f'action="{reverse("accounts:logout")}"' in body and "退出登录" in body
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("core:home")).status_code == 302
    # The login page the browser is sent to says so, once.
    login = client.get(reverse("accounts:login")).content.decode()
    assert LOGGED_OUT in login and "已退出" in login
    assert LOGGED_OUT not in client.get(reverse("accounts:login")).content.decode()


def test_a_get_of_the_logout_address_asks_to_confirm_in_chinese(
    client: Client, tree: RegionTree
) -> None:
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    response = client.get(reverse("accounts:logout"))
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'<form method="post" action="{reverse("accounts:logout")}"', body)
    assert "确定要退出吗" in body and 'type="submit"' in body
    assert "_auth_user_id" in client.session  # a GET changes nothing
    client.logout()
    # Signed out already: straight to the login page.
    assert client.get(reverse("accounts:logout"))["Location"] == reverse("accounts:login")


def test_unknown_address_gets_the_chinese_404(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, Role.OBSERVER))
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "找不到您要打开的页面" in body and "返回首页" in body
    assert "Resolver404" not in body and "no-such-page" not in body


@pytest.mark.parametrize(
    ("handler", "exception", "status", "shown"),
    [
        (page_not_found, Http404("找不到该村（社区）。"), 404, "找不到该村（社区）。"),
        (page_not_found, Http404("No Region matches the given query."), 404, None),
        (permission_denied, PermissionDenied("您的角色不能修改户籍登记。"), 403, "您的角色不能修改户籍登记。"),
        (permission_denied, PermissionDenied(), 403, None),
    ],
    ids=["404-reason", "404-developer-text", "403-reason", "403-bare"],
)  # fmt: skip
def test_error_pages_show_reasons_written_for_people_only(
    tree: RegionTree,
    handler: Callable[[HttpRequest, Exception], HttpResponse],
    exception: Exception,
    status: int,
    shown: str | None,
) -> None:
    request = RequestFactory().get("/")
    request.user = make_user(tree, Role.OBSERVER)
    response = handler(request, exception)
    body = response.content.decode()
    assert response.status_code == status
    assert "请联系系统管理员" in body and "返回首页" in body
    if shown is None:
        assert "matches" not in body
    else:
        assert shown in body


def test_import_page_refused_to_a_role_explains_in_chinese(
    client: Client, tree: RegionTree
) -> None:
    client.force_login(make_user(tree, Role.VILLAGE_PARTY))
    response = client.get(reverse("people:import_upload", args=[tree.a1.pk]))
    assert response.status_code == 403
    assert "您的角色不能修改户籍登记" in response.content.decode()


def test_server_error_page_needs_nothing_but_says_what_to_do() -> None:
    body = render_to_string("500.html")
    assert "系统出了点问题" in body and "系统管理员" in body and 'lang="zh-Hans"' in body


URL_ATTR = re.compile(r'(?:src|href)="([^"]*)"')


@pytest.mark.parametrize("page", ["login", "home", "village"], ids=["login", "home", "village"])
def test_every_asset_is_served_by_the_app(client: Client, tree: RegionTree, page: str) -> None:
    if page != "login":
        client.force_login(make_user(tree, Role.ADMINISTRATOR))
    url = {
        "login": reverse("accounts:login"),
        "home": reverse("core:home"),
        "village": reverse("core:village", args=[tree.a1.pk]),
    }[page]
    body = client.get(url).content.decode()
    addresses = URL_ATTR.findall(body)
    assert addresses
    assert all(a.startswith(("/", "?", "#")) for a in addresses), addresses
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in body
    assert "/static/vendor/htmx/htmx.min.js" in body
    assert 'hx-headers=\'{"X-CSRFToken": "' in body


def test_home_chart_loads_echarts_from_the_app(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, Role.ELECTION_OFFICE))
    body = client.get(reverse("core:home")).content.decode()
    assert "/static/vendor/echarts/echarts.min.js" in body
    assert "/static/core/villages_chart.js" in body


def test_an_expired_form_gets_a_chinese_page_that_says_to_reload(db: None) -> None:
    # A login form left open past its session, or a page opened before a logout: CSRF refuses it.
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "页面已过期" in body and "刷新" in body
    assert "verification failed" not in body and "验证失败" not in body
