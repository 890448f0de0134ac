"""The demo's village election committee builds and publishes its village's voter register and
downloads the 选民名单公告: the PDF, rendered to pictures, names the village and its voters."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from huanjie.accounts.models import User
from huanjie.demo.users import DEMO_USERS
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.regions.models import Region
from huanjie.registration.models import ListStatus, Voter, VoterRegister
from huanjie.voting.models import MobileVoter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMITTEE = next(u for u in DEMO_USERS if u.username == "committee")


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(COMMITTEE.username)
    page.get_by_label("密码").fill(COMMITTEE.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def test_the_committee_builds_publishes_and_prints_its_voter_register(
    demo_county: None, live_server: Any, page: Any, screenshots: Path, tmp_path: Path
) -> None:
    village = Region.objects.get(code=User.objects.get(username=COMMITTEE.username).scope_code)
    # The demo publishes this village's list on the seeding day; start it over as a committee
    # would find it before building (its records of wishes and applications go with it, and
    # the mobile box's list of its voters, which the demo's voting arrangements made).
    MobileVoter.objects.filter(voter__register__village=village).delete()
    VoterRegister.objects.filter(village=village).delete()
    _log_in(page, live_server.url)

    page.goto(f"{live_server.url}/villages/{village.pk}/?tab=voters")
    page.get_by_role("link", name="进入选民登记").click()
    page.wait_for_url(re.compile(rf".*/voters/villages/{village.pk}/$"))
    page.get_by_role("button", name="生成选民名单").click()
    page.wait_for_url(re.compile(rf".*/voters/villages/{village.pk}/$"))
    assert page.get_by_text(re.compile(r"已生成选民名单：\d+人列入")).is_visible()
    page.screenshot(path=screenshots / "e2e_40_voters_built.png", full_page=True)
    register = VoterRegister.objects.get(village=village)
    voter = Voter.objects.filter(register=register).order_by("sort_key").first()
    assert voter is not None

    page.get_by_role("link", name="去公布").click()
    page.get_by_label("张贴公布的日期").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="登记公布").click()
    page.wait_for_url(re.compile(rf".*/voters/villages/{village.pk}/$"))
    assert page.get_by_text("异议截止日为").is_visible()
    page.screenshot(path=screenshots / "e2e_41_voters_published.png", full_page=True)
    register.refresh_from_db()
    assert register.status == ListStatus.PUBLISHED

    page.get_by_role("link", name="选民名单公告（PDF）").click()
    page.wait_for_url(re.compile(rf".*/documents/voters/{register.pk}/list/$"))
    assert page.get_by_role("heading", name="关于选民名单的公告").is_visible()
    page.screenshot(path=screenshots / "e2e_42_voters_announcement.png")
    with page.expect_download(timeout=180_000) as download_info:
        page.get_by_role("link", name="下载PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"{village.name}关于选民名单的公告.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)

    look = read_pdf(pdf.read_bytes(), last=2)
    assert_printed_well(look)
    look.save(screenshots, "e2e_43_voters_announcement_pdf")
    pages = look.page_texts()
    assert f"{village.name}村民选举委员会" in pages[0] and "关于选民名单的公告" in pages[0]
    assert voter.name in pages[1]  # the annex, by villager group and household
    # pdftoppm renders the first page; pdftotext reads the village and the voter back.
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(pdf), str(png)],
                   check=True, timeout=120)  # fmt: skip
    assert sorted(tmp_path.glob("page-*.png"))
    text = subprocess.run(
        ["pdftotext", "-l", "2", str(pdf), "-"], capture_output=True, check=True, timeout=120
    ).stdout.decode()
    flat = "".join(text.split())
    assert village.name in flat and voter.name in flat
    assert voter.person.id_number not in flat
