"""The group leaders' pages: the village's roles read them, only the village election committee
records (403 for the others); announcement 5 is set on its form; a group's selection is recorded
from the form (refusals above the form, nothing changed) and cancelled with a reason."""

from __future__ import annotations

import pytest
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.committees.models import GroupElectionNotice, GroupLeaderSelection
from huanjie.committees.tests.test_group_leaders import first_group, people_of
from huanjie.committees.tests.test_group_leaders import world as world
from huanjie.committees.tests.world import World

pytestmark = pytest.mark.django_db


def client(tree: RegionTree, role: Role) -> Client:
    c = Client()
    c.force_login(make_user(tree, role))
    return c


def base(world: World) -> str:
    return f"/committees/villages/{world.village.pk}/group-leaders/"


NOTICE = {
    "issued_on": "2026-03-20",
    "held_on": "2026-03-28",
    "starts_at": "08:30",
    "ends_at": "11:30",
    "place": "各村民小组活动室",
    "note": "",
}


def test_the_page_lists_the_groups_and_others_may_not_record(world: World) -> None:
    township = client(world.tree, Role.TOWNSHIP_OFFICER)
    page = township.get(base(world))
    assert page.status_code == 200
    text = page.content.decode()
    assert "第1组" in text and "第2组" in text and "REP-6" in text
    assert "登记推选结果" not in text
    assert township.post(base(world) + "notice/", NOTICE).status_code == 403
    group = first_group(world)
    assert township.post(base(world) + f"{group.pk}/", {}).status_code == 403
    assert not GroupElectionNotice.objects.exists()


def test_the_committee_sets_announcement_5_and_records_a_group(world: World) -> None:
    c = client(world.tree, Role.ELECTION_COMMITTEE)
    assert c.get(base(world) + "notice/").status_code == 200
    refused = c.post(base(world) + "notice/", {**NOTICE, "ends_at": "08:00"})
    assert refused.status_code == 400
    assert "结束时间08:00应晚于开始时间08:30" in refused.content.decode()
    assert not GroupElectionNotice.objects.exists()
    assert c.post(base(world) + "notice/", NOTICE).status_code == 302
    text = c.get(base(world)).content.decode()
    assert "各村民小组活动室" in text and "08:30—11:30" in text
    group = first_group(world)
    p = people_of(group)
    url = base(world) + f"{group.pk}/"
    form = c.get(url).content.decode()
    assert "至少 20 人到会" in form and "至少 10 户到会" in form
    data = {
        "held_on": "2026-03-28",
        "adults_present": "19",
        "households_present": "9",
        "deputy_seats": "1",
        "l0-person": p[0].name,
        "l0-votes": "15",
        "d0-person": p[1].name,
        "d0-votes": "12",
    }
    refused = c.post(url, data)
    assert refused.status_code == 400
    assert "村民小组会议到会人数不足" in refused.content.decode()
    assert not GroupLeaderSelection.objects.exists()
    assert c.post(url, {**data, "adults_present": "20"}).status_code == 302
    text = c.get(base(world)).content.decode()
    assert p[0].name in text and p[1].name in text and "已推选 1 / 2" in text
    shown = c.get(url).content.decode()
    assert "当选" in shown and "撤销推选结果" in shown
    assert c.post(url + "cancel/", {"reason": "得票登记错误"}).status_code == 302
    assert not GroupLeaderSelection.objects.exists()
