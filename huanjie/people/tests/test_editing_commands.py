"""The register-keeping commands: each does its service's change (audited, `--by` the actor),
answers in Chinese, and refuses with one Chinese line and exit status 2, changing nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person, valid_id
from huanjie.people.models import HeadRelation, Household, Person, RegisterStatus, Sex
from huanjie.people.tests.editing import last_entry, rows

A1 = "331127100201"


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _refused(fragment: str, *args: str) -> None:
    before = rows()
    with pytest.raises(CommandError) as info:
        _run(*args)
    assert info.value.returncode == 2
    assert "\n" not in str(info.value) and fragment in str(info.value), str(info.value)
    assert rows() == before


def test_household_add_and_update(tree: RegionTree) -> None:
    committee = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    out = _run(
        "household_add", A1, "900", "第一村民小组",
        "--member", "新户主", valid_id(91), "户主",
        "--member", "新配偶", valid_id(92, male=False), "配偶",
        "--by", committee.username,
    )  # fmt: skip
    assert out.strip() == "已登记东坑村第900户（第一村民小组），共2人。"
    entry = last_entry()
    assert (entry.action, entry.actor) == ("people.household_register", committee)
    out = _run("household_update", A1, "900", "--number", "901")
    assert "第901户" in out
    assert last_entry().actor is None  # without --by: the system
    _refused("户号“001”已是本村另一户的户号", "household_update", A1, "901", "--number", "001")
    _refused("没有名为“第九组”的村民小组", "household_update", A1, "901", "--group", "第九组")
    _refused("没有户号为“999”的户", "household_update", A1, "999", "--number", "1")
    _refused(
        "第1位成员：",
        "household_add", A1, "902", "第一村民小组", "--member", "某", "123", "户主",
    )  # fmt: skip


def test_person_add_update_and_head(tree: RegionTree) -> None:
    out = _run(
        "person_add", A1, "001", "东坑子", valid_id(93, birth="20100101"), "子",
        "--education", "小学", "--tag", "大学生",
    )  # fmt: skip
    assert out.strip() == "已把东坑子登记在东坑村第001户。"
    son = Person.objects.get(name="东坑子")
    assert (son.education, list(son.tags.values_list("tag", flat=True))) == (
        "primary",
        ["college_graduate"],
    )
    _refused("本户已有户主东坑村户主", "person_add", A1, "001", "又一户主", valid_id(94), "户主")
    _refused("“表亲”不是可选的与户主关系", "person_add", A1, "001", "某", valid_id(94), "表亲")
    out = _run("person_update", son.id_number, "--phone", "13600000000", "--relation", "其他")
    assert "已保存东坑子" in out
    son.refresh_from_db()
    assert (son.phone, son.relation_to_head) == ("13600000000", "other")
    _refused("更换户主", "person_update", tree.heads["a1"].id_number, "--relation", "配偶")
    _refused("没有给出要修改的项", "person_update", son.id_number)
    out = _run(
        "household_head", A1, "001", tree.spouses["a1"].id_number,
        "--former-relation", "配偶", "--relation", son.id_number, "子",
    )  # fmt: skip
    assert "户主现在是东坑村配偶" in out
    assert last_entry().action == "people.household_head_change"


def test_person_add_moves_in_from_another_village(tree: RegionTree) -> None:
    bride = add_person(tree.households["c1"], 95, Sex.FEMALE, HeadRelation.DAUGHTER, name="沙铺女")
    Person.objects.filter(pk=bride.pk).update(
        status=RegisterStatus.MOVED_OUT, status_on=date(2025, 5, 1)
    )
    out = _run("person_add", A1, "001", "沙铺女", bride.id_number, "儿媳")
    assert out.strip() == "沙铺女已从沙铺村迁入东坑村，登记在第001户。"
    assert last_entry().action == "people.person_move_in"


def test_move_leave_and_return(tree: RegionTree) -> None:
    committee = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    spouse = tree.spouses["a1"]
    Household.objects.create(
        village=tree.a1, villager_group=tree.households["a1"].villager_group, number="002"
    )
    out = _run("person_move", spouse.id_number, "002", "户主", "--by", committee.username)
    assert "东坑村配偶已迁到东坑村第002户" in out
    _refused("不能晚于今天", "person_leave", spouse.id_number, "迁出", "2999-01-01")
    _refused("无法识别，请填“迁出”或“死亡”", "person_leave", spouse.id_number, "出嫁", "2025-01-01")
    _refused("请按“年-月-日”填写", "person_leave", spouse.id_number, "迁出", "去年")
    out = _run("person_leave", spouse.id_number, "死亡", "2025-03-04", "--note", "病故")
    assert out.strip() == "已登记东坑村配偶（东坑村）已死亡，日期2025-03-04。"
    _refused("不在册", "person_move", spouse.id_number, "001", "配偶")
    out = _run("person_return", spouse.id_number)
    assert out.strip() == "东坑村配偶已恢复在册（东坑村第002户）。"
    _refused("在册，无需恢复", "person_return", spouse.id_number)


def test_by_must_keep_the_register_and_ids_are_masked(tree: RegionTree) -> None:
    other = user_for(Role.ELECTION_COMMITTEE, tree.a2)
    township = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)
    spouse = tree.spouses["a1"]
    for user in (other, township):
        _refused(
            "户籍由本村村民选举委员会登记和维护",
            "person_leave", spouse.id_number, "迁出", "2025-01-01", "--by", user.username,
        )  # fmt: skip
    _refused("找不到用户“nobody”", "person_return", spouse.id_number, "--by", "nobody")
    unknown = valid_id(99)
    with pytest.raises(CommandError) as info:
        _run("person_return", unknown)
    assert unknown not in str(info.value) and "找不到身份证号为" in str(info.value)
    _refused("区划代码", "household_update", "331127100299", "001", "--number", "5")
