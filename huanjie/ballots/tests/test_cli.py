"""`huanjie tally_sheet_enter` and `tally_result_export`: the same service as the page."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import Box, RoundResult, SheetEntry
from huanjie.ballots.tests.world import build

pytestmark = pytest.mark.django_db
VOTES = ["--vote", "主任:张伟:4", "--vote", "委员:刘洋:3", "--vote", "妇女委员:李梅:5"]


def run(*args: str) -> str:
    out = StringIO()
    call_command("tally_sheet_enter", *args, stdout=out)
    return out.getvalue()


def test_two_clerks_enter_a_sheet_by_command_and_the_result_is_exported(
    tree: RegionTree,
) -> None:
    tw = build(tree)
    tw.mobile.delete()
    election = str(tw.world.election.pk)
    numbers = ["--issued", "6", "--collected", "6", "--invalid", "1", "--blank", "1"]
    assert "待另一名" in run(election, "中心会场", *numbers, *VOTES, "--by", "clerk1")
    typo = ["--issued", "6", "--collected", "6", "--invalid", "0"]
    out = run(election, "中心会场", *typo, *VOTES, "--by", "clerk2")
    assert "无效票：第一次 1，第二次 0" in out and "其中空白票：第一次 1，第二次 0" in out
    assert "选举结果已计出" in run(election, "中心会场", *numbers, *VOTES, "--by", "clerk2")
    exported = StringIO()
    call_command("tally_result_export", election, stdout=exported)
    assert json.loads(exported.getvalue()) == RoundResult.objects.get().contest


def test_a_refused_entry_says_why_with_the_rule_and_writes_nothing(tree: RegionTree) -> None:
    tw = build(tree)
    election = str(tw.world.election.pk)
    over = ["--issued", "5", "--collected", "6", "--invalid", "0"]
    with pytest.raises(CommandError, match=r"未录入：.*（VC-TALLY-2）"):
        run(election, "中心会场", *over, "--by", "clerk1")
    with pytest.raises(CommandError, match="新设请加 --kind"):
        run(election, "第二投票站", *over, "--by", "clerk1")
    with pytest.raises(CommandError, match="只能由本村村民选举委员会成员录入"):
        run(
            election,
            "中心会场",
            "--issued",
            "1",
            "--collected",
            "1",
            "--invalid",
            "0",
            "--by",
            tree_user(tree),
        )
    assert SheetEntry.objects.count() == 0 and Box.objects.count() == 2


def tree_user(tree: RegionTree) -> str:
    from huanjie.accounts.models import Role
    from huanjie.accounts.tests.factories import user_for

    return user_for(Role.TOWNSHIP_OFFICER, tree.township_a).username
