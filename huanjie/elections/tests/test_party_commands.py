"""`huanjie party_roll / party_exclusion / party_registration / party_member_enter`: villages by
code, people by ID number, `--by` the village party organization (the township officer for a
consent), Chinese output; a refusal is one Chinese line, exit 2, and changes nothing."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.elections.models import AttendanceExclusion, MemberRegistration
from huanjie.elections.tests.party_world import PartyWorld, build_party_world, member, villager
from huanjie.people.models import MembershipStatus, PartyMembership, PoliticalStatus

TODAY = timezone.localdate()


@pytest.fixture
def world(tree: RegionTree) -> PartyWorld:
    world = build_party_world(tree, day=None)
    world.election.election_day = TODAY + timedelta(days=20)
    world.election.save()
    member(world, "张三")
    member(world, "李四", MembershipStatus.PROBATIONARY)
    villager(world, "王五", political_status=PoliticalStatus.FULL_MEMBER)
    user_for(Role.VILLAGE_PARTY, tree.a1, username="dangzuzhi")
    user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="xiangzhen")
    user_for(Role.ELECTION_COMMITTEE, tree.a1, username="weiyuanhui")
    return world


def _run(*argv: str) -> str:
    out = StringIO()
    call_command(*argv, stdout=out)
    return out.getvalue()


def _state() -> list[Any]:
    return [
        list(AttendanceExclusion.objects.order_by("pk").values()),
        list(MemberRegistration.objects.order_by("pk").values()),
        list(PartyMembership.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    ]


def test_party_roll_prints_the_derivation_with_its_rules(world: PartyWorld) -> None:
    out = _run("party_roll", world.village.code, "--members")
    assert "按" in out and "（选举日）" in out
    assert "      2名  有表决权的党员  [PB-RIGHTS-1]" in out
    assert "应到会  [PB-QUORUM-2]" in out and "[PB-QUORUM-1]" in out
    assert "未启用，登记仅供了解" in out
    assert "李四\t预备党员\t无（PB-RIGHTS-1）" in out
    assert "不在党员名册中" in out  # 王五


def test_an_exclusion_proposed_consented_and_passed_in_one_call(world: PartyWorld) -> None:
    day = str(TODAY)
    out = _run(
        "party_exclusion", world["张三"].id_number, "--ground", "自费出国（境）半年以上或不能按时回国",
        "--detail", "赴澳大利亚留学", "--consent", day, "--approver", "中共鹤溪街道工作委员会",
        "--document", "鹤街党〔2026〕5号", "--meeting", day, "--by", "dangzuzhi",
    )  # fmt: skip
    assert "已登记提出、上级党组织同意、党员大会通过" in out
    assert "不计入应到会人数" in out
    exclusion = AttendanceExclusion.objects.get()
    assert exclusion.approved and exclusion.created_by is not None
    out = _run(
        "party_exclusion", world["张三"].id_number, "--withdraw", "已回村", "--by", "dangzuzhi"
    )
    assert "已撤回，重新计入应到会人数" in out


def test_the_township_records_its_consent_without_a_document(world: PartyWorld) -> None:
    _run("party_exclusion", world["张三"].id_number, "--ground", "abroad", "--detail", "出国")
    out = _run(
        "party_exclusion", world["张三"].id_number, "--consent", str(TODAY),
        "--approver", "中共鹤溪街道工作委员会", "--by", "xiangzhen",
    )  # fmt: skip
    assert "尚待党员大会通过，仍计入应到会人数" in out


def test_registration_and_entering_on_the_roll(world: PartyWorld) -> None:
    out = _run(
        "party_registration", world["李四"].id_number, "--method", "电话登记", "--by", "dangzuzhi"
    )
    assert "已登记李四参加选举登记" in out and "仅供了解" in out
    assert "已撤销" in _run(
        "party_registration", world["李四"].id_number, "--cancel", "--by", "dangzuzhi"
    )
    out = _run("party_member_enter", world["王五"].id_number, "--by", "dangzuzhi")
    assert "已把王五登记入东坑村党支部的党员名册（正式党员）" in out


REFUSALS = {
    "committee-by": (["party_exclusion", "张三", "--ground", "abroad", "--detail", "x",
                      "--by", "weiyuanhui"], "不能办理东坑村的这项工作"),
    "township-proposes": (["party_exclusion", "张三", "--ground", "abroad", "--detail", "x",
                           "--by", "xiangzhen"], "由村党组织提出"),
    "no-rights": (["party_exclusion", "李四", "--ground", "abroad", "--detail", "x"],
                  "本来就不计入应到会人数"),
    "nothing-to-do": (["party_exclusion", "张三"], "没有给出要办理的事项"),
    "nothing-proposed": (["party_exclusion", "张三", "--meeting", "2026-01-01"], "请先用 --ground"),
    "bad-ground": (["party_exclusion", "张三", "--ground", "懒", "--detail", "x"], "情形“懒”无法识别"),
    "bad-date": (["party_registration", "张三", "--on", "昨天"], "登记日期“昨天”无法识别"),
    "unknown-user": (["party_registration", "张三", "--by", "nobody"], "找不到用户“nobody”"),
    "bad-method": (["party_registration", "张三", "--method", "飞鸽"], "登记方式“飞鸽”无法识别"),
    "enter-twice": (["party_member_enter", "张三"], "已在党员名册中"),
    "unknown-village": (["party_roll", "331127100299"], "没有区划代码为"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_are_one_line_exit_2_and_change_nothing(world: PartyWorld, case: str) -> None:
    argv, words = REFUSALS[case]
    argv = [world[a].id_number if a in world.people else a for a in argv]
    before = _state()
    with pytest.raises(CommandError) as caught:
        _run(*argv)
    assert caught.value.returncode == 2
    assert words in str(caught.value) and "\n" not in str(caught.value)
    assert _state() == before
