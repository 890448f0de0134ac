"""No count before the vote (VC-VOTE-6): a round's sheets and ballots are refused before its
election day and while its day is not set; a round the system created gets its day on the round
page, not before the round before it nor after its deadline (VC-TALLY-7)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots.ballot_mode import box_ballots_import
from huanjie.ballots.contest import Numbers
from huanjie.ballots.entry_day import check_entry_day, round_day_set
from huanjie.ballots.models import RoundLink, SheetEntry, TallySheet
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.world import TallyWorld, build, sheet
from huanjie.elections.models import Election, ElectionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    return build(tree)


def _state() -> tuple[int, int]:
    return TallySheet.objects.count(), SheetEntry.objects.count()


def test_VC_VOTE_6_a_sheet_before_election_day_is_refused_and_changes_nothing(
    tw: TallyWorld,
) -> None:
    election = tw.world.election
    tomorrow = timezone.localdate() + timedelta(days=1)
    Election.objects.filter(pk=election.pk).update(election_day=tomorrow)
    election.refresh_from_db()
    before = _state()
    with pytest.raises(
        ValidationError, match=rf"选举日是 {tomorrow:%Y-%m-%d}.*还没有到.*VC-VOTE-6"
    ):
        sheet_entry_record(election=election, box=tw.central, numbers=sheet(), acting_user=tw.first)
    with pytest.raises(ValidationError, match="VC-VOTE-6"):
        box_ballots_import(
            election=election,
            box=tw.central,
            ballots_issued=0,
            ballots_collected=0,
            ballots=[],
            acting_user=tw.first,
        )
    assert _state() == before
    # On the day itself the sheet is taken.
    check_entry_day(election, today=tomorrow)


def test_VC_VOTE_6_a_round_whose_day_is_not_set_is_refused(tw: TallyWorld) -> None:
    election = tw.world.election
    Election.objects.filter(pk=election.pk).update(election_day=None)
    election.refresh_from_db()
    with pytest.raises(ValidationError, match=r"选举日还没有确定.*VC-VOTE-6"):
        sheet_entry_record(election=election, box=tw.central, numbers=sheet(), acting_user=tw.first)
    assert _state() == (0, 0)


def _supplementary(tw: TallyWorld) -> Election:
    first = tw.world.election
    votes = {
        "chair": {"张伟": 6},
        "vice_chair": {"赵刚": 4, "王强": 3},
        "member": {"刘洋": 6, "周杰": 5},
        "women_member": {"李梅": 7},
    }
    for clerk in (tw.first, tw.second):
        sheet_entry_record(
            election=first, box=tw.central, numbers=Numbers(8, 8, 0, 0, votes), acting_user=clerk
        )
    for clerk in (tw.first, tw.second):
        sheet_entry_record(
            election=first, box=tw.mobile, numbers=Numbers(0, 0, 0, 0), acting_user=clerk
        )
    return RoundLink.objects.select_related("election").get(previous=first).election


def test_VC_TALLY_7_the_supplementary_rounds_day_is_set_within_its_deadline(
    tw: TallyWorld, tree: RegionTree
) -> None:
    supp = _supplementary(tw)
    link = supp.round_link
    first_day = tw.world.election.election_day
    assert supp.election_day is None and link.deadline is not None and first_day is not None
    with pytest.raises(ValidationError, match="选举日还没有确定"):
        sheet_entry_record(
            election=supp, box=tw.central, numbers=Numbers(8, 8, 0, 0), acting_user=tw.first
        )
    late = link.deadline + timedelta(days=1)
    with pytest.raises(
        ValidationError, match=f"最迟应于 {link.deadline:%Y-%m-%d} 前举行（VC-TALLY-7）"
    ):
        round_day_set(election=supp, day=late, acting_user=tw.first)
    with pytest.raises(ValidationError, match="不能早于上一轮的选举日"):
        round_day_set(election=supp, day=first_day - timedelta(days=1), acting_user=tw.first)
    township = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)
    with pytest.raises(PermissionDenied):
        round_day_set(election=supp, day=first_day, acting_user=township)
    supp.refresh_from_db()
    assert supp.election_day is None
    round_day_set(election=supp, day=link.deadline, acting_user=tw.first)
    supp.refresh_from_db()
    assert supp.election_day == link.deadline and supp.status == ElectionStatus.SCHEDULED
    assert AuditEntry.objects.filter(action="ballots.round_day_set").count() == 1


def test_a_first_round_keeps_its_day_from_the_election_plan(tw: TallyWorld) -> None:
    with pytest.raises(ValidationError, match="不是系统按上一轮结果建立的一轮"):
        round_day_set(election=tw.world.election, day=date(2026, 4, 19), acting_user=tw.first)
