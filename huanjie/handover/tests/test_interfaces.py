"""The handover's page, township list, command and API: the same gates and refusals."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.handover.models import HandoverItem, ItemKind
from huanjie.handover.tests.world import HandoverWorld, build_handover

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw(tree: RegionTree) -> HandoverWorld:
    return build_handover(tree)


def web(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_village_page_committee_records_an_item(hw: HandoverWorld) -> None:
    village = hw.tally.world.village
    page = web(hw.clerk).get(reverse("handover:village", args=[village.pk])).content.decode()
    assert "移交期限" in page and "公章（印章）" in page and "登记（或更正）一项移交" in page
    today = timezone.localdate().isoformat()
    answer = web(hw.clerk).post(
        reverse("handover:item", args=[hw.handover.pk]),
        {"kind": "seal", "handed_on": today, "note": "村民委员会公章1枚"},
    )
    assert answer.status_code == 302
    assert HandoverItem.objects.get().note == "村民委员会公章1枚"


def test_page_gates(hw: HandoverWorld, tree: RegionTree) -> None:
    village = hw.tally.world.village
    officer_page = web(hw.officer).get(reverse("handover:village", args=[village.pk]))
    assert officer_page.status_code == 200
    assert "登记（或更正）一项移交" not in officer_page.content.decode()
    post = web(hw.officer).post(
        reverse("handover:item", args=[hw.handover.pk]),
        {"kind": "seal", "handed_on": timezone.localdate().isoformat(), "note": "x"},
    )
    assert post.status_code == 403 and not HandoverItem.objects.exists()
    stranger = user_for(Role.TOWNSHIP_OFFICER, tree.township_b, username="stranger")
    assert web(stranger).get(reverse("handover:village", args=[village.pk])).status_code == 404


def test_township_list(hw: HandoverWorld) -> None:
    page = web(hw.officer).get(reverse("handover:township")).content.decode()
    assert "东坑村" in page and "移交中（0/6 项）" in page
    empty = web(hw.officer).get(reverse("handover:township") + "?overdue=1").content.decode()
    assert "没有逾期的工作移交" in empty


def test_command_lists_records_and_refuses(hw: HandoverWorld) -> None:
    out = StringIO()
    call_command("handover", "list", "--by", hw.officer.username, stdout=out)
    assert "东坑村" in out.getvalue() and "未移交：公章（印章）" in out.getvalue()
    out = StringIO()
    today = timezone.localdate().isoformat()
    call_command(
        "handover",
        "item",
        str(hw.handover.pk),
        "公章",
        "--date",
        today,
        "--note",
        "公章1枚",
        "--by",
        hw.clerk.username,
        stdout=out,
    )
    assert "已登记移交事项：公章（印章）" in out.getvalue()
    with pytest.raises(CommandError) as caught:
        call_command(
            "handover",
            "confirm",
            str(hw.handover.pk),
            "移交方",
            "--name",
            "王老",
            "--by",
            hw.clerk.username,
        )
    assert caught.value.returncode == 2 and "档案和文件资料" in str(caught.value)


def test_api(hw: HandoverWorld) -> None:
    listing = api(hw.officer).get("/api/v1/handovers/")
    assert listing.status_code == 200 and listing.json()[0]["village_name"] == "东坑村"
    assert api(hw.officer).get("/api/v1/handovers/?overdue=true").json() == []
    assert api(hw.officer).get("/api/v1/handovers/?overdue=null").status_code == 400
    url = f"/api/v1/handovers/{hw.handover.pk}/"
    bad = api(hw.clerk).post(
        url + "items/", {"kind": "seal", "handed_on": "2001-01-01", "note": "x"}
    )
    assert bad.status_code == 400 and not HandoverItem.objects.exists()
    early = api(hw.clerk).post(url + "confirm/", {"side": "outgoing", "name": "王老"})
    assert early.status_code == 409 and early.json()["code"] == "items"
    assert api(hw.clerk).post(url + "supervise/").status_code == 403
    today = timezone.localdate().isoformat()
    for kind in ItemKind.values:
        api(hw.clerk).post(url + "items/", {"kind": kind, "handed_on": today, "note": "清单"})
    api(hw.clerk).post(url + "confirm/", {"side": "outgoing", "name": "王老"})
    done = api(hw.clerk).post(url + "confirm/", {"side": "incoming", "name": "张伟"})
    assert done.status_code == 200 and done.json()["completed_on"] == today
    assert api(hw.officer).post(url + "supervise/").json()["supervised_at"]
