"""A township officer logs in, finds a village by clicking through the region tree, sees its
households, and cannot open a village of another township."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from huanjie.demo.users import DEMO_USERS
from huanjie.people.models import Household, Person
from huanjie.regions.models import Level, Region

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OFFICER = next(u for u in DEMO_USERS if u.username == "township")
TRANSPARENT = "rgba(0, 0, 0, 0)"


def _log_in(page: Any, base: str, screenshots: Path) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(OFFICER.username)
    page.get_by_label("密码").fill(OFFICER.password)
    page.screenshot(path=screenshots / "e2e_01_login.png", full_page=True)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def test_township_officer_opens_a_village_and_sees_its_households(
    demo_county: None, live_server: Any, page: Any, screenshots: Path
) -> None:
    township, other_township = Region.objects.filter(level=Level.TOWNSHIP).order_by("code")
    village = Region.objects.get(parent=township)
    _log_in(page, live_server.url, screenshots)

    # The stylesheets came from the app itself: Bootstrap lays the navbar out as a flex row,
    # the app's CSS colours it.
    navbar = page.locator("header.navbar")
    assert navbar.evaluate("e => getComputedStyle(e).display") == "flex"
    assert navbar.evaluate("e => getComputedStyle(e).backgroundColor") != TRANSPARENT
    page.screenshot(path=screenshots / "e2e_02_home.png", full_page=True)

    page.get_by_role("link", name=township.name, exact=True).click()
    page.wait_for_url(f"{live_server.url}/regions/{township.pk}/")
    assert page.get_by_role("link", name=other_township.name).count() == 0
    page.screenshot(path=screenshots / "e2e_03_township.png", full_page=True)

    page.get_by_role("link", name=village.name, exact=True).click()
    page.wait_for_url(f"{live_server.url}/villages/{village.pk}/**")
    assert page.get_by_role("heading", name=village.name).is_visible()
    first = Household.objects.filter(village=village).order_by("number").first()
    assert first is not None
    head = Person.objects.get(household=first, relation_to_head="head")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=first.number))
    assert row.get_by_role("cell", name=head.name, exact=True).is_visible()
    assert row.get_by_role("cell", name=first.villager_group.name).is_visible()
    page.screenshot(path=screenshots / "e2e_04_village.png", full_page=True)


def test_township_officer_gets_a_chinese_404_for_another_townships_village(
    demo_county: None, live_server: Any, page: Any, screenshots: Path
) -> None:
    township = Region.objects.filter(level=Level.TOWNSHIP).order_by("code").last()
    assert township is not None
    outside = Region.objects.get(parent=township)
    _log_in(page, live_server.url, screenshots)

    response = page.goto(f"{live_server.url}/villages/{outside.pk}/")
    assert response is not None and response.status == 404
    assert page.get_by_role("heading", name="找不到您要打开的页面").is_visible()
    assert page.get_by_role("link", name="返回首页").is_visible()
    assert outside.name not in page.content()
    page.screenshot(path=screenshots / "e2e_05_other_township_404.png", full_page=True)
