"""关于推荐会议人选发言顺序的公告: for each recommendation round whose speech order was drawn by
lot (SEED-GTZX-1), the people in their order, with the seed that replays the draw — printed in
the red-header style by the body that holds those meetings, one notice per side:

- the villagers' committee's posts: the village election committee;
- the party organization's posts (两推 / 三推, PRAC-2T1X-2, SEED-3T2S1X): the village party
  organization under the name it is kept by (as on its candidate list and results). Seed 001
  has the village party organization prepare the election and hold the 两推; the township
  committee only attends, and its own rounds have no speeches to draw (`speech_draw`).

A public document: names only. The caller has passed `access_village`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.documents.party_results import organization_name
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.elections.models import Body
from huanjie.nominations import recommendation as svc
from huanjie.nominations.selectors import village_nominations

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TEMPLATE = "documents/committee_notice.html"
TITLE = "关于推荐会议人选发言顺序的公告"
PARTY_TITLE = "关于村党组织换届推荐会议人选发言顺序的公告"
NOT_YET = "{village}还没有哪一轮{side}推荐会议抽签确定发言顺序，没有可以公告的内容。"


@dataclass(frozen=True)
class OrderLine:
    role: str
    names: str


def _day(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def speech_order_context(village: Region, body: str = Body.VILLAGERS_COMMITTEE) -> dict[str, Any]:
    """The drawn rounds of the body's election only: each side's notice is its own body's."""
    party = body == Body.PARTY_ORGANIZATION
    view = village_nominations(village, body)
    issuer = f"{village.name}村民选举委员会"
    if party:
        issuer = (
            organization_name(view.election)
            if view.election is not None
            else f"{village.name}党组织"
        )
    context: dict[str, Any] = {
        "title": PARTY_TITLE if party else TITLE,
        "village": village,
        "issuer": issuer,
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
        for p in view.posts
        if p.recruitment is not None
        for v in svc.round_views(p.recruitment)
        if v.round.draw_seed is not None
    ]
    if not drawn:
        side = "村党组织换届" if party else ""
        context["empty"] = NOT_YET.format(village=village.name, side=side)
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


def party_speech_order_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = {**speech_order_context(village, Body.PARTY_ORGANIZATION), **(extra or {})}
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)
