"""The demo's village election committee takes its village from a 招贤榜 to a published candidate
list: it publishes the chair's 招贤榜, takes two applications, accepts both, the county's
reviewer clears them in the joint review (QUAL-3) on the reviewer's own page, the committee
publishes the list on a lawful day (a candidate's pledge and goals recorded on the way) and
downloads the 正式候选人名单公告, whose text names the village, the candidates and the goals, and
whose first page renders to a picture."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from huanjie.accounts.models import User
from huanjie.committees.models import CommitteeMember
from huanjie.committees.services.common import vc_election
from huanjie.demo.users import DEMO_USERS
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.nominations.models import Application, Recruitment, Status
from huanjie.people.models import Person, RegisterStatus
from huanjie.regions.models import Region
from huanjie.vetting.models import Department, ReviewResult, ReviewRound, Verdict
from huanjie.vetting.services import round_open

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

USERS = {u.username: u for u in DEMO_USERS}


def _log_in(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()  # whoever was logged in is gone
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(USERS[username].password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _applicants(village: Region, day: date) -> list[Person]:
    election = vc_election(village)
    sitting = set(
        CommitteeMember.objects.filter(committee__election=election).values_list(
            "person_id", flat=True
        )
    )
    pool = Person.objects.filter(
        village=village,
        status=RegisterStatus.ACTIVE,
        deprived_of_political_rights=False,
        birth_date__gt=date(day.year - 60, 1, 1),
        birth_date__lt=date(day.year - 25, 1, 1),
    ).order_by("id_number")
    return [p for p in pool if p.pk not in sitting][:2]


def test_the_committee_takes_its_village_from_the_notice_to_a_printed_candidate_list(
    demo_county: None, live_server: Any, page: Any, screenshots: Path, tmp_path: Path
) -> None:
    base = live_server.url
    village = Region.objects.get(code=User.objects.get(username="committee").scope_code)
    election = vc_election(village)
    assert election is not None and election.election_day is not None
    # The demo has this village's notices and applications already; start as before them.
    Recruitment.objects.filter(election=election).delete()
    today = timezone.localdate()
    first, second = _applicants(village, election.election_day)

    _log_in(page, base, "committee")
    page.goto(f"{base}/nominations/villages/{village.pk}/")
    assert page.get_by_text("本职位还没有发布招贤榜。").first.is_visible()
    notice = page.locator("form", has=page.get_by_role("button", name="发布招贤榜"))
    notice.get_by_label("职位").select_option(label="主任")
    notice.get_by_label("任职条件（五有+X）").fill("五有：有干事激情、有担当精神；X：懂集体经济")
    notice.get_by_role("button", name="发布招贤榜").click()
    assert page.get_by_text("已发布主任招贤榜。").is_visible()

    apply = page.locator("form", has=page.get_by_role("button", name="受理报名"))
    for person, kind in ((first, "村民联名推荐"), (second, "组织推荐")):
        apply.get_by_label("报名职位").select_option(label="主任")
        apply.get_by_label("报名人（姓名或身份证号）").fill(person.id_number)
        apply.get_by_label("报名方式").select_option(label=kind)
        if kind == "村民联名推荐":
            apply.get_by_label("联名人数").fill("12")
        else:
            apply.get_by_label("推荐组织").fill("村党组织")
        apply.get_by_role("button", name="受理报名").click()
        assert page.get_by_text(f"已受理{person.name}报名参选主任。").is_visible()
    for person in (first, second):
        row = page.locator("#post-chair tr", has_text=person.name)
        row.get_by_role("button", name="确定为候选人").click()
        assert page.get_by_text(f"已确定{person.name}为主任候选人。").is_visible()

    # The first candidate signs the 纪律承诺书 and gives goals the notice will print.
    entry = page.locator("#post-chair li", has_text=first.name)
    entry.get_by_label("签订的承诺").select_option(label="纪律承诺书")
    entry.get_by_role("button", name="登记承诺").click()
    assert page.get_by_text(f"已登记{first.name}签订纪律承诺书。").is_visible()
    entry = page.locator("#post-chair li", has_text=first.name)
    assert entry.get_by_text(f"纪律承诺书 {today.isoformat()}").is_visible()
    entry.get_by_label(re.compile("^竞选目标")).fill("修通进村道路")
    entry.get_by_role("button", name="保存竞选目标").click()
    assert page.get_by_text(f"已保存{first.name}的竞选目标。").is_visible()

    # Before the joint review the list may not be published: refused, nothing written.
    page.locator("#post-chair").get_by_role("button", name="公布候选人名单").click()
    assert page.get_by_role("alert").is_visible()
    assert Recruitment.objects.get(election=election, post="chair").list_published_on is None
    page.screenshot(path=screenshots / "e2e_50_nominations_unvetted.png", full_page=True)

    # The demo county has opened its round for the police (every round of the campaign must
    # clear a candidate); where it could not, the county opens one. The departments come with
    # the migrations; a live-server test that ran before this one emptied the tables
    # (TransactionTestCase flushes), so make sure the police is there.
    review_round = ReviewRound.objects.filter(campaign=election.plan.campaign).first()
    if review_round is None:
        department, _ = Department.objects.get_or_create(name=USERS["reviewer"].department)
        review_round = round_open(
            campaign=election.plan.campaign,
            title="县级联审",
            opens_on=today,
            due_on=today,
            departments=[department],
            acting_user=User.objects.get(username="county"),
        )
    _log_in(page, base, "reviewer")
    for person in (first, second):
        application = Application.objects.get(recruitment__election=election, person=person)
        page.goto(f"{base}/vetting/rounds/{review_round.pk}/candidates/{application.pk}/")
        page.get_by_role("button", name="保存结论").click()
        page.wait_for_load_state()
        results = ReviewResult.objects.filter(application=application, verdict=Verdict.CLEARED)
        assert results.count() == 1

    _log_in(page, base, "committee")
    page.goto(f"{base}/nominations/villages/{village.pk}/")
    chair = page.locator("#post-chair")
    chair.get_by_label("公布日期").fill(today.isoformat())
    chair.get_by_role("button", name="公布候选人名单").click()
    assert page.get_by_text("已公布主任候选人名单。").is_visible()
    recruitment = Recruitment.objects.get(election=election, post="chair")
    assert recruitment.list_published_on == today
    assert recruitment.applications.filter(status=Status.ACCEPTED).count() == 2
    page.screenshot(path=screenshots / "e2e_51_nominations_published.png", full_page=True)

    page.get_by_role("link", name="打印候选人名单公告").click()
    page.wait_for_url(re.compile(rf".*/documents/villages/{village.pk}/candidate-list/.*"))
    with page.expect_download(timeout=180_000) as download_info:
        page.get_by_role("link", name="下载PDF").click()
    download = download_info.value
    pdf = tmp_path / "candidates.pdf"
    download.save_as(pdf)
    assert village.name in download.suggested_filename

    look = read_pdf(pdf.read_bytes(), last=1)
    assert_printed_well(look)
    look.save(screenshots, "e2e_52_candidate_list_pdf")
    assert village.name in look.flat and first.name in look.flat and second.name in look.flat
    assert first.id_number not in look.flat  # a public notice: names only
    assert f"{first.name}（主任候选人）竞选目标：修通进村道路" in look.flat
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, check=True, timeout=120
    ).stdout.decode()
    assert first.name in "".join(text.split())
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(png)],
                   check=True, timeout=120)  # fmt: skip
    pictures = sorted(tmp_path.glob("page-*.png"))
    assert pictures and all(p.stat().st_size > 1000 for p in pictures)
