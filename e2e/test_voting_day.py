"""The demo village's voting day: two members of the village election committee, each logged in
on their own, enter every box's tally sheet on the round page; the two entries agree, the system
counts, the chair's seat stays open (nobody over half), the 另行选举 the system creates is entered
and counted the same way, and the result announcement, the 报告单 and the 当选证书 downloaded as
PDF name the village and the elected."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.ballots.models import Box, RoundLink
from huanjie.ballots.voters import register_for
from huanjie.committees.services.common import vc_election
from huanjie.demo.users import DEMO_USERS
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.elections.models import Election, Round
from huanjie.people.models import Sex
from huanjie.regions.models import Region
from huanjie.registration.selectors import active_voters

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMITTEE = next(u for u in DEMO_USERS if u.username == "committee")
SECOND = ("clerk2", "clerk2-demo")

Sheet = tuple[int, dict[str, dict[str, int]]]  # ballots collected, votes by post


@dataclass
class VotingDay:
    village: Region
    election: Election
    boxes: list[Box]
    ballots: dict[str, int]  # box name → ballots issued and collected
    chair: tuple[str, str]  # the two chair candidates nobody gives half the votes
    elected: dict[str, list[str]]  # post → the names elected in the first round


@pytest.fixture
def voting_day(demo_county: None) -> VotingDay:
    """The committee's village of the demo county, its register published and its boxes set,
    and a second committee member of the same village to enter every sheet a second time."""
    village = Region.objects.get(code=User.objects.get(username=COMMITTEE.username).scope_code)
    user_for(
        Role.ELECTION_COMMITTEE,
        village,
        username=SECOND[0],
        password=SECOND[1],
        first_name="晓梅",
        last_name="郑",
    )
    election = vc_election(village)
    assert election is not None and election.round == Round.FIRST
    # Today is the voting day: sheets are refused before election day (VC-VOTE-6), and the demo
    # village still prepares for a day ahead.
    Election.objects.filter(pk=election.pk).update(election_day=timezone.localdate())
    election.refresh_from_db()
    register = register_for(election)
    assert register is not None
    voters = list(active_voters(register).order_by("sort_key"))
    counts: dict[str, int] = {}
    for voter in voters:
        counts[voter.name] = counts.get(voter.name, 0) + 1
    # Names that are one voter each, so the count can register the elected as office holders.
    women = [v.name for v in voters if counts[v.name] == 1 and v.sex == Sex.FEMALE]
    men = [v.name for v in voters if counts[v.name] == 1 and v.sex == Sex.MALE]
    seats = {s.post: s.seats for s in election.seats.all()}
    assert "chair" in seats
    elected: dict[str, list[str]] = {}
    for post, n in seats.items():
        if post != "chair":
            elected[post] = [(women if post == "women_member" else men).pop() for _ in range(n)]
    boxes = list(Box.objects.filter(village=village).order_by("id"))
    assert len(boxes) >= 2
    # Over half the register votes (VC-TALLY-1): most at the central venue, 2 in each other box.
    central = math.ceil(len(voters) * 0.6)
    ballots = {box.name: (central if i == 0 else 2) for i, box in enumerate(boxes)}
    assert sum(ballots.values()) <= len(voters)
    return VotingDay(village, election, boxes, ballots, (men.pop(), men.pop()), elected)


def _log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _enter(page: Any, base: str, election: Election, box: Box, sheet: Sheet) -> str:
    """One clerk enters one box's sheet from the round page; the flash message it leads to."""
    collected, votes = sheet
    page.goto(f"{base}/ballots/elections/{election.pk}/")
    row = page.locator("li.list-group-item", has_text=box.name)
    row.get_by_role("link", name="录入计票单").click()
    page.wait_for_url(re.compile(rf".*/boxes/{box.pk}/entry/$"))
    page.get_by_label("发出选票").fill(str(collected))
    page.get_by_label("收回选票").fill(str(collected))
    page.get_by_label("无效票（含空白票）").fill("0")
    page.get_by_label("其中空白票").fill("0")
    lines = [(post, name, n) for post, persons in votes.items() for name, n in persons.items()]
    for i, (post, name, n) in enumerate(lines):
        page.locator(f"#id_v{i}-post").select_option(post)
        page.locator(f"#id_v{i}-name").fill(name)
        page.locator(f"#id_v{i}-votes").fill(str(n))
    page.get_by_role("button", name="提交录入").click()
    page.wait_for_url(f"{base}/ballots/elections/{election.pk}/")
    return str(page.locator(".alert").first.inner_text())


def _both_clerks(
    first: Any, second: Any, base: str, day: VotingDay, election: Election,
    sheet_of: Callable[[Box], Sheet],
) -> None:  # fmt: skip
    """Each clerk enters every box, the first all boxes before the second: the last agreeing
    entry counts the round."""
    for box in day.boxes:
        assert "请另一名村选委会成员再独立录入一次" in _enter(
            first, base, election, box, sheet_of(box)
        )
    for box in day.boxes[:-1]:
        assert "两次录入一致，已采用" in _enter(second, base, election, box, sheet_of(box))
    last = _enter(second, base, election, day.boxes[-1], sheet_of(day.boxes[-1]))
    assert "选举结果已计出" in last


def _download(page: Any, name: str, folder: Path) -> Path:
    with page.expect_download(timeout=180_000) as download_info:
        page.get_by_role("link", name=name, exact=True).click()
    download = download_info.value
    path = folder / str(download.suggested_filename)
    download.save_as(path)
    return path


def test_two_clerks_count_the_voting_day_and_its_supplementary_round(
    voting_day: VotingDay,
    live_server: Any,
    browser: Any,
    page: Any,
    screenshots: Path,
    tmp_path: Path,
) -> None:
    day, base = voting_day, live_server.url
    _log_in(page, base, COMMITTEE.username, COMMITTEE.password)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    second = context.new_page()
    second.set_default_timeout(15_000)
    _log_in(second, base, *SECOND)
    a, b = day.chair

    def first_round(box: Box) -> Sheet:
        n = day.ballots[box.name]
        votes = {post: dict.fromkeys(names, n) for post, names in day.elected.items()}
        # The chair: one vote for each of two in every box — far under half the ballots.
        votes["chair"] = {a: 1, b: 1} if box == day.boxes[0] else {a: 1}
        return n, votes

    _both_clerks(page, second, base, day, day.election, first_round)
    page.goto(f"{base}/ballots/elections/{day.election.pk}/")  # the second clerk counted it
    page.screenshot(path=screenshots / "e2e_60_voting_day_counted.png", full_page=True)
    page.get_by_role("heading", name="计票说明").wait_for()
    results = page.locator(".card", has_text="当选人")
    for names in day.elected.values():
        for name in names:
            assert results.get_by_role("cell", name=name, exact=True).is_visible()

    # Every page: 特此公告 and the signature take the body's last lines with them, so no page
    # of the notice is nearly blank.
    notice = read_pdf(_download(page, "选举结果公告", tmp_path).read_bytes(), last=None)
    assert_printed_well(notice)
    notice.save(screenshots, "e2e_61_result_notice_pdf")
    assert day.village.name in notice.flat
    assert all(name in notice.flat for names in day.elected.values() for name in names)
    report = read_pdf(_download(page, "选举结果报告单", tmp_path).read_bytes(), last=None)
    assert_printed_well(report)
    assert day.village.name in report.flat and "报告单" in report.flat
    certificates = read_pdf(_download(page, "当选证书", tmp_path).read_bytes(), last=None)
    assert_printed_well(certificates)
    certificates.save(screenshots, "e2e_62_certificates_pdf")
    everyone = [name for names in day.elected.values() for name in names]
    assert certificates.page_count == len(everyone)
    # One certificate a page, each naming one of the elected (in the document's own order).
    named = [[n for n in everyone if f"{n}同志" in text] for text in certificates.page_texts()]
    assert all("当选证书" in text for text in certificates.page_texts())
    assert sorted(n for names in named for n in names) == sorted(everyone) and all(
        len(n) == 1 for n in named
    )
    assert a not in certificates.flat and b not in certificates.flat

    # The system created the 另行选举 for the open chair seat, with the two most voted.
    supplementary = RoundLink.objects.select_related("election").get(previous=day.election).election
    assert supplementary.round == Round.SUPPLEMENTARY
    page.get_by_role("link", name=re.compile("第2轮")).first.click()
    page.wait_for_url(f"{base}/ballots/elections/{supplementary.pk}/")
    assert page.get_by_text(f"主任：{a}、{b}").is_visible()
    page.screenshot(path=screenshots / "e2e_63_supplementary_round.png", full_page=True)
    # Its day is not set yet: the committee sets it on the round page before entering (VC-VOTE-6).
    assert page.get_by_text("本轮选举日还没有确定").is_visible()
    page.get_by_label("本轮选举日").fill(f"{timezone.localdate():%Y-%m-%d}")
    page.get_by_role("button", name="确定选举日").click()
    page.get_by_text("本轮选举日已定为").wait_for()

    def second_round(box: Box) -> Sheet:
        n = day.ballots[box.name]
        return n, {"chair": {a: n}}

    _both_clerks(page, second, base, day, supplementary, second_round)
    page.reload()
    assert (
        page.locator(".card", has_text="当选人")
        .get_by_role("cell", name=a, exact=True)
        .is_visible()
    )
    assert page.get_by_text("本次选举已完成，无需再投票。").is_visible()
    page.screenshot(path=screenshots / "e2e_64_supplementary_counted.png", full_page=True)
    supp_notice = read_pdf(_download(page, "选举结果公告", tmp_path).read_bytes(), last=None)
    assert_printed_well(supp_notice)
    supp_notice.save(screenshots, "e2e_65_supplementary_notice_pdf")
    assert day.village.name in supp_notice.flat and a in supp_notice.flat
    supp_certificate = read_pdf(_download(page, "当选证书", tmp_path).read_bytes())
    assert "当选证书" in supp_certificate.flat and a in supp_certificate.flat
    context.close()
