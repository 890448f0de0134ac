"""A township officer prints a village's household register from the village page: the PDF
downloaded in the browser reads right and renders (text, pages, fonts)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from huanjie.demo.users import DEMO_USERS
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.people.models import Household, Person
from huanjie.regions.models import Level, Region

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OFFICER = next(u for u in DEMO_USERS if u.username == "township")
HEADER = "户号村民小组户主序号姓名与户主关系性别出生日期公民身份号码备注"


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(OFFICER.username)
    page.get_by_label("密码").fill(OFFICER.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def test_township_officer_downloads_a_village_s_household_register(
    demo_county: None, live_server: Any, page: Any, screenshots: Path, tmp_path: Path
) -> None:
    township = Region.objects.filter(level=Level.TOWNSHIP).order_by("code").first()
    assert township is not None
    village = Region.objects.get(parent=township)
    first = Household.objects.filter(village=village).order_by("number").first()
    assert first is not None
    head = Person.objects.get(household=first, relation_to_head="head")
    _log_in(page, live_server.url)

    page.goto(f"{live_server.url}/villages/{village.pk}/")
    # The preview renders the whole register in the request: on a loaded machine, seconds.
    page.get_by_role("link", name="打印户籍登记表 (PDF)").click(timeout=60_000)
    page.wait_for_url(re.compile(r".*/documents/villages/\d+/register/$"), timeout=60_000)
    # The preview is the document itself, on screen: its title, its first household.
    assert page.get_by_role("heading", name=f"{village.name}户籍登记表").is_visible()
    assert page.get_by_role("cell", name=first.number, exact=True).first.is_visible()
    page.screenshot(path=screenshots / "e2e_10_register_preview.png")

    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("link", name="下载PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"{village.name}户籍登记表.pdf"
    pdf = tmp_path / download.suggested_filename  # ID numbers: not left in var/
    download.save_as(pdf)

    look = read_pdf(pdf.read_bytes(), last=2)
    assert_printed_well(look)
    look.save(screenshots, "e2e_11_register_pdf")
    pages = look.page_texts()
    assert f"{village.name}户籍登记表" in pages[0]
    assert first.number in pages[0] and head.name in pages[0]
    assert head.id_number in pages[0]  # a township officer sees full numbers
    assert len(pages) >= 2, "the demo village fills more than one page"
    for number, text in enumerate(pages[:2], start=1):
        assert HEADER in text, f"no table header on page {number}"
        assert f"第{number}页共{len(pages)}页" in text


def test_township_officer_prints_the_township_s_registers_in_one_batch(
    demo_county: None, live_server: Any, page: Any, screenshots: Path
) -> None:
    township = Region.objects.filter(level=Level.TOWNSHIP).order_by("code").first()
    assert township is not None
    village = Region.objects.get(parent=township)
    _log_in(page, live_server.url)

    page.goto(f"{live_server.url}/regions/{township.pk}/")
    # The tests run tasks inline, so the click's navigation waits for the whole batch.
    page.get_by_role("button", name="批量打印本乡镇户籍登记表").click(timeout=120_000)
    page.wait_for_url(re.compile(r".*/documents/jobs/\d+/$"), timeout=120_000)
    # The tests run background tasks inline: the job is done when its page opens.
    assert page.get_by_text("已生成：1 个村（社区）").is_visible()
    page.screenshot(path=screenshots / "e2e_12_batch_done.png")
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("link", name="下载PDF").click()
    look = read_pdf(Path(download_info.value.path()).read_bytes(), last=1)
    assert_printed_well(look)
    assert f"{village.name}户籍登记表" in look.page_texts()[0]
