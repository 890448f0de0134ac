"""The joint review's pages: a reviewer sees and records only their department's queue within
their county; the township officer sees the state of every candidate of their villages; the
county election office opens rounds; the nominations page shows each candidate's state and the
village's kinship conflicts; the dossier prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.committees.tests.world import family, villager
from huanjie.documents.tests.pdf import read_pdf
from huanjie.elections.models import OfficeHolder
from huanjie.people.models import Sex
from huanjie.vetting.models import ReviewResult, ReviewRound, Verdict
from huanjie.vetting.tests.world import Vetting, clear, vetting_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def v(tree: RegionTree) -> Vetting:
    return vetting_world(tree)


def _client(user: object) -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    return c


def _record_url(v: Vetting, name: str) -> str:
    return f"/vetting/rounds/{v.round.pk}/candidates/{v.candidates[name].pk}/"


def test_a_reviewer_sees_only_their_departments_queue(v: Vetting) -> None:
    clear(v, "李四", "法院")
    police = _client(make_user(v.world.tree, Role.REVIEWER))  # 公安
    page = police.get("/vetting/").content.decode()
    assert "公安 · 候选人联审" in page
    assert "待审查（2 人）" in page and "已审查（0 人）" in page
    assert "法院" not in page  # another department's work is not shown
    clear(v, "李四", "公安")
    page = police.get("/vetting/").content.decode()
    assert "待审查（1 人）" in page and "已审查（1 人）" in page
    civil = _client(user_for(Role.REVIEWER, v.world.tree.county, department="民政"))
    page = civil.get("/vetting/").content.decode()
    assert "待审查（0 人）" in page
    assert civil.get(_record_url(v, "王五")).status_code == 404  # 民政 is not in the round


def test_a_reviewer_records_a_finding_with_an_attachment(
    v: Vetting, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    police = _client(make_user(v.world.tree, Role.REVIEWER))
    url = _record_url(v, "王五")
    assert "登记本部门结论" in police.get(url).content.decode()
    item = v.item("long_absence")
    response = police.post(
        url,
        {
            "conclusion": "finding",
            "item": item.pk,
            "on": "2026-04-06",
            "note": "常年在外务工",
            "attachment": SimpleUploadedFile("走访记录.pdf", b"%PDF-1.4 x", "application/pdf"),
        },
    )
    assert response.status_code == 302
    result = ReviewResult.objects.get()
    assert result.verdict == Verdict.UNSUITABLE and result.item == item
    assert result.recorded_by is not None and result.recorded_by.department == "公安"
    download = police.get(f"/vetting/results/{result.pk}/attachment/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"  # type: ignore[attr-defined]
    court = _client(user_for(Role.REVIEWER, v.world.tree.county, department="法院"))
    assert court.get(f"/vetting/results/{result.pk}/attachment/").status_code == 404


def test_a_finding_without_an_item_is_refused_and_nothing_saved(v: Vetting) -> None:
    police = _client(make_user(v.world.tree, Role.REVIEWER))
    response = police.post(_record_url(v, "王五"), {"conclusion": "finding", "on": "2026-04-06"})
    assert response.status_code == 400
    assert "请选择对应的清单条目" in response.content.decode()
    assert not ReviewResult.objects.exists()


def test_a_reviewer_of_another_county_finds_nothing(v: Vetting) -> None:
    other = _client(user_for(Role.REVIEWER, v.world.tree.other_county, department="公安"))
    assert "待审查（0 人）" in other.get("/vetting/").content.decode()
    assert other.get(_record_url(v, "王五")).status_code == 404


def test_the_township_officer_sees_every_candidates_state_and_may_not_record(
    v: Vetting,
) -> None:
    clear(v, "李四")
    clear(v, "王五", "公安")
    township = _client(make_user(v.world.tree, Role.TOWNSHIP_OFFICER))
    page = township.get("/vetting/").content.decode()
    assert "东坑村" in page and "通过 1/2" in page
    assert "联审通过" in page and "待纪检监察、法院审查" in page
    assert "开设新一轮联审" not in page  # the county opens rounds
    response = township.post(_record_url(v, "王五"), {"conclusion": "cleared", "on": "2026-04-06"})
    assert response.status_code == 403
    observer = _client(make_user(v.world.tree, Role.OBSERVER))
    assert observer.get("/vetting/").status_code == 403


def test_the_county_election_office_opens_a_round(v: Vetting) -> None:
    office = _client(make_user(v.world.tree, Role.ELECTION_OFFICE))
    page = office.get("/vetting/").content.decode()
    assert "开设新一轮联审" in page and "负面清单（" in page
    campaign = v.round.campaign
    url = f"/vetting/campaigns/{campaign.pk}/rounds/"
    bad = office.post(url, {"title": "党委考察", "opens_on": "2026-04-09", "due_on": "2026-04-08"})
    assert bad.status_code == 400 and "请至少选择一个" in bad.content.decode()
    organization = v.department("组织")
    ok = office.post(
        url,
        {
            "title": "党委考察",
            "opens_on": "2026-04-08",
            "due_on": "2026-04-11",
            "departments": [organization.pk],
        },
    )
    assert ok.status_code == 302
    assert ReviewRound.objects.filter(campaign=campaign, number=2, title="党委考察").exists()
    township = _client(make_user(v.world.tree, Role.TOWNSHIP_OFFICER))
    assert township.post(url, {"title": "x"}).status_code in (403, 404)


def test_the_nominations_page_shows_states_and_recusal(v: Vetting) -> None:
    world = v.world
    clear(v, "李四")
    jia = world["李四"]
    daughter = villager(world, "李梅", sex=Sex.FEMALE, birth=date(1994, 2, 1))
    grandson = villager(world, "陈小", birth=date(2001, 3, 1))
    family(jia, daughter, "parent_child")
    family(daughter, grandson, "parent_child")
    OfficeHolder.objects.create(
        village=world.village,
        body="party_organization",
        post="secretary",
        person=jia,
        term_start=date(2021, 4, 1),
        term_end=date(2026, 5, 1),
    )
    OfficeHolder.objects.create(
        village=world.village,
        body="party_organization",
        post="member",
        person=grandson,
        term_start=date(2021, 4, 1),
        term_end=date(2026, 5, 1),
    )
    committee = _client(make_user(world.tree, Role.ELECTION_COMMITTEE))
    page = committee.get(f"/nominations/villages/{world.village.pk}/").content.decode()
    assert "联审通过" in page and "待纪检监察、公安、法院审查" in page
    assert "任职回避核查" in page and "“一肩挑”人选：李四" in page
    assert "李四是陈小的外祖父（李四是李梅的父亲，李梅是陈小的母亲）" in page
    assert "KIN-6" in page


def test_the_dossier_prints_every_departments_result(v: Vetting) -> None:
    clear(v, "李四", "公安")
    township = _client(make_user(v.world.tree, Role.TOWNSHIP_OFFICER))
    url = f"/documents/vetting/candidates/{v.candidates['李四'].pk}"
    html = township.get(url + "/").content.decode()
    assert "候选人联审档案" in html and "下载PDF" in html
    response = township.get(url + ".pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    look = read_pdf(response.content)
    text = look.flat
    assert "李四" in text and "联审结论：联审中" in text
    assert "公安" in text and "法院" in text and "待审" in text
    reviewer = _client(make_user(v.world.tree, Role.REVIEWER))
    assert reviewer.get(url + "/").status_code == 404
