"""VC-VOTE-6 beyond the villagers' committee: a party round's sheet is refused before the
members' meeting's day and while its day is not set; a supervision committee's or cooperative's
round is held to its day where it has one. Refusals change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import SheetEntry, TallySheet
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests import party_world
from huanjie.ballots.tests.party_world import h7_sheet
from huanjie.ballots.tests.test_assemblies import count, outcome, supervision
from huanjie.ballots.tests.world import build
from huanjie.elections.models import Election

pytestmark = pytest.mark.django_db


def _written() -> tuple[int, int]:
    return TallySheet.objects.count(), SheetEntry.objects.count()


def test_VC_VOTE_6_a_party_sheet_before_the_members_meeting_s_day_is_refused(
    tree: RegionTree,
) -> None:
    pt = party_world.build(tree)
    election = pt.election
    tomorrow = timezone.localdate() + timedelta(days=1)
    Election.objects.filter(pk=election.pk).update(election_day=tomorrow)
    election.refresh_from_db()
    with pytest.raises(ValidationError, match=f"选举日是 {tomorrow:%Y-%m-%d}.*VC-VOTE-6"):
        sheet_entry_record(
            election=election, box=pt.central, numbers=h7_sheet(), acting_user=pt.first
        )
    Election.objects.filter(pk=election.pk).update(election_day=None)
    election.refresh_from_db()
    with pytest.raises(ValidationError, match="选举日还没有确定"):
        sheet_entry_record(
            election=election, box=pt.central, numbers=h7_sheet(), acting_user=pt.first
        )
    assert _written() == (0, 0)
    Election.objects.filter(pk=election.pk).update(election_day=timezone.localdate())
    election.refresh_from_db()
    done = sheet_entry_record(
        election=election, box=pt.central, numbers=h7_sheet(), acting_user=pt.first
    )
    assert done.sheet.entries.count() == 1


def test_VC_VOTE_6_a_supervision_round_is_held_to_its_day_where_it_has_one(
    tree: RegionTree,
) -> None:
    tw = build(tree)
    election = supervision(tw, "representatives", 55)
    votes = {"chair": {"王强": 21}, "member": {"赵刚": 21, "刘洋": 20}}
    tomorrow = timezone.localdate() + timedelta(days=1)
    Election.objects.filter(pk=election.pk).update(election_day=tomorrow)
    election.refresh_from_db()
    with pytest.raises(ValidationError, match="VC-VOTE-6"):
        count(tw, election, Numbers(40, 40, 0, 0, votes))
    assert _written() == (0, 0)
    # Without a day (a meeting the system called again), the meeting's record is what counts.
    Election.objects.filter(pk=election.pk).update(election_day=None)
    election.refresh_from_db()
    assert outcome(count(tw, election, Numbers(40, 40, 0, 0, votes)))["valid"] is True
