"""Certification (确认) by the township locks a counted round (VC-TALLY-10: results stand once
confirmed); a later change only through an audited reopening with a reason; a certified
result's exported contest is re-counted identically by `huanjie tally` (tally-io.md)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots.certification import result_certify, result_reopen
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import Reopening, RoundLink, RoundResult, SheetEntry
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.test_rounds import ALL_ELECTED, both
from huanjie.ballots.tests.world import TallyWorld, build
from huanjie.elections.models import Election, OfficeHolder

pytestmark = pytest.mark.django_db
COMPLETE = dict(ALL_ELECTED, member={"刘洋": 6, "周杰": 5})


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    tw = build(tree)
    tw.mobile.delete()
    return tw


@pytest.fixture
def officer(tree: RegionTree) -> User:
    return user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")


def test_vc_tally_10_certified_result_and_its_sheets_cannot_change(
    tw: TallyWorld, officer: User
) -> None:
    election = tw.world.election
    both(tw, election, Numbers(8, 8, 0, 0, COMPLETE))
    result = result_certify(election=election, acting_user=officer)
    assert result.certified and result.certified_by == officer
    entries = list(SheetEntry.objects.values_list("ballots_issued", flat=True))
    # A clerk's correction is refused with what to do.
    with pytest.raises(ValidationError, match="已经乡镇确认并锁定") as refused:
        sheet_entry_record(
            election=election,
            box=tw.central,
            numbers=Numbers(9, 9, 0, 0, COMPLETE),
            acting_user=tw.first,
        )
    assert refused.value.code == "certified"
    assert list(SheetEntry.objects.values_list("ballots_issued", flat=True)) == entries
    entry = SheetEntry.objects.first()
    assert entry is not None
    entry.ballots_issued = 9
    with pytest.raises(ValidationError, match="已经乡镇确认"):
        entry.save()
    # Nor can the stored result be written, whoever calls save.
    stored = RoundResult.objects.get()
    stored.outcome = {"tampered": True}
    with pytest.raises(ValidationError, match="重新开启"):
        stored.save()
    assert RoundResult.objects.get().outcome["next"] == "complete"
    # Certifying twice says when and by whom.
    with pytest.raises(ValidationError, match=r"已于 .* 由.+确认，无需再确认"):
        result_certify(election=election, acting_user=officer)


def test_vc_tally_10_only_the_township_certifies(tw: TallyWorld) -> None:
    election = tw.world.election
    both(tw, election, Numbers(8, 8, 0, 0, COMPLETE))
    with pytest.raises(PermissionDenied, match="乡镇干部"):
        result_certify(election=election, acting_user=tw.first)
    assert not RoundResult.objects.get().certified


def test_vc_tally_10_certify_refuses_a_result_that_does_not_recount_identically(
    tw: TallyWorld, officer: User
) -> None:
    election = tw.world.election
    both(tw, election, Numbers(8, 8, 0, 0, COMPLETE))
    RoundResult.objects.update(outcome={"next": "complete", "elected": []})
    with pytest.raises(ValidationError, match="重新计票，结果与保存的结果不一致"):
        result_certify(election=election, acting_user=officer)


def test_vc_tally_10_reopening_is_audited_keeps_the_old_result_and_recounts(
    tw: TallyWorld, officer: User
) -> None:
    election = tw.world.election
    # A tie: the count created a tie re-vote round and recorded four office holders.
    both(tw, election, Numbers(8, 8, 0, 0, ALL_ELECTED))
    result_certify(election=election, acting_user=officer)
    assert OfficeHolder.objects.filter(election=election).count() == 4
    with pytest.raises(ValidationError, match="请写明重新开启的理由"):
        result_reopen(election=election, reason=" ", box_names=["中心会场"], acting_user=officer)
    with pytest.raises(PermissionDenied):
        result_reopen(
            election=election, reason="录错", box_names=["中心会场"], acting_user=tw.first
        )

    reopening = result_reopen(
        election=election,
        reason="周杰的票数录错：唱票记录为 4 票",
        box_names=["中心会场"],
        acting_user=officer,
    )
    assert reopening.was_certified and reopening.reopened_by == officer
    assert reopening.outcome["next"] == "tie_revote"
    assert not RoundResult.objects.exists() and not RoundLink.objects.exists()
    assert Election.objects.filter(plan=election.plan).count() == 1
    assert not OfficeHolder.objects.filter(election=election).exists()
    audit = AuditEntry.objects.filter(action="ballots.result_reopen").get()
    assert "周杰的票数录错" in json.dumps(audit.after, ensure_ascii=False)

    # Both clerks correct the box; the round is counted again, now complete.
    corrected = Numbers(8, 8, 0, 0, dict(ALL_ELECTED, member={"刘洋": 6, "周杰": 4, "王强": 5}))
    result = both(tw, election, corrected)
    assert result is not None and result.outcome["next"] == "complete"
    assert not result.certified
    assert Reopening.objects.count() == 1


def test_vc_tally_10_reopening_refused_once_the_next_round_has_sheets(
    tw: TallyWorld, officer: User
) -> None:
    election = tw.world.election
    both(tw, election, Numbers(8, 8, 0, 0, ALL_ELECTED))
    tie = RoundLink.objects.get(previous=election).election
    sheet_entry_record(
        election=tie,
        box=tw.central,
        numbers=Numbers(8, 8, 0, 0, {"member": {"周杰": 5, "王强": 3}}),
        acting_user=tw.first,
    )
    with pytest.raises(ValidationError, match="请先重新开启下一轮"):
        result_reopen(election=election, reason="核对", box_names=["中心会场"], acting_user=officer)
    assert RoundResult.objects.filter(election=election).exists()


def test_vc_tally_10_certify_and_reopen_by_command_and_recount_by_tally(
    tw: TallyWorld, officer: User, tmp_path: Path
) -> None:
    election = tw.world.election
    both(tw, election, Numbers(8, 8, 0, 0, COMPLETE))
    out = StringIO()
    call_command("tally_certify", str(election.pk), "--by", "officer", stdout=out)
    assert "已确认并锁定" in out.getvalue()
    with pytest.raises(CommandError, match=r"未确认：.*已于"):
        call_command("tally_certify", str(election.pk), "--by", "officer")

    # The certified result's exported contest, re-counted by `huanjie tally`: identical.
    exported = StringIO()
    call_command("tally_result_export", str(election.pk), stdout=exported)
    path = tmp_path / "contest.json"
    path.write_text(exported.getvalue(), encoding="utf-8")
    recounted = StringIO()
    call_command("tally", str(path), stdout=recounted)
    assert json.loads(recounted.getvalue()) == RoundResult.objects.get().outcome

    with pytest.raises(CommandError, match="未重新开启：请选择需要更正"):
        call_command("tally_reopen", str(election.pk), "--reason", "核对", "--by", "officer")
    out = StringIO()
    call_command(
        "tally_reopen",
        str(election.pk),
        "--reason",
        "流动票箱数字待核",
        "--box",
        "中心会场",
        "--by",
        "officer",
        stdout=out,
    )
    assert "已重新开启" in out.getvalue() and not RoundResult.objects.exists()
