"""The group leaders' commands: announcement 5 set, a group's selection recorded (REP-6's quorum
refused with exit status 2 and nothing changed), and the village shown."""

from __future__ import annotations

import pytest

from huanjie.accounts.tests.commands import refused, run
from huanjie.committees.models import GroupElectionNotice, GroupLeaderSelection
from huanjie.committees.tests.test_group_leaders import first_group, people_of
from huanjie.committees.tests.test_group_leaders import world as world
from huanjie.committees.tests.world import World

pytestmark = pytest.mark.django_db


def test_notice_record_and_show(world: World) -> None:
    code = world.village.code
    bad = refused(
        "group_leaders_notice", code, "--on", "2026-03-28", "--hours", "8点", "--place", "x"
    )
    assert "时间“8点”无法识别" in bad
    said = run(
        "group_leaders_notice", code, "--on", "2026-03-28", "--hours", "08:30-11:30",
        "--place", "村文化礼堂", "--issued", "2026-03-20",
    )  # fmt: skip
    assert (
        said.strip() == "已登记东坑村村民代表和小组长选举公告：2026-03-28 08:30-11:30，村文化礼堂。"
    )
    assert GroupElectionNotice.objects.get().place == "村文化礼堂"
    p = people_of(first_group(world))
    votes = [f"--leader={p[0].id_number}:15", f"--deputy={p[1].id_number}:12"]
    quorum = refused(
        "group_leaders_record", code, "第1组", "--on", "2026-03-28", "--adults-present", "19",
        *votes,
    )  # fmt: skip
    assert "REP-6" in quorum and not GroupLeaderSelection.objects.exists()
    assert "没有名为“第9组”的村民小组" in refused(
        "group_leaders_record", code, "第9组", "--on", "2026-03-28", "--adults-present", "20"
    )
    said = run(
        "group_leaders_record", code, "第1组", "--on", "2026-03-28", "--adults-present", "20",
        *votes,
    )  # fmt: skip
    assert said.strip() == f"已登记第1组的推选结果：组长{p[0].name}，副组长{p[1].name}。"
    shown = run("group_leaders_show", code)
    assert "选举公告：2026-03-28 08:30-11:30，村文化礼堂（2026-03-20公告）" in shown
    assert "已推选1/2个小组，组长1名，副组长1名" in shown
    assert f"第1组：2026-03-28推选，到会村民20/30，户代表0/15；组长{p[0].name}" in shown
    assert "第2组：未推选" in shown
