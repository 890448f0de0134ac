"""The county's election office opens 进度统计, sees the charts drawn by ECharts (served by the
app, no inline script), clicks a township's bar, then a village's row, and lands on the
village's 换届任务."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from openpyxl import load_workbook

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
    # Progress (bodies, risk, preparation) and the new committees' structure.
    assert page.locator(".hj-chart canvas").count() == 4
    page.screenshot(path=screenshots / "e2e_dashboard_county.png", full_page=True)

    x, y = chart.evaluate(BAR_MIDDLE)
    box = chart.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url(f"{live_server.url}/dashboards/regions/{township.pk}/**")
    page.screenshot(path=screenshots / "e2e_dashboard_township.png", full_page=True)

    page.locator("tbody tr", has_text=village.name).locator("td").first.click()
    page.wait_for_url(f"{live_server.url}/villages/{village.pk}/?tab=tasks")
    assert errors == []


# The middle of the first bar drawn in the structure chart (a township with new committees),
# and the series and township it belongs to.
FIRST_STRUCTURE_BAR = """el => {
  const data = JSON.parse(document.getElementById("hj-structure-data").textContent);
  const chart = window.echarts.getInstanceByDom(el);
  for (let s = 0; s < data.series.length; s++) {
    for (let i = 0; i < data.names.length; i++) {
      if (data.series[s].values[i]) {
        const bar = chart.getModel().getSeriesByIndex(s).getData().getItemLayout(i);
        return [bar.x + bar.width / 2, bar.y + bar.height / 2, s, i];
      }
    }
  }
  return null;
}"""


@pytest.fixture
def county_with_elected(transactional_db: None, settings: Any) -> None:
    """A demo county big enough to have villages that voted first (先行村) with their new
    committees: four villages per township (the shared demo_county has one, ahead)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Red and orange villages are rated with the difficult-village reasons the migrations seed,
    # which an earlier transactional test may have flushed.
    import_module("huanjie.campaigns.migrations.0003_risk_history").seed_reasons(apps, None)
    call_command("demo_seed", "--townships", "2", "--villages-per-township", "4", verbosity=0)


def test_the_structure_chart_drills_down_to_a_village_and_the_report_downloads(
    county_with_elected: None, live_server: Any, page: Any, screenshots: Path
) -> None:
    county = Region.objects.get(level=Level.COUNTY)
    townships = list(Region.objects.filter(level=Level.TOWNSHIP).order_by("code"))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(OFFICE.username)
    page.get_by_label("密码").fill(OFFICE.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/dashboards/regions/{county.pk}/")
    chart = page.locator("#hj-chart-structure")
    chart.locator("canvas").wait_for()
    chart.scroll_into_view_if_needed()
    members = int(page.locator("[data-figure=members]").inner_text().split()[0])
    assert members > 0  # the demo's villages that voted first have their new committees
    page.screenshot(path=screenshots / "e2e_dashboard_structure.png", full_page=True)

    # The report table of the county: one row per township and the total, in the xlsx.
    with page.expect_download() as download:
        page.get_by_role("link", name="下载班子结构统计表（Excel）").click()
    path = screenshots / download.value.suggested_filename
    download.value.save_as(path)
    sheet = load_workbook(path)["班子结构"]
    assert county.name in str(sheet["A1"].value)
    header = [c.value for c in sheet[4]]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=5, values_only=True)}
    assert list(rows) == [t.name for t in townships] + ["合计"]
    assert rows["合计"][header.index("两委成员（名）")] == members

    found = chart.evaluate(FIRST_STRUCTURE_BAR)
    assert found is not None
    x, y, _, index = found
    box = chart.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    township = townships[index]
    page.wait_for_url(f"{live_server.url}/dashboards/regions/{township.pk}/figures/**")
    page.screenshot(path=screenshots / "e2e_dashboard_figure_villages.png", full_page=True)

    first = page.locator("tbody tr").first
    name = first.locator("th").inner_text().strip()
    village = Region.objects.get(parent=township, name=name)
    first.locator("td").first.click()
    page.wait_for_url(f"{live_server.url}/villages/{village.pk}/?tab=tasks")
    assert errors == []
