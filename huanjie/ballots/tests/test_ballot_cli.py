"""`tally_ballots_import`, `tally_round_day` and `tally_winner_pick`: the round page's services
from the command line; every refusal is one Chinese line (exit 2) and writes nothing."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from huanjie.ballots.tests.test_ballot_api import _supplementary
from huanjie.ballots.tests.test_ballot_mode import BALLOTS, HEADER, state
from huanjie.ballots.tests.test_ballot_pages import both
from huanjie.ballots.tests.world import TallyWorld, build, sheet
from huanjie.elections.models import Election, OfficeHolder
from huanjie.registration.models import Voter

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(tree) -> TallyWorld:  # type: ignore[no-untyped-def]
    return build(tree)


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_VC_VOTE_3_a_box_s_ballots_are_imported_from_a_csv_file(
    tw: TallyWorld, tmp_path: Path
) -> None:
    table = tmp_path / "ballots.csv"
    table.write_bytes(("\n".join([HEADER, *BALLOTS]) + "\n").encode("gb18030"))
    election = str(tw.world.election.pk)
    args = [election, tw.central.name, str(table), "--issued", "6", "--collected", "6"]
    out = run("tally_ballots_import", *args, "--by", "clerk1")
    assert "收回 6 张，有效 2 张，无效 4 张（其中空白 1 张）" in out
    assert "无效 INVALID-TORN：1 张" in out
    assert state()[:3] == (6, 1, 1)


@pytest.mark.parametrize(
    ("lines", "issued", "words"),
    [
        ([HEADER, "好,,,,,,,,,,,", *BALLOTS[1:]], "6", "未导入：第 2 行“主任:张伟”一格的“好”"),
        ([HEADER, *BALLOTS], "5", "VC-TALLY-2"),
        ([HEADER, *BALLOTS], "-1", "发出选票不能为负数"),
    ],
)
def test_a_bad_table_is_refused_with_the_row_and_column_and_writes_nothing(
    tw: TallyWorld, tmp_path: Path, lines: list[str], issued: str, words: str
) -> None:
    table = tmp_path / "ballots.csv"
    table.write_text("\n".join(lines), encoding="utf-8")
    before = state()
    args = [str(tw.world.election.pk), tw.central.name, str(table)]
    with pytest.raises(CommandError, match=words) as caught:
        run("tally_ballots_import", *args, "--issued", issued, "--collected", "6", "--by", "clerk1")
    assert caught.value.returncode == 2
    assert state() == before


def test_VC_VOTE_6_ballots_before_the_day_and_unknown_names_are_refused(
    tw: TallyWorld, tmp_path: Path
) -> None:
    table = tmp_path / "ballots.csv"
    table.write_text("\n".join([HEADER, *BALLOTS]), encoding="utf-8")
    election = tw.world.election
    counts = ["--issued", "6", "--collected", "6"]
    cases = [
        (["987654", tw.central.name, str(table), *counts, "--by", "clerk1"], "找不到选举"),
        ([str(election.pk), "无此票箱", str(table), *counts, "--by", "clerk1"], "没有名为"),
        ([str(election.pk), tw.central.name, "/nowhere.csv", *counts, "--by", "clerk1"], "读不到"),
        ([str(election.pk), tw.central.name, str(table), *counts, "--by", "nobody"], "找不到用户"),
    ]
    for args, words in cases:
        with pytest.raises(CommandError, match=words):
            run("tally_ballots_import", *args)
    Election.objects.filter(pk=election.pk).update(
        election_day=election.election_day + timedelta(days=400)  # type: ignore[operator]
    )
    with pytest.raises(CommandError, match="VC-VOTE-6"):
        run("tally_ballots_import", str(election.pk), tw.central.name, str(table), *counts,
            "--by", "clerk1")  # fmt: skip
    assert state()[:3] == (0, 0, 0)


def test_VC_TALLY_7_a_later_round_s_day_is_set_by_command(tw: TallyWorld) -> None:
    supp = _supplementary(tw)
    deadline = supp.round_link.deadline
    assert deadline is not None
    late = f"{deadline + timedelta(days=1):%Y-%m-%d}"
    with pytest.raises(CommandError, match=r"未修改：.*VC-TALLY-7"):
        run("tally_round_day", str(supp.pk), late, "--by", "clerk1")
    with pytest.raises(CommandError, match="日期“下周”无法识别"):
        run("tally_round_day", str(supp.pk), "下周", "--by", "clerk1")
    with pytest.raises(CommandError, match="不是系统按上一轮结果建立的一轮"):
        run("tally_round_day", str(tw.world.election.pk), f"{deadline:%Y-%m-%d}", "--by", "clerk1")
    supp.refresh_from_db()
    assert supp.election_day is None
    out = run("tally_round_day", str(supp.pk), f"{deadline:%Y-%m-%d}", "--by", "clerk1")
    assert f"选举日已定为 {deadline:%Y-%m-%d}" in out
    supp.refresh_from_db()
    assert supp.election_day == deadline


def test_a_winner_two_voters_bear_is_listed_then_picked_by_command(tw: TallyWorld) -> None:
    election = str(tw.world.election.pk)
    assert "没有待认定的同名当选人" in run("tally_winner_pick", election, "--by", "clerk1")
    numbers = sheet(
        issued=6,
        collected=6,
        invalid=0,
        blank=0,
        chair={"张伟": 6},
        vice_chair={"赵刚": 6},
        member={"刘洋": 6, "周杰": 6},
        women_member={"王芳": 6},
    )
    both(tw, "central", numbers)
    both(tw, "mobile", sheet(issued=0, collected=0, invalid=0, blank=0, chair={}))
    voters = list(Voter.objects.filter(name="王芳").order_by("id"))
    listing = run("tally_winner_pick", election, "--by", "clerk1")
    assert "妇女委员当选人“王芳”" in listing and all(str(v.pk) in listing for v in voters)
    wrong = Voter.objects.get(name="张伟")
    with pytest.raises(CommandError, match=r"未登记：.*同名选民中选择"):
        run("tally_winner_pick", election, "王芳", str(wrong.pk), "--by", "clerk1")
    assert not OfficeHolder.objects.filter(person__name="王芳").exists()
    out = run("tally_winner_pick", election, "王芳", str(voters[1].pk), "--by", "clerk1")
    assert "已登记王芳任妇女委员" in out
    assert OfficeHolder.objects.get(person__name="王芳").person_id == voters[1].person_id
