"""The commands and the REST API do what the pages do, with the same refusals (exit 2 / 409,
nothing changed)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.voting.models import ProxyRequest, ProxyStatus, Publication, StaffMember, Station
from huanjie.voting.tests.world import VotingWorld, build_voting

pytestmark = pytest.mark.django_db


@pytest.fixture
def vw(tree: RegionTree) -> VotingWorld:
    return build_voting(tree)


def run(*args: object) -> str:
    out = StringIO()
    call_command(*[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_cli_arranges_and_publishes(vw: VotingWorld, tmp_path: Path) -> None:
    e = vw.world.election.pk
    by = ("--by", "voting-ec")
    run(
        "voting_arrange",
        e,
        "station",
        "流动票箱一",
        "--kind",
        "流动票箱",
        "--place",
        "村委会",
        "--hours",
        "8:00—11:00",
        "--route",
        "一组—三组",
        *by,
    )
    run("voting_arrange", e, "approve", "--box", "流动票箱一", "--by", "voting-tw")
    for name in ("赵刚", "陈静", "吴磊"):
        run("voting_arrange", e, "staff", name, "--duty", "监票人", "--box", "流动票箱一", *by)
    run("voting_arrange", e, "staff", "周杰", "--duty", "唱票人", *by)
    run("voting_arrange", e, "staff", "陈静", "--duty", "计票人", *by)
    run(
        "voting_arrange",
        e,
        "mobile_voter",
        "李梅",
        "--box",
        "流动票箱一",
        "--reason",
        "年老体弱",
        *by,
    )
    with pytest.raises(CommandError) as caught:
        run("voting_arrange", e, "staff", "王强", "--duty", "计票人", *by)
    assert caught.value.returncode == 2 and "王强是张伟的儿子" in str(caught.value)
    assert StaffMember.objects.count() == 5
    with pytest.raises(CommandError, match="晚于法定最晚日2026年4月13日"):
        run("arrangement_publish", e, "--day", "2026-04-14", *by)
    pdf = tmp_path / "notice.pdf"
    said = run("arrangement_publish", e, "--day", "2026-04-13", "--pdf", pdf, *by)
    assert "已登记2026-04-13张贴" in said and pdf.read_bytes()[:4] == b"%PDF"


def test_cli_proxy_request_and_approve(vw: VotingWorld) -> None:
    e = vw.world.election.pk
    said = run(
        "proxy_request",
        e,
        "陈静",
        "赵刚",
        "--reason",
        "外出务工",
        "--filed-on",
        "2026-04-10",
        "--filed-by",
        "赵刚",
        "--online",
        "--by",
        "voting-ec",
    )
    request = ProxyRequest.objects.get()
    assert f"编号 {request.pk}" in said and request.status == ProxyStatus.FILED
    run("proxy_approve", e, request.pk, "--by", "voting-ec")
    request.refresh_from_db()
    assert request.status == ProxyStatus.APPROVED
    with pytest.raises(CommandError, match="受托人是候选人"):
        run(
            "proxy_request",
            e,
            "王强",
            "张伟",
            "--reason",
            "外出",
            "--filed-on",
            "2026-04-10",
            "--by",
            "voting-ec",
        )
    with pytest.raises(CommandError, match="不能办理"):
        run(
            "proxy_request",
            e,
            "周杰",
            "刘洋",
            "--reason",
            "外出",
            "--filed-on",
            "2026-04-10",
            "--by",
            "voting-tw",
        )
    assert ProxyRequest.objects.count() == 1
    run("arrangement_publish", e, "--proxies", "--day", "2026-04-16", "--by", "voting-ec")
    assert Publication.objects.get().published_on.isoformat() == "2026-04-16"


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_reads_and_writes(vw: VotingWorld) -> None:
    base = f"/api/v1/elections/{vw.world.election.pk}/voting/"
    c = api(vw.committee)
    body = c.get(base).json()
    assert body["stations"][0]["name"] == "中心会场" and body["notice_deadline"] == "2026-04-13"
    response = c.post(
        base + "stations/",
        {
            "box_kind": "mobile",
            "name": "流动票箱一",
            "place": "村委会",
            "hours": "8:00",
            "route": "一组",
        },
        format="json",
    )
    assert response.status_code == 201
    station = Station.objects.get(box__name="流动票箱一")
    assert c.post(base + f"stations/{station.pk}/approve/").status_code == 403
    assert api(vw.township).post(base + f"stations/{station.pk}/approve/").status_code == 200
    refused = c.post(base + "staff/", {"person": vw["王强"].pk, "duty": "counter"}, format="json")
    assert refused.status_code == 409 and "王强是张伟的儿子" in refused.json()["message"]
    assert not StaffMember.objects.exists()
    response = c.post(
        base + "proxies/",
        {
            "principal": vw["陈静"].pk,
            "holder": vw["赵刚"].pk,
            "reason": "外出务工",
            "filed_on": "2026-04-10",
            "via": "online",
            "filed_by": "赵刚",
        },
        format="json",
    )
    assert response.status_code == 201
    (proxy,) = response.json()["proxies"]
    assert proxy["chain"] == "赵刚是陈静的丈夫" and proxy["proxy_status"] == "filed"
    approved = c.post(base + f"proxies/{proxy['id']}/approve/").json()["proxies"][0]
    assert approved["proxy_status"] == "approved"
    late = c.post(base + "publish/", {"notice": "proxies", "day": "2026-04-18"}, format="json")
    assert late.status_code == 409 and "2026年4月17日" in late.json()["message"]
    assert (
        c.post(
            base + "publish/", {"notice": "proxies", "day": "2026-04-17"}, format="json"
        ).status_code
        == 200
    )
    assert c.get(base + "proxies/").json()["proxies"][0]["valid"] is True


def test_api_scope(vw: VotingWorld, tree: RegionTree) -> None:
    from huanjie.accounts.models import Role
    from huanjie.accounts.tests.factories import user_for

    other = api(user_for(Role.ELECTION_COMMITTEE, tree.a2, username="ec-a2"))
    base = f"/api/v1/elections/{vw.world.election.pk}/voting/"
    assert other.get(base).status_code == 404
    assert other.get(base + "proxies/").status_code == 404
