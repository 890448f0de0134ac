"""The committee's commands: Chinese output, people by ID number, `--by` an account that may do
it on the web, exit status 2 with one Chinese line on a refusal that changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from huanjie.accounts.models import Role
from huanjie.accounts.tests.commands import refused, run
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.committees.models import Selection
from huanjie.committees.tests.test_committee import VOTES, people, state
from huanjie.committees.tests.world import World, build_world, villager
from huanjie.people.models import Sex


@pytest.fixture
def world(tree: RegionTree) -> World:
    return people(build_world(tree))


ROLES = {"chair": "主任", "vice_chair": "副主任", "member": "委员"}


def record_args(world: World, *extra: str) -> list[str]:
    votes = [
        f"--vote={world[n].id_number}:{v}" + (f":{ROLES[r]}" if r else "") for n, v, r in VOTES
    ]
    return [
        "committee_record", world.village.code, "--method", "村民代表会议", "--on", "2026-03-10",
        "--should-attend", "45", "--present", "40", *votes, *extra,
    ]  # fmt: skip


def test_committee_record_then_show(world: World) -> None:
    user = make_user(world.tree, Role.ELECTION_COMMITTEE)
    said = run(*record_args(world, "--by", user.username))
    assert (
        said.strip()
        == "已登记东坑村村民选举委员会：5名成员，9人得票（2026-03-10村民代表会议推选）。"
    )
    shown = run("committee_show", world.village.code)
    assert "主任 王建国（推选产生）" in shown
    assert "村民代表：还没有分配名额（至少30名" in shown


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--present", "29"], "未登记：推选会议到会人数不足，推选无效"),
        (["--method", "抽签"], "推选方式“抽签”无法识别"),
        (["--on", "2026/03/10"], "日期“2026/03/10”无法识别"),
    ],
)
def test_committee_record_refusals_exit_2_and_change_nothing(
    world: World, change: list[str], message: str
) -> None:
    before = state()
    assert message in refused(*record_args(world, *change))
    assert state() == before


def test_committee_record_by_an_account_that_may_not(world: World) -> None:
    party = make_user(world.tree, Role.VILLAGE_PARTY)
    before = state()
    said = refused(*record_args(world, "--by", party.username))
    assert (
        said
        == f"用户“{party.username}”不能办理东坑村的这项工作：村民选举委员会由本村村选委会账号登记。"
    )
    assert state() == before


def test_committee_nominee_says_who_leaves_and_who_fills_in(world: World) -> None:
    run(*record_args(world))
    officer = make_user(world.tree, Role.TOWNSHIP_OFFICER)
    said = run(
        "committee_nominee", world["李华"].id_number, "--on", "2026-03-25", "--by", officer.username
    )
    assert "李明退出村民选举委员会（VC-EC-4 KIN-4）：李明是李华的兄弟" in said
    assert "赵强按推选得票依次递补为委员。" in said
    again = refused("committee_nominee", world["李华"].id_number, "--on", "2026-03-25")
    assert "李华已于2026-03-25登记" in again


def test_committee_role(world: World) -> None:
    run(*record_args(world))
    assert (
        run("committee_role", world["刘芳"].id_number, "主任").strip() == "已将刘芳的职务改为主任。"
    )
    assert "刘芳已经是主任" in refused("committee_role", world["刘芳"].id_number, "主任")
    assert "不是东坑村本届村民选举委员会的成员" in refused(
        "committee_role", world["李华"].id_number, "委员"
    )


def test_representatives_apportion_and_record(tree: RegionTree) -> None:
    """Under NAT_2018 (no Zhejiang minimum): the tree's household and six more, one group."""
    world = build_world(tree, "NAT_2018")
    for n in range(6):
        villager(world, f"村民{n}", sex=Sex.FEMALE if n % 2 else Sex.MALE)
    said = run(
        "representatives_apportion", world.village.code, "--on", "2026-03-20",
        "--seats", "第一村民小组=2", "--women", "第一村民小组=1",
    )  # fmt: skip
    assert "已分配东坑村村民代表名额2名，1个推选单元（按村民小组推选）" in said
    assert "1. 第一村民小组：2名，其中单列妇女1名" in said
    votes = [f"--vote={world[f'村民{n}'].id_number}:{9 - n}" for n in range(4)]
    quorum = refused(
        "representatives_record", world.village.code, "1", "--on", "2026-03-28",
        "--voters-present", "3", *votes,
    )  # fmt: skip
    assert "到会人数不足，推选无效" in quorum and not Selection.objects.exists()
    said = run(
        "representatives_record", world.village.code, "1", "--on", "2026-03-28",
        "--voters-present", "5", *votes,
    )  # fmt: skip
    assert "当选村民代表：村民0、村民1。" in said  # 村民1 is the woman with most votes
    missing = refused("representatives_record", world.village.code, "7", "--on", "2026-03-28",
                      "--voters-present", "5")  # fmt: skip
    assert "没有序号为7的推选单元" in missing


def test_unknown_village_and_person(world: World) -> None:
    args: list[Any] = ["committee_show", "331127100299"]
    assert "331127100299" in refused(*args)
    assert "找不到身份证号为" in refused(
        "committee_nominee", "33112719700501999X", "--on", "2026-03-25"
    )
