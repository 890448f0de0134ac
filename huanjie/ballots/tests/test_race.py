"""Two clerks entering the first sheet of a box at the same moment (VC-VOTE-6: all boxes are
counted together, so entries arrive together): one sheet, two entries, no error."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots import services
from huanjie.ballots.models import SheetEntry, TallySheet
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.world import build, sheet


@pytest.mark.django_db
def test_vc_vote_6_first_sheet_created_by_the_other_clerk_meanwhile_is_used(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other clerk's insert lands between our look-up and our insert: ours hits the unique
    constraint, and the entry goes onto their sheet."""
    tw = build(tree)
    election = tw.world.election
    real = services._find_sheet
    calls = []

    def other_clerk_first(election, box):  # type: ignore[no-untyped-def]
        calls.append(box)
        if len(calls) == 1:
            other = TallySheet.objects.create(election=election, box=box)
            SheetEntry.objects.create(sheet=other, clerk=tw.second, **_fields())
            return None  # what we saw a moment before their insert
        return real(election, box)

    monkeypatch.setattr(services, "_find_sheet", other_clerk_first)
    done = sheet_entry_record(
        election=election, box=tw.central, numbers=sheet(), acting_user=tw.first
    )
    assert TallySheet.objects.count() == 1 and done.accepted
    assert sorted(SheetEntry.objects.values_list("clerk__username", flat=True)) == [
        "clerk1",
        "clerk2",
    ]


def _fields() -> dict[str, object]:
    numbers = sheet()
    return {
        "ballots_issued": numbers.ballots_issued,
        "ballots_collected": numbers.ballots_collected,
        "invalid_ballots": numbers.invalid_ballots,
        "blank_ballots": numbers.blank_ballots,
        "votes": numbers.votes,
    }


@pytest.mark.django_db(transaction=True)
def test_vc_vote_6_two_clerks_at_once_on_postgresql(tree: RegionTree) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("真正的并发写入只在 PostgreSQL 上测试（SQLite 一次只允许一个写入者）")
    tw = build(tree)
    election = tw.world.election
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def enter(user) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait()
            sheet_entry_record(election=election, box=tw.central, numbers=sheet(), acting_user=user)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=enter, args=(u,)) for u in (tw.first, tw.second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    only = TallySheet.objects.get()
    assert only.entries.count() == 2 and only.accepted_at is not None
