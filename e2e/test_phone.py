"""On a phone (390 px) the tables of the village, household, person, audit and import pages keep
their headers on one line (the table scrolls sideways instead), and no page is wider than the
screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from huanjie.demo.users import DEMO_USERS
from huanjie.people.models import Household, Person
from huanjie.regions.models import Level, Region

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMITTEE = next(u for u in DEMO_USERS if u.username == "committee")
# Each header cell's height over its line height: one line is 1, two lines 2.
ONE_LINE_HEADERS = """() => [...document.querySelectorAll('.table-responsive thead th')]
  .filter(th => th.offsetParent !== null)
  .map(th => [th.textContent.trim(), th.getBoundingClientRect().height
              / parseFloat(getComputedStyle(th).lineHeight)])"""


def test_tables_keep_their_headers_on_one_line_on_a_phone(
    demo_county: None, live_server: Any, browser: Any, screenshots: Path
) -> None:
    village = Region.objects.filter(level=Level.VILLAGE).order_by("code").first()
    assert village is not None
    household = Household.objects.filter(village=village).order_by("number").first()
    assert household is not None
    person = Person.objects.filter(household=household).order_by("id").first()
    assert person is not None
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(COMMITTEE.username)
    page.get_by_label("密码").fill(COMMITTEE.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")
    pages = {
        "village": f"/villages/{village.pk}/",
        "village_people": f"/villages/{village.pk}/?tab=people",
        "household": f"/households/{household.pk}/",
        "person": f"/people/{person.pk}/",
        "audit": f"/villages/{village.pk}/audit/",
        "import": f"/people/villages/{village.pk}/register/import/",
    }
    try:
        for name, path in pages.items():
            page.goto(base + path)
            assert page.title() and "出错" not in page.title(), name
            for text, lines in page.evaluate(ONE_LINE_HEADERS):
                assert lines < 1.6, (name, text, lines)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 390, (name, width)
            page.screenshot(path=screenshots / f"e2e_phone_{name}.png", full_page=True)
    finally:
        context.close()
