"""The county's election office opens 进度统计, sees the charts drawn by ECharts (served by the
app, no inline script), clicks a township's bar, then a village's row, and lands on the
village's 换届任务."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from huanjie.demo.users import DEMO_USERS
from huanjie.regions.models import Level, Region

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OFFICE = next(u for u in DEMO_USERS if u.username == "county")
# The pixel of the middle of the first township's stacked bar in the risk chart.
BAR_MIDDLE = """el => {
  const data = JSON.parse(document.getElementById("hj-progress-data").textContent);
  const height = data.red[0] + data.orange[0] + data.green[0] + data.unplanned[0];
  return window.echarts.getInstanceByDom(el).convertToPixel(
    {xAxisIndex: 0, yAxisIndex: 0}, [0, height / 2]);
}"""


def test_the_county_dashboard_drills_down_to_a_village(
    demo_county: None, live_server: Any, page: Any, screenshots: Path
) -> None:
    county = Region.objects.get(level=Level.COUNTY)
    township = Region.objects.filter(level=Level.TOWNSHIP).order_by("code").first()
    assert township is not None
    village = Region.objects.get(parent=township)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(OFFICE.username)
    page.get_by_label("密码").fill(OFFICE.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="进度统计").click()
    page.wait_for_url(f"{live_server.url}/dashboards/regions/{county.pk}/")
    chart = page.locator("#hj-chart-risk")
    chart.locator("canvas").wait_for()
    assert page.locator(".hj-chart canvas").count() == 3
    page.screenshot(path=screenshots / "e2e_dashboard_county.png", full_page=True)

    x, y = chart.evaluate(BAR_MIDDLE)
    box = chart.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url(f"{live_server.url}/dashboards/regions/{township.pk}/**")
    page.screenshot(path=screenshots / "e2e_dashboard_township.png", full_page=True)

    page.locator("tbody tr", has_text=village.name).locator("td").first.click()
    page.wait_for_url(f"{live_server.url}/villages/{village.pk}/?tab=tasks")
    assert errors == []
