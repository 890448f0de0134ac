"""The party election by command: `tally_sheet_enter --present` for the members' meeting and
the committee plenary, and `tally_party_approve` for the higher-level approval (PB-WIN-4)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import PartyApproval, RoundLink
from huanjie.ballots.tests.party_world import A, B, C, D, E, F, build
from huanjie.elections.models import OfficeHolder

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


MEETING = ["--issued", "32", "--collected", "32", "--invalid", "1", "--present", "32"]
VOTES = [
    f"--vote=委员:{name}:{n}" for name, n in ((A, 30), (B, 28), (C, 22), (D, 21), (E, 20), (F, 16))
]


def test_PB_QUORUM_1_the_command_asks_for_members_present(tree: RegionTree) -> None:
    pt = build(tree)
    no_present = ["--issued", "32", "--collected", "32", "--invalid", "1"]
    with pytest.raises(CommandError) as refused:
        run(
            "tally_sheet_enter",
            str(pt.election.pk),
            "中心会场",
            *no_present,
            *VOTES,
            "--by",
            "pclerk1",
        )
    assert "实到会" in str(refused.value) and "PB-QUORUM-1" in str(refused.value)


def test_PB_WIN_4_members_meeting_plenary_and_approval_by_command(tree: RegionTree) -> None:
    pt = build(tree, party_profile="PB_1990")  # base present: A–E elected (H-7)
    election = str(pt.election.pk)
    run("tally_sheet_enter", election, "中心会场", *MEETING, *VOTES, "--by", "pclerk1")
    out = run("tally_sheet_enter", election, "中心会场", *MEETING, *VOTES, "--by", "pclerk2")
    assert "选举结果已计出" in out
    plenary = RoundLink.objects.get(previous=pt.election).election
    sheet = ["--issued", "5", "--collected", "5", "--invalid", "0", "--present", "5"]
    officers = [f"--vote=书记:{A}:5", f"--vote=副书记:{B}:4", f"--vote=副书记:{C}:1"]
    for clerk in ("pclerk1", "pclerk2"):
        run("tally_sheet_enter", str(plenary.pk), "中心会场", *sheet, *officers, "--by", clerk)
    assert "待上级党委审批" in run("tally_party_approve", str(plenary.pk), "--show")
    user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="officer")
    with pytest.raises(CommandError) as missing:
        run("tally_party_approve", str(plenary.pk), "--by", "officer")
    assert "--approver" in str(missing.value)
    day = timezone.localdate().isoformat()
    done = run(
        "tally_party_approve",
        str(plenary.pk),
        "--approver=中共鹤溪街道工作委员会",
        f"--date={day}",
        "--number=鹤党〔2026〕12号",
        "--by=officer",
    )
    assert "已录入批复" in done
    assert PartyApproval.objects.get().approver == "中共鹤溪街道工作委员会"
    assert OfficeHolder.objects.get(post="secretary").person.name == A
    assert "已经上级党委批准" in run("tally_party_approve", str(plenary.pk), "--show")
