"""The committee's pages, the township's approval, scoped access (other villages: 404; readers
cannot change), the announcements' preview and PDF, and the village page's link."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.voting.models import ProxyRequest, StaffMember, Station
from huanjie.voting.tests.world import VotingWorld, build_voting

pytestmark = pytest.mark.django_db


@pytest.fixture
def vw(tree: RegionTree) -> VotingWorld:
    return build_voting(tree)


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def url(name: str, vw: VotingWorld, *args: object) -> str:
    return reverse(f"voting:{name}", args=[vw.world.election.pk, *args])


def test_committee_arranges_on_the_page(vw: VotingWorld) -> None:
    c = client_for(vw.committee)
    page = c.get(url("arrangements", vw)).content.decode()
    assert "中心会场" in page and "村文化礼堂" in page and "新设投票点" in page
    c.post(
        url("station_add", vw),
        {
            "kind": "mobile",
            "name": "流动票箱一",
            "place": "村委会",
            "hours": "8:00—11:00",
            "route": "一组—三组",
        },
    )
    box = Station.objects.get(box__name="流动票箱一")
    page = c.get(url("arrangements", vw)).content.decode()
    assert "待乡镇批准" in page and "批准设立" not in page  # the committee cannot approve
    response = c.post(
        url("staff_add", vw), {"person": vw["王强"].pk, "duty": "counter"}, follow=True
    )
    said = response.content.decode()
    assert "未保存：王强不得担任唱票、计票、监票人员：王强是张伟的儿子" in said
    assert not StaffMember.objects.exists()
    c.post(url("staff_add", vw), {"person": vw["赵刚"].pk, "duty": "scrutineer", "station": box.pk})
    assert StaffMember.objects.get().person == vw["赵刚"]


def test_township_approves_a_mobile_box(vw: VotingWorld) -> None:
    c = client_for(vw.committee)
    c.post(
        url("station_add", vw),
        {
            "kind": "mobile",
            "name": "流动票箱一",
            "place": "村委会",
            "hours": "8:00",
            "route": "一组",
        },
    )
    box = Station.objects.get(box__name="流动票箱一")
    assert c.post(url("mobile_approve", vw, box.pk)).status_code == 403
    t = client_for(vw.township)
    assert "批准设立" in t.get(url("arrangements", vw)).content.decode()
    t.post(url("mobile_approve", vw, box.pk))
    box.refresh_from_db()
    assert box.approved_by == vw.township


def test_relative_files_on_behalf_then_committee_approves(vw: VotingWorld) -> None:
    c = client_for(vw.committee)
    c.post(
        url("proxy_file", vw),
        {
            "principal": vw["陈静"].pk,
            "holder": vw["赵刚"].pk,
            "reason": "外出务工",
            "filed_on": "2026-04-10",
            "filed_by": "赵刚（委托人之夫）",
            "via": "online",
        },
    )
    request = ProxyRequest.objects.get()
    assert request.filed_by == "赵刚（委托人之夫）" and request.via == "online"
    page = c.get(url("proxies", vw)).content.decode()
    assert "赵刚是陈静的丈夫" in page and "由赵刚（委托人之夫）代办" in page
    c.post(url("proxy_approve", vw, request.pk))
    c.post(url("proxies_publish", vw), {"day": "2026-04-16"})
    page = c.get(url("proxies", vw)).content.decode()
    assert "委托有效：受托第1人（上限3人）" in page


def test_refused_proxy_on_the_page_changes_nothing(vw: VotingWorld) -> None:
    c = client_for(vw.committee)
    before = AuditEntry.objects.count()
    response = c.post(
        url("proxy_file", vw),
        {
            "principal": vw["王强"].pk,
            "holder": vw["张伟"].pk,
            "reason": "外出",
            "filed_on": "2026-04-10",
            "via": "paper",
        },
        follow=True,
    )
    assert "受托人是候选人（自荐人），不得接受委托" in response.content.decode()
    assert not ProxyRequest.objects.exists() and AuditEntry.objects.count() == before


def test_other_villages_and_readers(vw: VotingWorld, tree: RegionTree) -> None:
    other = client_for(user_for(Role.ELECTION_COMMITTEE, tree.a2, username="ec-a2"))
    assert other.get(url("arrangements", vw)).status_code == 404
    assert other.get(url("proxies", vw)).status_code == 404
    assert other.get(url("notice_pdf", vw, "arrangements")).status_code == 404
    reader = client_for(vw.township)  # reads every village of the township, arranges none
    page = reader.get(url("proxies", vw)).content.decode()
    assert "委托申请" in page and "登记委托书" not in page
    response = reader.post(
        url("proxy_file", vw),
        {
            "principal": vw["陈静"].pk,
            "holder": vw["赵刚"].pk,
            "reason": "外出",
            "filed_on": "2026-04-10",
            "via": "paper",
        },
    )
    assert response.status_code == 403 and not ProxyRequest.objects.exists()


def test_notice_preview_and_pdf(vw: VotingWorld) -> None:
    c = client_for(vw.committee)
    page = c.get(url("notice", vw, "arrangements")).content.decode()
    assert "关于选举投票时间和地点的公告" in page and "下载PDF" in page and "草稿" in page
    response = c.get(url("notice_pdf", vw, "proxies"))
    assert response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"
    assert AuditEntry.objects.filter(action="document.download").count() == 1
    assert c.get(url("notice", vw, "nothing")).status_code == 404


def test_village_page_links_to_the_arrangements(vw: VotingWorld) -> None:
    c = client_for(vw.committee)
    page = c.get(reverse("core:village", args=[vw.world.village.pk]) + "?tab=elections")
    assert url("arrangements", vw) in page.content.decode()
