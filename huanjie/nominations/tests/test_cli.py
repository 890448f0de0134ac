"""The nominations' commands: people by ID number, posts by Chinese label, `--by` an account
that may do it on the web, exit status 2 with one Chinese line on a refusal that changes
nothing."""

from __future__ import annotations

import pytest

from huanjie.accounts.models import Role
from huanjie.accounts.tests.commands import refused, run
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.committees.tests.world import World
from huanjie.nominations.models import Application, Recruitment, Status
from huanjie.nominations.tests.world import nomination_world
from huanjie.vetting.tests.world import vet_everyone

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(tree: RegionTree) -> tuple[World, Recruitment]:
    return nomination_world(tree)


def test_from_notice_to_published_list(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    code = world.village.code
    by = make_user(world.tree, Role.ELECTION_COMMITTEE).username
    said = run(
        "nomination_notice",
        code,
        "--post",
        "委员",
        "--requirements",
        "五有",
        "--on",
        "2026-03-21",
        "--by",
        by,
    )
    assert "委员招贤榜" in said
    for name in ("李四", "丁一"):
        said = run(
            "nomination_apply",
            world[name].id_number,
            "--post",
            "主任",
            "--kind",
            "自荐",
            "--on",
            "2026-04-01",
            "--by",
            by,
        )
        assert f"已受理{name}报名参选主任" in said
        run(
            "nomination_decide",
            world[name].id_number,
            "--post",
            "主任",
            "--accept",
            "--on",
            "2026-04-10",
        )
    said = refused("candidates_publish", code, "--post", "主任", "--on", "2026-04-13")
    assert "QUAL-3" in said  # not yet through the joint review
    vet_everyone(Recruitment.objects.get(post="chair"))
    said = refused("candidates_publish", code, "--post", "主任", "--on", "2026-04-14")
    assert "VC-NOM-6" in said and "2026-04-13" in said
    said = run("candidates_publish", code, "--post", "主任", "--on", "2026-04-13", "--by", by)
    assert said.strip().endswith("丁一、李四")
    listed = run("nomination_list", code)
    assert "候选人（按姓氏笔画）：丁一、李四" in listed and "2026-04-08" in listed
    assert "委员（应选2名）：招贤榜2026-03-21发布" in listed


def test_refusals_change_nothing(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    number = world["李四"].id_number
    said = refused(
        "nomination_apply", number, "--post", "主任", "--kind", "自荐", "--on", "2026-04-09"
    )
    assert "PROV-ZJ-SELF-2" in said
    said = refused(
        "nomination_apply", number, "--post", "主任", "--kind", "推荐", "--on", "2026-04-01"
    )
    assert "报名方式“推荐”无法识别" in said
    said = refused(
        "nomination_apply", number, "--post", "委员", "--kind", "自荐", "--on", "2026-04-01"
    )
    assert "委员还没有发布招贤榜：请先发布该职位的招贤榜。" in said
    party = make_user(world.tree, Role.VILLAGE_PARTY).username
    said = refused(
        "nomination_apply",
        number,
        "--post",
        "主任",
        "--kind",
        "联名",
        "--signatures",
        "9",
        "--on",
        "2026-04-01",
        "--by",
        party,
    )
    assert "村选委会或乡镇组织委员" in said
    assert not Application.objects.exists()
    said = refused(
        "nomination_decide", number, "--post", "主任", "--withdraw", "--on", "2026-04-01"
    )
    assert "没有报名参选主任" in said


def test_a_withdrawal_from_the_shell(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    number = world["王五"].id_number
    run(
        "nomination_apply",
        number,
        "--post",
        "主任",
        "--kind",
        "组织",
        "--organization",
        "村党组织",
        "--on",
        "2026-04-01",
    )
    assert "已登记王五退出主任" in run(
        "nomination_decide", number, "--post", "主任", "--withdraw", "--on", "2026-04-02"
    )
    assert Application.objects.get().status == Status.WITHDRAWN
