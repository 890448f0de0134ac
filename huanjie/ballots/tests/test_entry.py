"""Tally sheets: impossible numbers refused at entry (nothing changes), two clerks' entries
compared field by field, and the round's result counted by the engine (tally-io.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots.ballot_models import BallotRecord
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import Box, RoundResult, SheetEntry, TallySheet
from huanjie.ballots.selectors import contest_text, result_view
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.world import TallyWorld, build, sheet
from huanjie.elections.models import ElectionStatus
from huanjie.rules.tally.text import recount

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    return build(tree)


def enter(tw: TallyWorld, box: Box, numbers: Numbers, who: str = "first"):  # type: ignore[no-untyped-def]
    return sheet_entry_record(
        election=tw.world.election, box=box, numbers=numbers, acting_user=getattr(tw, who)
    )


def state() -> tuple[int, int, int, int]:
    return (
        TallySheet.objects.count(),
        SheetEntry.objects.count(),
        RoundResult.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("numbers", "rule", "words"),
    [
        # VC-TALLY-2: more ballots collected than issued
        (sheet(issued=5, collected=6), "VC-TALLY-2", "收回选票 6 张"),
        # one person's votes over the valid ballots (6 collected − 1 invalid)
        (sheet(chair={"张伟": 6}), "IO-1", "张伟 得 6 票，超过有效票 5 张"),
        # a section over seats × valid ballots (2 × 5)
        (sheet(member={"刘洋": 5, "周杰": 5, "吴磊": 1}), "IO-1", "超过名额"),
        # negative numbers
        (sheet(issued=-1, collected=0, invalid=0, blank=0), "IO-1", "负"),
        (sheet(chair={"张伟": -2}), "IO-1", "负"),
        # invalid over collected
        (sheet(collected=3, invalid=4, blank=0), "IO-1", "无效票 4 张超过收回选票 3 张"),
        # the round's ballots over the registered voters (10 on the register)
        (sheet(issued=11, collected=6), "IO-1", "超过登记选民数 10"),
        # a man in the women-only section (VC-ORG-2; ZJ_2025 separate section)
        (sheet(women_member={"张伟": 3}), "VC-ORG-2", "张伟 为男性"),
    ],
)
def test_impossible_numbers_are_refused_at_entry_with_the_rule_and_change_nothing(
    tw: TallyWorld, numbers: Numbers, rule: str, words: str
) -> None:
    before = state()
    with pytest.raises(ValidationError) as refused:
        enter(tw, tw.central, numbers)
    message = refused.value.messages[0]
    assert refused.value.code == rule and f"（{rule}）" in message and words in message, message
    assert state() == before


def test_blank_ballots_over_invalid_are_refused(tw: TallyWorld) -> None:
    before = state()
    with pytest.raises(ValidationError, match="空白票 2 张多于无效票 1 张"):
        enter(tw, tw.central, sheet(invalid=1, blank=2))
    assert state() == before


def test_the_round_total_is_checked_against_the_register(tw: TallyWorld) -> None:
    enter(tw, tw.central, sheet(issued=6))
    enter(tw, tw.central, sheet(issued=6), "second")
    before = state()
    with pytest.raises(ValidationError, match="各票箱合计后：参加投票人数 11 超过登记选民数 10"):
        enter(tw, tw.mobile, sheet(issued=5, collected=5, invalid=0, blank=0))
    assert state() == before


def test_only_the_village_committee_enters_and_a_third_clerk_is_refused(
    tw: TallyWorld, tree: RegionTree
) -> None:
    township = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)
    before = state()
    with pytest.raises(PermissionDenied):
        sheet_entry_record(
            election=tw.world.election, box=tw.central, numbers=sheet(), acting_user=township
        )
    assert state() == before
    enter(tw, tw.central, sheet())
    enter(tw, tw.central, sheet(issued=7, collected=7), "second")
    third = user_for(Role.ELECTION_COMMITTEE, tree.a1, username="clerk3")
    with pytest.raises(ValidationError, match="第三人不能再录入"):
        sheet_entry_record(
            election=tw.world.election, box=tw.central, numbers=sheet(), acting_user=third
        )


def test_a_mismatch_is_shown_field_by_field_until_one_entry_is_corrected(tw: TallyWorld) -> None:
    first = enter(tw, tw.central, sheet())
    assert not first.accepted and first.mismatches == []
    typo = sheet(
        issued=7,
        chair={"张伟": 4, "王强": 1},
        vice_chair={"赵刚": 5},
        member={"刘洋": 4, "周杰": 3, "吴磊": 2},
        women_member={"李梅": 5},
    )
    second = enter(tw, tw.central, typo, "second")
    assert not second.accepted
    assert second.mismatches == [("发出选票", "6", "7"), ("委员 周杰 得票", "4", "3")]
    assert TallySheet.objects.get().accepted_at is None
    fixed = enter(tw, tw.central, sheet(), "second")
    assert fixed.accepted and fixed.mismatches == [] and fixed.result is None
    assert SheetEntry.objects.count() == 2  # the correction replaced the second clerk's entry
    with pytest.raises(ValidationError, match="已核对一致并被采用"):
        enter(tw, tw.central, sheet(issued=7, collected=7))


def test_the_result_is_counted_when_every_box_is_accepted_and_equals_the_recount(
    tw: TallyWorld,
) -> None:
    mobile = Numbers(
        3, 3, 0, 0, {"chair": {"张伟": 2, "王芳": 1}, "member": {"刘洋": 2, "周杰": 3}}
    )
    for who in ("first", "second"):
        enter(tw, tw.central, sheet(), who)
    for who in ("first", "second"):
        last = enter(tw, tw.mobile, mobile, who)
    assert last.result is not None
    result = RoundResult.objects.get()
    contest = result.contest
    assert contest["registered"] == 10 and contest["participants"] == 9
    assert contest["ballots_collected"] == 9 and contest["invalid_ballots"] == 1
    assert contest["invalid_by_rule"] == {"INVALID-BLANK": 1}
    assert contest["votes"]["chair"] == {"张伟": 6, "王强": 1, "王芳": 1}
    # 王芳 is two voters: no facts for an ambiguous name; 李梅 is one woman
    assert "王芳" not in contest["people"] and contest["people"]["李梅"] == {"sex": "F"}
    _, outcome = recount(contest_text(result), "contest")
    assert result.outcome == outcome.to_dict()
    elected = {(e["post"], e["person"]) for e in result.outcome["elected"]}
    assert ("chair", "张伟") in elected and ("women_member", "李梅") in elected
    tw.world.election.refresh_from_db()
    assert tw.world.election.status == ElectionStatus.COUNTED
    view = result_view(tw.world.election)
    assert view is not None and any("VC-TALLY-1" in line for line in view.lines)
    with pytest.raises(ValidationError, match="已经计出结果"):
        enter(tw, tw.central, sheet())


def test_the_exported_contest_recounts_to_the_stored_result_through_huanjie_tally(
    tw: TallyWorld, tmp_path: Path
) -> None:
    from django.core.management import call_command

    tw.mobile.delete()
    for who in ("first", "second"):
        enter(tw, tw.central, sheet(), who)
    result = RoundResult.objects.get()
    path = tmp_path / "contest.json"
    with path.open("w", encoding="utf-8") as out:
        call_command("tally_result_export", str(tw.world.election.pk), stdout=out)
    assert json.loads(path.read_text(encoding="utf-8")) == result.contest
    done = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "tally", str(path)],
        capture_output=True,
        check=True,
        cwd=REPO,
    )
    assert json.loads(done.stdout) == result.outcome


def test_no_link_from_a_voter_to_a_ballot() -> None:
    """No model of the app points at a person or a voter, or carries a voter's order; and no
    model anywhere points at a ballot record (a voter, a ballot issue, a proxy …)."""
    for model in (Box, TallySheet, SheetEntry, RoundResult, BallotRecord):
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if target is not None:
                assert target._meta.label not in (
                    "people.Person",
                    "registration.Voter",
                    "registration.VoterCard",
                ), f"{model.__name__}.{field.name}"
    for other in apps.get_models():
        for field in other._meta.get_fields():
            if field.is_relation and not field.auto_created:
                assert field.related_model is not BallotRecord, f"{other.__name__}.{field.name}"


def test_a_refused_correction_leaves_the_clerks_entry_as_it_was(tw: TallyWorld) -> None:
    enter(tw, tw.central, sheet())
    enter(tw, tw.central, sheet(issued=7, collected=7), "second")
    kept = SheetEntry.objects.get(clerk=tw.second)
    before = state()
    with pytest.raises(ValidationError, match="VC-TALLY-2"):
        enter(tw, tw.central, sheet(issued=6, collected=8), "second")
    assert state() == before
    again = SheetEntry.objects.get(clerk=tw.second)
    assert (again.ballots_issued, again.ballots_collected, again.updated_at) == (
        7,
        7,
        kept.updated_at,
    )


def test_a_box_of_another_village_is_refused(tw: TallyWorld, tree: RegionTree) -> None:
    elsewhere = Box.objects.create(village=tree.a2, kind="station", name="大均投票站")
    with pytest.raises(ValidationError, match="不属于东坑村"):
        enter(tw, elsewhere, sheet())
    assert TallySheet.objects.count() == 0
