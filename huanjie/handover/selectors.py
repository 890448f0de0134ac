"""Reads of handovers: one village's, and a township's list with the overdue first. Callers
have passed the village's gate (or narrowed by `scoped_villages`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from huanjie.accounts.gates import scoped_villages
from huanjie.handover.deadline import days_left, overdue
from huanjie.handover.models import Handover, HandoverItem, ItemKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region


@dataclass
class ChecklistLine:
    kind: ItemKind
    item: HandoverItem | None
    late: bool


@dataclass
class HandoverView:
    handover: Handover
    lines: list[ChecklistLine]
    overdue: bool
    days_left: int

    @property
    def state(self) -> str:
        h = self.handover
        if h.completed_on is not None:
            late = "（逾期完成）" if self.overdue else ""
            return ("已完成，乡镇已监交" if h.supervised_at else "已完成，待乡镇监交") + late
        if self.overdue:
            return f"已逾期 {-self.days_left} 天"
        if h.outgoing_confirmed_at is not None:
            return "待接收方确认"
        done = sum(1 for line in self.lines if line.item is not None)
        return f"移交中（{done}/{len(self.lines)} 项）"

    @property
    def missing(self) -> list[str]:
        return [str(line.kind.label) for line in self.lines if line.item is None]


def handover_view(handover: Handover, today: date | None = None) -> HandoverView:
    today = today or timezone.localdate()
    items = {item.kind: item for item in handover.items.all()}
    lines = []
    for kind in ItemKind:
        item = items.get(kind.value)
        due = handover.seal_due_on if kind == ItemKind.SEAL else handover.due_on
        late = (item.handed_on > due) if item else today > due
        lines.append(ChecklistLine(kind, item, late))
    return HandoverView(
        handover,
        lines,
        overdue(handover.due_on, handover.completed_on, today),
        days_left(handover.due_on, today),
    )


def village_handovers(village: Region) -> QuerySet[Handover]:
    return Handover.objects.filter(village=village).select_related("election").order_by("-due_on")


def scoped_handovers(user: User | AnonymousUser) -> QuerySet[Handover]:
    return Handover.objects.filter(village__in=scoped_villages(user)).select_related(
        "village", "election"
    )


def township_rows(
    user: User | AnonymousUser, *, only_overdue: bool = False, today: date | None = None
) -> list[HandoverView]:
    """The handovers in the user's villages: overdue and still open first, then by deadline."""
    today = today or timezone.localdate()
    views = [handover_view(h, today) for h in scoped_handovers(user).prefetch_related("items")]
    if only_overdue:
        views = [v for v in views if v.overdue]
    open_first = sorted(
        views,
        key=lambda v: (
            v.handover.completed_on is not None,
            not v.overdue,
            v.handover.due_on,
            v.handover.village.code,
        ),
    )
    return open_first
