"""The handover opens by itself when the count completes the committee; the checklist and both
sides' confirmation; every refusal changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots.models import RoundResult
from huanjie.ballots.tests.world import build
from huanjie.handover.models import Handover, HandoverItem, ItemKind, Side
from huanjie.handover.selectors import handover_view, township_rows
from huanjie.handover.services import confirm, handover_open, item_record, supervise
from huanjie.handover.tests.world import HandoverWorld, build_handover

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw(tree: RegionTree) -> HandoverWorld:
    return build_handover(tree)


def all_items(hw: HandoverWorld) -> None:
    for kind in ItemKind:
        item_record(
            handover=hw.handover,
            kind=kind,
            handed_on=timezone.localdate(),
            note=f"{kind.label} 清单一份",
            acting_user=hw.clerk,
        )


def refused(code: str, call, *args, **kwargs) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.messages
    return caught.value


def test_opened_when_the_count_completes_the_committee(hw: HandoverWorld) -> None:
    h = hw.handover
    today = timezone.localdate()
    assert h.formed_on == today
    assert h.due_on == today + timedelta(days=10)  # ZJ_2025 inherits NAT_2018's 10 days
    assert h.seal_due_on == h.due_on  # seal_same_day is false outside SH
    assert h.incoming_name == "张伟"  # the elected chair
    assert AuditEntry.objects.filter(
        action="handover.open", village=hw.tally.world.village
    ).exists()


def test_not_opened_before_the_committee_is_complete(tree: RegionTree) -> None:
    tw = build(tree)
    election = tw.world.election
    refused("result", handover_open, election=election, acting_user=tw.first)
    RoundResult.objects.create(
        election=election,
        contest={},
        outcome={"valid": True, "next": "supplementary_round", "elected": []},
        counted_at=timezone.now(),
    )
    assert not Handover.objects.exists()  # the system opens nothing for an unfinished round
    error = refused("formed", handover_open, election=election, acting_user=tw.first)
    assert "另行选举" in error.messages[0] and "VC-POST-1" in error.messages[0]


def test_opened_once(hw: HandoverWorld) -> None:
    refused("exists", handover_open, election=hw.tally.world.election, acting_user=hw.clerk)


def test_item_refusals_change_nothing(hw: HandoverWorld) -> None:
    h, today = hw.handover, timezone.localdate()
    kw: dict[str, Any] = {"handover": h, "kind": ItemKind.SEAL, "acting_user": hw.clerk}
    refused("day", item_record, handed_on=h.formed_on - timedelta(days=1), note="公章1枚", **kw)
    refused("day", item_record, handed_on=today + timedelta(days=1), note="公章1枚", **kw)
    refused("note", item_record, handed_on=today, note="  ", **kw)
    assert not HandoverItem.objects.exists()
    with pytest.raises(PermissionDenied):
        item_record(handed_on=today, note="x", **{**kw, "acting_user": hw.officer})


def test_both_sides_confirm_in_order(hw: HandoverWorld) -> None:
    h = hw.handover
    error = refused(
        "items", confirm, handover=h, side=Side.OUTGOING, name="王老", acting_user=hw.clerk
    )
    assert "公章" in error.messages[0] and "债权债务" in error.messages[0]
    all_items(hw)
    refused("order", confirm, handover=h, side=Side.INCOMING, name="张伟", acting_user=hw.clerk)
    refused("order", supervise, handover=h, acting_user=hw.officer)
    confirm(handover=h, side=Side.OUTGOING, name="王老", acting_user=hw.clerk)
    refused("side", confirm, handover=h, side=Side.OUTGOING, name="王老", acting_user=hw.clerk)
    assert h.completed_on is None
    confirm(handover=h, side=Side.INCOMING, name="张伟", acting_user=hw.clerk)
    h.refresh_from_db()
    assert h.completed_on == timezone.localdate()
    assert (h.outgoing_name, h.incoming_name) == ("王老", "张伟")
    # Complete: the checklist is closed; the committee does not supervise, the township does.
    refused(
        "done",
        item_record,
        handover=h,
        kind=ItemKind.SEAL,
        handed_on=h.formed_on,
        note="补",
        acting_user=hw.clerk,
    )
    with pytest.raises(PermissionDenied):
        supervise(handover=h, acting_user=hw.clerk)
    supervise(handover=h, acting_user=hw.officer)
    refused("supervised", supervise, handover=h, acting_user=hw.officer)
    assert AuditEntry.objects.filter(action="handover.confirm").count() == 2


def test_township_list_overdue_first(hw: HandoverWorld, tree: RegionTree) -> None:
    late = hw.handover.due_on + timedelta(days=1)
    rows = township_rows(hw.officer, today=late)
    assert [r.handover for r in rows] == [hw.handover]
    assert rows[0].overdue and rows[0].state == "已逾期 1 天"
    assert township_rows(hw.officer, only_overdue=True, today=hw.handover.due_on) == []
    # Another township's officer sees none of it.
    other = user_for(Role.TOWNSHIP_OFFICER, tree.township_b, username="other")
    assert township_rows(other, today=late) == []


def test_checklist_marks_late_lines(hw: HandoverWorld) -> None:
    view = handover_view(hw.handover, today=hw.handover.due_on + timedelta(days=2))
    assert all(line.late for line in view.lines)
    assert view.missing[0] == "公章（印章）"
