"""关于推荐会议人选发言顺序的公告: for each recommendation round whose speech order was drawn by
lot (SEED-GTZX-1), the people in their order, with the seed that replays the draw — printed in
the red-header style by the village election committee.

A public document: names only. The caller has passed `access_village`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.nominations import recommendation as svc
from huanjie.nominations.selectors import village_nominations

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TEMPLATE = "documents/committee_notice.html"
TITLE = "关于推荐会议人选发言顺序的公告"
NOT_YET = "{village}还没有哪一轮推荐会议抽签确定发言顺序，没有可以公告的内容。"


@dataclass(frozen=True)
class OrderLine:
    role: str
    names: str


def _day(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def speech_order_context(village: Region) -> dict[str, Any]:
    context: dict[str, Any] = {
        "title": TITLE,
        "village": village,
        "issuer": f"{village.name}村民选举委员会",
        "issued_on": timezone.localdate(),
        "author": village.name,
        "paragraphs": [],
        "composition": [],
        "groups": [],
        "after": [],
        "empty": "",
    }
    drawn = [
        v
        for p in village_nominations(village).posts
        if p.recruitment is not None
        for v in svc.round_views(p.recruitment)
        if v.round.draw_seed is not None
    ]
    if not drawn:
        context["empty"] = NOT_YET.format(village=village.name)
        return context
    context["issued_on"] = max(v.round.held_on for v in drawn)
    context["paragraphs"] = [
        "经抽签，各推荐会议人选的陈述发言顺序公告如下。抽签以报名编号为签，"
        "用所列种子可重放抽签，得到同样的顺序："
    ]
    context["composition"] = [
        OrderLine(
            f"{v.round.recruitment.get_post_display()}·{v.round.get_kind_display()}"
            f"（{_day(v.round.held_on)}，{v.round.place}，种子{v.round.draw_seed}）",
            "、".join(f"{n}.{a.person.name}" for n, a in enumerate(v.speakers, start=1)),
        )
        for v in drawn
    ]
    return context


def speech_order_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = {**speech_order_context(village), **(extra or {})}
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)
